"""The CSV and XLSX writers: columns, encodings, formulas kept inert, no row limit."""

import csv
import io

import openpyxl
import pytest

from ipdev.activities import exports, selectors
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def details_of(*activities, user=None):
    return [selectors.activity_detail(user=user, pk=a.pk) for a in activities]


def test_csv_starts_with_a_bom_and_the_header(staff):
    lines = list(exports.csv_rows(details_of(make_activity(user=staff), user=staff)))
    assert lines[0].startswith(b"\xef\xbb\xbf")
    assert lines[0].decode("utf-8-sig").strip() == ",".join(exports.CSV_COLUMNS)
    assert len(lines) == 2


def test_csv_can_leave_out_the_bom(staff):
    first = next(exports.csv_rows([], bom=False))
    assert first.decode().startswith("id,identifier,title")


def test_csv_keeps_text_that_looks_like_a_formula_inert(staff):
    activity = make_activity(user=staff, title='=HYPERLINK("http://x")', summary="+1 idea")
    body = b"".join(exports.csv_rows(details_of(activity))).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["summary"] == "'+1 idea"


def test_csv_writes_unicode_and_multi_valued_cells(staff):
    activity = make_activity(
        user=staff, title="Atelier à Nairobi, 知识产权", countries=["KE", "UG"], scope="regional"
    )
    body = b"".join(exports.csv_rows(details_of(activity))).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(body))
    assert row["title"] == "Atelier à Nairobi, 知识产权"
    assert row["country_codes"] == "KE; UG"


def test_xlsx_has_typed_cells_and_never_formulas(staff, tmp_path):
    activity = make_activity(user=staff, title="=1+1", participants_total=30)
    path = tmp_path / "out.xlsx"
    assert exports.write_xlsx(details_of(activity, user=staff), path) == 1
    sheet = openpyxl.load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == list(exports.CSV_COLUMNS)
    row = dict(zip(header, sheet[2], strict=True))
    assert row["title"].value == "=1+1" and row["title"].data_type == "s"
    assert row["participants_total"].value == 30
    assert row["start_date"].is_date


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(staff, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    activities = [make_activity(user=staff, title=f"Row {n}") for n in range(5)]
    path = tmp_path / "out.xlsx"
    assert exports.write_xlsx(details_of(*activities), path) == 5
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Activities", "Activities 2", "Activities 3"]
    assert sum(sheet.max_row - 1 for sheet in book.worksheets) == 5
