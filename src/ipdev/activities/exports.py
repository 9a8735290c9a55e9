"""CSV, XLSX and JSON writers for any result set, shared by the portal and the API.

They read only `ActivityDetail` objects from the selectors, so the visibility rule has already
been applied for the requesting user: a hidden detail is None there and an empty cell here.

Headers and values are labels in the active language; codes have their own columns where a
reader may want to join or filter on them. Every file says which search it holds, when it was
made, under which licence, and that withheld details are not included (`About`): the XLSX on a
second sheet, the CSV in comment lines starting with "#" before the header, the JSON in "about".
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .models import DetailGroup, Scope
from .selectors import ActivityDetail, Named

BOM = "\ufeff"
XLSX_MAX_ROWS = 1_048_575  # Excel's limit, less the header row: more rows go on a new sheet.
SEPARATOR = "; "
COMMENT = "#"  # CSV lines before the header start with this

Value = str | int | Decimal | dt.date | None


def _codes(items: list[Named]) -> str:
    return SEPARATOR.join(i.code for i in items)


def _names(items: list[Named]) -> str:
    return SEPARATOR.join(i.name for i in items)


def _name(item: Named | None) -> str:
    return item.name if item else ""


def _code(item: Named | None) -> str:
    return item.code if item else ""


def _scope_label(code: str) -> str:
    try:
        return str(Scope(code).label)
    except ValueError:
        return code


def _groups(detail: ActivityDetail) -> str:
    return SEPARATOR.join(str(g.label) for g in DetailGroup if g.value in detail.visible_groups)


def activity_url(pk: int) -> str:
    """The absolute address of an activity's public page."""
    return settings.IPDEV_SITE_URL + reverse("portal:activity", args=[pk])


@dataclass(frozen=True)
class Column:
    key: str  # stable, for machines (JSON keys, API)
    label: Any  # lazy translation: the header a reader sees
    value: Callable[[ActivityDetail], Value]
    width: int = 14  # XLSX column width, in characters


COLUMNS: tuple[Column, ...] = (
    Column("id", gettext_lazy("ID"), lambda d: d.id, 8),
    Column("identifier", gettext_lazy("Identifier"), lambda d: d.identifier, 22),
    Column("url", gettext_lazy("Activity page"), lambda d: activity_url(d.id), 40),
    Column("title", gettext_lazy("Title"), lambda d: d.title, 50),
    Column("summary", gettext_lazy("Summary"), lambda d: d.summary, 60),
    Column("status", gettext_lazy("Status"), lambda d: d.status_label, 14),
    Column("status_code", gettext_lazy("Status code"), lambda d: d.status, 12),
    Column("start_date", gettext_lazy("Start date"), lambda d: d.start_date, 12),
    Column("end_date", gettext_lazy("End date"), lambda d: d.end_date, 12),
    Column("scope", gettext_lazy("Scope"), lambda d: _scope_label(d.scope), 14),
    Column("countries", gettext_lazy("Countries"), lambda d: _names(d.countries), 30),
    Column(
        "country_codes", gettext_lazy("Country codes (ISO 3166)"), lambda d: _codes(d.countries), 14
    ),
    Column("regions", gettext_lazy("Regions"), lambda d: _names(d.regions), 24),
    Column("category", gettext_lazy("Category"), lambda d: _name(d.category), 24),
    Column("delivery_mode", gettext_lazy("Delivery mode"), lambda d: _name(d.delivery_mode), 20),
    Column("ip_areas", gettext_lazy("IP areas"), lambda d: _names(d.ip_areas), 30),
    Column(
        "da_recommendations",
        gettext_lazy("Development Agenda recommendations"),
        lambda d: _codes(d.da_recommendations),
        18,
    ),
    Column("sdgs", gettext_lazy("Sustainable Development Goals"), lambda d: _codes(d.sdgs), 14),
    Column(
        "expected_results",
        gettext_lazy("Expected results"),
        lambda d: _codes(d.expected_results),
        14,
    ),
    Column(
        "implementing_unit",
        gettext_lazy("Implementing unit"),
        lambda d: _name(d.implementing_unit),
        30,
    ),
    Column("funding_source", gettext_lazy("Funding"), lambda d: _name(d.funding_source), 24),
    Column(
        "reporting_org",
        gettext_lazy("Reporting organisation"),
        lambda d: _name(d.reporting_org),
        30,
    ),
    Column(
        "reporting_org_code",
        gettext_lazy("Reporting organisation code"),
        lambda d: _code(d.reporting_org),
        16,
    ),
    Column("partners", gettext_lazy("Partners"), lambda d: _names(d.partners), 30),
    Column("languages", gettext_lazy("Languages"), lambda d: _names(d.languages), 18),
    Column("published_details", gettext_lazy("Details published"), _groups, 30),
    Column("description", gettext_lazy("Description"), lambda d: d.description, 60),
    Column("objectives", gettext_lazy("Objectives"), lambda d: d.objectives, 60),
    Column("outcomes", gettext_lazy("Outcomes"), lambda d: d.outcomes, 60),
    Column("lessons", gettext_lazy("Lessons learned"), lambda d: d.lessons, 60),
    Column(
        "beneficiary_institutions",
        gettext_lazy("Beneficiary institutions"),
        lambda d: d.beneficiary_institutions,
        40,
    ),
    Column("participants_total", gettext_lazy("Participants"), lambda d: d.participants_total, 12),
    Column("participants_women", gettext_lazy("Women"), lambda d: d.participants_women, 10),
    Column("participants_men", gettext_lazy("Men"), lambda d: d.participants_men, 10),
    Column("cost", gettext_lazy("Cost"), lambda d: d.cost, 12),
    Column("currency", gettext_lazy("Currency"), lambda d: d.currency, 10),
    Column(
        "documents",
        gettext_lazy("Documents"),
        lambda d: SEPARATOR.join(doc.title for doc in d.documents),
        40,
    ),
)
COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)


