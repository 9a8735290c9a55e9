"""The reports through the portal, the API and the CLI: files, errors naming the parameter."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import client_for
from tests.reports.conftest import SECRET_OUTCOMES
from tests.reports.helpers import all_cells, pdf_text, workbook

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_reports_page_offers_both_reports_with_their_filters(client, kenya):
    page = client.get("/reports/?country=KE")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Country report" in html and "Development Agenda report" in html
    assert 'name="year_from"' in html and 'value="KE" selected' in html


def test_the_country_page_links_to_its_report(client, kenya):
    html = client.get("/countries/KE/").content.decode()
    assert 'href="/reports/country/KE.pdf"' in html and 'href="/reports/country/KE.xlsx"' in html


def test_the_portal_sends_the_country_report_as_pdf_and_xlsx(client, kenya):
    pdf = client.get("/reports/country/KE.pdf?year_from=2024&year_to=2025")
    assert pdf["Content-Type"] == "application/pdf"
    assert 'filename="ipdev-country-KE-2024-2025.pdf"' in pdf["Content-Disposition"]
    assert "Published seminar" in pdf_text(pdf.content)
    xlsx = client.get("/reports/country/?country=ke&format=xlsx")
    assert xlsx["Content-Type"] == XLSX and "Activities" in workbook(xlsx.content).sheetnames


def test_the_portal_copy_follows_the_signed_in_persona(personas, kenya):
    outsider = client_for(personas["other_focal_point"]).get("/reports/country/KE.xlsx")
    assert SECRET_OUTCOMES not in all_cells(outsider.content)
    insider = client_for(personas["focal_point"]).get("/reports/country/KE.xlsx")
    assert SECRET_OUTCOMES in all_cells(insider.content)


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/reports/country/KE.pdf?year_from=20x4", "year_from"),
        ("/reports/country/KE.pdf?year_from=2025&year_to=2024", "year_to"),
        ("/reports/country/KE.doc", "format"),
        ("/reports/development-agenda.pdf?year=1800", "year"),
        ("/reports/development-agenda/?format=csv", "format"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, url, field):
    response = client.get(url)
    assert response.status_code == 400
    assert f"<strong>{field}</strong>" in response.content.decode()


def test_the_error_page_keeps_the_chosen_country(client, kenya):
    response = client.get("/reports/country/KE.xlsx?year_to=later")
    assert response.status_code == 400 and 'value="KE" selected' in response.content.decode()


def test_an_unknown_country_is_a_404(client, db):
    assert client.get("/reports/country/XX.pdf").status_code == 404


def test_the_portal_sends_the_da_report(client, kenya):
    response = client.get("/reports/development-agenda.xlsx?year=2025")
    assert response["Content-Type"] == XLSX
    assert "Activities by DA cluster" in workbook(response.content).sheetnames


def test_the_api_sends_the_reports_for_the_requesting_user(client, kenya):
    response = client.get("/api/v1/reports/country/KE.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert SECRET_OUTCOMES not in pdf_text(response.content)
    da = client.get("/api/v1/reports/da.xlsx?year_from=2024&year_to=2025")
    assert da.status_code == 200 and da["Content-Type"] == XLSX


def test_the_api_errors_name_the_parameter(client, db):
    missing = client.get("/api/v1/reports/country/XX.pdf")
    assert missing.status_code == 404 and "country" in missing.json()["errors"]
    bad_year = client.get("/api/v1/reports/da.pdf?year_to=soon")
    assert bad_year.status_code == 400 and "year_to" in bad_year.json()["errors"]
    bad_format = client.get("/api/v1/reports/da.docx")
    assert bad_format.status_code == 400 and "format" in bad_format.json()["errors"]


def test_the_cli_writes_both_reports(tmp_path, staff, kenya):
    out = tmp_path / "ke.xlsx"
    call_command("report", "country", "KE", "--format", "xlsx", "-o", str(out))
    assert SECRET_OUTCOMES not in all_cells(out.read_bytes())
    da = tmp_path / "da.pdf"
    call_command(
        "report",
        "da",
        "--year",
        "2024",
        "--format",
        "pdf",
        "-o",
        str(da),
        "--as-user",
        staff.username,
    )
    text = pdf_text(da.read_bytes())
    assert "Development Agenda review (staff)" in text and "48,213.57" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["country", "XX"], "parameter: country"),
        (["country"], "ISO code"),
        (["da", "--year", "next"], "year:"),
        (["da", "--format", "odt"], "format:"),
        (["da", "--as-user", "nobody"], "--as-user"),
    ],
)
def test_the_cli_names_the_bad_argument(tmp_path, db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", *args, "-o", str(tmp_path / "x"))
