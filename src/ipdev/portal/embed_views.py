"""Charts and the map for use elsewhere: an embed page per chart (minimal chrome, the query in
its address, an attribution linking back) that other sites may frame, and each chart as an SVG
file. Both show what the public sees, whoever asks: general information and consented counts."""

from __future__ import annotations

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.timezone import localdate
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from ipdev.activities import filters
from ipdev.reports.charts import Chart, find
from ipdev.reports.pictures import picture_svg
from ipdev.reports.worldmap import world_map

from .access import public
from .stats_views import _activity_charts, _cooperation_charts


def _framable(view):
    """Other sites may frame this view (and only the embed views): CSP frame-ancestors from
    the setting IPDEV_EMBED_ANCESTORS, and no X-Frame-Options."""
    framed = csp_replace({"frame-ancestors": settings.IPDEV_EMBED_ANCESTORS})(view)
    return xframe_options_exempt(framed)


def _activity_chart(request: HttpRequest, key: str) -> tuple[Chart, str]:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        raise Http404("These filters are not valid; the statistics page names them.")
    # As the public sees it, whoever asks: an embed or a picture is shown to others.
    chart = find(_activity_charts(request, parsed, user=AnonymousUser())[1], key)
    if chart is None:
        raise Http404("No such chart.")
    params = (filters.canonical(request.GET) or request.GET).copy()
    params.pop("download", None)  # the picture's own switch, not part of the selection
    query = params.urlencode()
    return chart, reverse("portal:statistics") + (f"?{query}" if query else "")


def _cooperation_chart(key: str) -> tuple[Chart, str]:
    chart = find(_cooperation_charts(), key)
    if chart is None:
        raise Http404("No such chart.")
    return chart, reverse("portal:statistics_cooperation")


def _embed(request: HttpRequest, chart: Chart, source: str) -> HttpResponse:
    context = {
        "chart": chart,
        "map": world_map(chart) if chart.kind == "map" else None,
        "source": request.build_absolute_uri(f"{source}#chart-{chart.key}"),
        "licence": settings.IPDEV_DATA_LICENCE,
        "licence_url": settings.IPDEV_DATA_LICENCE_URL,
    }
    response = render(request, "portal/embed.html", context)
    patch_cache_control(response, public=True, max_age=900)
    return response


def _svg(request: HttpRequest, chart: Chart, source: str, name: str) -> HttpResponse:
    url = request.build_absolute_uri(source)
    body = picture_svg(chart, source_url=url)
    response = HttpResponse(body, content_type="image/svg+xml; charset=utf-8")
    filename = f"ipdev-{name}-{chart.key}-{localdate():%Y-%m-%d}.svg"
    if request.GET.get("download") != "0":
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=900)
    return response


@public
@_framable
@require_GET
def activities_embed(request: HttpRequest, key: str) -> HttpResponse:
    return _embed(request, *_activity_chart(request, key))


@public
@_framable
@require_GET
def cooperation_embed(request: HttpRequest, key: str) -> HttpResponse:
    return _embed(request, *_cooperation_chart(key))


@public
@require_GET
def activities_svg(request: HttpRequest, key: str) -> HttpResponse:
    return _svg(request, *_activity_chart(request, key), "activities")


@public
@require_GET
def cooperation_svg(request: HttpRequest, key: str) -> HttpResponse:
    return _svg(request, *_cooperation_chart(key), "cooperation")
