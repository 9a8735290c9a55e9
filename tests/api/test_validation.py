"""Bad input gets a 4xx naming what is wrong, in the one error shape, and changes nothing."""

import json

import pytest

from ipdev.accounts.models import Organisation
from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from tests.factories import activity_data, make_activity

from .conftest import api_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/activities/"


@pytest.fixture
def client(staff):
    return api_client(staff)


def post(client, data):
    return client.post(LIST, data, format="json")


def errors_of(response) -> dict:
    assert response.status_code == 400, response.content[:500]
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert all(isinstance(m, str) for messages in body["errors"].values() for m in messages)
    return body["errors"]


def test_unknown_country_code_is_a_field_error(client):
    errors = errors_of(post(client, activity_data(countries=["XX"])))
    assert "XX" in errors["countries"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", "no-such-category"),
        ("delivery_mode", "carrier-pigeon"),
        ("currency", "XXX"),
        ("ip_areas", ["no-such-area"]),
        ("da_recommendations", [1, 46]),
        ("sdgs", [18]),
        ("expected_results", ["IX.9"]),
        ("funding_source", "nowhere"),
        ("implementing_unit", "nobody"),
        ("regions", ["999"]),
    ],
)
def test_unknown_codes_are_field_errors(client, field, value):
    response = post(client, activity_data(**{field: value}))
    assert field in errors_of(response)


def test_reversed_dates_are_a_field_error(client):
    errors = errors_of(post(client, activity_data(start_date="2024-05-02", end_date="2024-05-01")))
    assert list(errors) == ["end_date"]


def test_negative_cost_is_a_field_error(client):
    errors = errors_of(post(client, activity_data(cost="-1.00")))
    assert "cost" in errors


def test_participants_that_do_not_add_up_are_a_field_error(client):
    data = activity_data(participants_total=10, participants_women=8, participants_men=8)
    assert "participants_total" in errors_of(post(client, data))


def test_national_activity_needs_one_country(client):
    errors = errors_of(post(client, activity_data(countries=["KE", "PE"])))
    assert "countries" in errors


def test_required_fields_are_named(client):
    errors = errors_of(post(client, {}))
    assert {"title", "category", "delivery_mode", "start_date"} <= set(errors)


def test_unknown_fields_are_refused_by_name(client):
    errors = errors_of(post(client, activity_data(colour="blue", source="iati")))
    assert errors == {"colour": ["Unknown field."], "source": ["Unknown field."]}


def test_read_only_fields_cannot_be_written(client, staff):
    activity = make_activity(user=staff)
    response = client.patch(
        f"{LIST}{activity.pk}/",
        {"id": 7, "visible_detail_groups": ["finance"]},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert set(errors_of(response)) == {"id", "visible_detail_groups"}


def test_failed_create_leaves_nothing_behind(client, focal_point):
    before = (Activity.objects.count(), AuditEntry.objects.count(), Organisation.objects.count())
    errors_of(post(client, activity_data(countries=["XX"])))
    errors_of(post(client, activity_data(end_date="2000-01-01")))
    response = api_client(focal_point).post(
        LIST, activity_data(scope="regional", countries=["KE", "PE"]), format="json"
    )
    assert response.status_code == 403
    after = (Activity.objects.count(), AuditEntry.objects.count(), Organisation.objects.count())
    assert after == before
    assert api_client().get(LIST).json()["count"] == 0


def test_failed_update_changes_nothing(client, staff):
    activity = make_activity(user=staff)
    response = client.patch(
        f"{LIST}{activity.pk}/",
        {"title": "New", "countries": ["XX"]},
        format="json",
        HTTP_IF_MATCH="*",
    )
    errors_of(response)
    activity.refresh_from_db()
    assert activity.title == activity_data()["title"]


def test_malformed_json_is_a_clear_error(client):
    response = client.post(LIST, '{"title": "unfinished', content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "parse_error"
    assert "JSON" in body["detail"]
    assert body["errors"] == {}


def test_a_json_array_is_not_an_activity(client):
    errors = errors_of(client.post(LIST, "[1, 2]", content_type="application/json"))
    assert "non_field_errors" in errors


def test_form_encoded_writes_are_refused(client):
    response = client.post(LIST, {"title": "x"})  # multipart
    assert response.status_code == 415


WRONG_TYPES = {
    "title": {"a": 1},
    "summary": ["list"],
    "participants_total": "many",
    "participants_women": 1.5,
    "participants_men": -1,
    "cost": "a lot",
    "start_date": "yesterday",
    "end_date": 20240101,
    "status": "finished",
    "scope": True,
    "countries": "KE",
    "regions": [["002"]],
    "ip_areas": [{"code": "patents"}],
    "da_recommendations": ["one"],
    "sdgs": [None],
    "partners": "all",
    "category": ["capacity-building"],
    "delivery_mode": {"code": "workshop"},
    "implementing_unit": [],
    "currency": 12.5,
}


def test_wrong_types_everywhere_name_every_field(client):
    errors = errors_of(post(client, WRONG_TYPES))
    assert set(errors) == set(WRONG_TYPES)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"description": "x" * 1_000_000}, "description"),
        ({"title": "x" * 1_000_000}, "title"),
        ({"countries": ["KE"] * 100_000}, "countries"),
        ({"da_recommendations": list(range(100_000))}, "da_recommendations"),
        ({"cost": "9" * 5000}, "cost"),
        ({"participants_total": 10**30}, "participants_total"),
    ],
)
def test_huge_values_are_field_errors(client, payload, field):
    response = post(client, activity_data(**payload))
    errors = errors_of(response)
    assert field in errors
    assert len(response.content) < 5_000


def test_huge_or_hostile_payloads_are_refused(client):
    nested = "[" * 100_000 + "]" * 100_000
    response = client.post(LIST, nested, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in response.json()["detail"]

    deep_object = '{"title": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001
    assert client.post(LIST, deep_object, content_type="application/json").status_code == 400

    too_big = json.dumps({"description": "x" * 6_000_000})
    response = client.post(LIST, too_big, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"

    huge_number = '{"participants_total": ' + "9" * 100_000 + "}"
    assert client.post(LIST, huge_number, content_type="application/json").status_code == 400

    not_utf8 = b'{"title": "\xff\xfe"}'
    assert client.post(LIST, not_utf8, content_type="application/json").status_code == 400

    for constant in ("NaN", "Infinity"):
        body = f'{{"cost": {constant}}}'
        assert client.post(LIST, body, content_type="application/json").status_code == 400
    assert not Activity.objects.exists()


def test_many_unknown_fields_get_a_bounded_answer(client):
    response = post(client, {f"field{n}": n for n in range(10_000)})
    assert len(errors_of(response)) <= 20


def test_many_bad_codes_get_a_bounded_answer(client):
    response = post(client, activity_data(regions=[f"x{n}" * 20 for n in range(250)]))
    assert len(errors_of(response)["regions"]) <= 11
    assert len(response.content) < 5_000
