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
    assert "shared IP areas: Patents" in body


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
