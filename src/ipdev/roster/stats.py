"""Balance statistics of the roster (gender, geography), as pure functions over plain rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

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

    @property
    def women(self) -> int:
        return self.genders.get("female", 0)

    @property
    def men(self) -> int:
        return self.genders.get("male", 0)


@dataclass(frozen=True)
class Bar:
    """One year's column in the chart, in chart units (0-100 high, 10 wide per year)."""

    year: int
    x: int
    total: int
    women: int
    y_total: float
    h_total: float
    y_women: float
    h_women: float


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

    @property
    def bureau_columns(self) -> list[tuple[str, str]]:
        return [(c, self.bureau_names.get(c, c)) for c in self.year_bureaus]

    def year_table(self) -> list[tuple[YearRow, list[int]]]:
        """Each year with its counts per bureau column."""
        columns = self.year_bureaus
        return [(y, [y.bureaus.get(c, 0) for c in columns]) for y in self.years]

    @property
    def chart_width(self) -> int:
        return 10 * max(1, len(self.years))

    def bars(self) -> list[Bar]:
        """Stacked columns: all assignments of a year, with the women's share at the bottom."""
        top = self.year_max or 1
        out = []
        for i, y in enumerate(self.years):
            h_total = round(100 * y.total / top, 2)
            h_women = round(100 * y.women / top, 2)
            out.append(
                Bar(
                    y.year,
                    10 * i + 1,
                    y.total,
                    y.women,
                    100 - h_total,
                    h_total,
                    100 - h_women,
                    h_women,
                )
            )
        return out


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def shares(counts: Mapping[str, int], labels: Mapping[str, str], order=None) -> list[Share]:
    """Counts as shares of their total, in the given order (else the largest first)."""
    total = sum(counts.values())
    codes = [c for c in order if c in counts] if order else sorted(counts, key=lambda c: -counts[c])
    return [Share(c, str(labels.get(c, c)), counts[c], _percent(counts[c], total)) for c in codes]


GENDER_LABELS = {
    "female": _("Women"),
    "male": _("Men"),
    "other": _("Other"),
    "undisclosed": _("Not stated"),
}
STATUS_LABELS = {
    "ldc": _("Least developed countries"),
    "developing": _("Developing countries"),
    "transition": _("Countries in transition"),
    "developed": _("Developed countries"),
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
