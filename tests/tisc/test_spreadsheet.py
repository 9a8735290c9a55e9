"""The report spreadsheet: the template round-trips; every bad cell is named (sheet, row,
column) and nothing is half-imported, hostile files included."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from ipdev.tisc import services, spreadsheet
from ipdev.tisc.models import Report
from ipdev.tisc.spreadsheet import SpreadsheetError

from .conftest import figures


def template(network, data=None, year=2025, quarter=0) -> bytes:
    return spreadsheet.template(network_id=network.pk, network_name=network.name, year=year,
                                quarter=quarter, data=data)  # fmt: skip


def edited(content: bytes, edit) -> bytes:
    wb = load_workbook(io.BytesIO(content))
    edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(wb, code: str) -> int:
    for row in wb["Report"].iter_rows(min_row=5):
        if row[0].value == code:
            return row[0].row
    raise AssertionError(code)


def upload(user, network, content, year=2025):
    return services.report_upload(user=user, network=network, year=year, content=content)


def places(exc) -> dict:
    return {e.place: e.message for e in exc.value.cells}


def test_a_filled_template_round_trips(kenya, coordinator):
    report = upload(coordinator, kenya, template(kenya, figures()))
    assert services.report_data(report)["counts"]["inquiry_user"]["smes"] == 5
    assert services.report_data(report)["training"] == figures()["training"]
    assert services.report_data(report)["stories"][0]["public"] is True
    assert report.status == "draft"


def test_each_bad_cell_is_named_and_nothing_is_saved(kenya, coordinator):
    good = template(kenya, figures())
    report = upload(coordinator, kenya, good)
    before = services.report_data(report)

    def spoil(wb):
        ws = wb["Report"]
        ws.cell(row_of(wb, "counts.delivery.novelty"), 3, "many")
        ws.cell(row_of(wb, "events.training.women"), 3, -4)
        ws.cell(row_of(wb, "partnerships"), 3, 2.5)
        wb["Training"]["B2"] = "klingon"
        wb["Stories"]["C2"] = "perhaps"

    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, edited(good, spoil))
    found = places(exc)
    wb = load_workbook(io.BytesIO(good))
    assert f"Report!C{row_of(wb, 'counts.delivery.novelty')}" in found
    assert f"Report!C{row_of(wb, 'events.training.women')}" in found
    assert f"Report!C{row_of(wb, 'partnerships')}" in found
    assert "Training!B2" in found and "Stories!C2" in found
    report.refresh_from_db()
    assert services.report_data(report) == before


def test_formulas_are_refused(kenya, coordinator):
    def formula(wb):
        wb["Report"].cell(row_of(wb, "partnerships"), 3, "=1+1")

    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, edited(template(kenya), formula))
    assert any("Formulas" in m for m in places(exc).values())
    assert not Report.objects.exists()


def test_an_extra_sheet_is_named(kenya, coordinator):
    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, edited(template(kenya), lambda wb: wb.create_sheet("Macros")))
    assert "Macros" in places(exc)


def test_a_changed_code_is_named(kenya, coordinator):
    def recode(wb):
        wb["Report"]["A5"] = "counts.inquiry_type.telepathy"

    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, edited(template(kenya), recode))
    assert "Report!A5" in places(exc)


def test_the_template_of_another_period_is_refused(kenya, coordinator):
    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, template(kenya, year=2024))
    assert "Report!A1" in places(exc)


def test_not_a_spreadsheet(kenya, coordinator):
    with pytest.raises(SpreadsheetError):
        upload(coordinator, kenya, b"<html>not excel</html>")
    assert not Report.objects.exists()


def test_a_huge_file_is_refused_before_reading(kenya, coordinator):
    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, b"PK" + b"0" * (spreadsheet.MAX_BYTES + 1))
    assert "2 MB" in next(iter(places(exc).values()))


def test_a_zip_bomb_is_refused(kenya, coordinator):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (spreadsheet.MAX_UNPACKED + 1))
    assert len(out.getvalue()) < spreadsheet.MAX_BYTES
    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, out.getvalue())
    assert "too much" in next(iter(places(exc).values()))


def test_totals_that_disagree_point_at_the_first_cell_of_the_group(kenya, coordinator):
    def unbalance(wb):
        wb["Report"].cell(row_of(wb, "counts.inquiry_user.others"), 3, 99)

    with pytest.raises(SpreadsheetError) as exc:
        upload(coordinator, kenya, edited(template(kenya, figures()), unbalance))
    wb = load_workbook(io.BytesIO(template(kenya)))
    assert f"Report!C{row_of(wb, 'counts.inquiry_user.inventors')}" in places(exc)


def test_only_the_networks_managers_upload(kenya, other_coordinator):
    with pytest.raises(PermissionDenied):
        upload(other_coordinator, kenya, template(kenya, figures()))
