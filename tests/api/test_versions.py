"""No lost update through the API: reads send an ETag; a change with a stale If-Match gets
412 Precondition Failed and writes nothing; PATCH and DELETE without If-Match get 428; state
changes (decisions, actuals, match states, consent revocations) take If-Match too; the schema
documents all of it."""

import pytest

from ipdev.activities import services
from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from ipdev.matchmaking import services as match_services
from ipdev.planning.models import Actual, AssistanceRequest
from tests.factories import (
    ALL_CRITERIA,
    file_request,
    make_activity,
    make_indicator,
    need_fields,
    offer_fields,
    published,
)

from .conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, title="Original title")


def url(activity):
    return f"/api/v1/activities/{activity.pk}/"


def test_a_read_sends_the_version_and_it_changes_with_the_activity(staff, activity):
    client = api_client(None)
    first = client.get(url(activity))["ETag"]
    assert first.startswith('"') and client.get(url(activity))["ETag"] == first
    services.activity_update(user=staff, activity=activity, data={"title": "New"})
    assert client.get(url(activity))["ETag"] != first


def test_the_public_and_staff_get_the_same_version(staff, activity):
    assert (
        api_client(None).get(url(activity))["ETag"] == api_client(staff).get(url(activity))["ETag"]
    )


def test_a_patch_with_the_current_version_applies_and_sends_the_new_one(staff, activity):
    client = api_client(staff)
    etag = client.get(url(activity))["ETag"]
    response = client.patch(url(activity), {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag and response.json()["title"] == "Mine"


def test_a_patch_with_a_stale_version_gets_412_and_writes_nothing(staff, activity):
    client = api_client(staff)
    etag = client.get(url(activity))["ETag"]
    services.activity_update(user=staff, activity=activity, data={"summary": "Someone else"})
    response = client.patch(url(activity), {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    assert Activity.objects.get().title == "Original title"
    assert AuditEntry.objects.filter(action="activity.updated").count() == 1


def test_a_patch_or_delete_without_if_match_gets_428_naming_the_header(staff, activity):
    client = api_client(staff)
    response = client.patch(url(activity), {"title": "Mine"}, format="json")
    assert response.status_code == 428
    assert response.json()["code"] == "precondition_required"
    assert "If-Match" in response.json()["detail"]
    assert client.delete(url(activity)).status_code == 428
    assert Activity.objects.get().title == "Original title"


def test_if_match_star_changes_whatever_the_activity_is_now(staff, activity):
    response = api_client(staff).patch(
        url(activity), {"title": "Mine"}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 200 and response.json()["title"] == "Mine"


def test_who_may_not_write_gets_403_not_a_precondition_answer(other_focal_point, activity):
    client = api_client(other_focal_point)
    assert client.patch(url(activity), {"title": "x"}, format="json").status_code == 403
    stale = client.patch(url(activity), {"title": "x"}, format="json", HTTP_IF_MATCH='"old"')
    assert stale.status_code == 403
    assert client.patch("/api/v1/activities/999999/", {}, format="json").status_code == 404


def test_a_stale_version_wins_over_a_payload_error_and_writes_nothing(staff, activity):
    response = api_client(staff).patch(
        url(activity), {"start_date": "soon"}, format="json", HTTP_IF_MATCH='"old"'
    )
    assert response.status_code == 412


def test_a_stale_delete_and_status_change_get_412(staff, activity):
    client = api_client(staff)
    etag = client.get(url(activity))["ETag"]
    services.activity_update(user=staff, activity=activity, data={"summary": "Changed"})
    status_url = f"{url(activity)}status/"
    stale = client.post(status_url, {"status": "ongoing"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert client.delete(url(activity), HTTP_IF_MATCH=etag).status_code == 412
    assert Activity.objects.filter(pk=activity.pk, status="completed").exists()
    fresh = client.get(url(activity))["ETag"]
    assert client.delete(url(activity), HTTP_IF_MATCH=fresh).status_code == 204


def test_the_service_refuses_a_version_changed_under_it(staff, activity):
    """Between the view's check and the service's lock: the same 412, nothing written."""
    from ipdev.activities import versions

    old = versions.version(activity)
    services.activity_update(user=staff, activity=activity, data={"summary": "Changed"})
    with pytest.raises(services.ValidationError):
        services.activity_update(
            user=staff, activity=activity, data={"title": "Mine"}, based_on=old
        )
    assert Activity.objects.get().title == "Original title"


def test_a_need_patch_with_a_stale_version_gets_412(focal_point):
    need = match_services.need_create(user=focal_point, data=need_fields())
    client = api_client(focal_point)
    etag = client.get(f"/api/v1/needs/{need.pk}/")["ETag"]
    match_services.listing_update(user=focal_point, listing=need, data={"title": "Theirs"})
    stale = client.patch(
        f"/api/v1/needs/{need.pk}/", {"title": "Mine"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    fresh = client.get(f"/api/v1/needs/{need.pk}/")["ETag"]
    ok = client.patch(
        f"/api/v1/needs/{need.pk}/", {"title": "Mine"}, format="json", HTTP_IF_MATCH=fresh
    )
    assert ok.status_code == 200 and ok.json()["title"] == "Mine"


def test_the_schema_documents_etag_if_match_and_412(staff):
    schema = api_client(None).get("/api/v1/schema/?format=json").json()
    item = schema["paths"]["/api/v1/activities/{id}/"]
    assert "ETag" in item["get"]["responses"]["200"]["headers"]
    for method in ("patch", "delete"):
        names = [p["name"] for p in item[method]["parameters"]]
        assert "If-Match" in names
        assert "412" in item[method]["responses"]
    need = schema["paths"]["/api/v1/needs/{id}/"]
    assert "412" in need["patch"]["responses"]

    assert "428" in item["patch"]["responses"]
    assert next(p for p in item["patch"]["parameters"] if p["name"] == "If-Match")["required"]
    decision = schema["paths"]["/api/v1/requests/{id}/decision/"]["post"]
    header = next(p for p in decision["parameters"] if p["name"] == "If-Match")
    assert not header["required"] and "412" in decision["responses"]
    assert "ETag" in schema["paths"]["/api/v1/requests/{id}/"]["get"]["responses"]["200"]["headers"]


def test_a_request_decision_on_a_stale_version_gets_412(focal_point, staff):
    filed = file_request(focal_point)
    client = api_client(staff)
    url = f"/api/v1/requests/{filed.pk}/"
    etag = client.get(url)["ETag"]
    review = {"criteria": ALL_CRITERIA, "notes": "Looked at it."}
    assert (
        client.post(url + "review/", review, format="json", HTTP_IF_MATCH=etag).status_code == 200
    )
    decision = {
        "decision": "declined",
        "reason": "Not in the plan.",
        "consultation_waiver": "The office asked for nothing else.",
    }
    stale = client.post(url + "decision/", decision, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert AssistanceRequest.objects.get(pk=filed.pk).decision_reason == ""
    fresh = client.get(url)["ETag"]
    ok = client.post(url + "decision/", decision, format="json", HTTP_IF_MATCH=fresh)
    assert ok.status_code == 200, ok.json()


def test_an_actual_step_on_a_stale_version_gets_412(focal_point, staff):
    indicator = make_indicator(staff)
    focal = api_client(focal_point)
    created = focal.post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "3", "value_women": "1", "value_men": "2"},
        format="json",
    )
    version = created.json()["actuals"][0]["version"]
    stale_indicator = created["ETag"]
    corrected = focal.post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "4", "value_women": "1", "value_men": "3"},
        format="json",
        HTTP_IF_MATCH=stale_indicator,
    )
    assert corrected.status_code == 201
    again = focal.post(
        f"/api/v1/indicators/{indicator.pk}/actuals/",
        {"period": 2026, "value": "5", "value_women": "1", "value_men": "4"},
        format="json",
        HTTP_IF_MATCH=stale_indicator,
    )
    assert again.status_code == 412
    actual = Actual.objects.get()
    assert actual.value == 4
    stale = focal.post(f"/api/v1/actuals/{actual.pk}/submit/", HTTP_IF_MATCH=f'"{version}"')
    assert stale.status_code == 412
    fresh = corrected.json()["actuals"][0]["version"]
    submitted = focal.post(f"/api/v1/actuals/{actual.pk}/submit/", HTTP_IF_MATCH=f'"{fresh}"')
    assert submitted.status_code == 200
    assert submitted["ETag"] == f'"{submitted.json()["actuals"][0]["version"]}"'


def test_a_match_state_and_a_consent_revocation_on_stale_versions_get_412(
    focal_point, staff, provider
):
    from ipdev.matchmaking.models import Match

    need = published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    offer = published(match_services.offer_create(user=provider, data=offer_fields()), staff)
    seeker = api_client(focal_point)
    created = seeker.post("/api/v1/matches/", {"need": need.pk, "offer": offer.pk}, format="json")
    match = created.json()["id"]
    etag = seeker.get(f"/api/v1/matches/{match}/")["ETag"]
    donor = api_client(provider)
    moved = donor.post(
        f"/api/v1/matches/{match}/state/",
        {"state": "in_contact"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert moved.status_code == 200 and moved["ETag"] != etag
    stale = seeker.post(
        f"/api/v1/matches/{match}/state/", {"state": "closed"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    assert Match.objects.get(pk=match).state == "in_contact"

    from ipdev.activities.models import Consent

    consent = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    client = api_client(staff)
    old = '"0123456789abcdef0123"'
    revoke = f"/api/v1/consents/{consent.pk}/revoke/"
    assert client.post(revoke, {}, format="json", HTTP_IF_MATCH=old).status_code == 412
    assert Consent.objects.get(pk=consent.pk).revoked_at is None
    done = client.post(revoke, {}, format="json")
    assert done.status_code == 200 and done["ETag"]
