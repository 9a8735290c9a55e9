"""``ipdev export_iati [filters] -o FILE``: the public IATI 2.03 file of the matching activities."""

from __future__ import annotations

import dataclasses
import sys

from django.core.management.base import BaseCommand, CommandError

from ipdev.activities import filters
from ipdev.activities.selectors import matching_activity_ids
from ipdev.iati.bulk import unmapped
from ipdev.iati.export.parallel import WORKERS, write_activities_parallel
from ipdev.search.types import FACETS


class Command(BaseCommand):
    help = "Write the activities matching the search filters as an IATI 2.03 file (public view)."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-", help="File to write ('-': stdout).")
        parser.add_argument("--q", default="", help="Free text, as in the portal search.")
        for facet in FACETS:
            option = f"--{facet.replace('_', '-')}"
            parser.add_argument(option, dest=facet, action="append", default=[], metavar="CODE")
        parser.add_argument("--year-from", dest="year_from")
        parser.add_argument("--year-to", dest="year_to")
        parser.add_argument(
            "--workers",
            type=int,
            default=WORKERS,
            help=f"Processes building the XML (default {WORKERS}; 1: this one alone).",
        )

    def handle(self, *args, **options):
        params = {facet: options[facet] for facet in FACETS if options[facet]}
        params.update({k: options[k] for k in ("year_from", "year_to") if options[k]})
        if options["q"]:
            params["q"] = options["q"]
        parsed = filters.parse(params, facets=False)
        if parsed.errors:
            raise CommandError("; ".join(f"{k}: {v}" for k, v in parsed.errors.items()))
        query = dataclasses.replace(parsed.query, facets=False)
        if options["workers"] < 1:
            raise CommandError("--workers: give 1 or more.")
        ids = matching_activity_ids(query)
        write = {"user": None, "workers": options["workers"]}
        with unmapped():
            if options["output"] == "-":
                count = write_activities_parallel(ids, sys.stdout.buffer, **write)
            else:
                with open(options["output"], "wb") as fh:
                    count = write_activities_parallel(ids, fh, **write)
        self.stderr.write(f"{count} activities written.")
