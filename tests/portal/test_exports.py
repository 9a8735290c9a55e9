"""The CSV, XLSX and JSON writers: labelled columns, what the file holds, encodings, formulas
kept inert, no row limit, and the reader's language."""

import csv
import datetime as dt
import io
import itertools
import json

import openpyxl
import pytest
from django.utils import translation

from ipdev.activities import exports, selectors
from tests.factories import make_activity
from tests.portal.helpers import keys_of

pytestmark = pytest.mark.django_db

ABOUT = exports.About(
    search_url="https://ipdev.example/activities/?country=KE",
    filters=[("Country", "KE")],
    made_at=dt.datetime(2026, 12, 7, 8, 12, tzinfo=dt.UTC),
)


def details_of(*activities, user=None):
    return [selectors.activity_detail(user=user, pk=a.pk) for a in activities]


def read_csv(body: str) -> list[dict[str, str]]:
    """As docs/architecture.md tells readers: skip the "#" lines, then read the CSV."""
    lines = io.StringIO(body, newline="")
    reader = csv.reader(itertools.dropwhile(lambda line: line.startswith("#"), lines))
    header = keys_of(next(reader))
    return [dict(zip(header, row, strict=True)) for row in reader]


def test_csv_starts_with_a_bom_comment_lines_and_the_labelled_header(staff, settings):
    settings.IPDEV_SITE_URL = "https://ipdev.example"
    activity = make_activity(user=staff)
    body = b"".join(exports.csv_rows(details_of(activity, user=staff), about=ABOUT))
    assert body.startswith(b"\xef\xbb\xbf# ")
    text = body.decode("utf-8-sig")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert comments == [
        "# Contents: Technical assistance activities for IP development",
        "# Search: Country: KE",
        "# Search page: https://ipdev.example/activities/?country=KE",
        "# Date: 2026-12-07 08:12 UTC",
        "# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)",
        "# Withheld details: Not included: details a member state has not agreed to publish "
        "are left empty. They can be requested on each activity's page.",
    ]
    header = text.splitlines()[len(comments)]
    assert header.startswith('"ID","Identifier","Activity page","Title"')
    (row,) = read_csv(text)
    assert row["url"] == f"https://ipdev.example/activities/{activity.pk}/"
    assert row["id"] == str(activity.pk)


def test_csv_comment_lines_are_skipped_by_a_reader_and_a_hash_in_a_cell_survives(staff):
    activity = make_activity(user=staff, title="#1 seminar\n# not a comment")
    body = b"".join(exports.csv_rows(details_of(activity), about=ABOUT)).decode("utf-8-sig")
    (row,) = read_csv(body)
    assert row["title"] == "#1 seminar\n# not a comment"
    # A text cell is always quoted, so a reader's comment option never cuts it.
    assert '"#1 seminar' in body


def test_csv_can_leave_out_the_bom_and_the_comment(staff):
    first = next(exports.csv_rows([], bom=False))
    assert first.decode().startswith('"ID","Identifier","Activity page"')


def test_csv_keeps_text_that_looks_like_a_formula_inert(staff):
    activity = make_activity(user=staff, title='=HYPERLINK("http://x")', summary="+1 idea")
    body = b"".join(exports.csv_rows(details_of(activity))).decode("utf-8-sig")
    (row,) = read_csv(body)
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["summary"] == "'+1 idea"


def test_csv_writes_labels_with_the_codes_in_their_own_columns(staff):
    activity = make_activity(
        user=staff,
        title="Atelier à Nairobi, 知识产权",
        countries=["KE", "UG"],
        scope="regional",
        status="completed",
    )
    body = b"".join(exports.csv_rows(details_of(activity))).decode("utf-8-sig")
    (row,) = read_csv(body)
    assert row["title"] == "Atelier à Nairobi, 知识产权"
    assert row["country_codes"] == "KE; UG"
    assert row["countries"] == "Kenya; Uganda"
    assert row["status"] == "Completed" and row["status_code"] == "completed"
    assert row["scope"] == "Regional"


def test_csv_headers_and_labels_follow_the_readers_language(staff):
    activity = make_activity(user=staff, countries=["KE"], status="completed")
    with translation.override("fr"):
        body = b"".join(exports.csv_rows(details_of(activity), about=ABOUT)).decode("utf-8-sig")
        labels = exports.headers()
    rows = list(csv.reader(itertools.dropwhile(lambda x: x.startswith("#"), io.StringIO(body))))
    assert rows[0] == labels
    assert "Titre" in labels and "Date de début" in labels
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Statut"] == "Achevée" and row["Code du statut"] == "completed"
    assert "# Licence : CC BY 4.0" in body or "# Licence: CC BY 4.0" in body


def test_xlsx_has_typed_cells_frozen_filtered_header_and_an_about_sheet(staff, tmp_path):
    activity = make_activity(user=staff, title="=1+1", participants_total=30)
    path = tmp_path / "out.xlsx"
    assert exports.write_xlsx(details_of(activity, user=staff), path, about=ABOUT) == 1
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Activities", "About"]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(exports.COLUMNS))}2"
    assert sheet.column_dimensions["D"].width == 50  # the title
    header = keys_of([c.value for c in sheet[1]])
    assert header == list(exports.COLUMN_KEYS)
    row = dict(zip(header, sheet[2], strict=True))
    assert row["title"].value == "=1+1" and row["title"].data_type == "s"
    assert row["participants_total"].value == 30
    assert row["start_date"].is_date and row["start_date"].number_format == "yyyy-mm-dd"
    assert row["url"].hyperlink.target == row["url"].value
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["Search"] == "Country: KE"
    assert about["Licence"].startswith("CC BY 4.0")
    assert about["Date"] == "2026-12-07 08:12 UTC"
    assert about["Withheld details"].startswith("Not included")


def test_xlsx_continues_on_a_new_sheet_past_the_row_limit(staff, tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 2)
    activities = [make_activity(user=staff, title=f"Row {n}") for n in range(5)]
    path = tmp_path / "out.xlsx"
    assert exports.write_xlsx(details_of(*activities), path) == 5
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Activities", "Activities 2", "Activities 3"]
    assert sum(sheet.max_row - 1 for sheet in book.worksheets) == 5
    assert book.worksheets[2].auto_filter.ref.endswith("2")


def test_json_holds_about_and_codes_with_labels(staff):
    activity = make_activity(user=staff, countries=["KE"], status="completed")
    data = json.loads(b"".join(exports.json_chunks(details_of(activity), about=ABOUT)))
    assert data["about"]["licence"] == "CC BY 4.0"
    assert data["about"]["search"] == [{"name": "Country", "value": "KE"}]
    assert data["about"]["made_at"] == "2026-12-07T08:12:00+00:00"
    (record,) = data["activities"]
    assert record["status"] == {"code": "completed", "name": "Completed"}
    assert record["countries"] == [{"code": "KE", "name": "Kenya"}]
    assert record["url"].endswith(f"/activities/{activity.pk}/")


def test_json_of_nothing_is_still_valid(staff):
    data = json.loads(b"".join(exports.json_chunks([], about=ABOUT)))
    assert data["activities"] == []
