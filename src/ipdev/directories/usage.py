"""Counting the use of the directories without keeping personal data.

A successful GET of a directory page counts a page view (or a download, for files and lists in
CSV or Excel) for the directory, the year and the visitor's country. The country comes from the
address through iptocc, an offline table shipped in a maintained package (the address is looked
up and forgotten), and otherwise from the signed-in user's profile (their organisation's country,
or the one country they are focal point for). A browser is counted once a year per directory as
a user: it keeps a cookie holding only the year and the directories it has seen.
"""

from __future__ import annotations

import datetime as dt
import ipaddress

from django.utils import timezone

from ipdev.core.throttle import client_address

from . import services
from .models import Directory

COOKIE = "ipdev_directories_seen"

# URL names of the directories' pages -> (directory, download?); others are not counted.
PAGES: dict[str, tuple[str, bool]] = {}
for _name in ("registers", "register", "registers_csv", "registers_xlsx"):
    PAGES[_name] = (Directory.REGISTERS, _name.endswith(("csv", "xlsx")))
for _name in ("databases", "database", "databases_compare", "databases_csv", "databases_xlsx"):
    PAGES[_name] = (Directory.DATABASES, _name.endswith(("csv", "xlsx")))
for _name in ("landscapes", "landscapes_csv", "landscapes_xlsx", "landscape_file"):
    PAGES[_name] = (Directory.LANDSCAPES, _name.endswith(("csv", "xlsx", "file")))
for _name in ("policies", "policy", "national_models", "policies_csv", "policies_xlsx",
              "policy_document"):  # fmt: skip
    PAGES[_name] = (Directory.POLICIES, _name.endswith(("csv", "xlsx", "document")))


def country_of(*, address: str, user) -> str:
    """The visitor's country (ISO alpha-2) or '' when it cannot be told."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        ip = None
    if ip is not None and ip.is_global:
        import iptocc

        code = iptocc.country_code(str(ip))
        if code:
            return code.upper()
    if getattr(user, "is_authenticated", False):
        organisation = getattr(user, "organisation", None)
        if organisation is not None and organisation.country_id:
            return organisation.country_id
        codes = user.focal_country_codes()
        if len(codes) == 1:
            return next(iter(codes))
    return ""


class UseCounter:
    """Middleware: counts successful GETs of the directories' pages (see the module's doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method != "GET"
            or response.status_code != 200
            or match is None
            or match.namespace != "directories"
            or match.url_name not in PAGES
        ):
            return response
        directory, download = PAGES[match.url_name]
        year = timezone.localdate().year
        seen_year, _sep, seen = request.COOKIES.get(COOKIE, "").partition(":")
        seen_set = set(seen.split(",")) if seen_year == str(year) and seen else set()
        kinds = ["download" if download else "view"]
        if directory not in seen_set:
            kinds.append("visitor")
            seen_set.add(directory)
            end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
            response.set_cookie(
                COOKIE,
                f"{year}:{','.join(sorted(seen_set))}",
                max_age=max(60, int((end - timezone.now()).total_seconds())),
                samesite="Lax",
                httponly=True,
            )
        country = country_of(address=client_address(request), user=request.user)
        services.use_record(directory=directory, kinds=kinds, country=country, year=year)
        return response
