"""Reference lists: public, read-only, the same for everyone, so caches may keep them."""

import pytest

from ipdev.api.reference import LISTS

pytestmark = pytest.mark.django_db

NAMES = [r.name for r in LISTS]


def test_index_links_every_list(anonymous):
    body = anonymous.get("/api/v1/reference/").json()
    assert [e["name"] for e in body] == NAMES
    assert body[0]["url"] == "http://testserver/api/v1/reference/countries/"
    assert set(NAMES) >= {
        "countries",
        "regions",
        "bureaus",
        "da-clusters",
        "da-recommendations",
        "sdgs",
        "strategic-goals",
        "ip-areas",
        "categories",
        "delivery-modes",
        "funding-sources",
        "units",
        "languages",
        "currencies",
    }


@pytest.mark.parametrize("name", NAMES)
def test_every_list_is_public_and_not_empty(anonymous, name, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = anonymous.get(f"/api/v1/reference/{name}/")
    assert response.status_code == 200
    assert response.json(), f"{name} is empty"
    assert "public" in response["Cache-Control"]
    assert response["ETag"]


def test_countries_carry_status_bureau_and_region(anonymous):
    countries = {c["code"]: c for c in anonymous.get("/api/v1/reference/countries/").json()}
    kenya = countries["KE"]
    assert kenya["name"] == "Kenya"
    assert kenya["iso3"] == "KEN"
    assert kenya["status"] in {"ldc", "developing", "transition", "developed"}
    assert kenya["bureau"]
    assert kenya["region"]


def test_strategic_goals_carry_their_expected_results(anonymous):
    goals = anonymous.get("/api/v1/reference/strategic-goals/").json()
    assert any(goal["expected_results"] for goal in goals)
    codes = [r["code"] for goal in goals for r in goal["expected_results"]]
    assert all(
        code.startswith(goal["code"])
        for goal in goals
        for code in [r["code"] for r in goal["expected_results"]]
    )
    assert len(codes) == len(set(codes))


def test_da_recommendations_are_numbered_in_clusters(anonymous):
    recommendations = anonymous.get("/api/v1/reference/da-recommendations/").json()
    assert [r["number"] for r in recommendations] == list(range(1, 46))
    assert {r["cluster"] for r in recommendations} == set("ABCDEF")


def test_unchanged_list_answers_304(anonymous):
    first = anonymous.get("/api/v1/reference/sdgs/")
    again = anonymous.get("/api/v1/reference/sdgs/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_names_follow_the_requested_language(anonymous):
    english = anonymous.get("/api/v1/reference/countries/", HTTP_ACCEPT_LANGUAGE="en")
    french = anonymous.get("/api/v1/reference/countries/", HTTP_ACCEPT_LANGUAGE="fr")
    assert english["ETag"] != french["ETag"]
    assert "Accept-Language" in french["Vary"]


def test_reference_lists_are_read_only(clients):
    response = clients["staff"].post("/api/v1/reference/countries/", {}, format="json")
    assert response.status_code == 405


def test_unknown_list_is_404(anonymous):
    assert anonymous.get("/api/v1/reference/planets/").status_code == 404
