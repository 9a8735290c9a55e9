"""Roll-ups of TISC figures and reporting rates: pure functions over plain rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

FIGURES = (
    "centres",
    "inquiries",
    "deliveries",
    "events",
    "women",
    "men",
    "trained_women",
    "trained_men",
)


@dataclass(frozen=True)
class ReportRow:
    """One approved report's figures, with what it rolls up by."""

    network: str
    region: str
    level: int
    year: int
    centres: int
    inquiries: int
    deliveries: int
    events: int
    women: int
    men: int
    trained_women: int
    trained_men: int


@dataclass
class Total:
    key: str
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))


def roll_up(rows: Iterable[ReportRow], by: str) -> list[Total]:
    """Sums by `network`, `region`, `level` or `year`, sorted by key. Centres are the most
    reported in any one period of a network and year (a quarter's count is not added to the
    next one's), then summed."""
    totals: dict[str, Total] = {}
    centres: dict[tuple, int] = defaultdict(int)
    for row in rows:
        key = str(getattr(row, by))
        total = totals.setdefault(key, Total(key))
        for name in FIGURES[1:]:
            total.values[name] += getattr(row, name)
        slot = (key, row.network, row.year)
        centres[slot] = max(centres[slot], row.centres)
    for (key, _network, _year), n in centres.items():
        totals[key].values["centres"] += n
    return [totals[k] for k in sorted(totals, key=lambda k: (len(k), k) if by != "year" else k)]


@dataclass(frozen=True)
class Rate:
    """Reporting completeness of one network in one year (as DHIS2 reckons it)."""

    year: int
    expected: int  # periods whose due date has passed (or already reported)
    received: int  # of those, reports sent for review (submitted or approved)
    on_time: int  # of those, first sent by the due date

    @property
    def reporting_rate(self) -> float | None:
        return None if not self.expected else round(100 * self.received / self.expected, 1)

    @property
    def on_time_rate(self) -> float | None:
        return None if not self.expected else round(100 * self.on_time / self.expected, 1)


def rates(periods: Iterable[tuple[int, int, bool, bool, bool]]) -> list[Rate]:
    """Rates per year from (year, quarter, due_passed, received, on_time) per period."""
    by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for year, _quarter, due_passed, received, on_time in periods:
        if not (due_passed or received):
            continue
        slot = by_year[year]
        slot[0] += 1
        slot[1] += int(received)
        slot[2] += int(received and on_time)
    return [Rate(y, *by_year[y]) for y in sorted(by_year)]
