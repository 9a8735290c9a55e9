"""Permission before validation: someone without the right to write gets 401 or 403, whatever
the payload, never the payload's errors (which would tell them what a valid one looks like)."""

import json
import re

import pytest

from tests.api.conftest import api_client
from tests.core.test_hostile_input import _api_operations
from tests.factories import make_activity

# Open to anyone by design: the token exchange, a survey answer (the token is the key) and a
# suggestion to the knowledge directories (anyone may suggest; staff decide).
OPEN = {
    "/api/v1/auth/token/",
    "/api/v1/survey-answers/{token}/",
    "/api/v1/directory-suggestions/",
}
# Writes a focal point for another country (Peru) may make for their own country: what they
# send decides whether it is allowed, so it is read first.
OWN_COUNTRY = {
    "/api/v1/activities/",
    "/api/v1/consents/",
    "/api/v1/needs/",
    "/api/v1/matches/",
    "/api/v1/needs-assessments/",
    "/api/v1/requests/",
}


@pytest.mark.parametrize("persona", ["anonymous", "public", "other_focal_point"])
def test_a_write_without_the_right_is_refused_before_its_payload_is_read(personas, staff, persona):
    kenyan = make_activity(user=staff, countries=["KE"])
    client = api_client(personas[persona])
    refused = []
    for path, method, _params, _props in _api_operations():
        if method not in {"POST", "PUT", "PATCH", "DELETE"} or path in OPEN:
            continue
        if persona == "other_focal_point" and path in OWN_COUNTRY:
            continue
        url = re.sub(r"\{\w+\}", str(kenyan.pk), path)
        answer = client.generic(
            method, url, json.dumps({"no_such_field": 1}), content_type="application/json"
        )
        if answer.status_code not in {401, 403, 404}:
            refused.append(f"{method} {url}: {answer.status_code} {answer.content[:100]!r}")
        else:
            assert answer.json()["errors"] == {}, (method, url)
    assert not refused
