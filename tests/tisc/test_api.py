"""/api/v1/tisc/: the directory for everyone; reports, work plans, centre changes and
certification for the network's coordinators and staff; errors in the one shape."""

import io

import pytest
from openpyxl import load_workbook

from ipdev.tisc import services, spreadsheet
from ipdev.tisc.models import CentreChange, Report
from tests.api.conftest import api_client

from .conftest import CENTRE, figures


@pytest.fixture(autouse=True)
def _fresh_throttles():
    from django.core.cache import cache

    cache.clear()


def test_the_directory_is_public_without_private_fields(centre):
    body = api_client().get("/api/v1/tisc/centres/?service=novelty").json()
    assert body["count"] == 1 and body["results"][0]["name"] == "TISC Nairobi"
    assert "contact_email" not in str(body)
    assert {"country", "service", "host_type", "level", "language"} <= set(body["facets"])
    detail = api_client().get(f"/api/v1/tisc/centres/{centre.pk}/").json()
    assert detail["private"] is None
    assert api_client().get("/api/v1/tisc/centres/?page=x").status_code == 400


def test_the_coordinator_sees_private_fields_of_their_centres(
    centre, coordinator, other_coordinator
):
    own = api_client(coordinator).get(f"/api/v1/tisc/centres/{centre.pk}/").json()
    assert own["private"]["contact_email"] == "private.person@example.org"
    other = api_client(other_coordinator).get(f"/api/v1/tisc/centres/{centre.pk}/").json()
    assert other["private"] is None


def test_networks_and_stories_are_public(kenya):
    assert api_client().get("/api/v1/tisc/networks/").json()[0]["name"] == kenya.name
    assert api_client().get(f"/api/v1/tisc/networks/{kenya.pk}/").status_code == 200
    assert api_client().get("/api/v1/tisc/stories/").json() == []


def test_reports_per_persona(kenya, coordinator, other_coordinator, personas):
    url = f"/api/v1/tisc/networks/{kenya.pk}/reports/"
    assert api_client().get(url).status_code == 401
    assert api_client(personas["public"]).get(url).status_code == 403
    assert api_client(other_coordinator).get(url).status_code == 403
    assert api_client(coordinator).get(url).json() == []
    assert api_client(personas["staff"]).get(url).status_code == 200


def test_coordinator_files_and_staff_approve_through_the_api(kenya, coordinator, staff):
    client = api_client(coordinator)
    created = client.post(
        f"/api/v1/tisc/networks/{kenya.pk}/reports/",
        {"year": 2025, "quarter": 0, "figures": figures()},
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["figures"]["counts"]["inquiry_user"]["smes"] == 5
    assert client.post(f"/api/v1/tisc/reports/{pk}/submit/").json()["status"] == "submitted"
    assert client.post(f"/api/v1/tisc/reports/{pk}/approve/").status_code == 403
    returned = api_client(staff).post(f"/api/v1/tisc/reports/{pk}/return/", {"comment": ""},
                                      format="json")  # fmt: skip
    assert returned.status_code == 400 and "comment" in returned.json()["errors"]
    approved = api_client(staff).post(f"/api/v1/tisc/reports/{pk}/approve/")
    assert approved.json()["status"] == "approved"


def test_bad_figures_are_named_and_nothing_is_written(kenya, coordinator):
    bad = figures(events={"training": {"events": 1, "women": "ten"}})
    response = api_client(coordinator).post(
        f"/api/v1/tisc/networks/{kenya.pk}/reports/",
        {"year": 2025, "figures": bad, "colour": "red"}, format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "colour" in response.json()["errors"]
    response = api_client(coordinator).post(
        f"/api/v1/tisc/networks/{kenya.pk}/reports/", {"year": 2025, "figures": bad},
        format="json",
    )  # fmt: skip
    assert response.json()["errors"] == {"events.training.women": ["'ten' is not a whole number."]}
    assert not Report.objects.exists()


def test_upload_errors_are_keyed_by_cell(kenya, coordinator):
    content = spreadsheet.template(network_id=kenya.pk, network_name=kenya.name, year=2025,
                                   quarter=0, data=figures())  # fmt: skip
    wb = load_workbook(io.BytesIO(content))
    wb["Stories"]["C2"] = "sometimes"
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "r.xlsx"
    response = api_client(coordinator).post(
        f"/api/v1/tisc/networks/{kenya.pk}/reports/upload/",
        {"year": 2025, "quarter": 0, "file": out}, format="multipart",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"] == {"Stories!C2": ["Answer yes or no."]}
    good = io.BytesIO(content)
    good.name = "r.xlsx"
    response = api_client(coordinator).post(
        f"/api/v1/tisc/networks/{kenya.pk}/reports/upload/",
        {"year": 2025, "quarter": 0, "file": good}, format="multipart",
    )  # fmt: skip
    assert response.status_code == 201


def test_work_plans_and_centre_changes(kenya, centre, coordinator, other_coordinator):
    client = api_client(coordinator)
    plan = client.post(f"/api/v1/tisc/networks/{kenya.pk}/work-plans/",
                       {"year": 2026, "objectives": "More searches.",
                        "targets": {"inquiries": 300}}, format="json")  # fmt: skip
    assert plan.status_code == 200 and plan.json()["targets"] == {"inquiries": 300}
    change = client.post(
        f"/api/v1/tisc/networks/{kenya.pk}/centre-changes/",
        {"centre": centre.pk, "data": {"city": "Thika"}},
        format="json",
    )
    assert change.status_code == 201 and change.json()["status"] == "pending"
    bad = client.post(
        f"/api/v1/tisc/networks/{kenya.pk}/centre-changes/",
        {"data": {**CENTRE, "latitude": "north"}},
        format="json",
    )
    assert bad.status_code == 400 and "latitude" in bad.json()["errors"]
    assert CentreChange.objects.count() == 1
    other = api_client(other_coordinator).post(
        f"/api/v1/tisc/networks/{kenya.pk}/centre-changes/", {"data": CENTRE}, format="json"
    )
    assert other.status_code == 403


def test_certifications_staff_all_coordinator_theirs(kenya, peru, staff, coordinator):
    services.participant_enrol(
        user=staff, network=kenya, data={"name": "A", "sex": "female", "language": "en"}
    )
    services.participant_enrol(
        user=staff, network=peru, data={"name": "B", "sex": "male", "language": "es"}
    )
    assert len(api_client(staff).get("/api/v1/tisc/certifications/").json()) == 2
    mine = api_client(coordinator).get("/api/v1/tisc/certifications/").json()
    assert [c["name"] for c in mine] == ["A"]
    assert api_client().get("/api/v1/tisc/certifications/").status_code == 401
