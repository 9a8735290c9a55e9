"""Getting a token: by username and password (throttled), or from the `apitoken` command."""

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import activity_data

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"
PASSWORD = "correct horse battery staple"


def test_password_gets_a_token_that_writes(focal_point):
    client = APIClient()
    response = client.post(URL, {"username": "kenya.focal", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=focal_point).key
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post("/api/v1/activities/", activity_data(), format="json").status_code == 201


def test_wrong_password_is_an_error_in_the_one_shape(focal_point):
    response = APIClient().post(URL, {"username": "kenya.focal", "password": "x"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["non_field_errors"]
    assert "token" not in body


def test_password_guessing_is_throttled(focal_point):
    client = APIClient()
    statuses = [
        client.post(URL, {"username": "kenya.focal", "password": f"guess{n}"}).status_code
        for n in range(12)
    ]
    # The fifth failure locks the account (django-axes); past ten a minute the address is
    # slowed down whatever the account (the DRF throttle).
    assert statuses[:4] == [400] * 4
    assert statuses[4:] == [429] * 8
    response = client.post(URL, {"username": "kenya.focal", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["code"] in {"locked_out", "throttled"}


def test_apitoken_prints_the_same_token_until_rotated(focal_point, capsys):
    call_command("apitoken", "kenya.focal")
    first = capsys.readouterr().out.strip()
    call_command("apitoken", "kenya.focal")
    assert capsys.readouterr().out.strip() == first
    call_command("apitoken", "kenya.focal", "--rotate")
    rotated = capsys.readouterr().out.strip()
    assert rotated != first
    assert Token.objects.get(user=focal_point).key == rotated
    assert len(rotated) == 40


def test_apitoken_refuses_unknown_and_inactive_users(focal_point):
    with pytest.raises(CommandError, match="No user"):
        call_command("apitoken", "nobody")
    focal_point.is_active = False
    focal_point.save(update_fields=["is_active"])
    with pytest.raises(CommandError, match="not active"):
        call_command("apitoken", "kenya.focal")


def test_rotated_token_stops_working(focal_point, capsys):
    call_command("apitoken", "kenya.focal")
    old = capsys.readouterr().out.strip()
    call_command("apitoken", "kenya.focal", "--rotate")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get("/api/v1/activities/").status_code == 401


def test_a_forged_forwarded_address_does_not_escape_the_api_throttles(settings):
    """Without proxies configured (IPDEV_PROXY_COUNT), X-Forwarded-For is the client's word:
    every API throttle counts the connection's address, as sign-ins do."""
    from rest_framework.test import APIRequestFactory

    from ipdev.api.directories import SuggestionThrottle
    from ipdev.api.views import TokenThrottle

    request = APIRequestFactory().post(
        URL, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.9.8.7, 198.51.100.1"
    )
    for throttle in (TokenThrottle(), SuggestionThrottle()):
        assert throttle.get_ident(request) == "203.0.113.7"
    # Behind one proxy of one's own, the address that proxy saw is the client's.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    assert TokenThrottle().get_ident(request) == "198.51.100.1"
