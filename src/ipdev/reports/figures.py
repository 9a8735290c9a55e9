"""The statistics page's charts for a report's selection (one country, or every country, over
the report's years), as the report's reader may see them: the counts are general information
from the search index; participants are summed only where this reader may see them (the
consent rule, applied by `activities.statistics`)."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.http import QueryDict
from django.urls import reverse

from ipdev.activities import statistics
from ipdev.search.types import Query

from . import params
from .charts import Chart, activity_charts

COUNTRY_CHARTS = ("years", "participants", "categories", "clusters", "sdgs")
DA_CHARTS = (
    "clusters", "sdgs", "years", "participants", "bureaus", "regions", "categories", "countries",
)  # fmt: skip


def _selection(country: str, years: params.Years) -> QueryDict:
    """The statistics page's parameters for this selection."""
    query = QueryDict(mutable=True)
    if country:
        query["country"] = country
    if years.first is not None:
        query["year_from"] = str(years.first)
    if years.last is not None:
        query["year_to"] = str(years.last)
    return query


def source_url(*, country: str = "", years: params.Years) -> str:
    """The statistics page of the selection: where the charts' figures can be seen live."""
    selection = _selection(country, years).urlencode()
    return f"{settings.IPDEV_SITE_URL}{reverse('portal:statistics')}?{selection}".rstrip("?")


def report_charts(*, user, keys: tuple[str, ...], country: str = "", years: params.Years):
    """The charts named by `keys`, in that order, each with only its rows that hold data; a
    chart with none is left out."""
    filters = {"country": [country]} if country else {}
    query = Query(filters=filters, year_from=years.first, year_to=years.last, limit=0)
    stats = statistics.activity_statistics(user=user, query=query)
    charts = {
        c.key: c
        for c in activity_charts(stats, _selection(country, years), reverse("portal:search"))
    }
    found: list[Chart] = []
    for key in keys:
        chart = charts[key]
        rows = tuple(r for r in chart.rows if any(r.values[: chart.drawn]))
        if rows:
            found.append(replace(chart, rows=rows))
    return found
