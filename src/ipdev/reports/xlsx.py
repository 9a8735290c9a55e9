"""A report as an XLSX workbook: a title sheet, then one sheet per section with its header row
frozen, numbers as numbers and dates as dates."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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
    if section.note:
        sheet.append([])
        sheet.append([_cell(sheet, section.note)])


def report_xlsx(report: Report) -> bytes:
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    about = workbook.create_sheet(_sheet_name(_("Report"), used))
    about.freeze_panes = "A2"
    about.column_dimensions["A"].width = 36
    about.column_dimensions["B"].width = 60
    about.append([_cell(about, report.title, bold=True), _cell(about, report.subtitle)])
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
    for section in report.sections:
        _section_sheet(workbook, section, used)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