def headers() -> list[str]:
    """The column headers in the active language."""
    return [str(c.label) for c in COLUMNS]


@dataclass(frozen=True)
class About:
    """What a download holds: the search, the time, the licence, the address of the search."""

    search_url: str
    filters: list[tuple[str, str]] = field(default_factory=list)  # (title, value) in the query
    made_at: dt.datetime | None = None

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs, in the active language."""
        made = self.made_at or dt.datetime.now(dt.UTC)
        query = SEPARATOR.join(f"{title}: {value}" for title, value in self.filters)
        return [
            (_("Contents"), _("Technical assistance activities for IP development")),
            (
                pgettext("the query a download holds", "Search"),
                query or _("All activities (no filter)"),
            ),
            (_("Search page"), self.search_url),
            (_("Date"), made.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")),
            (_("Licence"), f"{settings.IPDEV_DATA_LICENCE} ({settings.IPDEV_DATA_LICENCE_URL})"),
            (
                _("Withheld details"),
                _(
                    "Not included: details a member state has not agreed to publish are left "
                    "empty. They can be requested on each activity's page."
                ),
            ),
        ]


def row_values(detail: ActivityDetail) -> list[Value]:
    """One activity as a row of typed values, in the order of COLUMNS."""
    return [c.value(detail) for c in COLUMNS]


# --- CSV -------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return value  # unquoted: a number to every reader
    text = str(value)
    # A cell starting with these could run as a formula when a spreadsheet opens the file.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class _Line:
    """A file-like object whose write() hands the line back, so csv.writer can stream."""

    def write(self, line: str) -> str:
        return line


def csv_rows(
    details: Iterable[ActivityDetail], *, about: About | None = None, bom: bool = True
) -> Iterator[bytes]:
    """Comment lines ("# label: text"), the header, and one line per activity, in UTF-8.

    Text cells are always quoted, so a "#" inside a value is never read as a comment
    (pandas `comment="#"`, R `comment.char="#"`). With a BOM, Excel reads the file as UTF-8.
    """
    start = BOM if bom else ""
    if about is not None:
        comments = "".join(
            f"{COMMENT} {_one_line(label)}: {_one_line(text)}\r\n" for label, text in about.lines()
        )
        yield (start + comments).encode()
        start = ""
    writer = csv.writer(_Line(), quoting=csv.QUOTE_NONNUMERIC)
    yield (start + writer.writerow(headers())).encode()
    for detail in details:
        yield writer.writerow([_csv_text(v) for v in row_values(detail)]).encode()


# --- XLSX ------------------------------------------------------------------------------------


def _xlsx_cell(sheet, value: Value, column: Column) -> WriteOnlyCell | Value:
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"  # never a formula, even when the text starts with "="
        if column.key == "url":
            cell.hyperlink = value
            cell.style = "Hyperlink"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value


def _new_sheet(workbook: Workbook, number: int):
    title = _("Activities")[:25]
    sheet = workbook.create_sheet(title if number == 1 else f"{title} {number}")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for label in headers():
        cell = WriteOnlyCell(sheet, label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _close_sheet(sheet, rows: int) -> None:
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{rows + 1}"


def _about_sheet(workbook: Workbook, about: About) -> None:
    sheet = workbook.create_sheet(_("About")[:31])
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    bold = Font(bold=True)
    for label, text in about.lines():
        first = WriteOnlyCell(sheet, label)
        first.font = bold
        second = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", text))
        second.data_type = "s"
        sheet.append([first, second])


def write_xlsx(
    details: Iterable[ActivityDetail], path: str | Path, *, about: About | None = None
) -> int:
    """Write every activity to an XLSX file in constant memory; return the number of rows.

    The header row is frozen and filtered, columns have widths for their content, dates are
    dates; `about` becomes a last sheet saying what the file holds.
    """
    workbook = Workbook(write_only=True)
    sheets, rows_on_sheet, total = 1, 0, 0
    sheet = _new_sheet(workbook, sheets)
    for detail in details:
        if rows_on_sheet >= XLSX_MAX_ROWS:
            _close_sheet(sheet, rows_on_sheet)
            sheets += 1
            sheet, rows_on_sheet = _new_sheet(workbook, sheets), 0
        sheet.append(
            [_xlsx_cell(sheet, v, c) for v, c in zip(row_values(detail), COLUMNS, strict=True)]
        )
        rows_on_sheet += 1
        total += 1
    _close_sheet(sheet, rows_on_sheet)
    if about is not None:
        _about_sheet(workbook, about)
    workbook.save(str(path))
    return total


# --- JSON ------------------------------------------------------------------------------------


def _named_list(items: list[Named]) -> list[dict[str, str]]:
    return [{"code": i.code, "name": i.name} for i in items]


def _named_one(item: Named | None) -> dict[str, str] | None:
    return {"code": item.code, "name": item.name} if item else None


def json_record(detail: ActivityDetail) -> dict[str, Any]:
    """One activity as JSON: codes and labels side by side; withheld details are null."""
    d = detail
    return {
        "id": d.id,
        "identifier": d.identifier,
        "url": activity_url(d.id),
        "title": d.title,
        "summary": d.summary,
        "status": {"code": d.status, "name": str(d.status_label)},
        "start_date": d.start_date.isoformat() if d.start_date else None,
        "end_date": d.end_date.isoformat() if d.end_date else None,
        "scope": {"code": d.scope, "name": _scope_label(d.scope)},
        "countries": _named_list(d.countries),
        "regions": _named_list(d.regions),
        "category": _named_one(d.category),
        "delivery_mode": _named_one(d.delivery_mode),
        "ip_areas": _named_list(d.ip_areas),
        "da_recommendations": _named_list(d.da_recommendations),
        "sdgs": _named_list(d.sdgs),
        "expected_results": _named_list(d.expected_results),
        "implementing_unit": _named_one(d.implementing_unit),
        "funding_source": _named_one(d.funding_source),
        "reporting_org": _named_one(d.reporting_org),
        "partners": _named_list(d.partners),
        "languages": _named_list(d.languages),
        "published_details": [
            {"code": g.value, "name": str(g.label)}
            for g in DetailGroup
            if g.value in d.visible_groups
        ],
        "description": d.description,
        "objectives": d.objectives,
        "outcomes": d.outcomes,
        "lessons": d.lessons,
        "beneficiary_institutions": d.beneficiary_institutions,
        "participants_total": d.participants_total,
        "participants_women": d.participants_women,
        "participants_men": d.participants_men,
        "cost": str(d.cost) if d.cost is not None else None,
        "currency": d.currency,
        "documents": [{"title": doc.title, "kind": doc.kind} for doc in d.documents],
    }


def json_chunks(details: Iterable[ActivityDetail], *, about: About) -> Iterator[bytes]:
    """`{"about": {...}, "activities": [...]}`, streamed one activity at a time."""
    head = {
        "about": {
            "search": [{"name": t, "value": v} for t, v in about.filters],
            "search_page": about.search_url,
            "made_at": (about.made_at or dt.datetime.now(dt.UTC)).isoformat(),
            "licence": settings.IPDEV_DATA_LICENCE,
            "licence_url": settings.IPDEV_DATA_LICENCE_URL,
            "withheld_details": dict(about.lines())[_("Withheld details")],
        }
    }
    opening = json.dumps(head, ensure_ascii=False)[:-1] + ', "activities": ['
    yield opening.encode()
    first = True
    for detail in details:
        text = json.dumps(json_record(detail), ensure_ascii=False)
        yield (text if first else ",\n" + text).encode()
        first = False
    yield b"]}\n"
