"""/api/v1/needs/, /offers/, /matches/ and the suggestions: the whole flow through the API,
errors by field, and private contacts by persona."""

import pytest

from ipdev.matchmaking import services
from ipdev.matchmaking.models import Need
from tests.api.conftest import api_client
from tests.factories import need_fields, offer_fields, published

pytestmark = pytest.mark.django_db


def as_json(data: dict) -> dict:
    out = dict(data)
    for key in ("budget", "amount"):
        if key in out:
            out[key] = str(out[key])
    for key in ("period_start", "period_end"):
        if key in out:
            out[key] = out[key].isoformat()
    return out


def test_seeker_submits_staff_publish_a_suggestion_becomes_an_agreed_match(
    focal_point, staff, provider
):
    seeker, wipo, donor = api_client(focal_point), api_client(staff), api_client(provider)
    r = seeker.post("/api/v1/needs/", as_json(need_fields()), format="json")
    assert r.status_code == 201, r.json()
    need = r.json()["id"]
    assert r.json()["state"] == "draft"
    assert seeker.post(f"/api/v1/needs/{need}/submit/").json()["state"] == "submitted"
    r = wipo.post(f"/api/v1/needs/{need}/assessment/", {"publish": True}, format="json")
    assert r.json()["state"] == "published"
    r = donor.post("/api/v1/offers/", as_json(offer_fields()), format="json")
    offer = r.json()["id"]
    donor.post(f"/api/v1/offers/{offer}/submit/")
    wipo.post(f"/api/v1/offers/{offer}/assessment/", {"publish": True}, format="json")

    suggestions = api_client().get(f"/api/v1/needs/{need}/suggestions/").json()
    assert suggestions[0]["id"] == offer
    assert suggestions[0]["reasons"]
    assert api_client().get(f"/api/v1/offers/{offer}/suggestions/").json()[0]["id"] == need

    r = seeker.post("/api/v1/matches/", {"need": need, "offer": offer}, format="json")
    assert r.status_code == 201, r.json()
    match = r.json()["id"]
    assert r.json()["match_type"] == "north_south"
    donor.post(f"/api/v1/matches/{match}/state/", {"state": "in_contact"}, format="json")
    seeker.post(f"/api/v1/matches/{match}/agreement/", {}, format="json")
    r = donor.post(f"/api/v1/matches/{match}/agreement/", {"agreement": "Yes"}, format="json")
    assert r.json()["state"] == "agreed"
    public = api_client().get("/api/v1/matches/").json()
    assert [m["id"] for m in public] == [match]
    assert public[0]["need"]["contact_email"] is None


def test_bad_need_input_gets_field_errors(focal_point):
    r = api_client(focal_point).post(
        "/api/v1/needs/",
        as_json(need_fields(colour="red")),
        format="json",
    )
    assert r.status_code == 400 and "colour" in r.json()["errors"]
    r = api_client(focal_point).post(
        "/api/v1/needs/", as_json(need_fields(support_types=["charity"])), format="json"
    )
    assert r.status_code == 400 and "support_types" in r.json()["errors"]
    r = api_client(focal_point).post(
        "/api/v1/needs/", as_json(need_fields(country="QQ")), format="json"
    )
    assert r.status_code == 400 and "country" in r.json()["errors"]
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", 401), ("public", 403), ("provider", 403), ("consultant", 403), ("seeker", 201)],
)
def test_who_may_write_a_need(match_personas, persona, code):
    r = api_client(match_personas[persona]).post(
        "/api/v1/needs/", as_json(need_fields()), format="json"
    )
    assert r.status_code == code


