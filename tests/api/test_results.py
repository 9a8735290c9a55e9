"""API v1 for plans, strategies, indicators and actuals; per persona."""

import datetime as dt

import pytest

from ipdev.planning import services
from ipdev.planning.models import Actual, ActualStatus
from tests.api.conftest import api_client
from tests.factories import agree_plan, make_indicator, make_plan

pytestmark = pytest.mark.django_db


def test_the_public_sees_agreed_plans_only(staff):
    draft = make_plan(staff)
    agreed = make_plan(staff, country="PE")
    agree_plan(staff, agreed, dt.date(2026, 2, 1))
    rows = api_client().get("/api/v1/plans/").json()
    assert [r["id"] for r in rows] == [agreed.pk]
    assert api_client().get(f"/api/v1/plans/{draft.pk}/").status_code == 404
    body = api_client().get(f"/api/v1/plans/{agreed.pk}/").json()
    assert body["matrix"][0]["results"][0]["lines"][0]["expected_result"] == "III.2"


def test_plan_versions_compare(staff):
    plan = make_plan(staff)
    agree_plan(staff, plan, dt.date(2026, 2, 1))
    services.plan_line_save(
        user=staff, plan=plan, line=plan.lines.get(), data={"year1_activities": "Changed."}
    )
    changes = api_client().get(f"/api/v1/plans/{plan.pk}/compare/?a=1&b=0").json()
    assert changes[0]["after"] == "Changed."
    bad = api_client().get(f"/api/v1/plans/{plan.pk}/compare/?a=x&b=0")
    assert bad.status_code == 400 and "a" in bad.json()["errors"]


def test_focal_point_reports_and_staff_approve_through_the_api(staff, focal_point):
    indicator = make_indicator(staff)
    focal = api_client(focal_point)
    created = focal.post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "30.5", "value_women": "15", "value_men": "15.5"},
        format="json",
    )
    assert created.status_code == 201
    actual = Actual.objects.get()
    assert focal.post(f"/api/v1/actuals/{actual.pk}/submit/").status_code == 200
    assert focal.post(f"/api/v1/actuals/{actual.pk}/approve/").status_code == 403
    approved = api_client(staff).post(f"/api/v1/actuals/{actual.pk}/approve/")
    assert approved.status_code == 200
    assert approved.json()["periods"][0]["actual"] == "30.5000"
    actual.refresh_from_db()
    assert actual.status == ActualStatus.APPROVED


def test_actual_errors_name_the_field(staff):
    indicator = make_indicator(staff)
    response = api_client(staff).post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "10", "value_women": "8", "value_men": "8"},
        format="json",
    )
    assert response.status_code == 400 and "value_women" in response.json()["errors"]
    response = api_client(staff).post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "ten"},
        format="json",
    )
    assert response.status_code == 400 and "value" in response.json()["errors"]


def test_return_needs_a_comment(staff):
    indicator = make_indicator(staff, by_sex=False)
    actual = services.actual_save(user=staff, indicator=indicator, period=2026, value=1)
    services.actual_submit(user=staff, actual=actual)
    response = api_client(staff).post(f"/api/v1/actuals/{actual.pk}/return/", {}, format="json")
    assert response.status_code == 400 and "comment" in response.json()["errors"]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("public", 403), ("other_focal_point", 200), ("staff", 200)],
)
def test_indicator_list_is_for_writers(personas, persona, expected, staff):
    make_indicator(staff)
    response = api_client(personas[persona]).get("/api/v1/indicators/")
    assert response.status_code == expected
    if persona == "other_focal_point":
        assert response.json() == []


def test_strategies_are_listed_for_writers(staff):
    services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 1)
    )
    rows = api_client(staff).get("/api/v1/strategies/").json()
    assert rows[0]["steps_total"] == 8
    assert api_client().get("/api/v1/strategies/").status_code == 401
