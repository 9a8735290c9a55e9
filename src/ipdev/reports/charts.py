"""The charts of the statistics pages and the reports as plain tables: one object gives the HTML
table, the chart drawn from it (in the browser, or as SVG by `chart_svg`) and the CSV download,
so that they always agree."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from ipdev.activities.statistics import ActivityStatistics
from ipdev.activities.stats import Tally


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: tuple[float, ...]
    href: str = ""  # the search narrowed to this row, where there is one
    code: str = ""  # the facet value of the row, where there is one


@dataclass(frozen=True)
class Chart:
    key: str  # in the element ids and the CSV address
    title: str
    caption: str
    heading: str  # of the label column
    columns: tuple[str, ...]
    rows: tuple[ChartRow, ...]
    kind: str = "bar"  # bar, hbar (horizontal) or map
    stacked: bool = False
    series: int = 0  # how many of the columns are drawn (0: all); the rest are table-only
    note: str = ""

    @property
    def empty(self) -> bool:
        return not any(v for row in self.rows for v in row.values)

    @property
    def drawn(self) -> int:
        return self.series or len(self.columns)

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([str(self.heading), *map(str, self.columns)])
        for row in self.rows:
            writer.writerow([row.label, *(_plain(v) for v in row.values)])
        return out.getvalue()


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def narrowed(params: QueryDict, facet: str, value: str) -> str:
    """The query string of the activity search with one more filter value, from page one (a
    year as the year range, which the search page shows as one control)."""
    copy = params.copy()
    for key in ("page", "per_page"):
        copy.pop(key, None)
    if facet == "year":
        copy.pop("year", None)
        copy["year_from"] = copy["year_to"] = value
        return "?" + copy.urlencode()
    values = copy.getlist(facet)
    if value not in values:
        copy.setlist(facet, [*values, value])
    return "?" + copy.urlencode()


def _tally_rows(tallies: Iterable[Tally], facet: str, params: QueryDict, search: str):
    return tuple(
        ChartRow(t.label, (t.count,), f"{search}{narrowed(params, facet, t.code)}", t.code)
        for t in tallies
    )


ACTIVITIES = _("Activities")


def activity_charts(stats: ActivityStatistics, params: QueryDict, search: str) -> list[Chart]:
    """The charts of an activity search result (`search`: the search page's address)."""
    by = stats.by

    def facet_chart(key, facet, title, caption, heading, kind="hbar") -> Chart:
        rows = _tally_rows(by.get(facet, []), facet, params, search)
        return Chart(key, title, caption, heading, (ACTIVITIES,), rows, kind=kind)

    charts = [
        facet_chart("years", "year", _("Activities by year"),
                    _("Activities by the year they started"), _("Year"), kind="bar"),
        facet_chart("bureaus", "bureau", _("Activities by regional bureau"),
                    _("Activities by WIPO regional bureau of the beneficiary countries"),
                    _("Regional bureau")),
        facet_chart("regions", "region", _("Activities by region"),
                    _("Activities by UN region of the beneficiary countries"), _("Region")),
        facet_chart("categories", "category", _("Activities by category"),
                    _("Activities by category of assistance"), _("Category")),
        facet_chart("clusters", "cluster", _("Activities by Development Agenda cluster"),
                    _("Activities by cluster of the Development Agenda recommendations they "
                      "implement"), _("Cluster")),
        facet_chart("sdgs", "sdg", _("Activities by Sustainable Development Goal"),
                    _("Activities by the Sustainable Development Goals they contribute to"),
                    _("Goal")),
    ]  # fmt: skip
    charts.insert(3, participants_chart(stats))
    charts.append(
        Chart(
            "countries",
            _("Activities by beneficiary country"),
            _("Activities by beneficiary country, the most first"),
            _("Country"),
            (ACTIVITIES,),
            tuple(r for r in _tally_rows(by.get("country", []), "country", params, search)),
            kind="map",
            note=_("An activity for several countries counts once for each of them."),
        )
    )
    return charts


def participants_chart(stats: ActivityStatistics) -> Chart:
    rows = tuple(
        ChartRow(str(r.year), (r.women, r.men, r.not_stated, r.activities, r.women_percent))
        for r in stats.participants
    )
    note = ngettext(
        "The participants of %(n)s activity of this selection are not counted: the beneficiary "
        "country has not consented to publishing them.",
        "The participants of %(n)s activities of this selection are not counted: the "
        "beneficiary countries have not consented to publishing them.",
        stats.participants_withheld,
    ) % {"n": number_format(stats.participants_withheld, force_grouping=True)}
    return Chart(
        "participants",
        _("Participants by gender"),
        _("Participants by gender and the year the activity started"),
        _("Year"),
        (_("Women"), _("Men"), _("Not stated"), _("Activities counted"), _("Women (%)")),
        rows,
        stacked=True,
        series=3,
        note=note if stats.participants_withheld else "",
    )


def find(charts: Iterable[Chart], key: str) -> Chart | None:
    return next((c for c in charts if c.key == key), None)


GENDERS = {
    "female": _("Women"),
    "male": _("Men"),
    "other": _("Other"),
    "undisclosed": _("Not stated"),
}


def cooperation_charts(*, balance, matches, requests) -> list[Chart]:
    """The roster's balance, WIPO Match's successful matches and the requests for assistance
    (`balance`: roster selectors' Balance; `matches`: MatchTypeRow list; `requests`: per year)."""
    share_columns = (_("Consultants"), _("Share (%)"))
    return [
        Chart(
            "roster-gender",
            _("Consultants on the roster by gender"),
            _("Consultants on the public roster by gender"),
            _("Gender"),
            share_columns,
            tuple(
                ChartRow(str(GENDERS.get(s.code, s.label)), (s.count, s.percent))
                for s in balance.roster_gender
            ),
            series=1,
        ),
        Chart(
            "roster-region",
            _("Consultants on the roster by region of nationality"),
            _("Consultants on the public roster by WIPO regional bureau of their nationality"),
            _("Regional bureau"),
            share_columns,
            tuple(ChartRow(s.label, (s.count, s.percent)) for s in balance.roster_bureau),
            kind="hbar",
            series=1,
        ),
        Chart(
            "assignments",
            _("Assignments of consultants by year and gender"),
            _("Assignments of consultants by the year they started and the consultant's gender"),
            _("Year"),
            tuple(GENDERS.values()),
            tuple(
                ChartRow(str(y.year), tuple(y.genders.get(g, 0) for g in GENDERS))
                for y in balance.years
            ),
            stacked=True,
        ),
        Chart(
            "matches",
            _("Successful matches by type of cooperation"),
            _("Successful WIPO Match matches by type of cooperation and state"),
            _("Type of cooperation"),
            (
                pgettext_lazy("match state", "Agreed"),
                _("In progress"),
                pgettext_lazy("match state", "Completed"),
            ),
            tuple(ChartRow(m.label, m.counts) for m in matches),
            kind="hbar",
            stacked=True,
        ),
        Chart(
            "requests",
            _("Requests for assistance and activities delivered"),
            _("Requests for technical assistance by the year they were filed, their decisions "
              "and the activities delivered"),
            _("Year"),
            (_("Requested"), _("Approved"), _("Delivered"), _("Deferred"), _("Declined"),
             _("Pending")),
            tuple(
                ChartRow(str(r.year), (r.requested, r.approved, r.delivered, r.deferred,
                                       r.declined, r.pending))
                for r in requests
            ),
            series=3,
            note=_("All countries together; each country's figures are in the staff report."),
        ),
    ]  # fmt: skip