@pytest.mark.parametrize(
    ("persona", "code"), [("anonymous", 401), ("seeker", 403), ("provider", 403), ("staff", 200)]
)
def test_only_staff_assess(match_personas, focal_point, persona, code):
    need = services.need_create(user=focal_point, data=need_fields())
    services.listing_submit(user=focal_point, listing=need)
    r = api_client(match_personas[persona]).post(
        f"/api/v1/needs/{need.pk}/assessment/", {"publish": True}, format="json"
    )
    assert r.status_code == code


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("anonymous", False),
        ("public", False),
        ("consultant", False),
        ("provider", False),
        ("other_focal_point", False),
        ("seeker", True),
        ("staff", True),
    ],
)
def test_contacts_of_a_published_need_by_persona(match_personas, focal_point, staff, persona, sees):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    for url in (f"/api/v1/needs/{need.pk}/", "/api/v1/needs/"):
        body = api_client(match_personas[persona]).get(url).content.decode()
        assert ("wanjiru@kipi.example" in body) is sees


def test_a_draft_is_not_found_by_others(focal_point, provider):
    need = services.need_create(user=focal_point, data=need_fields())
    assert api_client(provider).get(f"/api/v1/needs/{need.pk}/").status_code == 404
    assert api_client().get(f"/api/v1/needs/{need.pk}/suggestions/").status_code == 404
    assert api_client(focal_point).get(f"/api/v1/needs/{need.pk}/").status_code == 200


def test_suggestion_limit_is_checked(focal_point, staff):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    r = api_client().get(f"/api/v1/needs/{need.pk}/suggestions/?limit=500")
    assert r.status_code == 400 and "limit" in r.json()["errors"]


def test_the_schema_lists_every_match_endpoint(anonymous):
    schema = anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in [
        "/api/v1/consultants/",
        "/api/v1/needs/",
        "/api/v1/offers/",
        "/api/v1/matches/",
        "/api/v1/needs/{id}/suggestions/",
        "/api/v1/offers/{id}/suggestions/",
    ]:
        assert path in schema["paths"]


def test_texts_in_other_languages_and_a_transition_through_the_api(focal_point, provider):
    seeker, donor = api_client(focal_point), api_client(provider)
    r = seeker.post(
        "/api/v1/needs/",
        as_json(
            need_fields(
                text_language="fr",
                title="Examen des brevets",
                translations={"es": {"title": "Examen de patentes", "description": "Formación."}},
            )
        ),
        format="json",
    )
    assert r.status_code == 201, r.json()
    assert r.json()["text_language"] == "fr"
    assert r.json()["translations"] == {
        "es": {"title": "Examen de patentes", "description": "Formación."}
    }
    r = seeker.post(
        "/api/v1/needs/",
        as_json(need_fields(translations={"xx": {"title": "?"}})),
        format="json",
    )
    assert r.status_code == 400 and "translations" in r.json()["errors"]
    r = seeker.post("/api/v1/needs/", as_json(need_fields(text_language="de")), format="json")
    assert r.status_code == 400 and "text_language" in r.json()["errors"]
    r = donor.post(
        "/api/v1/offers/",
        as_json(offer_fields(eligible_groups=["developing"], ldc_transition_years=3)),
        format="json",
    )
    assert r.status_code == 400 and "ldc_transition_years" in r.json()["errors"]
    r = donor.post(
        "/api/v1/offers/",
        as_json(offer_fields(eligible_groups=["ldc"], ldc_transition_years=3)),
        format="json",
    )
    assert r.status_code == 201 and r.json()["ldc_transition_years"] == 3


def test_suggestions_of_another_type_say_so_in_words(focal_point, provider, staff):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    money = published(
        services.offer_create(user=provider, data=offer_fields(support_types=["financial"])),
        staff,
    )
    [found] = api_client().get(f"/api/v1/needs/{need.pk}/suggestions/").json()
    assert found["id"] == money.pk and found["same_support_type"] is False
    assert found["support_types"] == [{"code": "financial", "name": "Financial"}]
    assert "Another type of support: offered Financial; asked for Technical" in found["reasons"]
    assert found["reasons"][0] == "Shared IP areas: Patents"
    assert "examination" in found["matching_terms"]
    assert not any(":" in t for t in found["matching_terms"])
    arabic = (
        api_client().get(f"/api/v1/needs/{need.pk}/suggestions/", HTTP_ACCEPT_LANGUAGE="ar").json()
    )
    assert arabic[0]["reasons"][0] != found["reasons"][0]
