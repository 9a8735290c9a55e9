"""/api/v1/consultants/: the public roster, private fields by persona, proposed changes."""

import pytest

from ipdev.roster.models import ProfileChange
from tests.api.conftest import api_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile(consultant_user, staff):
    c = consultant_user.consultant_profile
    return c


def test_anyone_searches_the_roster_with_facets(anonymous, profile):
    response = anonymous.get("/api/v1/consultants/?language=fr")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["results"][0]["name"] == "Cora Consultant"
    assert "email" not in data["results"][0]
    assert {"ip_area", "language", "nationality", "gender", "region"} <= set(data["facets"])


def test_bad_filters_get_field_errors(anonymous, profile):
    response = anonymous.get("/api/v1/consultants/?gender=robot")
    assert response.status_code == 400
    assert "gender" in response.json()["errors"]


@pytest.mark.parametrize(
    ("persona", "sees_private"),
    [
        ("anonymous", False),
        ("public", False),
        ("provider", False),
        ("seeker", False),
        ("consultant", True),
        ("staff", True),
    ],
)
def test_private_fields_by_persona(match_personas, profile, persona, sees_private):
    response = api_client(match_personas[persona]).get(f"/api/v1/consultants/{profile.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert ("cora@example.org" in body) is sees_private
    assert ("650.00" in body) is sees_private
    assert (response.json()["private"] is not None) is sees_private


def test_the_consultant_proposes_a_change_for_validation(consultant_user, profile):
    client = api_client(consultant_user)
    response = client.post(
        f"/api/v1/consultants/{profile.pk}/changes/",
        {
            "biography": "Now also trains judges.",
            "languages": [{"language": "ar", "level": "basic"}],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "pending"
    assert ProfileChange.objects.get().data["languages"] == [{"language": "ar", "level": "basic"}]
    public = api_client().get(f"/api/v1/consultants/{profile.pk}/").json()
    assert public["biography"] != "Now also trains judges."


def test_a_proposal_with_bad_codes_names_the_field(consultant_user, profile):
    response = api_client(consultant_user).post(
        f"/api/v1/consultants/{profile.pk}/changes/", {"countries": ["QQ"]}, format="json"
    )
    assert response.status_code == 400
    assert "countries" in response.json()["errors"]


@pytest.mark.parametrize(
    ("persona", "code"), [("anonymous", 401), ("provider", 403), ("seeker", 403)]
)
def test_others_cannot_propose_changes(match_personas, profile, persona, code):
    response = api_client(match_personas[persona]).post(
        f"/api/v1/consultants/{profile.pk}/changes/", {}, format="json"
    )
    assert response.status_code == code
