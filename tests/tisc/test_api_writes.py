"""/api/v1/tisc/ writes for networks, centres, the agreement's file, maturity assessments and
Foundation Course phases, per persona (the public reads only; a coordinator their own network;
staff everything), each through the tisc services with its audit entry; bad input is named."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.core.models import AuditEntry
from ipdev.tisc.models import Centre, CentreChange, Certification, LevelAssessment, Network
from tests.api.conftest import api_client

from .conftest import CENTRE

pytestmark = pytest.mark.django_db

EVIDENCE = {"sla": "Signed 2023.", "host_agreements": "12 signed.", "yearly_report": "2024 in."}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    from django.core.cache import cache

    cache.clear()


def _errors(response) -> dict:
    return response.json()["errors"]


def test_staff_register_a_network_and_the_public_may_not(staff, coordinator, personas):
    body = {"name": "TISC Ghana", "country": "GH", "coordinating_institution": "RGD",
            "reporting_since": 2024, "coordinators": [coordinator.username]}  # fmt: skip
    assert (
        api_client()
        .post("/api/v1/tisc/networks/", body, format="json", HTTP_IF_MATCH="*")
        .status_code
        == 401
    )
    for user in (personas["public"], coordinator, personas["focal_point"]):
        response = api_client(user).post(
            "/api/v1/tisc/networks/", body, format="json", HTTP_IF_MATCH="*"
        )
        assert response.status_code == 403
    response = api_client(staff).post(
        "/api/v1/tisc/networks/", body, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 201, response.json()
    network = Network.objects.get(country="GH")
    assert list(network.coordinators.all()) == [coordinator]
    assert AuditEntry.objects.filter(action="tisc.network_created").count() == 1
    assert api_client().get("/api/v1/tisc/networks/").status_code == 200  # still public


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "X", "country": "ZZ", "coordinating_institution": "I", "reporting_since": 2024},
         "country"),
        ({"name": "X", "country": "GH", "coordinating_institution": "I", "reporting_since": 1900},
         "reporting_since"),
        ({"name": "X", "country": "GH", "coordinating_institution": "I", "reporting_since": 2024,
          "sla_status": "signed"}, "sla_signed_on"),
        ({"name": "X", "country": "GH", "coordinating_institution": "I", "reporting_since": 2024,
          "coordinators": ["nobody.here"]}, "coordinators"),
        ({"name": "X", "colour": "red"}, "colour"),
        ({"name": "X" * 201}, "name"),
    ],
)  # fmt: skip
def test_bad_network_input_names_the_field(staff, body, field):
    response = api_client(staff).post(
        "/api/v1/tisc/networks/", body, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 400
    assert field in _errors(response)
    assert not Network.objects.filter(name="X").exists()


def test_a_coordinator_edits_their_networks_public_fields_only(kenya, coordinator,
                                                              other_coordinator):  # fmt: skip
    url = f"/api/v1/tisc/networks/{kenya.pk}/"
    own = api_client(coordinator)
    response = own.patch(url, {"description": "Twelve centres."}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 200 and response.json()["description"] == "Twelve centres."
    refused = own.patch(url, {"frequency": "quarterly"}, format="json", HTTP_IF_MATCH="*")
    assert refused.status_code == 400 and "frequency" in _errors(refused)
    other = api_client(other_coordinator)
    assert (
        other.patch(url, {"description": "x"}, format="json", HTTP_IF_MATCH="*").status_code == 403
    )
    assert (
        api_client().patch(url, {"description": "x"}, format="json", HTTP_IF_MATCH="*").status_code
        == 401
    )
    kenya.refresh_from_db()
    assert kenya.description == "Twelve centres." and kenya.frequency == "yearly"


def test_staff_create_a_centre_at_once_a_coordinator_proposes_one(kenya, staff, coordinator,
                                                                  other_coordinator):  # fmt: skip
    body = {**CENTRE, "network": kenya.pk}
    staff_made = api_client(staff).post(
        "/api/v1/tisc/centres/", body, format="json", HTTP_IF_MATCH="*"
    )
    assert staff_made.status_code == 200, staff_made.json()
    assert staff_made.json()["centre"]["centre"]["name"] == "TISC Nairobi"
    proposed = api_client(coordinator).post(
        "/api/v1/tisc/centres/", {**body, "name": "TISC Kisumu"}, format="json"
    )
    assert proposed.status_code == 202
    assert proposed.json()["change"]["status"] == "pending"
    assert not Centre.objects.filter(name="TISC Kisumu").exists()  # not public until validated
    other = api_client(other_coordinator)
    assert other.post("/api/v1/tisc/centres/", body, format="json").status_code == 403
    assert (
        api_client()
        .post("/api/v1/tisc/centres/", body, format="json", HTTP_IF_MATCH="*")
        .status_code
        == 401
    )


def test_a_coordinators_centre_change_waits_for_staff_validation(centre, staff, coordinator):
    url = f"/api/v1/tisc/centres/{centre.pk}/"
    response = api_client(coordinator).patch(
        url, {"city": "Thika"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 202
    change_id = response.json()["change"]["id"]
    centre.refresh_from_db()
    assert centre.city == "Nairobi"
    assert (
        api_client(coordinator)
        .post(
            f"/api/v1/tisc/centre-changes/{change_id}/approve/",
            {},
            format="json",
            HTTP_IF_MATCH="*",
        )
        .status_code
        == 403
    )
    approved = api_client(staff).post(
        f"/api/v1/tisc/centre-changes/{change_id}/approve/", {}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    centre.refresh_from_db()
    assert centre.city == "Thika"
    direct = api_client(staff).patch(url, {"status": "suspended"}, format="json", HTTP_IF_MATCH="*")
    assert direct.status_code == 200 and direct.json()["centre"]["centre"]["status"]


def test_refusing_a_change_needs_a_reason(centre, staff, coordinator):
    url = f"/api/v1/tisc/centres/{centre.pk}/"
    change = (
        api_client(coordinator)
        .patch(url, {"city": "Thika"}, format="json", HTTP_IF_MATCH="*")
        .json()["change"]
    )
    url = f"/api/v1/tisc/centre-changes/{change['id']}/reject/"
    response = api_client(staff).post(url, {}, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 400 and "comment" in _errors(response)
    response = api_client(staff).post(
        url, {"comment": "Not a TISC."}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.json()["status"] == "rejected"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"latitude": 91}, "latitude"),
        ({"latitude": None}, "longitude"),
        ({"services": ["juggling"]}, "services"),
        ({"languages": ["xx"]}, "languages"),
        ({"ror": "not-a-ror"}, "ror"),
        ({"host_type": "castle"}, "host_type"),
        ({"agreement_status": "signed"}, "agreement_signed_on"),
        ({"city": ""}, "city"),
        ({"secret": 1}, "secret"),
    ],
)
def test_bad_centre_input_names_the_field(centre, staff, coordinator, body, field):
    for user in (staff, coordinator):
        response = api_client(user).patch(f"/api/v1/tisc/centres/{centre.pk}/", body,
                                          format="json", HTTP_IF_MATCH="*")  # fmt: skip
        assert response.status_code == 400, (user, response.json())
        assert field in _errors(response)
    assert not CentreChange.objects.exists()


def test_staff_rate_the_level_with_evidence_and_coordinators_read_it(kenya, staff, coordinator):
    url = f"/api/v1/tisc/networks/{kenya.pk}/assessments/"
    body = {"level": 1, "decided_on": "2025-03-01", "criteria": EVIDENCE}
    assert (
        api_client(coordinator).post(url, body, format="json", HTTP_IF_MATCH="*").status_code == 403
    )
    response = api_client(staff).post(url, body, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 201 and response.json()["criteria"] == EVIDENCE
    kenya.refresh_from_db()
    assert kenya.level == 1
    assert AuditEntry.objects.filter(action="tisc.level_assessed").count() == 1
    assert api_client(coordinator).get(url).json()[0]["level"] == 1
    assert api_client().get(url).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"level": 2, "criteria": EVIDENCE}, "criteria.basic_search"),
        ({"level": 4, "criteria": EVIDENCE}, "level"),
        ({"level": 1, "criteria": {**EVIDENCE, "charm": "yes"}}, "criteria"),
        ({"level": 1, "criteria": EVIDENCE, "decided_on": "yesterday"}, "decided_on"),
    ],
)
def test_bad_assessments_name_the_field(kenya, staff, body, field):
    url = f"/api/v1/tisc/networks/{kenya.pk}/assessments/"
    response = api_client(staff).post(url, body, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 400 and field in _errors(response)
    assert not LevelAssessment.objects.exists()


def test_course_phases_per_participant(kenya, staff, coordinator, other_coordinator):
    enrol = f"/api/v1/tisc/networks/{kenya.pk}/certifications/"
    body = {"name": "Wanjiru K.", "sex": "female", "language": "en"}
    assert (
        api_client(other_coordinator)
        .post(enrol, body, format="json", HTTP_IF_MATCH="*")
        .status_code
        == 403
    )
    response = api_client(coordinator).post(enrol, body, format="json", HTTP_IF_MATCH="*")
    assert response.status_code == 201
    pk = response.json()["id"]
    url = f"/api/v1/tisc/certifications/{pk}/phases/"
    phase = {"phase": "distance", "status": "completed", "on": "2025-02-01"}
    assert (
        api_client(coordinator).post(url, phase, format="json", HTTP_IF_MATCH="*").status_code
        == 403
    )
    assert (
        api_client(other_coordinator).post(url, phase, format="json", HTTP_IF_MATCH="*").status_code
        == 404
    )
    for name in ("distance", "instructor", "practice"):
        response = api_client(staff).post(
            url, {**phase, "phase": name}, format="json", HTTP_IF_MATCH="*"
        )
        assert response.status_code == 200
    assert response.json()["certificate_number"].startswith("TISC-FC-2025-")
    assert AuditEntry.objects.filter(action="tisc.phase_recorded").count() == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"phase": "party", "status": "completed", "on": "2025-02-01"}, "phase"),
        ({"phase": "distance", "status": "done"}, "status"),
        ({"phase": "distance", "status": "completed"}, "on"),
        ({"phase": "distance", "status": "completed", "on": "02/01/2025"}, "on"),
    ],
)
def test_bad_phases_name_the_field(kenya, staff, body, field):
    c = Certification.objects.create(network=kenya, name="A", sex="male", language_id="en")
    response = api_client(staff).post(f"/api/v1/tisc/certifications/{c.pk}/phases/", body,
                                      format="json", HTTP_IF_MATCH="*")  # fmt: skip
    assert response.status_code == 400 and field in _errors(response)


def test_bad_enrolment_names_the_field(kenya, coordinator):
    url = f"/api/v1/tisc/networks/{kenya.pk}/certifications/"
    response = api_client(coordinator).post(url, {"name": "", "sex": "x", "language": "zz"},
                                            format="json", HTTP_IF_MATCH="*")  # fmt: skip
    assert response.status_code == 400 and {"name", "sex"} <= set(_errors(response))
    response = api_client(coordinator).post(
        url, {"name": "B", "sex": "male", "language": "zz"}, format="json"
    )
    assert response.status_code == 400 and "language" in _errors(response)


def test_the_agreement_file_through_the_api(kenya, staff, coordinator, other_coordinator):
    url = f"/api/v1/tisc/networks/{kenya.pk}/agreement/"
    upload = {"file": SimpleUploadedFile("sla.pdf", PDF)}
    assert api_client(coordinator).put(url, upload, format="multipart").status_code == 403
    bad = api_client(staff).put(url, {"file": SimpleUploadedFile("sla.exe", b"MZ")},
                                format="multipart")  # fmt: skip
    assert bad.status_code == 400 and "not accepted" in _errors(bad)["file"][0]
    upload = {"file": SimpleUploadedFile("sla.pdf", PDF)}
    assert api_client(staff).put(url, upload, format="multipart").status_code == 200
    got = api_client(coordinator).get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert api_client(other_coordinator).get(url).status_code == 403
    assert api_client().get(url).status_code == 401
    assert "sla.pdf" not in api_client().get(f"/api/v1/tisc/networks/{kenya.pk}/").content.decode()
