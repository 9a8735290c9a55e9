"""API clients for the personas, authenticated the way real clients are: with a token."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def api_client(user=None) -> APIClient:
    """A client sending `Authorization: Token <key>` for this user (none for anonymous)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def clients(personas):
    return {name: api_client(user) for name, user in personas.items()}


@pytest.fixture
def anonymous(db):
    return api_client()
