"""Workflow pages for country plans and strategy processes, per persona."""

import datetime as dt

import pytest
from django.urls import reverse

from ipdev.planning import services
from ipdev.planning.models import CountryPlan, PlanStatus, StrategyProcess
from tests.conftest import client_for
from tests.factories import PLAN_CONTENTS, letter, make_activity, make_plan, plan_line_data

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


def test_staff_create_the_focal_point_validates_staff_agree_and_review(staff, focal_point):
    client = client_for(staff)
    response = client.post(
        reverse("backoffice-work:plan-new"),
        {"country": "KE", "biennium_start": "2026", **PLAN_CONTENTS},
    )
    plan = CountryPlan.objects.get()
    assert response["Location"] == reverse("backoffice-work:plan", args=[plan.pk])
    activity = make_activity(user=staff)  # 2024: outside the biennium
    line = {**plan_line_data(), "activities": [activity.pk]}
    refused = client.post(reverse("backoffice-work:plan-line-add", args=[plan.pk]), line)
    assert refused.status_code == 400
    assert refused.context["line_form"].errors["outside_reason"]
    line["outside_reason"] = "The follow-up of this workshop is in the plan."
    client.post(reverse("backoffice-work:plan-line-add", args=[plan.pk]), line)
    assert plan.lines.get().activities.get() == activity
    agree = reverse("backoffice-work:plan-agree", args=[plan.pk])
    refused = client.post(agree, {"agreed_on": "2026-02-01"})
    assert "validated_on" in str(refused.context["agree_form"].errors)
    focal = client_for(focal_point)
    page = focal.get(reverse("backoffice-work:plan", args=[plan.pk])).content.decode()
    assert 'id="validate-form"' in page and "follow-up of this workshop" in page
    validate = reverse("backoffice-work:plan-validate", args=[plan.pk])
    missing = focal.post(validate, {"validated_on": "2025-12-01"})
    assert missing.status_code == 400 and missing.context["validate_form"].errors["participants"]
    focal.post(validate, {"validated_on": "2025-12-01", "participants": "KIPI; ministry"})
    assert client.post(agree, {"agreed_on": "2026-02-01"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    page = client.get(reverse("backoffice-work:plan", args=[plan.pk])).content.decode()
    assert "Dec. 1, 2025" in page and "Feb. 1, 2026" in page
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


def test_staff_edit_the_plans_context_and_only_staff_may(staff, focal_point):
    plan = make_plan(staff)
    url = reverse("backoffice-work:plan-edit", args=[plan.pk])
    assert client_for(focal_point).get(url).status_code == 403
    assert client_for(staff).get(url).status_code == 200
    client_for(staff).post(url, {**PLAN_CONTENTS, "industrial_strategy": "Textile clusters."})
    plan.refresh_from_db()
    assert plan.industrial_strategy == "Textile clusters."


def test_staff_cannot_validate_for_the_country(staff):
    plan = make_plan(staff)
    response = client_for(staff).post(
        reverse("backoffice-work:plan-validate", args=[plan.pk]),
        {"validated_on": "2025-12-01", "participants": "Staff"},
    )
    assert response.status_code == 403


def test_needs_assessments_page_per_persona(staff, focal_point, other_focal_point):
    url = reverse("backoffice-work:needs-assessments")
    data = {
        "country": "KE",
        "assessed_on": "2025-06-01",
        "title": "Needs assessment of Kenya",
        "findings": "Backlog.",
        "priorities": "Examiners.",
        "risks": "Turnover.",
        "preparedness": "Committee named.",
        "national_committee": "KIPI; ministry of trade",
    }
    assert client_for(focal_point).post(url, data).status_code == 403
    bad = client_for(staff).post(url, {**data, "risks": ""})
    assert bad.status_code == 400 and bad.context["form"].errors["risks"]
    assert client_for(staff).post(url, data).status_code == 302
    assert b"Needs assessment of Kenya" in client_for(focal_point).get(url).content
    assert b"Needs assessment of Kenya" not in client_for(other_focal_point).get(url).content


def test_the_strategy_page_refuses_a_step_out_of_order_and_records_committees(staff):
    process = services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 5)
    )
    client = client_for(staff)
    third = process.steps.get(order=3)
    url = reverse("backoffice-work:strategy-step", args=[process.pk, third.pk])
    done = {"status": "done", "started_on": "2026-02-01", "completed_on": "2026-02-03"}
    response = client.post(url, done)
    assert response.status_code == 400
    assert "Steps come in order" in response.content.decode()
    members = reverse("backoffice-work:strategy-member-add", args=[process.pk])
    client.post(members, {"committee": "drafting", "name": "Samuel Kiprop", "institution": "UoN"})
    page = client.get(reverse("backoffice-work:strategy", args=[process.pk])).content.decode()
    assert "Samuel Kiprop" in page and "done or skipped: 1, 2." in page
