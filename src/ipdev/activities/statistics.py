"""Statistics of any activity search result, for the public charts. Read-only selectors.

Counts of activities are general information: they come from the search engine's exact facet
counts over the query (one pass, any data size). Participant figures are details: they are
summed only over the activities whose participants group this viewer may see, as decided by the
visibility rule, so that no total reveals a figure that is not public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ipdev.reference.models import Bureau, DACluster, Region
from ipdev.search import engine
from ipdev.search.types import Query

from . import labels, participants, tally
from .models import Activity
from .stats import Tally
from .visibility import Viewer

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
    # Participant figures are details: summed only where this viewer may see them.
    sums, withheld = participants.sums_by_year(
        viewer=Viewer.of(user), ids=engine.matching_array(query)
    )
    stats.participants = [tally.GenderRow(*row) for row in sums]
    stats.participants_withheld = withheld
    return stats


def activity_freshness() -> Freshness:
    """How many activities and beneficiary countries there are, and when data last changed.

    Every page shows it, so it costs what it shows: the totals are the search index's counts
    (kept exact on every write), the last change one look-up in the updated_at index."""
    counts = engine.result_counts(Query(facets=True))
    countries = sum(1 for value in counts.facets.get("country", []) if value.count)
    last = Activity.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return Freshness(activities=counts.total, countries=countries, updated_at=last)
