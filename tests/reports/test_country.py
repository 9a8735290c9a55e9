"""The country report: its figures match the selectors, and each persona's copy holds exactly
what the consent rule and the domain selectors let that persona see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipdev.activities import stats
from ipdev.matchmaking import services as match_services
from ipdev.reports import build, params
from ipdev.reports.country import country_report
from tests.factories import (
    agree_plan,
    file_request,
    make_activity,
    make_consultant,
    make_indicator,
    need_fields,
    published,
)
from tests.reports.conftest import SECRET_COST, SECRET_INSTITUTIONS, SECRET_OUTCOMES
from tests.reports.helpers import all_cells, pdf_text, sheet_rows, workbook

pytestmark = pytest.mark.django_db
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


def test_the_figures_by_year_and_category_match_the_country_selectors(kenya):
    report = country_report(user=None, code="ke")
    by_year = {row[0]: row[1] for row in report.section("by_year").rows}
    assert by_year == {int(t.code): t.count for t in stats.activities_by_year(country="KE")}
    by_category = {row[0]: row[1] for row in report.section("by_category").rows}
    assert by_category == {t.label: t.count for t in stats.activities_by_category(country="KE")}
    assert report.section("by_year").totals[1] == 3
    statuses = dict(report.section("by_status").rows)
    assert statuses == {"Completed": 2, "Planned": 1}
    # A fact without a value is left out rather than shown empty (Kenya is no LDC).
    assert "Least developed country since" not in dict(report.facts)
    assert dict(report.facts)["Region"] == "Eastern Africa"
    assert "Peruvian course" not in [r[1] for r in report.section("activities").rows]


def test_a_year_range_keeps_the_activities_that_started_in_it(kenya):
    report = country_report(user=None, code="KE", years=params.Years(2025, 2025))
    titles = [row[1] for row in report.section("activities").rows]
    assert titles == ["Planned mission", "Published seminar"]  # newest first
    assert report.filename == "ipdev-country-KE-2025"


def test_the_xlsx_has_a_sheet_per_section_with_headers_typed_cells_and_frozen_headers(kenya):
    content = build.country_report(user=None, code="KE", query={}, fmt="xlsx").content
    book = workbook(content)
    assert book.sheetnames[:6] == [
        "Report", "Charts", "Activities by year", "Activities by category",
        "Activities by status", "Activities",
    ]  # fmt: skip
    assert "Requests for assistance" in book.sheetnames  # empty, saying why
    assert "WIPO Match - needs" not in book.sheetnames  # empty, nothing to say
    for name in book.sheetnames[2:]:
        assert book[name].freeze_panes == "A2"
    rows = sheet_rows(content, "Activities")
    assert rows[0][:4] == ("Identifier", "Title", "Start", "End")
    seminar = next(r for r in rows if r[1] == "Published seminar")
    assert seminar[2] == dt.datetime(2025, 5, 1)  # a date cell, not text
    assert book["Activities"]["C2"].is_date
    years = sheet_rows(content, "Activities by year")
    assert years[1] == (2025, 2, 1, 0, 1) and isinstance(years[1][1], int)
    assert years[-1] == ("Total", 3, 2, 0, 1)


def test_the_pdf_has_a_title_page_the_figures_and_page_numbers(kenya):
    text = pdf_text(build.country_report(user=None, code="KE", query={}, fmt="pdf").content)
    assert "Country report: Kenya" in text
    assert "Regional Bureau for Africa" in text
    assert "Published seminar" in text and "Planned mission" in text
    assert "Peruvian course" not in text
    assert "1 / " in text and "Activities by year" in text


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_details_without_consent_never_reach_outsiders_in_any_format(personas, kenya, persona):
    user = personas[persona]
    for fmt, read in (("pdf", pdf_text), ("xlsx", all_cells)):
        text = read(build.country_report(user=user, code="KE", query={}, fmt=fmt).content)
        assert "Hidden workshop" in text, "general information is public"
        assert SECRET_OUTCOMES not in text and SECRET_INSTITUTIONS not in text
        assert "48,213.57" not in text and str(SECRET_COST) not in text
        assert "Publishedoutcomesqz" in text, "consented details are public"


@pytest.mark.parametrize("persona", INSIDERS)
def test_staff_and_the_countrys_focal_point_get_every_detail(personas, kenya, persona):
    report = country_report(user=personas[persona], code="KE")
    hidden = next(r for r in report.section("details").rows if r[1] == "Hidden workshop")
    assert hidden[2:6] == [40, 25, 15, SECRET_COST] and hidden[7] == SECRET_OUTCOMES
    text = pdf_text(build.render(report, "pdf").content)
    assert SECRET_OUTCOMES in text and "48,213.57" in text


def test_the_details_note_counts_the_activities_without_published_details(kenya):
    report = country_report(user=None, code="KE")
    assert [r[1] for r in report.section("details").rows] == ["Published seminar"]
    assert "2 of 3 activities have no published details" in report.section("details").note


def test_plans_indicators_and_requests_follow_the_planning_selectors(personas, staff, kenya):
    indicator = make_indicator(staff, name="Examiners trained in search")
    agree_plan(staff, indicator.plan_line.plan, dt.date(2026, 1, 15))
    file_request(personas["focal_point"], title="Training of examiners in Mombasa")
    public = country_report(user=None, code="KE")
    assert [r[0] for r in public.section("plans").rows] == ["2026-2027"]
    assert public.section("plan_lines").rows[0][0].startswith("III.2")
    assert public.section("indicators").rows == []
    assert "focal points" in public.section("indicators").empty_note  # why it is empty
    assert public.section("requests").rows == []
    for persona in ("focal_point", "staff"):
        report = country_report(user=personas[persona], code="KE")
        assert [r[0] for r in report.section("indicators").rows] == ["Examiners trained in search"]
        requests = report.section("requests").rows
        assert [(r[1], r[5]) for r in requests] == [
            ("Training of examiners in Mombasa", "Submitted")
        ]


def test_consultants_appear_with_public_fields_only(staff, kenya):
    make_consultant(name="Wanjiku Njoroge", nationality="KE", residence="KE", countries=[])
    make_consultant(name="Amina Diallo", countries=["KE"], email="amina.secret@example.org")
    make_consultant(name="Sven Other", nationality="SE", residence="SE", countries=["SE"])
    report = country_report(user=None, code="KE")
    rows = report.section("consultants").rows
    assert [(r[0], r[1]) for r in rows] == [
        ("Amina Diallo", "worked in the country"),
        ("Wanjiku Njoroge", "national"),
    ]
    for fmt, read in (("pdf", pdf_text), ("xlsx", all_cells)):
        text = read(build.render(report, fmt).content)
        assert "amina.secret@example.org" not in text and "650" not in text  # contact, fee


def test_wipo_match_shows_the_published_needs_and_offers_open_to_the_country(
    staff, focal_point, kenya
):
    published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    match_services.need_create(user=focal_point, data=need_fields(title="Draft need"))
    report = country_report(user=None, code="KE")
    assert [r[0] for r in report.section("match_needs").rows] == ["Modernising patent examination"]
    mine = country_report(user=focal_point, code="KE")
    assert {r[0] for r in mine.section("match_needs").rows} == {
        "Modernising patent examination", "Draft need",
    }  # fmt: skip


def test_an_unknown_country_is_a_404_naming_the_parameter(db):
    from django.http import Http404

    with pytest.raises(Http404, match="parameter: country"):
        country_report(user=None, code="XX")


def test_the_report_takes_as_many_queries_for_3_activities_as_for_12(staff, kenya):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            build.country_report(user=None, code="KE", query={}, fmt="xlsx")
        return len(ctx.captured_queries)

    queries()  # the first build fills the per-process cache of reference names
    few = queries()
    for n in range(9):
        make_activity(user=staff, title=f"More {n}", start_date=dt.date(2020 - n, 1, 1))
    assert queries() == few
    assert few < 40
