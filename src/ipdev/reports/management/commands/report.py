"""`ipdev report country KE --format pdf -o FILE` and `ipdev report da --year 2026 ...`."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import timezone, translation

from ipdev.reports import build


class Command(BaseCommand):
    help = "Build the country report or the Development Agenda report as PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["country", "da"])
        parser.add_argument("code", nargs="?", default="", help="ISO code of the country")
        parser.add_argument("--format", default="pdf", help="pdf or xlsx")
        parser.add_argument("-o", "--output", required=True, help="the file to write")
        parser.add_argument("--year", default="", help="one year")
        parser.add_argument("--year-from", default="")
        parser.add_argument("--year-to", default="")
        parser.add_argument("--language", default="en", help="ar, zh-hans, en, fr, ru or es")
        parser.add_argument(
            "--as-user",
            default="",
            help="build as this user (staff see every detail); default: the public view",
        )

    def handle(self, *args, **opts):
        user = None
        if opts["as_user"]:
            user = get_user_model().objects.filter(username=opts["as_user"]).first()
            if user is None:
                raise CommandError(f"--as-user: no user '{opts['as_user']}'.")
        query = {"year": opts["year"], "year_from": opts["year_from"], "year_to": opts["year_to"]}
        try:
            with translation.override(opts["language"]):
                if opts["kind"] == "country":
                    if not opts["code"]:
                        raise CommandError("country: give the country's ISO code.")
                    built = build.country_report(
                        user=user, code=opts["code"], query=query, fmt=opts["format"]
                    )
                else:
                    built = build.da_report(
                        user=user,
                        query=query,
                        fmt=opts["format"],
                        default_year=timezone.localdate().year - 1,
                    )
        except ValidationError as exc:
            lines = [f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items()]
            raise CommandError("; ".join(lines)) from None
        except Http404 as exc:
            raise CommandError(str(exc)) from None
        Path(opts["output"]).write_bytes(built.content)
        self.stdout.write(f"{opts['output']}: {len(built.content):,} bytes")
