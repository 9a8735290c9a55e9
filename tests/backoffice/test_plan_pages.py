"""Workflow pages for country plans and strategy processes, per persona."""

import datetime as dt

import pytest
from django.urls import reverse

from ipdev.planning.models import CountryPlan, PlanStatus, StrategyProcess
from tests.conftest import client_for
from tests.factories import letter, make_activity, make_plan, plan_line_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("public", 403), ("focal_point", 200), ("staff", 200)],
)
def test_who_opens_the_plan_list(personas, persona, expected):
    assert (
        client_for(personas[persona]).get(reverse("backoffice-work:plans")).status_code == expected
    )


@pytest.mark.parametrize(("persona", "expected"), [("focal_point", 403), ("staff", 200)])
def test_only_staff_open_the_new_plan_form(personas, persona, expected):
    response = client_for(personas[persona]).get(reverse("backoffice-work:plan-new"))
    assert response.status_code == expected


def test_staff_create_a_plan_add_lines_agree_and_review(staff):
    client = client_for(staff)
    response = client.post(
        reverse("backoffice-work:plan-new"), {"country": "KE", "biennium_start": "2026"}
    )
    plan = CountryPlan.objects.get()
    assert response["Location"] == reverse("backoffice-work:plan", args=[plan.pk])
    activity = make_activity(user=staff)
    line = {**plan_line_data(), "activities": [activity.pk]}
    client.post(reverse("backoffice-work:plan-line-add", args=[plan.pk]), line)
    assert plan.lines.get().activities.get() == activity
    client.post(reverse("backoffice-work:plan-agree", args=[plan.pk]), {"agreed_on": "2026-02-01"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    edit = reverse("backoffice-work:plan-line", args=[plan.pk, plan.lines.get().pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {**plan_line_data(year1_activities="Three workshops.")})
    client.post(reverse("backoffice-work:plan-review", args=[plan.pk]), {"note": "Review 2027"})
    assert plan.versions.count() == 2
    page = client.get(reverse("backoffice-work:plan-compare", args=[plan.pk]) + "?a=1&b=2")
    assert b"Three workshops." in page.content and b"Two examination workshops." in page.content
    detail = client.get(reverse("backoffice-work:plan", args=[plan.pk]))
    assert b"Work-plan matrix" in detail.content and activity.title.encode() in detail.content


def test_a_bad_line_shows_the_error_on_the_field(staff):
    plan = make_plan(staff, lines=0)
    response = client_for(staff).post(
        reverse("backoffice-work:plan-line-add", args=[plan.pk]),
        plan_line_data(performance_indicators=""),
    )
    assert response.status_code == 400
    assert response.context["line_form"].errors["performance_indicators"]
    assert not plan.lines.exists()


def test_comparing_a_missing_version_is_a_400(staff):
    plan = make_plan(staff)
    response = client_for(staff).get(
        reverse("backoffice-work:plan-compare", args=[plan.pk]) + "?a=4&b=0"
    )
    assert response.status_code == 400


def test_focal_points_read_their_plan_but_cannot_edit(focal_point, other_focal_point, staff):
    plan = make_plan(staff)
    url = reverse("backoffice-work:plan", args=[plan.pk])
    page = client_for(focal_point).get(url)
    assert page.status_code == 200 and b"Add a line" not in page.content
    assert client_for(other_focal_point).get(url).status_code == 404
    response = client_for(focal_point).post(
        reverse("backoffice-work:plan-line-add", args=[plan.pk]), plan_line_data()
    )
    assert response.status_code == 403


def test_staff_follow_a_strategy_step_with_a_document(staff, focal_point):
    client = client_for(staff)
    client.post(
        reverse("backoffice-work:strategy-new"),
        {"country": "KE", "title": "National IP strategy", "started_on": "2026-01-10"},
    )
    process = StrategyProcess.objects.get()
    step = process.steps.get(step="needs_assessment")
    step_url = reverse("backoffice-work:strategy-step", args=[process.pk, step.pk])
    bad = client.post(step_url, {"status": "done"})
    assert bad.status_code == 400
    client.post(
        step_url,
        {"status": "done", "started_on": "2026-01-10", "completed_on": "2026-04-30"},
    )
    step.refresh_from_db()
    assert step.completed_on == dt.date(2026, 4, 30)
    client.post(
        reverse("backoffice-work:strategy-document", args=[process.pk, step.pk]),
        {"upload": letter("assessment.pdf"), "title": "Needs assessment"},
    )
    document = step.documents.get()
    url = reverse("backoffice-work:strategy-document-download", args=[process.pk, document.pk])
    own = client_for(focal_point).get(url)
    assert own.status_code == 200
    page = client_for(focal_point).get(reverse("backoffice-work:strategy", args=[process.pk]))
    assert b"Needs assessment" in page.content and b"Update this step" not in page.content
