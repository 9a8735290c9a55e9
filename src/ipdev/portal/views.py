"""The public portal: thin views over the activity selectors. Every view states its access."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ipdev.activities import consents, export_files, exports, filters, selectors, stats
from ipdev.evaluation import selectors as evaluation_selectors
from ipdev.iati.export.prepared import iati_export_request
from ipdev.iati.export.writer import stream_activities
from ipdev.planning import selectors as planning_selectors
from ipdev.tisc import selectors as tisc_selectors

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
    counted = stats.counts()  # every activity by facet, from the search index
    context = {
        "totals": selectors.activity_totals(counted),
        "latest": selectors.latest_activities(limit=6),
        "bureaus": stats.bureau_totals(counted[1]),
    }
    return render(request, "portal/home.html", context)


@public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    if (ranged := filters.canonical(request.GET)) is not None:
        return redirect(f"{request.path}?{ranged.urlencode()}")  # older links' `year`
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
    withheld = display.withheld_groups(detail)
    context = {
        "activity": detail,
        "withheld": withheld,
        "evaluations": evaluations,
        # For the focal points of its countries (and staff): what is public, and the forms
        # that give, renew or revoke consent (they post to the back office's consent views).
        "consent_panel": consents.consent_panel(user=request.user, pk=detail.id),
        "may_request_details": bool(withheld) and detail.source == "ipdev",
        "tisc_networks": tisc_selectors.activity_networks(activity=detail.id),
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
    code = code.upper()
    counted = stats.counts({"country": [code]})  # one read of the search index's counts
    profile = stats.country_profile(code=code, counted=counted)
    latest = filters.parse(
        {"country": profile.code, "sort": "newest", "per_page": "6"}, facets=False
    )
    by_year = stats.activities_by_year(country=profile.code, counted=counted)
    by_category = stats.activities_by_category(country=profile.code, counted=counted)
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


def _about(request: HttpRequest) -> exports.About:
    """What a download says about itself: the search (as the reader set it) and its page."""
    params = request.GET.copy()
    for name in ("page", "per_page"):
        params.pop(name, None)
    shown = [
        (str(display.TITLES.get(name, name)), value)
        for name, values in params.lists()
        for value in values
        if value
    ]
    query = params.urlencode()
    url = settings.IPDEV_SITE_URL + reverse("portal:search") + (f"?{query}" if query else "")
    return exports.About(search_url=url, filters=shown, made_at=timezone.now())


def _filter_errors(parsed: filters.ParsedQuery) -> HttpResponse:
    """A download with a filter that cannot be applied would be the wrong data: refuse it."""
    lines = [f"{e.title}: {e.message}" for e in display.field_errors(parsed)]
    body = _("The download was not made because of these filters:") + "\n" + "\n".join(lines) + "\n"
    return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")


def _streamed(request: HttpRequest, chunks, content_type: str, extension: str) -> HttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_download_name(extension)}"'
    response["Content-Language"] = get_language()
    patch_cache_control(response, private=True)
    return response


def _prepared_instead(request: HttpRequest, parsed, fmt: str) -> HttpResponse | None:
    """A large download is built by a job: send the reader to the page that waits for it."""
    if not export_files.built_in_background(parsed.query):
        return None
    asked = {"user": request.user, "query": parsed.query, "language": get_language()}
    if fmt == "xml":
        prepared = iati_export_request(**asked, about=_about(request))
    else:
        prepared = export_files.export_request(**asked, fmt=fmt, about=_about(request))
    return redirect("portal:download_prepared", prepared.token)


@public
@require_GET
def download_csv(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    if prepared := _prepared_instead(request, parsed, "csv"):
        return prepared
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    chunks = exports.csv_rows(details, about=_about(request))
    return _streamed(request, chunks, "text/csv; charset=utf-8", "csv")


@public
@require_GET
def download_json(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    if prepared := _prepared_instead(request, parsed, "json"):
        return prepared
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    chunks = exports.json_chunks(details, about=_about(request))
    return _streamed(request, chunks, "application/json; charset=utf-8", "json")


@public
@require_GET
def download_xlsx(request: HttpRequest) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    if prepared := _prepared_instead(request, parsed, "xlsx"):
        return prepared
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    # Removed when the response closes it, after the last byte is sent.
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115
    try:
        exports.write_xlsx(details, handle.name, about=_about(request))
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=_download_name("xlsx"), content_type=XLSX_TYPE
    )
    response["Content-Language"] = get_language()
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def download_xml(request: HttpRequest) -> HttpResponse:
    """The search as one IATI 2.03 activity file (as the API's ``activities.xml``)."""
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        return _filter_errors(parsed)
    if prepared := _prepared_instead(request, parsed, "xml"):
        return prepared
    details = selectors.activity_details_stream(user=request.user, query=parsed.query)
    return _streamed(request, stream_activities(details), IATI_TYPE, "xml")


IATI_TYPE = export_files.CONTENT_TYPES["xml"]


@public
@require_GET
def download_prepared(request: HttpRequest, token: str) -> HttpResponse:
    """The page that waits for a large download (htmx asks for it again until it is ready),
    then offers the file. Only for readers of the audience the file was built for."""
    prepared = export_files.prepared_for(token=token, user=request.user)
    response = render(request, "portal/download_prepared.html", {"prepared": prepared})
    patch_cache_control(response, private=True, no_store=True)
    return response


@public
@require_GET
def download_prepared_file(request: HttpRequest, token: str) -> FileResponse:
    return export_files.file_response(token=token, user=request.user)


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


@public
@require_GET
def da_projects(request: HttpRequest) -> HttpResponse:
    """Development Agenda projects, with their activities delivered."""
    return render(
        request, "portal/da_projects.html", {"projects": planning_selectors.da_project_list()}
    )


@public
@require_GET
def da_project(request: HttpRequest, code: str) -> HttpResponse:
    detail = planning_selectors.da_project_detail(code=code)
    return render(request, "portal/da_project.html", {"p": detail, "row": detail.row})
