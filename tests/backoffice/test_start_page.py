"""Each role's start page: what waits for them, counted in one query, with links; the header
shows who is signed in, their role and the number waiting; sign-in lands here."""

import datetime as dt

import pytest
from django.utils import formats, timezone

from ipdev.backoffice import waiting
from ipdev.evaluation import services as survey_services
from ipdev.matchmaking import services as match_services
from ipdev.planning import services as planning_services
from ipdev.roster import services as roster_services
from tests.conftest import client_for
from tests.factories import (
    ALL_CRITERIA,
    file_request,
    make_activity,
    make_indicator,
    make_plan,
    need_fields,
    offer_fields,
    published,
)

pytestmark = pytest.mark.django_db


def _counts(user) -> dict[str, int]:
    return {i.key: i.count for i in waiting.waiting_for(user)}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("public", 200),
        ("focal_point", 200),
        ("other_focal_point", 200),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_who_opens_the_start_page(personas, persona, expected):
    assert client_for(personas[persona]).get("/start/").status_code == expected


def test_the_start_page_states_its_access():
    from ipdev.backoffice.account import settings_page, start

    assert start.access == settings_page.access == "signed_in"


def test_staff_see_requests_to_decide_and_the_count_goes_down_when_decided(focal_point, staff):
    filed = [file_request(focal_point) for _ in range(2)]
    assert _counts(staff)["requests_to_decide"] == 2
    body = client_for(staff).get("/start/").content.decode()
    assert "Requests for assistance to review or decide" in body
    assert 'href="/backoffice/work/requests/?mine=1"' in body
    planning_services.request_review(user=staff, request=filed[0], criteria=ALL_CRITERIA)
    assert _counts(staff)["requests_to_decide"] == 2  # in review: still to decide
    planning_services.request_decide(
        user=staff,
        request=filed[0],
        decision="declined",
        reason="Outside the plan.",
        consultation_waiver="A duplicate.",
    )
    assert _counts(staff)["requests_to_decide"] == 1


def test_staff_of_another_bureau_see_only_their_units_requests(focal_point, staff):
    from tests.factories import UserFactory

    file_request(focal_point)
    latin = UserFactory(username="lat.staff", role="staff", is_staff=True, bureau_id="lac")
    assert _counts(staff)["requests_to_decide"] == 1
    assert _counts(latin)["requests_to_decide"] == 0


def test_staff_see_assessments_changes_declarations_and_actuals(
    staff, focal_point, provider, consultant_user
):
    match_services.listing_submit(
        user=focal_point, listing=match_services.need_create(user=focal_point, data=need_fields())
    )
    match_services.listing_submit(
        user=provider, listing=match_services.offer_create(user=provider, data=offer_fields())
    )
    consultant = consultant_user.consultant_profile
    roster_services.profile_change_submit(
        user=consultant_user, consultant=consultant, data={"biography": "New."}
    )
    assignment = roster_services.assignment_create(
        user=staff,
        consultant=consultant,
        activity=make_activity(user=staff),
        data={"role": "Expert", "start_date": dt.date(2026, 2, 1)},
    )
    roster_services.declaration_submit(
        user=consultant_user, assignment=assignment, has_conflict=False, statement=""
    )
    indicator = make_indicator(staff)
    actual = planning_services.actual_save(
        user=focal_point,
        indicator=indicator,
        period=2026,
        value="5",
        value_women="2",
        value_men="3",
    )
    assert _counts(focal_point)["actuals_to_report"] == 1
    planning_services.actual_submit(user=focal_point, actual=actual)
    counts = _counts(staff)
    assert counts["listings_to_assess"] == 2
    assert counts["consultant_changes"] == 1
    assert counts["declarations_to_review"] == 1
    assert counts["actuals_submitted"] == 1
    assert _counts(focal_point)["actuals_to_report"] == 0
    body = client_for(staff).get("/start/").content.decode()
    assert "/backoffice/roster/profilechange/?status__exact=pending" in body
    assert "/backoffice/roster/declaration/?review__exact=pending" in body


def test_surveys_with_few_answers_are_flagged_a_week_after_the_invitations(staff, focal_point):
    from ipdev.evaluation.models import Invitation

    activity = make_activity(user=staff)
    survey = survey_services.survey_create(
        user=staff, activity=activity, kind="immediate", title="How was the workshop?"
    )
    survey_services.question_add(user=staff, survey=survey, text="Useful?", kind="yes_no")
    survey_services.survey_invite(
        user=staff,
        survey=survey,
        people=[(focal_point.email, "Kenya"), ("a@example.org", ""), ("b@example.org", "")],
    )
    assert _counts(staff)["surveys_few_answers"] == 0  # too early to say
    Invitation.objects.update(sent_at=timezone.now() - dt.timedelta(days=8))
    assert _counts(staff)["surveys_few_answers"] == 1
    # The focal point was invited by e-mail: the survey waits on their start page.
    body = client_for(focal_point).get("/start/").content.decode()
    assert "How was the workshop?" in body
    token = Invitation.objects.get(email=focal_point.email).token
    assert f'href="/survey/{token}/"' in body
    assert _counts(focal_point)["surveys_to_answer"] == 1


def test_a_focal_point_sees_their_requests_by_stage_and_plans_to_validate(
    focal_point, other_focal_point, staff
):
    file_request(focal_point)
    make_plan(staff, country="KE")
    counts = _counts(focal_point)
    assert counts["own_requests_submitted"] == 1
    assert counts["plans_to_validate"] == 1
    other = _counts(other_focal_point)  # Peru's focal point sees none of Kenya's
    assert other["own_requests_submitted"] == 0 and other["plans_to_validate"] == 0
    body = client_for(focal_point).get("/start/").content.decode()
    assert "Your requests waiting for review" in body
    assert 'href="/backoffice/work/requests/?status=submitted"' in body
    # Their requests are WIPO's move: listed, not counted as waiting for them.
    assert "One thing waits for you." in body  # the plan to validate


