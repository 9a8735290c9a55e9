"""API v1 requests for assistance: filing with a letter, review, decision; per persona."""

import datetime as dt

import pytest

from ipdev.activities.models import Activity
from ipdev.planning.models import AssistanceRequest
from tests.api.conftest import api_client
from tests.factories import ALL_CRITERIA, file_request, letter, request_data

pytestmark = pytest.mark.django_db


def _multipart(**overrides):
    data = {k: v for k, v in request_data(**overrides).items() if v is not None}
    return {**data, "letter": letter()}


def test_focal_point_files_a_request_through_the_api(focal_point):
    response = api_client(focal_point).post("/api/v1/requests/", _multipart(), format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["request"]["routed_to"] == ["rb-africa"]
    assert body["criteria"] == [] and body["review_notes"] == ""


def test_filing_without_the_letter_names_the_field(focal_point):
    data = _multipart()
    del data["letter"]
    response = api_client(focal_point).post("/api/v1/requests/", data, format="multipart")
    assert response.status_code == 400
    assert "letter" in response.json()["errors"]


def test_a_bad_letter_names_the_field(focal_point):
    data = {**_multipart(), "letter": letter("x.pdf", b"not a pdf")}
    response = api_client(focal_point).post("/api/v1/requests/", data, format="multipart")
    assert response.status_code == 400
    assert "letter" in response.json()["errors"]
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("public", 403), ("other_focal_point", 403), ("staff", 201)],
)
def test_who_may_file_for_kenya(personas, persona, expected):
    response = api_client(personas[persona]).post(
        "/api/v1/requests/", _multipart(), format="multipart"
    )
    assert response.status_code == expected


def test_list_shows_each_focal_point_their_countries(focal_point, other_focal_point):
    file_request(focal_point)
    assert len(api_client(focal_point).get("/api/v1/requests/").json()) == 1
    assert api_client(other_focal_point).get("/api/v1/requests/").json() == []


def test_staff_review_consult_and_approve_and_the_activity_appears(focal_point, staff):
    request = file_request(focal_point)
    client = api_client(staff)
    url = f"/api/v1/requests/{request.pk}/"
    review = client.post(url + "review/", {"criteria": ALL_CRITERIA, "notes": "ok"}, format="json")
    assert review.status_code == 200
    consult = client.post(
        url + "consultations/",
        {"unit": "legislative-advice", "consulted_on": str(dt.date.today()), "summary": "Fine."},
        format="json",
    )
    assert consult.status_code == 201
    decided = client.post(
        url + "decision/",
        {"decision": "approved", "reason": "In the plan.", "no_framework_reason": "Urgent."},
        format="json",
    )
    assert decided.status_code == 200
    activity_id = decided.json()["activity"]
    assert Activity.objects.filter(pk=activity_id, status="planned").exists()
    seen = api_client(focal_point).get(url).json()
    assert seen["decision_reason"] == "In the plan." and seen["consultations"] == []


def test_focal_point_cannot_decide(focal_point):
    request = file_request(focal_point)
    response = api_client(focal_point).post(
        f"/api/v1/requests/{request.pk}/decision/",
        {"decision": "approved", "reason": "Please"},
        format="json",
    )
    assert response.status_code == 403


def test_decision_errors_name_the_field(focal_point, staff):
    request = file_request(focal_point)
    response = api_client(staff).post(
        f"/api/v1/requests/{request.pk}/decision/",
        {"decision": "approved", "reason": "Yes"},
        format="json",
    )
    assert response.status_code == 400
    assert "criteria" in response.json()["errors"]


def test_report_is_for_staff(focal_point, staff):
    file_request(focal_point)
    assert api_client(focal_point).get("/api/v1/requests/report/").status_code == 403
    rows = api_client(staff).get("/api/v1/requests/report/").json()
    assert rows[0]["country"] == "KE" and rows[0]["requested"] == 1
    assert api_client(staff).get("/api/v1/requests/report/?year=abc").status_code == 400


def test_requests_are_in_the_schema(anonymous):
    schema = anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    paths = schema.json()["paths"]
    assert {"/api/v1/requests/", "/api/v1/requests/{id}/decision/"} <= set(paths)
