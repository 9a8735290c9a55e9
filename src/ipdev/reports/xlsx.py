"""A report as an XLSX workbook: a title sheet, a sheet of the charts' data with a native chart
for each, then one sheet per section with its header row frozen, numbers as numbers and dates
as dates."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .charts import Chart
from .tables import Column, Report, Section, Value

FORMATS = {
    "money": "#,##0.00",
    "percent": "0.0",
    "date": "yyyy-mm-dd",
    "number": "#,##0",
    "year": "0",
}
WIDTHS = {"text": 28, "number": 12, "money": 14, "percent": 12, "date": 12, "year": 8}
BOLD = Font(bold=True)
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _cell(sheet, value: Value, column: Column | None = None, *, bold: bool = False):
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, even when the text starts with "="
    elif isinstance(value, int | Decimal | float | dt.date) and column and column.kind in FORMATS:
        cell.number_format = FORMATS[column.kind]
    if bold:
        cell.font = BOLD
    return cell


def _sheet_name(title: str, used: set[str]) -> str:
    base = SHEET_NAME.sub(" ", title.replace(": ", " - "))[:31].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _section_sheet(workbook: Workbook, section: Section, used: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_name(section.title, used))
    sheet.freeze_panes = "A2"
    for i, column in enumerate(section.columns, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = WIDTHS.get(column.kind, 28)
    sheet.append([_cell(sheet, c.label, bold=True) for c in section.columns])
    for row in section.rows:
        sheet.append([_cell(sheet, v, c) for v, c in zip(row, section.columns, strict=True)])
    if section.totals:
        sheet.append(
            [
                _cell(sheet, v, c, bold=True)
                for v, c in zip(section.totals, section.columns, strict=True)
            ]
        )
    note = section.note if section.rows else section.empty_note
    if note:
        sheet.append([])
        sheet.append([_cell(sheet, note)])


def _kind(value: float) -> Column:
    """Counts as whole numbers, shares (Women (%)) with one decimal."""
    return Column("", "number" if float(value).is_integer() else "percent")


def _bar_chart(chart: Chart, sheet, first: int) -> BarChart:
    """A spreadsheet chart of the drawn columns of the block whose header is row `first`."""
    bars = BarChart()
    bars.type = "col" if chart.kind == "bar" else "bar"
    bars.title = str(chart.title)
    if chart.stacked:
        bars.grouping, bars.overlap = "stacked", 100
    last = first + len(chart.rows)
    data = Reference(sheet, min_col=2, max_col=1 + chart.drawn, min_row=first, max_row=last)
    bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(sheet, min_col=1, min_row=first + 1, max_row=last))
    bars.legend = bars.legend if chart.drawn > 1 else None
    bars.height, bars.width = max(7.5, 0.5 * len(chart.rows) + 3), 16
    return bars


def _charts_sheet(workbook: Workbook, report: Report, used: set[str]) -> None:
    """Each chart's table, one block under the other, with its chart (not the map) beside it."""
    sheet = workbook.create_sheet(_sheet_name(_("Charts"), used))
    sheet.column_dimensions["A"].width = 36
    row = 1
    for chart in report.charts:
        sheet.append([_cell(sheet, str(chart.title), bold=True)])
        header = row + 1
        sheet.append([_cell(sheet, str(c), bold=True) for c in (chart.heading, *chart.columns)])
        for r in chart.rows:
            sheet.append([_cell(sheet, r.label), *(_cell(sheet, v, _kind(v)) for v in r.values)])
        # The map's table is its data (a spreadsheet draws no map; bars for every country
        # would run for pages); each other block has its chart beside it.
        height = len(chart.rows) + 3
        if chart.kind != "map":
            bars = _bar_chart(chart, sheet, header)
            sheet.add_chart(bars, f"H{row}")
            # The next block starts below this chart (a row is about half a centimetre high).
            height = max(height, int(bars.height * 2) + 2)
        for _blank in range(height - len(chart.rows) - 2):
            sheet.append([])
        row += height
    sheet.append([_cell(sheet, report.charts_source)])


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    about = workbook.create_sheet(_sheet_name(_("Report"), used))
    about.freeze_panes = "A2"
    about.column_dimensions["A"].width = 36
    about.column_dimensions["B"].width = 60
    about.append([_cell(about, report.title, bold=True), _cell(about, report.subtitle)])
    about.append([_cell(about, _("Published by"), bold=True), _cell(about, report.institution)])
    for label, value in report.facts:
        about.append([_cell(about, label, bold=True), _cell(about, value)])
    # The cell holds the minute it shows: what a program reads is what a person sees.
    generated = report.generated_at.replace(tzinfo=None, second=0, microsecond=0)
    stamp = WriteOnlyCell(about, generated)
    stamp.number_format = "yyyy-mm-dd hh:mm"
    about.append([_cell(about, _("Generated"), bold=True), stamp])
    about.append([_cell(about, _("Audience"), bold=True), _cell(about, report.audience)])
    for note in report.notes:
        about.append([_cell(about, _("Note"), bold=True), _cell(about, note)])
    if report.charts:
        _charts_sheet(workbook, report, used)
    for section in report.shown_sections:
        _section_sheet(workbook, section, used)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
