"""A report as plain data: a title page's facts and sections of typed rows.

The selectors fill these; `pdf.py` and `xlsx.py` render them, so both formats always carry the
same figures. Cells keep their Python types (int, Decimal, date, str, None) until rendering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

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
    # Said instead of the table when there are no rows (why there are none); a section with
    # neither rows nor this is left out of the report.
    empty_note: str = ""

    def add(self, *values: Value) -> None:
        self.rows.append(list(values))

    @property
    def shown(self) -> bool:
        return bool(self.rows or self.empty_note)


def facts(*pairs: tuple[str, Value]) -> list[tuple[str, Value]]:
    """The title page's facts that hold a value (no empty "least developed country since")."""
    return [(label, value) for label, value in pairs if value is not None and value != ""]


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
    charts: list = field(default_factory=list)  # reports.charts.Chart, drawn as SVG
    charts_source: str = ""  # the statistics page of the charts' selection
    # Who publishes the report, on its cover and every page (setting IPDEV_INSTITUTION_NAME).
    institution: str = field(default_factory=lambda: settings.IPDEV_INSTITUTION_NAME)

    @property
    def shown_sections(self) -> list[Section]:
        return [s for s in self.sections if s.shown]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
