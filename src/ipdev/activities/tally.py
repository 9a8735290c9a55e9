"""Statistics of activities as pure functions over plain values (no database, no request)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .stats import Tally


@dataclass(frozen=True)
class GenderRow:
    """Participants of one start year, summed over the activities whose figures are public."""

    year: int
    activities: int
    total: int
    women: int
    men: int

    @property
    def not_stated(self) -> int:
        return max(0, self.total - self.women - self.men)

    @property
    def women_percent(self) -> float:
        return round(100 * self.women / self.total, 1) if self.total else 0.0


def tallies(
    counts: Mapping[str, int],
    labels: Mapping[str, str],
    *,
    order: Sequence[str] | None = None,
) -> list[Tally]:
    """Labelled counts: every code of `order` (zeros included, so that charts of different
    results compare), else the codes counted, the largest first and then by label."""
    if order is not None:
        codes = list(order)
    else:
        codes = sorted(counts, key=lambda c: (-counts[c], labels.get(c, c)))
    return [Tally(c, labels.get(c, c), counts.get(c, 0)) for c in codes]


def year_tallies(counts: Mapping[str, int]) -> list[Tally]:
    """Counts per year, oldest first, with the years in between that have none (as zeros)."""
    years = sorted(int(y) for y in counts if str(y).lstrip("-").isdigit())
    if not years:
        return []
    return [Tally(str(y), str(y), counts.get(str(y), 0)) for y in range(years[0], years[-1] + 1)]


def gender_by_year(
    rows: Iterable[tuple[int, int | None, int | None, int | None]],
) -> list[GenderRow]:
    """rows: (start year, total, women, men) of each activity whose participant figures may be
    shown. Activities without any figure are left out; a missing total is women plus men."""
    found: dict[int, list[int]] = {}
    for year, total, women, men in rows:
        if total is None and women is None and men is None:
            continue
        w, m = women or 0, men or 0
        t = total if total is not None else w + m
        entry = found.setdefault(year, [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += t
        entry[2] += w
        entry[3] += m
    return [GenderRow(y, *found[y]) for y in sorted(found)]


def class_breaks(values: Iterable[int], classes: int = 5) -> list[int]:
    """The lower bounds of up to `classes` colour classes for positive counts (a choropleth):
    quantiles of the distinct counts, so that a few large countries do not flatten the rest."""
    distinct = sorted({v for v in values if v > 0})
    if not distinct:
        return []
    if len(distinct) <= classes:
        return distinct
    picks = [distinct[round(i * (len(distinct) - 1) / classes)] for i in range(classes)]
    return sorted(set(picks))


def class_of(value: int, breaks: Sequence[int]) -> int:
    """The class (1..len(breaks)) of a count; 0 for none."""
    found = 0
    for n, low in enumerate(breaks, start=1):
        if value >= low:
            found = n
    return found
