"""Public pages of the roster of consultants: thin views over the roster selectors."""

from __future__ import annotations

import csv
from pathlib import Path

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ipdev.roster import selectors

from .access import public

FACET_TITLES = {
    "ip_area": _("Expertise"),
    "language": _("Language"),
    "nationality": _("Nationality"),
    "gender": _("Gender"),
    "region": _("Region of experience"),
}


@public
@require_GET
def roster(request: HttpRequest) -> HttpResponse:
    query = selectors.parse(request.GET)
    page = selectors.roster_search(user=request.user, query=query)
    groups = [
        {"name": name, "title": FACET_TITLES[name], "options": page.facets[name]}
        for name in selectors.FACETS
        if name in page.facets
    ]
    context = {"page": page, "query": query, "facet_groups": groups, "q": query.text}
    return render(request, "portal/roster.html", context)


@public
@require_GET
def consultant(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.consultant_profile(user=request.user, pk=pk)
    response = render(request, "portal/consultant.html", {"c": profile})
    if profile.private is not None:
        patch_cache_control(response, private=True, no_store=True)
    return response


@public
@require_GET
def consultant_cv(request: HttpRequest, pk: int) -> FileResponse:
    c = selectors.cv_for_download(user=request.user, pk=pk)
    try:
        handle = c.cv.open("rb")
    except FileNotFoundError:
        raise Http404("The CV file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=Path(c.cv.name).name,
        content_type=c.cv_content_type or "application/octet-stream",
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@public
@require_GET
def balance(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/roster_balance.html", {"b": selectors.balance_statistics()})


class _Echo:
    def write(self, value: str) -> str:
        return value


@public
@require_GET
def roster_csv(request: HttpRequest) -> HttpResponse:
    query = selectors.parse(request.GET)
    if query.errors:
        lines = "\n".join(f"{k}: {v}" for k, v in query.errors.items())
        return HttpResponse(lines + "\n", status=400, content_type="text/plain; charset=utf-8")
    writer = csv.writer(_Echo())
    rows = selectors.roster_download_rows(user=request.user, query=query)
    response = StreamingHttpResponse(
        (writer.writerow(r) for r in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="ipdev-roster.csv"'
    return response
