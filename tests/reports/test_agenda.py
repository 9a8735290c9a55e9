"""The Development Agenda report: counts per cluster, recommendation, SDG and year; participants
by gender only where published; highlights; the DA review for staff only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipdev.reports import build, params
from ipdev.reports.agenda import da_report
from tests.factories import make_activity
from tests.reports.conftest import SECRET_OUTCOMES
from tests.reports.helpers import all_cells, pdf_text, sheet_rows

pytestmark = pytest.mark.django_db
Y2025 = params.Years(2025, 2025)


def _rows(report, key):
    return report.section(key).rows


def test_activities_count_once_per_cluster_and_once_per_recommendation(kenya):
    report = da_report(user=None, years=Y2025)
    cluster_a = next(r for r in _rows(report, "clusters") if r[0].startswith("A"))
    # The seminar (rec. 1) and the Peruvian course (recs. 1 and 10): two activities in cluster A.
    assert cluster_a[1] == 2
    recs = {r[1].split(".")[0]: r[2] for r in _rows(report, "recommendations")}
    assert recs == {"1": 2, "10": 1}
    sdgs = {r[0].split(":")[0]: r[1] for r in _rows(report, "sdgs")}
    assert sdgs == {"SDG 4": 1, "SDG 9": 3}  # the planned mission serves SDG 9 too
    assert dict(report.facts)["Activities"] == 3
    assert dict(report.facts)["Activities serving a DA recommendation"] == 2


def test_participants_by_gender_count_only_published_numbers_for_the_public(kenya):
    public = da_report(user=None, years=Y2025)
    year = _rows(public, "years")[0]
    # year, activities, with published participants, participants, women, men, completed
    assert year == [2025, 3, 1, 30, 14, 16, 2]
    assert "1 of 3 activities" in public.section("years").note


def test_staff_count_every_activitys_participants(staff, kenya):
    report = da_report(user=staff, years=Y2025)
    assert _rows(report, "years")[0] == [2025, 3, 2, 60, 28, 32, 2]
    assert report.section("years").totals == ["Total", 3, 2, 60, 28, 32, 2]


def test_highlights_show_only_published_outcomes(staff, kenya):
    years = params.Years(2024, 2025)
    public = [r[0] for r in _rows(da_report(user=None, years=years), "highlights")]
    assert public == ["Published seminar"]
    for_staff = [r[0] for r in _rows(da_report(user=staff, years=years), "highlights")]
    assert for_staff == ["Published seminar", "Peruvian course", "Hidden workshop"]


def test_only_staff_get_the_da_review_with_costs(personas, kenya):
    staff_report = da_report(user=personas["staff"], years=params.Years(2024, 2024))
    review = _rows(staff_report, "review")
    total_cost = sum(r[3] for r in review if r[1].startswith("1."))
    assert total_cost == Decimal("48213.57")
    for persona in ("anonymous", "public", "other_focal_point"):
        report = da_report(user=personas[persona], years=params.Years(2024, 2024))
        assert "review" not in [s.key for s in report.sections]
        for fmt, read in (("pdf", pdf_text), ("xlsx", all_cells)):
            text = read(build.render(report, fmt).content)
            assert "48,213.57" not in text and "48213.57" not in text
            assert SECRET_OUTCOMES not in text


def test_the_xlsx_and_pdf_carry_the_same_figures(kenya):
    report = da_report(user=None, years=Y2025)
    content = build.render(report, "xlsx").content
    rows = sheet_rows(content, "Activities by year")
    assert rows[0] == (
        "Year", "Activities", "With published participants", "Participants", "Women", "Men",
        "Completed",
    )  # fmt: skip
    assert rows[1] == (2025, 3, 1, 30, 14, 16, 2)
    text = pdf_text(build.render(report, "pdf").content)
    assert "Development Agenda report" in text
    assert "2025 3 1 30 14 16 2" in text
    assert "Activities by DA cluster" in text and "Highlights" in text


def test_without_a_year_the_portal_builds_last_years_report(kenya):
    built = build.da_report(user=None, query={}, fmt="xlsx", default_year=2024)
    assert built.filename == "ipdev-development-agenda-2024.xlsx"


def test_the_report_takes_as_many_queries_for_4_activities_as_for_10(staff, kenya):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            da_report(user=staff, years=Y2025)
        return len(ctx.captured_queries)

    queries()
    few = queries()
    for n in range(6):
        make_activity(
            user=staff,
            title=f"More {n}",
            start_date=dt.date(2025, 1, n + 1),
            end_date=None,
            status="ongoing",
        )
    assert queries() == few
