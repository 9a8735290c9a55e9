"""The report spreadsheet: the template of a period (XLSX) and reading it back.

Reading is strict and names each bad cell (sheet, row, column, problem): the file's size and
its unpacked size are bounded, formulas are refused (a value is asked for), the sheets must be
the template's three, codes in column A must be the template's, numbers must be whole. Nothing
is saved unless every cell is good (the caller saves in one transaction).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .vocab import COURSES, EVENTS, MEASURES

MAX_BYTES = 2 * 1024 * 1024  # a filled template is about 10 KB
MAX_UNPACKED = 20 * 1024 * 1024  # a zip bomb unpacks to far more
MAX_ROWS = 200
SHEETS = ("Report", "Training", "Stories")
FIRST_ROW = 5  # of the figures on the Report sheet
YES = {"yes", "y", "true", "1", "oui", "sí", "si", "да", "نعم", "是"}
NO = {"no", "n", "false", "0", "", "non", "нет", "لا", "否"}


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str | None
    message: str

    @property
    def place(self) -> str:
        if self.row is None:
            return self.sheet
        return f"{self.sheet}!{self.column}{self.row}"


class SpreadsheetError(ValidationError):
    """Every bad cell; `message_dict` is keyed by the cell (e.g. "Report!C7")."""

    def __init__(self, errors: list[CellError]):
        self.cells = errors
        merged: dict[str, list[str]] = {}
        for e in errors:
            merged.setdefault(e.place, []).append(e.message)
        super().__init__(merged)


def _figure_rows() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    headings = {
        "inquiry_type": _("Inquiries by type"),
        "inquiry_user": _("Inquiries by user category"),
        "delivery": _("Searches and reports delivered"),
    }
    for measure, codes in MEASURES.items():
        for code, label in codes.items():
            rows.append((f"counts.{measure}.{code}", f"{headings[measure]}: {label}"))
    parts = {"events": _("number"), "women": _("women participants"), "men": _("men participants")}
    for kind, label in EVENTS.items():
        for part, part_label in parts.items():
            rows.append((f"events.{kind}.{part}", f"{label}: {part_label}"))
    rows.append(("centres_reporting", _("Centres reporting")))
    rows.append(("partnerships", _("Partnerships")))
    rows.append(("narrative", _("Narrative (text)")))
    return rows


def _key(network_id: int, year: int, quarter: int) -> str:
    return f"tisc-report:{network_id}:{year}:{quarter}"


def template(
    *, network_id: int, network_name: str, year: int, quarter: int, data: Mapping | None = None
) -> bytes:
    """The XLSX template of one period, pre-filled with `data` (a report's figures) if given."""
    wb = Workbook()
    bold = Font(bold=True)
    head = PatternFill("solid", fgColor="DFE8F1")
    ws = wb.active
    ws.title = "Report"
    period = f"{year}" if not quarter else f"{year} Q{quarter}"
    ws["A1"] = _key(network_id, year, quarter)
    ws["B1"] = _("TISC report: %(network)s, %(period)s") % {
        "network": network_name,
        "period": period,
    }
    ws["B1"].font = Font(bold=True, size=13)
    ws["B2"] = _(
        "Enter whole numbers in column C. Do not change column A, add sheets or use formulas."
    )
    for col, title in zip("ABC", (_("Code"), _("Figure"), _("Value")), strict=True):
        cell = ws[f"{col}4"]
        cell.value, cell.font, cell.fill = title, bold, head
    flat = _flatten(data or {})
    for i, (code, label) in enumerate(_figure_rows()):
        row = FIRST_ROW + i
        ws.cell(row, 1, code)
        ws.cell(row, 2, label)
        ws.cell(row, 3, flat.get(code, "" if code == "narrative" else 0))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 16
    ws.freeze_panes = "C5"

    tr = wb.create_sheet("Training")
    for col, title in enumerate((_("Course"), _("Language"), _("Women"), _("Men")), 1):
        cell = tr.cell(1, col, title)
        cell.font, cell.fill = bold, head
        tr.column_dimensions[get_column_letter(col)].width = 18
    courses = DataValidation(type="list", formula1='"' + ",".join(COURSES) + '"')
    tr.add_data_validation(courses)
    courses.add(f"A2:A{MAX_ROWS + 1}")
    for i, row in enumerate((data or {}).get("training", []), 2):
        for col, name in enumerate(("course", "language", "women", "men"), 1):
            tr.cell(i, col, row[name])

    st = wb.create_sheet("Stories")
    for col, title in enumerate((_("Title"), _("Story"), _("Public (yes/no)")), 1):
        cell = st.cell(1, col, title)
        cell.font, cell.fill = bold, head
    st.column_dimensions["A"].width = 30
    st.column_dimensions["B"].width = 80
    st.column_dimensions["C"].width = 16
    for i, row in enumerate((data or {}).get("stories", []), 2):
        st.cell(i, 1, row["title"])
        st.cell(i, 2, row["text"])
        st.cell(i, 3, _("yes") if row["public"] else _("no"))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _flatten(data: Mapping) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for measure, codes in (data.get("counts") or {}).items():
        for code, value in codes.items():
            flat[f"counts.{measure}.{code}"] = value
    for kind, row in (data.get("events") or {}).items():
        for part, value in row.items():
            flat[f"events.{kind}.{part}"] = value
    for name in ("centres_reporting", "partnerships", "narrative"):
        if name in data:
            flat[name] = data[name]
    return flat


def _open(content: bytes):
    if len(content) > MAX_BYTES:
        raise SpreadsheetError(
            [CellError(_("file"), None, None, _("The file is larger than 2 MB."))]
        )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED or len(archive.infolist()) > 200:
                raise SpreadsheetError(
                    [CellError(_("file"), None, None, _("The file unpacks to too much data."))]
                )
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is not XLSX
        raise SpreadsheetError(
            [CellError(_("file"), None, None, _("This is not an Excel (XLSX) file."))]
        ) from None


def _value(cell, sheet: str, row: int, column: str, errors: list[CellError]):
    """A cell's value; a formula is refused (its result is not in the file to check)."""
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or (
        isinstance(value, str) and value.startswith("=")
    ):
        errors.append(
            CellError(sheet, row, column, _("Formulas are not accepted: enter the value."))
        )
        return None
    if isinstance(value, str):
        return value.strip()
    return value


def read(
    content: bytes, *, network_id: int, year: int, quarter: int
) -> tuple[dict, dict, list[CellError]]:
    """The report data in a filled template, where each key came from (key -> (sheet, row,
    column)) and the bad cells found while reading (formulas, yes/no answers). A file that is
    not the template (size, format, sheets, codes, period) raises SpreadsheetError at once."""
    wb = _open(content)
    errors: list[CellError] = []
    names = list(wb.sheetnames)
    extra = [n for n in names if n not in SHEETS]
    for name in extra:
        errors.append(
            CellError(name, None, None, _("This sheet is not in the template: remove it."))
        )
    missing = [n for n in SHEETS if n not in names]
    for name in missing:
        errors.append(CellError(name, None, None, _("This sheet of the template is missing.")))
    if errors:
        raise SpreadsheetError(errors)
    places: dict[str, tuple[str, int, str]] = {}
    data: dict[str, Any] = {"counts": {m: {} for m in MEASURES}, "events": {}}

    ws = wb["Report"]
    if ws.max_row and ws.max_row > FIRST_ROW + MAX_ROWS:
        raise SpreadsheetError([CellError("Report", None, None, _("The sheet has too many rows."))])
    key = ws["A1"].value
    if key != _key(network_id, year, quarter):
        raise SpreadsheetError(
            [
                CellError(
                    "Report",
                    1,
                    "A",
                    _(
                        "This spreadsheet is the template of another network "
                        "or period: download this period's template."
                    ),
                )
            ]
        )
    expected = {code for code, _label in _figure_rows()}
    seen = set()
    for row_no, row in enumerate(
        ws.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=3), FIRST_ROW
    ):
        code = _value(row[0], "Report", row_no, "A", errors)
        value = _value(row[2], "Report", row_no, "C", errors) if len(row) > 2 else None
        if code in (None, ""):
            if value not in (None, ""):
                errors.append(CellError("Report", row_no, "A", _("The code is missing.")))
            continue
        if code not in expected:
            errors.append(
                CellError(
                    "Report",
                    row_no,
                    "A",
                    _("Unknown code '%(code)s': do not change column A.")
                    % {"code": str(code)[:40]},
                )
            )
            continue
        seen.add(code)
        places[code] = ("Report", row_no, "C")
        if isinstance(value, float) and value == int(value):
            value = int(value)
        parts = code.split(".")
        if parts[0] == "counts":
            data["counts"][parts[1]][parts[2]] = value
        elif parts[0] == "events":
            data["events"].setdefault(parts[1], {})[parts[2]] = value
        elif code == "narrative":
            data["narrative"] = "" if value is None else str(value)
        else:
            data[code] = value
    for code in sorted(expected - seen):
        errors.append(
            CellError("Report", None, None, _("The row of '%(code)s' is missing.") % {"code": code})
        )

    data["training"] = _rows(
        wb["Training"],
        "Training",
        ("course", "language", "women", "men"),
        places,
        "training",
        errors,
    )
    stories = _rows(
        wb["Stories"], "Stories", ("title", "text", "public"), places, "stories", errors
    )
    for i, story in enumerate(stories):
        answer = str(story.get("public") or "").strip().casefold()
        if answer in YES:
            story["public"] = True
        elif answer in NO:
            story["public"] = False
        else:
            sheet, row, _col = places[f"stories.{i}.public"]
            errors.append(CellError(sheet, row, "C", _("Answer yes or no.")))
            story["public"] = False
    data["stories"] = stories
    wb.close()
    return data, places, errors


