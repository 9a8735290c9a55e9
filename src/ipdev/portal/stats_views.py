"""Public statistics: charts of any activity search result, and of the roster, WIPO Match and
the requests for assistance. Each chart is a table first, drawn in the browser, with a CSV."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from ipdev.activities import filters, labels, statistics
from ipdev.matchmaking import selectors as match_selectors
from ipdev.planning import selectors as planning_selectors
from ipdev.reports.charts import Chart, activity_charts, cooperation_charts, find
from ipdev.reports.worldmap import world_map
from ipdev.roster import selectors as roster_selectors

from . import display
from .access import public


def _activity_charts(request: HttpRequest, parsed: filters.ParsedQuery, *, user=None):
    """The charts as `user` (default: the visitor) may see them."""
    user = request.user if user is None else user
    stats = statistics.activity_statistics(user=user, query=parsed.query)
    params = filters.canonical(request.GET) or request.GET
    return stats, activity_charts(stats, params, reverse("portal:search"))


def filter_chips(parsed: filters.ParsedQuery, params: QueryDict) -> list[display.ActiveFilter]:
    """The filters of this selection, each with a link to the statistics without it."""
    chips = []
    if parsed.query.text:
        chips.append(display.ActiveFilter(str(display.TITLES["q"]), parsed.query.text,
                                          display._replace(params, "q", [])))  # fmt: skip
    for name, values in parsed.active_filters.items():
        names = labels.facet_labels(name, values)
        for value in values:
            rest = [v for v in values if v != value]
            chips.append(display.ActiveFilter(str(display.TITLES[name]), names.get(value, value),
                                              display._replace(params, name, rest)))  # fmt: skip
    for name in ("year_from", "year_to"):
        if params.get(name) and name not in parsed.errors:
            chips.append(display.ActiveFilter(str(display.TITLES[name]), params[name],
                                              display._replace(params, name, [])))  # fmt: skip
    return chips


@public
@require_GET
def activities(request: HttpRequest) -> HttpResponse:
    if (ranged := filters.canonical(request.GET)) is not None:
        return redirect(f"{request.path}?{ranged.urlencode()}")  # older links' `year`
    parsed = filters.parse(request.GET, facets=False)
    stats, charts = _activity_charts(request, parsed)
    context = {
        "charts": charts[:-1],
        "country_chart": charts[-1],
        "map": world_map(charts[-1]),
        "total": stats.total,
        "chips": filter_chips(parsed, request.GET),
        "errors": display.field_errors(parsed),
        "filtered": bool(request.GET),
    }
    response = render(request, "portal/statistics.html", context)
    patch_cache_control(response, private=True)
    return response


def _csv(chart: Chart | None, name: str) -> HttpResponse:
    if chart is None:
        raise Http404("No such chart.")
    # With a byte order mark, as the other downloads, so that spreadsheets read it as UTF-8.
    body = "\ufeff" + chart.csv_text()
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    filename = f"ipdev-{name}-{chart.key}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True)
    return response


@public
@require_GET
def activities_csv(request: HttpRequest, key: str) -> HttpResponse:
    parsed = filters.parse(request.GET, facets=False)
    if parsed.errors:
        lines = [f"{e.title}: {e.message}" for e in display.field_errors(parsed)]
        body = "The download was not made because of these filters:\n" + "\n".join(lines) + "\n"
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    return _csv(find(_activity_charts(request, parsed)[1], key), "activities")


def _cooperation_charts() -> list[Chart]:
    return cooperation_charts(
        balance=roster_selectors.balance_statistics(),
        matches=match_selectors.matches_by_type(),
        requests=planning_selectors.requests_by_year(),
    )


@public
@require_GET
def cooperation(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/statistics_cooperation.html", {"charts": _cooperation_charts()})


@public
@require_GET
def cooperation_csv(request: HttpRequest, key: str) -> HttpResponse:
    return _csv(find(_cooperation_charts(), key), "cooperation")
