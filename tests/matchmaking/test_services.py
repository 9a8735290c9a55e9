"""WIPO Match's write path: assessment, the match life cycle, cooperation types, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.core.models import AuditEntry
from ipdev.matchmaking import selectors, services
from ipdev.matchmaking.models import Match, Need, State
from tests.factories import make_activity, need_fields, offer_fields, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(focal_point):
    return services.need_create(user=focal_point, data=need_fields())


@pytest.fixture
def offer(provider):
    return services.offer_create(user=provider, data=offer_fields())


def test_a_seeker_writes_a_draft_need_for_their_country(focal_point, need):
    assert need.state == State.DRAFT
    assert need.created_by == focal_point
    assert AuditEntry.objects.filter(action="matchmaking.need_created").exists()


def test_a_focal_point_cannot_post_for_another_country(other_focal_point):
    with pytest.raises(PermissionDenied):
        services.need_create(user=other_focal_point, data=need_fields())


@pytest.mark.parametrize("persona", ["provider", "public_user", "consultant_user"])
def test_only_seekers_and_staff_post_needs(request, persona):
    with pytest.raises(PermissionDenied):
        services.need_create(user=request.getfixturevalue(persona), data=need_fields())


def test_only_providers_and_staff_post_offers(focal_point, staff):
    with pytest.raises(PermissionDenied):
        services.offer_create(user=focal_point, data=offer_fields())
    assert services.offer_create(user=staff, data=offer_fields()).state == State.DRAFT


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("support_types", []),
        ("support_types", ["charity"]),
        ("ip_areas", ["nope"]),
        ("country", "QQ"),
        ("budget", "-1"),
        ("budget", "lots"),
        ("period_end", "2025-01-01"),
        ("contact_email", "nobody"),
        ("title", ""),
        ("colour", "red"),
    ],
)
def test_bad_need_input_names_the_field_and_writes_nothing(focal_point, field, value):
    with pytest.raises(ValidationError) as excinfo:
        services.need_create(user=focal_point, data=need_fields(**{field: value}))
    assert field in excinfo.value.message_dict
    assert not Need.objects.exists()
    assert not AuditEntry.objects.exists()


def test_staff_return_with_a_comment_and_the_seeker_revises(focal_point, staff, need):
    services.listing_submit(user=focal_point, listing=need)
    with pytest.raises(ValidationError) as excinfo:
        services.listing_assess(user=staff, listing=need, publish=False)
    assert "comment" in excinfo.value.message_dict
    need = services.listing_assess(user=staff, listing=need, publish=False, comment="Add a budget.")
    assert need.state == State.RETURNED
    assert need.assessment_comment == "Add a budget."
    services.listing_update(user=focal_point, listing=need, data={"budget": "50000"})
    services.listing_submit(user=focal_point, listing=need)
    need = services.listing_assess(user=staff, listing=need, publish=True)
    assert need.state == State.PUBLISHED and need.published_at


def test_only_staff_assess(focal_point, need):
    services.listing_submit(user=focal_point, listing=need)
    with pytest.raises(PermissionDenied):
        services.listing_assess(user=focal_point, listing=need, publish=True)


def test_a_published_need_is_not_edited_by_its_owner(focal_point, staff, need):
    published(need, staff)
    with pytest.raises(ValidationError) as excinfo:
        services.listing_update(user=focal_point, listing=need, data={"title": "New"})
    assert "state" in excinfo.value.message_dict


def test_a_draft_cannot_be_published_without_submission(staff, need):
    with pytest.raises(ValidationError):
        services.listing_assess(user=staff, listing=need, publish=True)


@pytest.fixture
def pair(need, offer, staff):
    return published(need, staff), published(offer, staff)


def test_the_match_life_cycle_to_an_agreement(focal_point, provider, staff, pair):
    need, offer = pair
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    assert match.state == Match.State.PROPOSED
    assert match.match_type == "north_south"  # Kenya seeks, a Japanese office provides
    assert match.reasons[0] == {"code": "areas", "values": ["patents"], "more": []}
    view = selectors.match_detail(user=focal_point, pk=match.pk)
    assert view.reasons[0] == "Shared IP areas: Patents"
    match = services.match_advance(user=provider, match=match, state="in_contact")
    match = services.match_agree(user=focal_point, match=match, agreement="Two missions in 2026.")
    assert match.state == Match.State.IN_CONTACT
    match = services.match_agree(user=provider, match=match)
    assert match.state == Match.State.AGREED
    need.refresh_from_db()
    assert need.state == State.MATCHED
    match = services.match_advance(user=staff, match=match, state="in_progress")
    activity = make_activity(user=staff)
    services.match_link_activity(user=staff, match=match, activity=activity)
    match = services.match_advance(user=staff, match=match, state="completed", note="Done.")
    need.refresh_from_db()
    assert need.state == State.CLOSED
    assert list(match.activities.all()) == [activity]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"matchmaking.match_proposed", "matchmaking.match_agreed_by_seeker"} <= actions


def test_agreed_cannot_be_set_directly(staff, focal_point, pair):
    match = services.match_propose(user=focal_point, need=pair[0], offer=pair[1])
    with pytest.raises(ValidationError) as excinfo:
        services.match_advance(user=staff, match=match, state="agreed")
    assert "state" in excinfo.value.message_dict


def test_abandoning_an_agreed_match_reopens_the_need(focal_point, provider, pair):
    match = services.match_propose(user=focal_point, need=pair[0], offer=pair[1])
    services.match_agree(user=focal_point, match=match)
    services.match_agree(user=provider, match=match)
    with pytest.raises(ValidationError) as excinfo:
        services.match_advance(user=provider, match=match, state="abandoned")
    assert "note" in excinfo.value.message_dict
    services.match_advance(user=provider, match=match, state="abandoned", note="Budget cut.")
    pair[0].refresh_from_db()
    assert pair[0].state == State.PUBLISHED


def test_an_ineligible_pair_cannot_be_matched(focal_point, provider, staff, need):
    offer = services.offer_create(user=provider, data=offer_fields(eligible_groups=["ldc"]))
    published(need, staff)
    published(offer, staff)
    with pytest.raises(ValidationError) as excinfo:
        services.match_propose(user=focal_point, need=need, offer=offer)
    assert "not open to Kenya" in str(excinfo.value)


def test_another_type_of_support_can_be_matched_but_not_another_language(
    focal_point, provider, staff, need
):
    published(need, staff)
    money = published(
        services.offer_create(user=provider, data=offer_fields(support_types=["financial"])),
        staff,
    )
    match = services.match_propose(user=focal_point, need=need, offer=money)
    assert {"code": "other_support", "values": ["technical"], "more": ["financial"]} in (
        match.reasons
    )
    french = published(
        services.offer_create(user=provider, data=offer_fields(languages=["fr"])), staff
    )
    with pytest.raises(ValidationError) as excinfo:
        services.match_propose(user=focal_point, need=need, offer=french)
    assert "no language in common" in str(excinfo.value)


def test_translations_are_checked_like_activities(focal_point):
    with pytest.raises(ValidationError) as excinfo:
        services.need_create(
            user=focal_point, data=need_fields(translations={"xx": {"title": "?"}})
        )
    assert "translations" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.need_create(
            user=focal_point, data=need_fields(translations={"en": {"title": "Same"}})
        )
    assert "original language" in str(excinfo.value)
    need = services.need_create(
        user=focal_point,
        data=need_fields(translations={"fr": {"title": " Examen ", "description": ""}}),
    )
    assert need.translations == {"fr": {"title": "Examen"}}


def test_a_transition_period_needs_an_offer_for_ldcs(provider):
    with pytest.raises(ValidationError) as excinfo:
        services.offer_create(
            user=provider,
            data=offer_fields(eligible_groups=["developing"], ldc_transition_years=3),
        )
    assert "ldc_transition_years" in excinfo.value.message_dict
    offer = services.offer_create(
        user=provider, data=offer_fields(eligible_groups=["ldc"], ldc_transition_years=3)
    )
    assert offer.ldc_transition_years == 3


def test_a_graduated_ldc_keeps_an_offer_during_its_transition(staff, provider):
    # Bhutan left the LDC list on 13 December 2023.
    need = published(services.need_create(user=staff, data=need_fields(country="BT")), staff)
    strict = published(
        services.offer_create(user=provider, data=offer_fields(eligible_groups=["ldc"])), staff
    )
    kind = published(
        services.offer_create(
            user=provider,
            data=offer_fields(title="Kind", eligible_groups=["ldc"], ldc_transition_years=12),
        ),
        staff,
    )
    with pytest.raises(ValidationError):
        services.match_propose(user=staff, need=need, offer=strict)
    match = services.match_propose(user=staff, need=need, offer=kind)
    assert {"code": "ldc_transition", "values": ["BT", "2023-12-13", "2035-12-12"], "more": []} in (
        match.reasons
    )
    found = selectors.need_suggestions(user=None, pk=need.pk)
    assert [s.id for s in found] == [kind.pk]
    assert any("until" in r and "Bhutan" in r for r in found[0].reasons)


def test_outsiders_cannot_propose_or_agree(other_focal_point, other_provider, focal_point, pair):
    with pytest.raises(PermissionDenied):
        services.match_propose(user=other_focal_point, need=pair[0], offer=pair[1])
    match = services.match_propose(user=focal_point, need=pair[0], offer=pair[1])
    with pytest.raises(PermissionDenied):
        services.match_agree(user=other_provider, match=match)


def test_a_pair_is_matched_only_once(focal_point, provider, pair):
    services.match_propose(user=focal_point, need=pair[0], offer=pair[1])
    with pytest.raises(ValidationError):
        services.match_propose(user=provider, need=pair[0], offer=pair[1])


def test_south_south_and_triangular_from_the_countries(staff, focal_point, other_provider):
    from tests.factories import OrganisationFactory

    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    offer = published(services.offer_create(user=other_provider, data=offer_fields()), staff)
    match = services.match_propose(user=staff, need=need, offer=offer)
    assert match.match_type == "south_south"  # Kenya and Brazil
    services.match_advance(user=staff, match=match, state="abandoned", note="Retry")
    donor = OrganisationFactory(name="Swiss donor", country_id="CH")
    match = services.match_propose(user=staff, need=need, offer=offer, facilitator=donor.pk)
    assert match.match_type == "triangular"
