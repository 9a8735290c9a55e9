"""Report pages: the list of reports with their filters, each report as a web page, and the
PDF / XLSX downloads.

Reports are built for the requesting user through the selectors, so the consent rule decides
what each visitor's copy contains; anyone may ask for one.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from ipdev.activities import stats
from ipdev.reports import build

from .access import public


def _send(built: build.Built) -> HttpResponse:
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


def _page(
    request: HttpRequest, errors: dict | None = None, status: int = 200, country: str = ""
) -> HttpResponse:
    context = {
        "bureaus": stats.country_list(beneficiaries_only=True),
        "last_year": timezone.localdate().year - 1,
        "chosen": request.GET,
        "chosen_country": (country or request.GET.get("country", "")).upper(),
        "errors": errors or {},
    }
    return render(request, "portal/reports.html", context, status=status)


@public
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    return _page(request)


def _show(request: HttpRequest, report, name: str, *args: str) -> HttpResponse:
    """The report as a web page: the PDF's contents, charts and tables, with the downloads of
    the same report (`name`, `args`: its address without the format)."""
    query = request.GET.copy()
    for key in ("country", "format"):
        query.pop(key, None)
    suffix = f"?{query.urlencode()}" if query else ""
    context = build.page_context(report)
    context["data_tables"] = True
    context["downloads"] = [
        (label, reverse(f"portal:{name}", args=[*args, fmt]) + suffix)
        for fmt, label in (("pdf", "PDF"), ("xlsx", "XLSX"))
    ]
    response = render(request, "portal/report.html", context)
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


@public
@require_GET
def country_report(request: HttpRequest, code: str = "", fmt: str = "") -> HttpResponse:
    """`/reports/country/KE.html` (or .pdf, .xlsx), or the form's
    `/reports/country/?country=KE&format=html`."""
    code = code or request.GET.get("country", "")
    fmt = fmt or request.GET.get("format", "")
    try:
        if fmt == "html":
            report = build.country_data(user=request.user, code=code, query=request.GET)
            return _show(request, report, "country_report", code.strip().upper())
        built = build.country_report(user=request.user, code=code, query=request.GET, fmt=fmt)
    except ValidationError as exc:
        return _page(request, exc.message_dict, status=400, country=code)
    return _send(built)


@public
@require_GET
def da_report(request: HttpRequest, fmt: str = "") -> HttpResponse:
    fmt = fmt or request.GET.get("format", "")
    last_year = timezone.localdate().year - 1
    try:
        if fmt == "html":
            report = build.da_data(user=request.user, query=request.GET, default_year=last_year)
            return _show(request, report, "da_report")
        built = build.da_report(
            user=request.user, query=request.GET, fmt=fmt, default_year=last_year
        )
    except ValidationError as exc:
        return _page(request, exc.message_dict, status=400)
    return _send(built)
