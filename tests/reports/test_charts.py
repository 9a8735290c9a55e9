"""The reports carry the statistics page's charts, a table of contents and the institution's
name; rows and facts without data are left out."""

from __future__ import annotations

import os
import re

import pytest
from django.utils import translation

from ipdev.reports import build, params
from ipdev.reports.agenda import da_report
from ipdev.reports.country import country_report
from tests.conftest import client_for
from tests.reports.helpers import pdf_text, workbook

pytestmark = pytest.mark.django_db
SHOTS = os.environ.get("IPDEV_REPORT_SAMPLES", "")  # a folder to keep the files in, to look at


def keep(name: str, content: bytes) -> None:
    if SHOTS:
        with open(os.path.join(SHOTS, name), "wb") as out:
            out.write(content)


def chart(report, key):
    return next(c for c in report.charts if c.key == key)


def rows(report, key) -> dict[str, tuple]:
    return {r.label: r.values for r in chart(report, key).rows}


def test_the_country_report_carries_the_statistics_pages_charts(kenya):
    report = country_report(user=None, code="KE")
    assert [c.key for c in report.charts] == [
        "years", "participants", "categories", "clusters", "sdgs",
    ]  # fmt: skip
    assert rows(report, "years") == {"2025": (2,), "2024": (1,)}  # Kenya's, not Peru's
    assert report.charts_source.endswith("/statistics/?country=KE")


def test_chart_rows_without_data_are_left_out(kenya):
    report = country_report(user=None, code="KE")
    # Of the 17 goals and the six clusters, only those Kenya's activities serve.
    assert {label.split(":")[0] for label in rows(report, "sdgs")} <= {"4", "9", "SDG 4", "SDG 9"}
    assert len(rows(report, "sdgs")) == 2
    assert all(any(v) for v in rows(report, "clusters").values())


@pytest.mark.parametrize("persona", ["anonymous", "public", "other_focal_point"])
def test_the_participants_chart_counts_only_what_the_reader_may_see(personas, kenya, persona):
    """The 2024 workshop's participants (no consent) are counted for Kenya's focal point and
    staff only; for the others its year has no participants to draw and is left out."""
    report = country_report(user=personas[persona], code="KE")
    assert rows(report, "participants") == {"2025": (14, 16, 0, 1, pytest.approx(46.7, 0.1))}


@pytest.mark.parametrize("persona", ["focal_point", "staff"])
def test_the_focal_point_and_staff_charts_count_every_participant(personas, kenya, persona):
    report = country_report(user=personas[persona], code="KE")
    assert rows(report, "participants")["2024"][:3] == (25, 15, 0)


def test_the_da_report_carries_the_charts_of_its_years(kenya):
    report = da_report(user=None, years=params.Years(2025, 2025))
    keys = [c.key for c in report.charts]
    assert keys[:2] == ["clusters", "sdgs"] and "bureaus" in keys
    assert rows(report, "years") == {"2025": (3,)}  # Kenya's two and Peru's one
    assert report.charts_source.endswith("/statistics/?year_from=2025&year_to=2025")


def test_the_da_report_carries_the_map_of_beneficiary_countries(client, kenya):
    report = da_report(user=None, years=params.Years(2025, 2025))
    world = chart(report, "countries")
    assert world.kind == "map" and {"Kenya", "Peru"} <= {r.label for r in world.rows}
    html = client.get("/reports/development-agenda.html?year=2025").content.decode()
    drawn = html[html.index('id="chart-countries"') :]
    assert 'class="world-map"' not in drawn[:200]  # the report's picture, not the page's map
    assert "<path" in drawn and "<title>Kenya" in drawn
    text = pdf_text(build.da_report(user=None, query={"year": "2025"}, fmt="pdf").content)
    assert "Activities by beneficiary country" in text
    book = workbook(build.da_report(user=None, query={"year": "2025"}, fmt="xlsx").content)
    cells = [row[0] for row in book["Charts"].iter_rows(values_only=True)]
    assert "Activities by beneficiary country" in cells and "Kenya" in cells
    # Every chart but the map has its spreadsheet chart beside its table.
    assert len(book["Charts"]._charts) == len(report.charts) - 1


def test_a_fact_without_a_value_is_left_out(kenya):
    kenya_facts = dict(country_report(user=None, code="KE").facts)
    assert "Least developed country since" not in kenya_facts
    ldc = dict(country_report(user=None, code="ET").facts)  # Ethiopia: an LDC since 1971
    assert ldc["Least developed country since"] == 1971


