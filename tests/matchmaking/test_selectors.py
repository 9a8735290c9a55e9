"""Who sees which needs, offers, matches and contacts; suggestions from the database."""

import pytest
from django.http import Http404

from ipdev.matchmaking import selectors, services
from tests.factories import need_fields, offer_fields, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(focal_point):
    return services.need_create(user=focal_point, data=need_fields())


@pytest.fixture
def offer(provider):
    return services.offer_create(user=provider, data=offer_fields())


def test_drafts_are_seen_by_their_owner_and_staff_only(need, focal_point, staff, provider):
    assert selectors.need_detail(user=focal_point, pk=need.pk).state == "draft"
    assert selectors.need_detail(user=staff, pk=need.pk).contact_email == "wanjiru@kipi.example"
    for user in (None, provider):
        with pytest.raises(Http404):
            selectors.need_detail(user=user, pk=need.pk)


def test_a_published_need_hides_its_contacts_from_the_public(need, staff, provider):
    published(need, staff)
    for user in (None, provider):
        view = selectors.need_detail(user=user, pk=need.pk)
        assert view.contact_email is None and view.contact_name is None
        assert view.assessment_comment is None


def test_contacts_open_to_the_other_side_once_in_contact(need, offer, staff, focal_point, provider):
    published(need, staff)
    published(offer, staff)
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    assert selectors.need_detail(user=provider, pk=need.pk).contact_email is None
    services.match_advance(user=provider, match=match, state="in_contact")
    assert selectors.need_detail(user=provider, pk=need.pk).contact_email == "wanjiru@kipi.example"
    assert selectors.offer_detail(user=focal_point, pk=offer.pk).contact_email == "taro@jpo.example"
    assert selectors.offer_detail(user=None, pk=offer.pk).contact_email is None


def test_suggestions_rank_eligible_published_offers_with_reasons(need, staff, provider):
    published(need, staff)
    good = published(services.offer_create(user=provider, data=offer_fields()), staff)
    published(
        services.offer_create(
            user=provider, data=offer_fields(title="For LDCs only", eligible_groups=["ldc"])
        ),
        staff,
    )
    services.offer_create(user=provider, data=offer_fields(title="Still a draft"))
    found = selectors.need_suggestions(user=None, pk=need.pk)
    assert [s.id for s in found] == [good.pk]
    assert found[0].shared_areas[0].name == "Patents"
    assert found[0].reasons[0] == "Shared IP areas: Patents"
    assert any(r.startswith("Matching words: ") for r in found[0].reasons)
    assert found[0].same_support_type
    back = selectors.offer_suggestions(user=None, pk=good.pk)
    assert [s.id for s in back] == [need.pk]


def test_an_offer_of_another_type_of_support_is_suggested_after_and_says_so(need, staff, provider):
    published(need, staff)  # asks for technical support
    money = published(
        services.offer_create(
            user=provider, data=offer_fields(title="Funds", support_types=["financial"])
        ),
        staff,
    )
    same = published(services.offer_create(user=provider, data=offer_fields()), staff)
    found = selectors.need_suggestions(user=None, pk=need.pk)
    assert [s.id for s in found] == [same.pk, money.pk]
    other = found[1]
    assert not other.same_support_type and other.score < found[0].score
    assert [t.code for t in other.support_types] == ["financial"]
    assert "Another type of support: offered Financial; asked for Technical" in other.reasons
    back = selectors.offer_suggestions(user=None, pk=money.pk)
    assert [s.id for s in back] == [need.pk] and not back[0].same_support_type


def test_reasons_are_phrased_in_the_reader_language(need, staff, provider):
    from django.utils import translation

    published(need, staff)
    published(services.offer_create(user=provider, data=offer_fields()), staff)
    with translation.override("fr"):
        found = selectors.need_suggestions(user=None, pk=need.pk)
    assert found[0].reasons[0].startswith("Domaines de PI communs")
    assert "Brevets" in found[0].reasons[0]


def test_matching_words_are_shown_as_written_without_places_or_languages(staff, provider):
    from ipdev.matchmaking.models import Need

    seeker = Need.objects.get(
        pk=services.need_create(
            user=staff,
            data=need_fields(
                description="Our examiners in Kenya need training in patent examination, "
                "in English.",
            ),
        ).pk
    )
    published(seeker, staff)
    published(
        services.offer_create(
            user=provider,
            data=offer_fields(description="Examiners from Kenya train examiners in English."),
        ),
        staff,
    )
    [found] = selectors.need_suggestions(user=None, pk=seeker.pk)
    assert "examination" in found.matching_terms
    assert not {"kenya", "english", "examin"} & {w.lower() for w in found.matching_terms}


