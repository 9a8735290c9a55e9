"""Every endpoint for every persona: who may read, who may write, and which status says no."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities import services
from tests.factories import activity_data, make_activity

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "public", "focal_point", "other_focal_point", "staff", "admin"]
EVERYONE = dict.fromkeys(PERSONAS, 200)


def writers(ok: int, *, focal_point: int | None = None) -> dict[str, int]:
    """Anonymous 401, the public and Peru's focal point 403, Kenya's focal point and staff ok."""
    return {
        "anonymous": 401,
        "public": 403,
        "focal_point": ok if focal_point is None else focal_point,
        "other_focal_point": 403,
        "staff": ok,
        "admin": ok,
    }


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("agenda.pdf", b"%PDF-1.4\n", content_type="application/pdf")


# endpoint -> (method, path, payload, format, expected status per persona)
MATRIX = {
    "list activities": ("get", "/api/v1/activities/", None, None, EVERYONE),
    "read an activity": ("get", "/api/v1/activities/{activity}/", None, None, EVERYONE),
    "create an activity": ("post", "/api/v1/activities/", "activity", "json", writers(201)),
    "change an activity": (
        "patch",
        "/api/v1/activities/{activity}/",
        {"title": "New"},
        "json",
        writers(200),
    ),
    "delete an activity": (
        "delete",
        "/api/v1/activities/{activity}/",
        None,
        None,
        writers(204, focal_point=403),
    ),
    "change a status": (
        "post",
        "/api/v1/activities/{activity}/status/",
        {"status": "ongoing"},
        "json",
        writers(200),
    ),
    "attach a document": (
        "post",
        "/api/v1/activities/{activity}/documents/",
        "document",
        "multipart",
        writers(201),
    ),
    "list consents": (
        "get",
        "/api/v1/consents/",
        None,
        None,
        {**writers(200), "other_focal_point": 200},
    ),
    "record consent": (
        "post",
        "/api/v1/consents/",
        {"country": "KE", "groups": ["narrative"], "granted_by": "Kenya mission"},
        "json",
        writers(201),
    ),
    "revoke consent": (
        "post",
        "/api/v1/consents/{consent}/revoke/",
        {"reason": "Asked to"},
        "json",
        writers(200),
    ),
    "reference index": ("get", "/api/v1/reference/", None, None, EVERYONE),
    "a reference list": ("get", "/api/v1/reference/countries/", None, None, EVERYONE),
    "schema": ("get", "/api/v1/schema/", None, None, EVERYONE),
    "docs page": ("get", "/api/v1/docs/", None, None, EVERYONE),
}


@pytest.fixture
def objects(staff):
    activity = make_activity(user=staff)
    consent = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="KE")
    return {"activity": activity.pk, "consent": consent.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", MATRIX)
def test_permission_matrix(clients, objects, endpoint, persona):
    method, path, payload, fmt, expected = MATRIX[endpoint]
    if payload == "activity":
        payload = activity_data()
    elif payload == "document":
        payload = {"file": pdf()}
    kwargs = {"format": fmt} if fmt else {}
    if method in {"patch", "put", "delete"}:
        kwargs["HTTP_IF_MATCH"] = "*"  # the matrix is about who, not which version
    response = getattr(clients[persona], method)(path.format(**objects), payload, **kwargs)
    assert response.status_code == expected[persona], response.content[:300]
    if response.status_code >= 400:
        assert set(response.json()) == {"detail", "code", "errors"}


def test_a_bad_token_is_401_even_on_public_reads(anonymous):
    anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = anonymous.get("/api/v1/activities/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_401_tells_clients_how_to_authenticate(anonymous):
    response = anonymous.post("/api/v1/activities/", {}, format="json")
    assert response["WWW-Authenticate"] == "Token"


def test_session_writes_need_a_csrf_token(staff):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post("/api/v1/activities/", activity_data(), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_focal_point_sees_only_their_countrys_consents(clients, staff):
    services.consent_grant(user=staff, country="KE", groups=["narrative"], granted_by="KE")
    services.consent_grant(user=staff, country="PE", groups=["finance"], granted_by="PE")
    kenya = clients["focal_point"].get("/api/v1/consents/").json()
    assert [c["country"] for c in kenya["results"]] == ["KE"]
    peru = clients["other_focal_point"].get("/api/v1/consents/", {"country": "KE"}).json()
    assert peru["results"] == []
    everything = clients["staff"].get("/api/v1/consents/").json()
    assert everything["count"] == 2


def test_unknown_methods_are_405_in_the_error_shape(clients):
    response = clients["staff"].put("/api/v1/activities/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
