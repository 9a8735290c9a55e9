"""The public/private split of the roster, the staleness rule and the activity visibility rule."""

import datetime as dt

import pytest
from django.http import Http404

from ipdev.activities import services as activity_services
from ipdev.roster import selectors, services
from ipdev.roster.models import Consultant
from tests.factories import make_activity, make_consultant

pytestmark = pytest.mark.django_db


def search(user=None, **params):
    return selectors.roster_search(user=user, query=selectors.parse(params))


def test_the_public_sees_no_private_fields(consultant_user):
    c = consultant_user.consultant_profile
    profile = selectors.consultant_profile(user=None, pk=c.pk)
    assert profile.private is None
    assert profile.name == "Cora Consultant"


def test_the_consultant_and_staff_see_the_private_fields(consultant_user, staff):
    c = consultant_user.consultant_profile
    own = selectors.consultant_profile(user=consultant_user, pk=c.pk)
    assert own.private.email == "cora@example.org"
    assert own.private.evaluations_visible is False
    assert selectors.consultant_profile(user=staff, pk=c.pk).private.evaluations_visible


def test_another_consultant_sees_only_the_public_profile(consultant_user, other_consultant_user):
    c = consultant_user.consultant_profile
    assert selectors.consultant_profile(user=other_consultant_user, pk=c.pk).private is None


def test_a_stale_profile_leaves_the_public_roster(consultant_user, staff):
    c = consultant_user.consultant_profile
    Consultant.objects.filter(pk=c.pk).update(
        confirmed_on=dt.date.today() - dt.timedelta(days=1462)
    )
    assert search().total == 0
    with pytest.raises(Http404):
        selectors.consultant_profile(user=None, pk=c.pk)
    assert selectors.consultant_profile(user=consultant_user, pk=c.pk).stale
    assert search(staff).total == 1


def test_a_profile_confirmed_just_under_four_years_ago_stays(consultant_user):
    c = consultant_user.consultant_profile
    Consultant.objects.filter(pk=c.pk).update(
        confirmed_on=dt.date.today() - dt.timedelta(days=4 * 365)
    )
    assert search().total == 1


def test_an_unlisted_consultant_is_hidden_from_the_public(staff):
    c = make_consultant(staff=staff)
    services.consultant_update(user=staff, consultant=c, data={"listed": False})
    assert search().total == 0


def test_search_facets_count_expertise_language_nationality_gender_region(staff):
    make_consultant(staff=staff)
    make_consultant(
        staff=staff,
        name="Carlos Pérez",
        nationality="PE",
        residence="PE",
        gender="male",
        ip_areas=["trademarks"],
        biography="Trademark lawyer in Lima.",
        regions=["419"],
        languages=[{"language": "es", "level": "native"}],
    )
    page = search()
    assert page.total == 2
    assert {o.value: o.count for o in page.facets["gender"]} == {"female": 1, "male": 1}
    assert {o.value for o in page.facets["language"]} == {"fr", "en", "es"}
    page = search(language="es")
    assert [i.name for i in page.items] == ["Carlos Pérez"]
    assert [i.name for i in search(ip_area="patents", nationality="sn").items] == ["Amina Diallo"]
    assert search(region="419", gender="female").total == 0
    assert [i.name for i in search(q="examiners").items] == ["Amina Diallo"]


def test_unknown_facet_codes_are_reported_by_field():
    query = selectors.parse({"gender": "robot", "language": "zz", "page": "x"})
    assert set(query.errors) == {"gender", "language", "page"}


def test_delivered_activities_follow_the_consent_rule(staff, consultant_user, focal_point):
    activity = make_activity(user=staff)
    assignment = services.assignment_create(
        user=staff,
        consultant=consultant_user.consultant_profile,
        activity=activity,
        data={"role": "Trainer", "start_date": dt.date(2024, 3, 4)},
    )
    pk = consultant_user.consultant_profile.pk
    # A planned assignment is not delivered yet: it is not listed, even to the focal point.
    assert selectors.consultant_profile(user=focal_point, pk=pk).delivered == []
    services.ethics_accept(user=consultant_user, consultant=consultant_user.consultant_profile)
    declared = services.declaration_submit(
        user=consultant_user, assignment=assignment, has_conflict=False
    )
    services.declaration_review(user=staff, declaration=declared, cleared=True)
    services.assignment_change_status(user=staff, assignment=assignment, status="started")
    assert selectors.consultant_profile(user=None, pk=pk).delivered == []
    assert len(selectors.consultant_profile(user=focal_point, pk=pk).delivered) == 1
    activity_services.consent_grant(
        user=staff, country="KE", groups=["consultants"], granted_by="Mission of Kenya"
    )
    delivered = selectors.consultant_profile(user=None, pk=pk).delivered
    assert [(d.activity.id, d.role, d.year) for d in delivered] == [(activity.pk, "Trainer", 2024)]


def test_balance_statistics_count_roster_and_assignments_by_year(staff):
    a = make_consultant(staff=staff)
    make_consultant(staff=staff, name="Ivan", nationality="RU", residence="RU", gender="male")
    services.assignment_create(
        user=staff,
        consultant=a,
        activity=make_activity(user=staff),
        data={"role": "Expert", "start_date": dt.date(2023, 5, 1)},
    )
    balance = selectors.balance_statistics()
    assert balance.roster_total == 2
    assert {s.code: s.percent for s in balance.roster_gender} == {"female": 50.0, "male": 50.0}
    assert [(y.year, y.total, y.women_percent) for y in balance.years] == [(2023, 1, 100.0)]
