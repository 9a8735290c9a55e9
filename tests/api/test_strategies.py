"""The API applies the manual's rules for plans, strategies and needs assessments, per persona."""

import datetime as dt

import pytest

from ipdev.planning import services
from tests.api.conftest import api_client
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def _process(staff):
    return services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 5)
    )


def test_a_step_out_of_order_is_refused_naming_the_status(staff):
    process = _process(staff)
    third = process.steps.get(order=3)
    url = f"/api/v1/strategies/{process.pk}/steps/{third.pk}/"
    done = {"status": "done", "started_on": "2026-02-01", "completed_on": "2026-02-02"}
    refused = api_client(staff).post(url, done, format="json")
    assert refused.status_code == 400
    assert "Steps come in order" in refused.json()["errors"]["status"][0]
    for order in (1, 2):
        step = process.steps.get(order=order)
        skipped = api_client(staff).post(
            f"/api/v1/strategies/{process.pk}/steps/{step.pk}/",
            {"status": "skipped", "skip_reason": "Done in the earlier process."},
            format="json",
        )
        assert skipped.status_code == 200
    body = api_client(staff).post(url, done, format="json").json()
    assert [s["status"] for s in body["steps"][:3]] == ["skipped", "skipped", "done"]
    assert body["steps"][3]["waiting_for"] == []


def test_a_skip_without_reason_names_the_field(staff):
    process = _process(staff)
    step = process.steps.get(order=1)
    response = api_client(staff).post(
        f"/api/v1/strategies/{process.pk}/steps/{step.pk}/", {"status": "skipped"}, format="json"
    )
    assert response.status_code == 400 and "skip_reason" in response.json()["errors"]


@pytest.mark.parametrize(("persona", "expected"), [("focal_point", 403), ("anonymous", 401)])
def test_only_staff_update_steps_and_committees(personas, staff, persona, expected):
    process = _process(staff)
    step = process.steps.get(order=1)
    client = api_client(personas[persona])
    url = f"/api/v1/strategies/{process.pk}/"
    response = client.post(f"{url}steps/{step.pk}/", {"status": "in_progress"}, format="json")
    assert response.status_code == expected
    member = {"committee": "steering", "name": "A", "institution": "B"}
    assert client.post(f"{url}members/", member, format="json").status_code == expected


def test_committee_members_through_the_api(staff, focal_point):
    process = _process(staff)
    url = f"/api/v1/strategies/{process.pk}/members/"
    member = {"committee": "drafting", "name": "Samuel Kiprop", "institution": "UoN"}
    assert api_client(staff).post(url, member, format="json").status_code == 201
    seen = api_client(focal_point).get(f"/api/v1/strategies/{process.pk}/").json()
    drafting = next(c for c in seen["committees"] if c["committee"] == "drafting")
    assert drafting["members"][0]["institution"] == "UoN"


def test_the_focal_point_validates_the_plan_through_the_api(staff, focal_point):
    plan = make_plan(staff)
    url = f"/api/v1/plans/{plan.pk}/validate/"
    assert (
        api_client(staff)
        .post(url, {"validated_on": "2025-12-01", "participants": "x"}, format="json")
        .status_code
        == 403
    )
    bad = api_client(focal_point).post(url, {"validated_on": "2025-12-01"}, format="json")
    assert bad.status_code == 400 and "participants" in bad.json()["errors"]
    body = (
        api_client(focal_point)
        .post(url, {"validated_on": "2025-12-01", "participants": "KIPI"}, format="json")
        .json()
    )
    assert body["validated_on"] == "2025-12-01"
    assert {c["name"] for c in body["context"]} >= {"development_plan", "industrial_strategy"}


def test_needs_assessments_through_the_api(staff, focal_point, other_focal_point):
    data = {
        "country": "ke",
        "assessed_on": "2025-06-01",
        "title": "Needs assessment",
        "findings": "Backlog.",
        "priorities": "Examiners.",
        "risks": "Turnover.",
        "preparedness": "Committee named.",
        "national_committee": "KIPI",
    }
    assert (
        api_client(focal_point).post("/api/v1/needs-assessments/", data, format="json").status_code
        == 403
    )
    made = api_client(staff).post("/api/v1/needs-assessments/", data, format="json")
    assert made.status_code == 201 and made.json()["version"] == 1
    future = api_client(staff).post(
        "/api/v1/needs-assessments/", {**data, "assessed_on": "2099-01-01"}, format="json"
    )
    assert future.status_code == 400 and "assessed_on" in future.json()["errors"]
    assert len(api_client(focal_point).get("/api/v1/needs-assessments/").json()) == 1
    assert api_client(other_focal_point).get("/api/v1/needs-assessments/").json() == []
