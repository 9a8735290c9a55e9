"""CSV and XLSX writers for any result set, shared by the portal and the API.

They read only `ActivityDetail` objects from the selectors, so the visibility rule has already
been applied for the requesting user: a hidden detail is None there and an empty cell here.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from .selectors import ActivityDetail, Named

BOM = "\ufeff"
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row: more rows go on a new sheet.
SEPARATOR = "; "

Value = str | int | Decimal | dt.date | None


def _codes(items: list[Named]) -> str:
    return SEPARATOR.join(i.code for i in items)


def _names(items: list[Named]) -> str:
    return SEPARATOR.join(i.name for i in items)


def _name(item: Named | None) -> str:
    return item.name if item else ""


COLUMNS: tuple[tuple[str, Callable[[ActivityDetail], Value]], ...] = (
    ("id", lambda d: d.id),
    ("identifier", lambda d: d.identifier),
    ("title", lambda d: d.title),
    ("summary", lambda d: d.summary),
    ("status", lambda d: d.status),
    ("start_date", lambda d: d.start_date),
    ("end_date", lambda d: d.end_date),
    ("scope", lambda d: d.scope),
    ("country_codes", lambda d: _codes(d.countries)),
    ("countries", lambda d: _names(d.countries)),
    ("regions", lambda d: _names(d.regions)),
    ("category", lambda d: _name(d.category)),
    ("delivery_mode", lambda d: _name(d.delivery_mode)),
    ("ip_areas", lambda d: _names(d.ip_areas)),
    ("da_recommendations", lambda d: _codes(d.da_recommendations)),
    ("sdgs", lambda d: _codes(d.sdgs)),
    ("expected_results", lambda d: _codes(d.expected_results)),
    ("implementing_unit", lambda d: _name(d.implementing_unit)),
    ("funding_source", lambda d: _name(d.funding_source)),
    ("reporting_org", lambda d: _name(d.reporting_org)),
    ("partners", lambda d: _names(d.partners)),
    ("languages", lambda d: _names(d.languages)),
    ("published_details", lambda d: SEPARATOR.join(sorted(d.visible_groups))),
    ("description", lambda d: d.description),
    ("objectives", lambda d: d.objectives),
    ("outcomes", lambda d: d.outcomes),
    ("lessons", lambda d: d.lessons),
    ("beneficiary_institutions", lambda d: d.beneficiary_institutions),
    ("participants_total", lambda d: d.participants_total),
    ("participants_women", lambda d: d.participants_women),
    ("participants_men", lambda d: d.participants_men),
    ("cost", lambda d: d.cost),
    ("currency", lambda d: d.currency),
    ("documents", lambda d: SEPARATOR.join(doc.title for doc in d.documents)),
)
CSV_COLUMNS: tuple[str, ...] = tuple(name for name, _ in COLUMNS)


def row_values(detail: ActivityDetail) -> list[Value]:
    """One activity as a row of typed values, in the order of CSV_COLUMNS."""
    return [value(detail) for _, value in COLUMNS]


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # A cell starting with these could run as a formula when a spreadsheet opens the file.
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Line:
    """A file-like object whose write() hands the line back, so csv.writer can stream."""

    def write(self, line: str) -> str:
        return line


def csv_rows(details: Iterable[ActivityDetail], *, bom: bool = True) -> Iterator[bytes]:
    """The header and one line per activity, UTF-8 (with a BOM so Excel reads it as UTF-8)."""
    writer = csv.writer(_Line())
    header = writer.writerow(CSV_COLUMNS)
    yield ((BOM if bom else "") + header).encode()
    for detail in details:
        yield writer.writerow([_csv_text(v) for v in row_values(detail)]).encode()


def _xlsx_cell(sheet, value: Value) -> WriteOnlyCell | Value:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, even when the text starts with "="
        return cell
    return value


def _new_sheet(workbook: Workbook, number: int):
    sheet = workbook.create_sheet("Activities" if number == 1 else f"Activities {number}")
    bold = Font(bold=True)
    header = []
    for name in CSV_COLUMNS:
        cell = WriteOnlyCell(sheet, name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def write_xlsx(details: Iterable[ActivityDetail], path: str | Path) -> int:
    """Write every activity to an XLSX file in constant memory; return the number of rows."""
    workbook = Workbook(write_only=True)
    sheets, rows_on_sheet, total = 1, 0, 0
    sheet = _new_sheet(workbook, sheets)
    for detail in details:
        if rows_on_sheet >= XLSX_MAX_ROWS:
            sheets += 1
            sheet, rows_on_sheet = _new_sheet(workbook, sheets), 0
        sheet.append([_xlsx_cell(sheet, v) for v in row_values(detail)])
        rows_on_sheet += 1
        total += 1
    workbook.save(str(path))
    return total
