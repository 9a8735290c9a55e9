"""Recording, listing and withdrawing member states' consent through the API."""

import pytest

from ipdev.activities import services
from ipdev.activities.models import Consent
from ipdev.core.models import AuditEntry
from tests.factories import make_activity

from .conftest import api_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/consents/"


def grant(client, **data):
    payload = {"country": "KE", "groups": ["narrative"], "granted_by": "Kenya mission", **data}
    return client.post(URL, payload, format="json")


def test_focal_point_records_their_countrys_default_consent(focal_point):
    response = grant(api_client(focal_point), granted_on="2025-01-10", reference="NV-12")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["country"] == "KE"
    assert body["activity"] is None
    assert body["groups"] == ["narrative"]
    assert body["granted_on"] == "2025-01-10"
    assert body["recorded_by"] == focal_point.username
    assert body["in_force"] is True
    assert AuditEntry.objects.filter(action="consent.granted").exists()


def test_consent_for_one_activity(staff):
    activity = make_activity(user=staff)
    response = grant(api_client(staff), activity=activity.pk, groups=["finance", "documents"])
    assert response.status_code == 201
    assert response.json()["activity"] == activity.pk


def test_new_consent_replaces_the_one_in_force(staff):
    client = api_client(staff)
    first = grant(client).json()
    grant(client, groups=["finance"])
    assert Consent.objects.get(pk=first["id"]).revoked_at is not None
    listing = client.get(URL, {"country": "KE"}).json()
    assert [c["in_force"] for c in listing["results"]] == [True, False]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"groups": ["gossip"]}, "groups"),
        ({"groups": "narrative"}, "groups"),
        ({"country": "XX"}, "country"),
        ({"country": None}, "country"),
        ({"granted_by": ""}, "granted_by"),
        ({"granted_on": "2025-02-01", "valid_until": "2025-01-01"}, "valid_until"),
        ({"activity": 999999}, "activity"),
        ({"until": "2030-01-01"}, "until"),
    ],
)
def test_invalid_consent_is_a_field_error(staff, data, field):
    response = grant(api_client(staff), **data)
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Consent.objects.exists()


def test_country_must_be_a_beneficiary_of_the_activity(staff):
    activity = make_activity(user=staff)
    response = grant(api_client(staff), country="PE", activity=activity.pk)
    assert response.status_code == 400
    assert "country" in response.json()["errors"]


def test_focal_point_cannot_consent_for_another_country(other_focal_point):
    response = grant(api_client(other_focal_point))
    assert response.status_code == 403
    assert not Consent.objects.exists()


def test_revoking_twice_is_a_field_error(staff):
    consent = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    client = api_client(staff)
    assert client.post(f"{URL}{consent.pk}/revoke/", {}, format="json").status_code == 200
    response = client.post(f"{URL}{consent.pk}/revoke/", {}, format="json")
    assert response.status_code == 400
    assert "consent" in response.json()["errors"]


def test_revoke_records_the_reason(focal_point, staff):
    consent = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    response = api_client(focal_point).post(
        f"{URL}{consent.pk}/revoke/", {"reason": "New government"}, format="json"
    )
    body = response.json()
    assert body["revoke_reason"] == "New government"
    assert body["revoked_by"] == focal_point.username
    assert body["in_force"] is False


def test_focal_point_cannot_revoke_another_countrys_consent(other_focal_point, staff):
    consent = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    response = api_client(other_focal_point).post(f"{URL}{consent.pk}/revoke/", {}, format="json")
    assert response.status_code == 403


def test_revoking_a_missing_consent_is_a_404(staff):
    response = api_client(staff).post(f"{URL}999999/revoke/", {}, format="json")
    assert response.status_code == 404


def test_consents_filter_by_activity(staff):
    activity = make_activity(user=staff)
    services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    services.consent_grant(
        user=staff, country="KE", activity=activity, groups=["narrative"], granted_by="KE"
    )
    client = api_client(staff)
    body = client.get(URL, {"activity": activity.pk}).json()
    assert [c["activity"] for c in body["results"]] == [activity.pk]
    response = client.get(URL, {"activity": "latest"})
    assert response.status_code == 400
    assert "activity" in response.json()["errors"]


def test_consent_list_is_paginated(staff, django_assert_max_num_queries):
    for _ in range(3):
        services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    client = api_client(staff)
    with django_assert_max_num_queries(6):
        body = client.get(URL, {"per_page": 2}).json()
    assert body["count"] == 3
    assert body["pages"] == 2
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
