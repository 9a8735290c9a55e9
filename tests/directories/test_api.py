"""The directories' API: public lists with q and filters, errors by field, suggestions."""

import pytest
from rest_framework.test import APIClient

from ipdev.directories.models import Suggestion
from tests.directories.factories import make_directories


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def world(staff):
    return make_directories(staff)


@pytest.mark.parametrize(
    ("path", "count", "first"),
    [
        ("/api/v1/registers/?gazette=yes", 1, ("code", "KE")),
        ("/api/v1/registers/?q=european", 1, ("code", "EP")),
        ("/api/v1/registers/?legal_status=C&legal_status=G", 1, ("code", "EP")),
        (
            "/api/v1/database-reports/?access=paid&feature=chemical_search",
            1,
            ("name", "Beta Search"),
        ),
        ("/api/v1/database-reports/?country=PE&interface=web", 2, ("name", "Alpha Patents")),
        ("/api/v1/landscape-reports/?q=cassava", 1, ("year", 2020)),
        ("/api/v1/policies/?q=royalties", 1, ("title", "Intellectual property policy")),
        ("/api/v1/policies/?country=PE&type=ip", 1, ("institution", "Lima Research Institute")),
    ],
)
def test_lists_take_q_and_filters(api, world, path, count, first):
    body = api.get(path).json()
    assert body["count"] == count, body
    key, value = first
    assert body["results"][0][key] == value
    assert "facets" in body


def test_a_register_file_by_st3_code(api, world):
    body = api.get("/api/v1/registers/ke/").json()
    assert body["resources"]["gazette"]["languages"] == [
        {"code": "en", "name": "English"},
        {"code": "sw", "name": "Swahili"},
    ]
    assert api.get("/api/v1/registers/ZZ/").status_code == 404


def test_pages_are_bounded_and_bad_parameters_named(api, world):
    body = api.get("/api/v1/policies/?per_page=1&page=2").json()
    assert (body["count"], body["page"], body["pages"], len(body["results"])) == (3, 2, 3, 1)
    body = api.get("/api/v1/database-reports/?kind=space&per_page=9999").json()
    assert set(body["errors"]) == {"kind", "per_page"}


def test_anyone_may_suggest_through_the_api_and_bad_input_is_named(api, db):
    response = api.post(
        "/api/v1/directory-suggestions/",
        {"directory": "landscapes", "message": "A new report on cassava starch came out."},
        format="json",
    )
    assert response.status_code == 201
    assert Suggestion.objects.get().directory == "landscapes"
    response = api.post(
        "/api/v1/directory-suggestions/",
        {"directory": "landscapes", "message": "short"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"message"}
    response = api.post(
        "/api/v1/directory-suggestions/",
        {"directory": "landscapes", "message": "A long enough message.", "colour": "red"},
        format="json",
    )
    assert set(response.json()["errors"]) == {"colour"}


def test_the_directories_are_in_the_openapi_schema(api, db):
    paths = api.get("/api/v1/schema/?format=json").json()["paths"]
    for path in ("registers", "database-reports", "landscape-reports", "policies"):
        names = {p["name"] for p in paths[f"/api/v1/{path}/"]["get"]["parameters"]}
        assert {"q", "page", "per_page"} <= names, path
    assert "post" in paths["/api/v1/directory-suggestions/"]