def test_sections_without_rows_are_left_out_unless_they_say_why(kenya):
    report = country_report(user=None, code="KE")
    shown = [s.key for s in report.shown_sections]
    assert "match_needs" not in shown and "matches" not in shown  # nothing, nothing to say
    assert "requests" in shown  # empty, with the reason: staff and focal points only
    assert "plans" in shown  # "No country plan that you may see."
    pdf = pdf_text(build.render(report, "pdf").content)
    assert "WIPO Match: needs" not in pdf
    assert "No country plan that you may see." in pdf
    sheets = workbook(build.render(report, "xlsx").content).sheetnames
    assert "WIPO Match - needs" not in sheets and "Requests for assistance" in sheets


def test_the_pdf_has_the_institution_contents_with_pages_and_the_charts(settings, kenya):
    settings.IPDEV_INSTITUTION_NAME = "Office of Cooperation Qzx"
    content = build.country_report(user=None, code="KE", query={}, fmt="pdf").content
    keep("country-KE.pdf", content)
    text = pdf_text(content)
    assert text.count("Office of Cooperation Qzx") >= 3, "on the cover and at the top of pages"
    contents = text[text.index("Contents") :]
    # Each entry with the page it starts on (WeasyPrint's target-counter).
    assert re.search(r"Activities by year\W*\.+ ?\d+", contents)
    assert re.search(r"Requests for assistance\W*\.+ ?\d+", contents)
    assert "Participants by gender" in text  # a chart's title, drawn as vector text
    assert "Source: Technical Assistance Database" in text  # each chart's attribution
    assert b"/Subtype /Form" in content or b"/XObject" in content  # the drawings


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_the_pdf_charts_and_contents_in_arabic_and_chinese(kenya, language):
    with translation.override(language):
        content = build.da_report(user=None, query={"year": "2025"}, fmt="pdf").content
        heading = translation.pgettext("table of contents", "Contents")
        charts = translation.gettext("Charts")
    keep(f"da-{language}.pdf", content)
    text = pdf_text(content)
    assert "World Intellectual Property Organization" in text
    assert heading != "Contents" and heading in text and charts in text


def test_the_xlsx_has_the_charts_data_and_a_native_chart_for_each(kenya):
    content = build.country_report(user=None, code="KE", query={}, fmt="xlsx").content
    keep("country-KE.xlsx", content)
    book = workbook(content)
    assert book.sheetnames[:2] == ["Report", "Charts"]
    sheet = book["Charts"]
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "Activities by year" and cells[1][:2] == ("Year", "Activities")
    assert list(book["Report"].iter_rows(values_only=True))[1] == (
        "Published by", "World Intellectual Property Organization (WIPO)",
    )  # fmt: skip
    # openpyxl reads the charts back from the file's drawing parts.
    assert len(sheet._charts) == len(country_report(user=None, code="KE").charts)


def test_the_report_as_a_web_page(client, kenya):
    page = client.get("/reports/country/KE.html?year_from=2024")
    assert page.status_code == 200
    html = page.content.decode()
    keep("country-KE.html", page.content)
    assert "World Intellectual Property Organization" in html
    assert '<nav class="contents"' in html and 'href="#section-activities"' in html
    assert 'id="section-activities"' in html and 'href="#chart-participants"' in html
    assert html.count("<svg") == len(country_report(user=None, code="KE").charts)
    assert 'href="/reports/country/KE.pdf?year_from=2024"' in html
    assert "Least developed country since" not in html
    form = client.get("/reports/country/", {"country": "KE", "format": "html"})
    assert form.status_code == 200 and "<svg" in form.content.decode()
    da = client.get("/reports/development-agenda.html?year=2025")
    assert da.status_code == 200 and 'href="#chart-clusters"' in da.content.decode()


def test_the_web_page_follows_the_persona(personas, kenya):
    from tests.reports.conftest import SECRET_OUTCOMES

    assert SECRET_OUTCOMES not in client_for(None).get("/reports/country/KE.html").content.decode()
    insider = client_for(personas["focal_point"]).get("/reports/country/KE.html")
    assert SECRET_OUTCOMES in insider.content.decode()


def test_the_country_picker_lists_beneficiary_countries_only(client, kenya):
    html = client.get("/reports/").content.decode()
    options = set(re.findall(r'<option value="([A-Z]{2})"', html))
    assert {"KE", "PE", "ET"} <= options
    # No developed country, no uninhabited territory.
    assert not options & {"FR", "CH", "US", "JP", "SH", "TF", "AQ", "BV"}


def test_the_cover_date_ends_its_line_once(client, kenya):
    """English dates end in "a.m."/"p.m.": the sentence adds no second full stop."""
    html = client.get("/reports/country/KE.html").content.decode()
    line = html[html.index("Built from live data on") :].split("</p>")[0]
    assert not line.endswith(".."), line