def test_a_listing_in_two_languages_matches_in_either(staff, provider, focal_point):
    need = services.need_create(
        user=focal_point,
        data=need_fields(
            title="Formation des examinateurs de brevets",
            description="Nos examinateurs ont besoin d'une formation à l'examen des brevets.",
            text_language="fr",
            translations={"es": {"title": "Formación de examinadores de patentes"}},
            ip_areas=[],
        ),
    )
    published(need, staff)
    spanish = published(
        services.offer_create(
            user=provider,
            data=offer_fields(
                title="Capacitación de examinadores",
                description="Cursos para examinadores de patentes.",
                text_language="es",
                ip_areas=[],
            ),
        ),
        staff,
    )
    found = selectors.need_suggestions(user=None, pk=need.pk)
    assert [s.id for s in found] == [spanish.pk]
    assert "examinadores" in found[0].matching_terms
    view = selectors.need_detail(user=None, pk=need.pk)
    assert view.text_language == "fr" and "es" in view.translations


def test_the_public_sees_only_successful_matches(need, offer, staff, focal_point, provider):
    published(need, staff)
    published(offer, staff)
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    assert selectors.match_list(user=None) == []
    assert [m.id for m in selectors.match_list(user=provider)] == [match.pk]
    services.match_agree(user=focal_point, match=match)
    services.match_agree(user=provider, match=match)
    public = selectors.match_list(user=None, successful_only=True)
    assert [m.id for m in public] == [match.pk]
    assert public[0].need.contact_email is None and public[0].offer.contact_email is None


def test_listing_filters_report_bad_values(need, staff):
    published(need, staff)
    page, errors = selectors.listing_search(user=None, kind="need", params={"support_type": "x"})
    assert "support_type" in errors
    page, errors = selectors.listing_search(
        user=None, kind="need", params={"support_type": "technical", "ip_area": "patents"}
    )
    assert errors == {} and page.total == 1
    page, _ = selectors.listing_search(user=None, kind="need", params={"support_type": "ppp"})
    assert page.total == 0


def test_the_assessment_queue_is_for_staff(need, focal_point, staff):
    services.listing_submit(user=focal_point, listing=need)
    assert [x.id for x in selectors.assessment_queue(user=staff)] == [need.pk]
    assert selectors.assessment_queue(user=focal_point) == []


def test_matches_by_type_count_only_successful_matches(need, offer, staff, focal_point, provider):
    published(need, staff)
    published(offer, staff)
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    assert sum(row.total for row in selectors.matches_by_type()) == 0
    services.match_agree(user=focal_point, match=match)
    services.match_agree(user=provider, match=match)
    rows = {row.code: row for row in selectors.matches_by_type()}
    assert set(rows) == {"south_south", "triangular", "north_south", "multilateral", "other"}
    match.refresh_from_db()
    assert rows[match.match_type].total == 1
    assert rows[match.match_type].counts[0] == 1  # agreed
    assert sum(row.total for row in rows.values()) == 1


def test_the_cached_index_is_rebuilt_when_the_catalogue_changes(offer, staff, provider):
    from ipdev.matchmaking import suggest

    suggest.clear()
    empty = suggest.offer_index()
    assert suggest.offer_index() is empty  # unchanged catalogue: the same index
    published(offer, staff)
    with_offer = suggest.offer_index()
    assert [o.id for o in with_offer.others] == [offer.pk]
    services.listing_close(user=provider, listing=offer)
    assert suggest.offer_index().others == []


def test_a_country_page_lists_the_ldc_offers_it_keeps_during_its_transition(staff, provider):
    from ipdev.reference.models import Country

    bhutan = Country.objects.get(code="BT")  # left the LDC list on 13 December 2023
    strict = published(
        services.offer_create(
            user=provider, data=offer_fields(title="Strict", eligible_groups=["ldc"])
        ),
        staff,
    )
    kind = published(
        services.offer_create(
            user=provider,
            data=offer_fields(title="Kind", eligible_groups=["ldc"], ldc_transition_years=12),
        ),
        staff,
    )
    found = selectors.country_match(user=None, country=bhutan)
    ids = {o.id for o in found.offers}
    assert kind.pk in ids and strict.pk not in ids
    assert bhutan.ldc_graduated.isoformat() == "2023-12-13"
