"""A report as plain data: a title page's facts and sections of typed rows.

The selectors fill these; `pdf.py` and `xlsx.py` render them, so both formats always carry the
same figures. Cells keep their Python types (int, Decimal, date, str, None) until rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

Value = str | int | Decimal | dt.date | None


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, number, year, money, date, percent


@dataclass
class Section:
    key: str  # short and stable: the sheet name of the XLSX
    title: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    note: str = ""
    totals: list[Value] | None = None

    def add(self, *values: Value) -> None:
        self.rows.append(list(values))


@dataclass
class Report:
    kind: str  # "country" or "da"
    title: str
    subtitle: str
    facts: list[tuple[str, Value]]
    sections: list[Section]
    generated_at: dt.datetime
    audience: str  # who the figures were built for, printed on the title page
    filename: str
    notes: list[str] = field(default_factory=list)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
