"""Statistics of any activity search result, for the public charts. Read-only selectors.

Counts of activities are general information: they come from the search engine's exact facet
counts over the query (one pass, any data size). Participant figures are details: they are
summed only over the activities whose participants group this viewer may see, as decided by the
visibility rule, so that no total reveals a figure that is not public.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Max

from ipdev.reference.models import Bureau, DACluster, Region
from ipdev.search import engine
from ipdev.search.types import Query

from . import labels, tally
from .models import Activity, DetailGroup
from .stats import Tally
from .visibility import ConsentIndex, Viewer

CHUNK = 2000
SDGS = tuple(str(n) for n in range(1, 18))


@dataclass
class ActivityStatistics:
    total: int
    by: dict[str, list[Tally]] = field(default_factory=dict)
    participants: list[tally.GenderRow] = field(default_factory=list)
    # Matching activities whose participant figures this viewer may not see (not counted).
    participants_withheld: int = 0

    @property
    def participants_counted(self) -> int:
        return sum(r.activities for r in self.participants)


@dataclass(frozen=True)
class Freshness:
    activities: int
    countries: int
    updated_at: dt.datetime | None


def _orders() -> dict[str, list[str]]:
    """The closed vocabularies charted in full (zeros too); the others show what is counted."""
    return {
        "bureau": list(Bureau.objects.order_by("name").values_list("code", flat=True)),
        "region": list(
            Region.objects.filter(parent_id="001").order_by("name").values_list("code", flat=True)
        ),
        "cluster": list(DACluster.objects.order_by("code").values_list("code", flat=True)),
        "sdg": list(SDGS),
    }


def activity_statistics(*, user, query: Query) -> ActivityStatistics:
    """Counts per year, bureau, continent, category, DA cluster, SDG and country of the
    activities matching `query`, and their participants by gender as this user may see them."""
    result = engine.result_counts(query)
    counts = {f: {v.value: v.count for v in values} for f, values in result.facets.items()}
    orders = _orders()
    stats = ActivityStatistics(total=result.total)
    stats.by["year"] = tally.year_tallies(counts.get("year", {}))
    for facet in ("bureau", "region", "category", "cluster", "sdg", "country"):
        found = counts.get(facet, {})
        names = labels.facet_labels(facet, list(found))
        stats.by[facet] = tally.tallies(found, names, order=orders.get(facet))
    rows, withheld = _participants(Viewer.of(user), query)
    stats.participants = tally.gender_by_year(rows)
    stats.participants_withheld = withheld
    return stats


def _id_chunks(query: Query) -> Iterator[list[int]]:
    ids: list[int] = []
    for pk in engine.matching_ids(query, chunk=CHUNK):
        ids.append(pk)
        if len(ids) >= CHUNK:
            yield ids
            ids = []
    if ids:
        yield ids


def _participants(viewer: Viewer, query: Query) -> tuple[list[tuple], int]:
    """(year, total, women, men) of the matching activities whose participants group the
    viewer may see, and how many matching activities are left out because it may not."""
    rows: list[tuple] = []
    withheld = 0
    for ids in _id_chunks(query):
        countries: dict[int, list[str]] = {}
        through = Activity.countries.through.objects.filter(activity_id__in=ids)
        for activity_id, code in through.values_list("activity_id", "country_id"):
            countries.setdefault(activity_id, []).append(code)
        index = ConsentIndex.load(ids)
        found = Activity.objects.filter(pk__in=ids).values_list(
            "id", "start_date__year", "participants_total", "participants_women",
            "participants_men", "source",
        )  # fmt: skip
        for pk, year, total, women, men, source in found:
            groups = index.visible_groups(viewer, pk, countries.get(pk, []), source)
            if DetailGroup.PARTICIPANTS in groups:
                rows.append((year, total, women, men))
            else:
                withheld += 1
    return rows, withheld


def activity_freshness() -> Freshness:
    """How many activities and beneficiary countries there are, and when data last changed."""
    found = Activity.objects.aggregate(
        n=Count("id", distinct=True),
        countries=Count("countries", distinct=True),
        last=Max("updated_at"),
    )
    return Freshness(activities=found["n"], countries=found["countries"], updated_at=found["last"])