def _rows(
    ws, sheet: str, names: tuple[str, ...], places: dict, prefix: str, errors: list[CellError]
) -> list[dict]:
    if ws.max_row and ws.max_row > MAX_ROWS + 1:
        errors.append(CellError(sheet, None, None, _("At most %(n)s rows.") % {"n": MAX_ROWS}))
        return []
    out = []
    for row_no, row in enumerate(
        ws.iter_rows(min_row=2, max_row=MAX_ROWS + 1, max_col=len(names)), 2
    ):
        values = [
            _value(c, sheet, row_no, get_column_letter(i), errors) for i, c in enumerate(row, 1)
        ]
        values += [None] * (len(names) - len(values))
        if all(v in (None, "") for v in values):
            continue
        i = len(out)
        item = {}
        for col, (name, value) in enumerate(zip(names, values, strict=True), 1):
            places[f"{prefix}.{i}.{name}"] = (sheet, row_no, get_column_letter(col))
            if isinstance(value, float) and value == int(value):
                value = int(value)
            item[name] = value
        out.append(item)
    return out


def cell_errors(
    exc: ValidationError, places: Mapping[str, tuple[str, int, str]]
) -> list[CellError]:
    """The service's errors (keyed like `events.training.men`) placed on their cells."""
    found = []
    for key, messages in exc.message_dict.items():
        place = places.get(key)
        if place is None:  # a whole group, e.g. counts.inquiry_user: its first cell
            place = next((p for k, p in places.items() if k.startswith(key + ".")), None)
        for message in messages:
            if place is None:
                found.append(CellError("Report", None, None, f"{key}: {message}"))
            else:
                found.append(CellError(place[0], place[1], place[2], message))
    return found
