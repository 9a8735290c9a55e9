"""Balance statistics of the roster (gender, geography), as pure functions over plain rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GENDERS = ("female", "male", "other", "undisclosed")


@dataclass(frozen=True)
class Share:
    code: str
    label: str
    count: int
    percent: float


@dataclass
class YearRow:
    year: int
    total: int
    genders: dict[str, int]
    bureaus: dict[str, int]

    @property
    def women_percent(self) -> float:
        return _percent(self.genders.get("female", 0), self.total)


@dataclass
class Balance:
    on: dt.date
    roster_total: int
    roster_gender: list[Share]
    roster_bureau: list[Share]
    roster_status: list[Share]
    years: list[YearRow] = field(default_factory=list)
    bureau_names: dict[str, str] = field(default_factory=dict)

    @property
    def assignment_total(self) -> int:
        return sum(y.total for y in self.years)

    @property
    def year_max(self) -> int:
        return max((y.total for y in self.years), default=0)

    @property
    def year_bureaus(self) -> list[str]:
        """The bureaus that appear in any year, for the table's columns."""
        seen = {code for y in self.years for code in y.bureaus}
        return sorted(seen, key=lambda c: self.bureau_names.get(c, c))


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def shares(counts: Mapping[str, int], labels: Mapping[str, str], order=None) -> list[Share]:
    """Counts as shares of their total, in the given order (else the largest first)."""
    total = sum(counts.values())
    codes = [c for c in order if c in counts] if order else sorted(counts, key=lambda c: -counts[c])
    return [Share(c, labels.get(c, c), counts[c], _percent(counts[c], total)) for c in codes]


GENDER_LABELS = {
    "female": "Women",
    "male": "Men",
    "other": "Other",
    "undisclosed": "Not stated",
}
STATUS_LABELS = {
    "ldc": "Least developed countries",
    "developing": "Developing countries",
    "transition": "Countries in transition",
    "developed": "Developed countries",
}


def balance(
    *,
    roster: Iterable[tuple[str, str, str]],
    assignments: Iterable[tuple[int, str, str]],
    bureau_names: Mapping[str, str],
    on: dt.date,
) -> Balance:
    """roster: (gender, nationality's bureau, nationality's development status) per consultant;
    assignments: (start year, consultant's gender, nationality's bureau) per assignment."""
    gender, bureau, status = Counter(), Counter(), Counter()
    total = 0
    for g, b, s in roster:
        total += 1
        gender[g] += 1
        bureau[b] += 1
        status[s] += 1
    years: dict[int, YearRow] = {}
    for year, g, b in assignments:
        row = years.setdefault(year, YearRow(year, 0, Counter(), Counter()))
        row.total += 1
        row.genders[g] += 1
        row.bureaus[b] += 1
    return Balance(
        on=on,
        roster_total=total,
        roster_gender=shares(gender, GENDER_LABELS, GENDERS),
        roster_bureau=shares(bureau, bureau_names),
        roster_status=shares(status, STATUS_LABELS, tuple(STATUS_LABELS)),
        years=[years[y] for y in sorted(years)],
        bureau_names=dict(bureau_names),
    )
