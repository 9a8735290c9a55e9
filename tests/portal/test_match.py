"""WIPO Match pages: published needs and offers, suggestions, successful matches; contacts
never reach people outside the match."""

import pytest

from ipdev.matchmaking import services
from tests.conftest import client_for
from tests.factories import need_fields, offer_fields, published

pytestmark = pytest.mark.django_db

PRIVATE = ["wanjiru@kipi.example", "taro@jpo.example", "Wanjiru Kamau", "Taro Yamada"]


@pytest.fixture
def agreed(focal_point, provider, staff):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    offer = published(services.offer_create(user=provider, data=offer_fields()), staff)
    draft = services.need_create(user=focal_point, data=need_fields(title="Secret draft need"))
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    services.match_advance(user=provider, match=match, state="in_contact")
    services.match_agree(user=focal_point, match=match)
    services.match_agree(user=provider, match=match)
    return need, offer, draft


@pytest.mark.parametrize("persona", ["anonymous", "public", "consultant", "other_focal_point"])
def test_pages_show_listings_but_no_contacts(match_personas, agreed, persona):
    need, offer, draft = agreed
    client = client_for(match_personas[persona])
    for url in [
        "/match/",
        "/match/needs/",
        f"/match/needs/{need.pk}/",
        "/match/offers/",
        f"/match/offers/{offer.pk}/",
        "/match/matches/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for marker in PRIVATE:
            assert marker not in body, (url, marker)
        assert "Secret draft need" not in body
    assert client.get(f"/match/needs/{draft.pk}/").status_code == 404


def test_the_parties_see_each_others_contacts(agreed, focal_point, provider):
    need, offer, _ = agreed
    assert (
        "taro@jpo.example"
        in client_for(focal_point).get(f"/match/offers/{offer.pk}/").content.decode()
    )
    assert (
        "wanjiru@kipi.example"
        in client_for(provider).get(f"/match/needs/{need.pk}/").content.decode()
    )


def test_a_need_page_explains_its_suggestions(client, focal_point, staff, provider):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    published(services.offer_create(user=provider, data=offer_fields()), staff)
    body = client.get(f"/match/needs/{need.pk}/").content.decode()
    assert "Experts for patent examination training" in body
    assert '<li dir="auto">Shared IP areas: Patents</li>' in body
    assert "Matching words: \u2068examination, " in body  # isolated: see reasons.py
    assert "en:" not in body and "examin," not in body


def test_an_offer_of_another_type_is_labelled_on_the_need_page(
    client, focal_point, staff, provider
):
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    published(
        services.offer_create(
            user=provider, data=offer_fields(title="Funds", support_types=["ppp"])
        ),
        staff,
    )
    body = client.get(f"/match/needs/{need.pk}/").content.decode()
    assert "Another type of support: Public-private partnership" in body
    assert "suggestion-other-support" in body


def test_a_need_written_in_french_says_so_to_an_english_reader(client, focal_point, staff):
    need = published(
        services.need_create(
            user=focal_point,
            data=need_fields(
                title="Examen des brevets",
                text_language="fr",
                translations={"es": {"title": "Examen de patentes"}},
            ),
        ),
        staff,
    )
    body = client.get(f"/match/needs/{need.pk}/").content.decode()
    assert 'lang="fr">Examen des brevets</h1>' in body
    assert 'id="translation-note"' in body
    spanish = client.get(f"/es/match/needs/{need.pk}/").content.decode()
    assert 'lang="es">Examen de patentes</h1>' in spanish


def test_the_workspace_form_saves_translations(focal_point):
    from ipdev.matchmaking.models import Need
    from tests.backoffice.test_workspace import NEED_FORM
    from tests.conftest import client_for

    response = client_for(focal_point).post(
        "/workspace/needs/new/",
        {**NEED_FORM, "text_language": "fr", "title_en": "Patent examination", "title_fr": ""},
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.text_language == "fr"
    assert need.translations == {"en": {"title": "Patent examination"}}
    page = client_for(focal_point).get(f"/workspace/needs/{need.pk}/edit/").content.decode()
    assert 'value="Patent examination"' in page
    bad = client_for(focal_point).post(
        "/workspace/needs/new/", {**NEED_FORM, "text_language": "en", "title_en": "Same"}
    )
    assert bad.status_code == 200 and Need.objects.count() == 1


def test_successful_matches_are_listed_with_their_cooperation_type(client, agreed):
    body = client.get("/match/matches/").content.decode()
    assert "North-South cooperation" in body
    assert "Modernising patent examination" in body


def test_list_filters_report_errors(client, agreed):
    body = client.get("/match/needs/?support_type=gifts").content.decode()
    assert "support_type: Known types" in body


def test_the_needs_list_costs_a_fixed_number_of_queries(
    client, focal_point, staff, django_assert_max_num_queries
):
    for n in range(8):
        published(
            services.need_create(user=focal_point, data=need_fields(title=f"Need {n}")), staff
        )
    with django_assert_max_num_queries(12):
        response = client.get("/match/needs/")
    assert response.content.decode().count('class="card"') == 8
