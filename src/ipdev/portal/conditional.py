"""Conditional requests for anonymous page views, answered before any page is built.

A public page depends on the data, the day (consents start and end on dates), the language, the
address and the build. Every write goes through a service that writes an audit entry, and every
change to the search index moves its log, so the newest audit entry and the index's generation
say whether anything changed; an IATI import that changed nothing still shows in the pages'
banner, so the newest import run and its status count too (`data_state`: one query of indexed
look-ups, read once per request). A visitor whose browser holds the page gets
"304 Not Modified" without the page being rendered again. Requests with a session (signed-in
users, messages) are left alone: what they see depends on more than the data.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import connection
from django.http import HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag

from ipdev.core.audit import latest_entry_column
from ipdev.core.language_urls import split_language
from ipdev.iati.selectors import newest_run_columns
from ipdev.search.engine import generation_columns

VARY = ("Cookie", "Accept-Language", "HX-Request", "HX-History-Restore-Request")
SKIPPED = (
    "/api/",
    "/backoffice/",
    "/workspace/",
    "/accounts/",
    "/survey/",
    "/i18n/",
    "/static/",
    "/media/",
    "/health/",
    "/ready/",
    "/downloads/",  # (a prepared download's page changes as the job runs, not with the data)
)


def _state_sql() -> str:
    columns = [latest_entry_column(), *generation_columns(), *newest_run_columns()]
    return "SELECT " + ", ".join(columns)


def data_state(request=None) -> tuple:
    """What every public page moves with: the newest audit entry, the search index's epoch and
    last change, the newest IATI import run and its status. Read once per request (kept on it)."""
    state = getattr(request, "_ipdev_data_state", None)
    if state is None:
        with connection.cursor() as cursor:
            cursor.execute(_state_sql())
            state = tuple(cursor.fetchone())
        if request is not None:
            request._ipdev_data_state = state
    return state


def page_tag(request) -> str:
    parts = [
        settings.IPDEV_BUILD,
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
        timezone.localdate().isoformat(),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),  # forms in the page carry it
        # htmx asks the same address for a part of the page: never the whole page's tag.
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-History-Restore-Request", ""),
        repr(data_state(request)),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


class ConditionalPages:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or split_language(request.path_info)[1].startswith(SKIPPED)
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        etag = quote_etag(page_tag(request))
        if etag in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            patch_vary_headers(response, VARY)
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.has_header("ETag")
            and settings.SESSION_COOKIE_NAME not in response.cookies
        ):
            response["ETag"] = etag
            patch_cache_control(response, no_cache=True)
            patch_vary_headers(response, VARY)
        return response