def test_a_consultant_sees_the_renewal_date_and_declarations_to_sign(consultant_user, staff):
    consultant = consultant_user.consultant_profile
    roster_services.assignment_create(
        user=staff,
        consultant=consultant,
        activity=make_activity(user=staff),
        data={"role": "Expert", "start_date": dt.date(2026, 2, 1)},
    )
    counts = _counts(consultant_user)
    assert counts["declarations_to_sign"] == 1 and counts["assignments"] == 1
    assert counts["profile_renewal"] == 0  # confirmed today: four years to go
    body = client_for(consultant_user).get("/start/").content.decode()
    renew_by = consultant.confirmed_on.replace(year=consultant.confirmed_on.year + 4)
    assert f"Renew by {formats.date_format(renew_by, 'DATE_FORMAT')}" in body
    type(consultant).objects.filter(pk=consultant.pk).update(
        confirmed_on=dt.date.today() - dt.timedelta(days=4 * 365)
    )
    assert _counts(consultant_user)["profile_renewal"] == 1


def test_providers_and_seekers_see_listings_returns_suggestions_and_moves(
    focal_point, provider, staff
):
    offer = published(match_services.offer_create(user=provider, data=offer_fields()), staff)
    need = published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    returned = match_services.need_create(user=focal_point, data=need_fields(title="Other"))
    match_services.listing_submit(user=focal_point, listing=returned)
    match_services.listing_assess(user=staff, listing=returned, publish=False, comment="More.")
    match_services.match_propose(user=focal_point, need=need, offer=offer)
    seeker, donor = _counts(focal_point), _counts(provider)
    assert seeker["own_listings"] == 2 and seeker["listings_returned"] == 1
    assert donor["own_listings"] == 1
    assert donor["new_suggestions"] >= 1  # the need's publication suggested it to the donor
    assert donor["matches_awaiting_move"] == 1 and seeker["matches_awaiting_move"] == 1
    match_services.match_agree(user=focal_point, match=need.matches.get())
    assert _counts(focal_point)["matches_awaiting_move"] == 0
    body = client_for(focal_point).get("/start/").content.decode()
    assert "Returned for revision" in body  # each listing with its state in words


def test_the_page_and_the_header_count_in_one_query_however_much_waits(
    staff, focal_point, django_assert_num_queries
):
    client = client_for(staff)
    client.get("/start/")
    # session, user, the counts (one statement for every item); the header reuses them.
    with django_assert_num_queries(3):
        assert client.get("/start/").status_code == 200
    for _ in range(3):
        file_request(focal_point)
    with django_assert_num_queries(3):
        body = client.get("/start/").content.decode()
    assert '<span aria-hidden="true">3</span>' in body  # the header's number


def test_another_page_shows_the_count_in_the_header(staff, focal_point):
    file_request(focal_point)
    body = client_for(staff).get("/countries/").content.decode()
    assert 'id="waiting-count"' in body and "1 thing waits for you" in body


def test_an_item_is_added_in_a_few_lines(staff, focal_point):
    from ipdev.planning.models import AssistanceRequest

    provider = waiting.Waiting(
        "test_every_request",
        "Every request",
        {waiting.STAFF},
        rows=lambda *, user: AssistanceRequest.objects.all(),
        link="/backoffice/work/requests/",
    )
    waiting.register(provider)
    try:
        file_request(focal_point)
        assert _counts(staff)["test_every_request"] == 1
        assert "test_every_request" not in _counts(focal_point)  # not their audience
    finally:
        waiting.REGISTRY.pop("test_every_request")


def test_signing_in_lands_on_the_start_page_unless_next_says_otherwise(client, focal_point):
    focal_point.set_password("a-long-password-1")
    focal_point.save()
    credentials = {"username": "kenya.focal", "password": "a-long-password-1"}
    response = client.post("/accounts/login/", credentials)
    assert response["Location"] == "/start/"
    client.logout()
    response = client.post("/accounts/login/", {**credentials, "next": "/countries/"})
    assert response["Location"] == "/countries/"


def test_the_header_offers_sign_in_to_visitors(client):
    body = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in body and "waiting-count" not in body


def test_consent_items_wait_for_the_focal_point_and_staff(focal_point, other_focal_point, staff):
    from ipdev.activities import details_requests
    from ipdev.activities import services as activity_services

    kenyan = make_activity(user=staff, countries=["KE"])
    today = timezone.localdate()
    assert _counts(focal_point)["consent_decisions"] == 1  # details withheld, no decision
    details_requests.details_request_file(
        activity=kenyan,
        groups=["narrative"],
        email="r@example.org",
        reason="A thesis on patent offices in East Africa.",
    )
    activity_services.consent_grant(
        user=staff,
        country="KE",
        groups=["narrative"],
        granted_by="Letter",
        reference="KE/2026/1",
        valid_until=today + dt.timedelta(days=20),
    )
    mine, others, wipo = _counts(focal_point), _counts(other_focal_point), _counts(staff)
    assert mine["details_requests"] == wipo["details_requests"] == 1
    assert mine["consents_expiring"] == wipo["consents_expiring"] == 1
    assert others["details_requests"] == others["consents_expiring"] == 0
    body = client_for(focal_point).get("/start/").content.decode()
    assert "Requests for details not answered" in body
    assert 'href="/backoffice/work/consent/"' in body
