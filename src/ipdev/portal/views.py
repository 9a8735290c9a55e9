"""The public portal: thin views over the activity selectors. Every view states its access."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ipdev.activities import exports, filters, selectors, stats
from ipdev.evaluation import selectors as evaluation_selectors
from ipdev.planning import selectors as planning_selectors

from . import display
from .access import public

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _wants_partial(request: HttpRequest) -> bool:
    """An htmx request from the search form; a history restore needs the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "totals": selectors.activity_totals(),
        "latest": selectors.latest_activities(limit=6),
        "bureaus": stats.bureau_totals(),
    }
    return render(request, "portal/home.html", context)


@public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET)
    page = selectors.activity_search(user=request.user, parsed=parsed)
    context = display.search_context(parsed, page, request.GET)
    template = "portal/_search_partial.html" if _wants_partial(request) else "portal/search.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


@public
@require_GET
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.activity_detail(user=request.user, pk=pk)
    evaluations = evaluation_selectors.activity_evaluation(
        activity=pk, narrative_visible=detail.shows("narrative")
    )
    context = {
        "activity": detail,
        "withheld": display.withheld_groups(detail),
        "evaluations": evaluations,
    }
    return render(request, "portal/activity.html", context)


@public
@require_GET
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    doc = selectors.document_for_download(
        user=request.user, activity_pk=pk, document_pk=document_pk
    )
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file of this document is missing.") from None
    name = Path(doc.file.name).name
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=doc.content_type
    )
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def countries(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/countries.html", {"bureaus": stats.country_list()})


@public
@require_GET
def country(request: HttpRequest, code: str) -> HttpResponse:
    profile = stats.country_profile(code=code)
    latest = filters.parse(
        {"country": profile.code, "sort": "newest", "per_page": "6"}, facets=False
    )
    by_year = stats.activities_by_year(country=profile.code)
    by_category = stats.activities_by_category(country=profile.code)
    context = {
        "country": profile,
        "latest": selectors.activity_search(user=request.user, parsed=latest).items,
        "by_year": by_year,
        "by_category": by_category,
        "year_max": max((t.count for t in by_year), default=0),
        "category_max": max((t.count for t in by_category), default=0),
        "plans": planning_selectors.plan_list(user=request.user, country=profile.code),
    }
    return render(request, "portal/country.html", context)


def _download_name(extension: str) -> str:
    return f"ipdev-activities-{timezone.localdate():%Y-%m-%d}.{extension}"


def _filter_errors(parsed: filters.ParsedQuery) -> HttpResponse:
    """A download with a filter that cannot be applied would be the wrong data: refuse it."""
    lines = [f"{e.title}: {e.message}" for e in display.field_errors(parsed)]
    body = _("The download was not made because of these filters:") + "\n" + "\n".join(lines) + "\n"
    return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")


@public
@require_GET
def download_csv(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    response = StreamingHttpResponse(
        exports.csv_rows(details), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name("csv")}"'
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def download_xlsx(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    # Removed when the response closes it, after the last byte is sent.
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        exports.write_xlsx(details, handle.name)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=_download_name("xlsx"), content_type=XLSX_TYPE
    )
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def plans(request: HttpRequest) -> HttpResponse:
    """Agreed country plans (and, signed in, the drafts one may see)."""
    rows = planning_selectors.plan_list(user=request.user)
    return render(request, "portal/plans.html", {"plans": rows})


@public
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    detail = planning_selectors.plan_detail(user=request.user, pk=pk)
    return render(request, "portal/plan.html", {"plan": detail, "row": detail.row})
