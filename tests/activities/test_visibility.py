"""The consent rule (DA recommendation 5) as the selectors apply it, persona by persona."""

import datetime as dt

import pytest

from ipdev.activities import selectors, services
from ipdev.activities.models import DetailGroup
from ipdev.activities.visibility import ALL_GROUPS, ConsentIndex, Viewer
from tests.factories import country, make_activity

pytestmark = pytest.mark.django_db

SECRET = "SECRET-NARRATIVE-7781"


def detail_for(user, activity):
    return selectors.activity_detail(user=user, pk=activity.pk)


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, description=SECRET)


def test_public_sees_general_information_but_no_details_without_consent(activity):
    detail = detail_for(None, activity)
    assert detail.title == activity.title
    assert detail.description is None
    assert detail.cost is None
    assert detail.participants_total is None
    assert detail.visible_groups == frozenset()


@pytest.mark.parametrize("persona", ["anonymous", "public", "other_focal_point"])
def test_outsiders_see_no_details_without_consent(personas, activity, persona):
    detail = detail_for(personas[persona], activity)
    assert detail.visible_groups == frozenset()
    assert SECRET not in repr(detail)


@pytest.mark.parametrize("persona", ["focal_point", "staff", "admin"])
def test_focal_point_and_staff_see_every_detail(personas, activity, persona):
    detail = detail_for(personas[persona], activity)
    assert detail.visible_groups == ALL_GROUPS
    assert detail.description == SECRET


def test_country_default_consent_makes_its_groups_public(activity, staff):
    services.consent_grant(
        user=staff, country="KE", groups=[DetailGroup.NARRATIVE], granted_by="Kenya mission"
    )
    detail = detail_for(None, activity)
    assert detail.description == SECRET
    assert detail.cost is None


def test_activity_consent_overrides_the_country_default(activity, staff):
    services.consent_grant(user=staff, country="KE", groups=DetailGroup.values, granted_by="KE")
    services.consent_grant(
        user=staff, country="KE", activity=activity, groups=[], granted_by="KE, for this one"
    )
    assert detail_for(None, activity).visible_groups == frozenset()


def test_revoked_consent_hides_the_details_again(activity, staff):
    consent = services.consent_grant(
        user=staff, country="KE", groups=DetailGroup.values, granted_by="KE"
    )
    services.consent_revoke(user=staff, consent=consent, reason="Withdrawn by note verbale")
    assert detail_for(None, activity).visible_groups == frozenset()


def test_expired_consent_is_not_in_force(activity, staff):
    services.consent_grant(
        user=staff,
        country="KE",
        groups=DetailGroup.values,
        granted_by="KE",
        granted_on=dt.date(2020, 1, 1),
        valid_until=dt.date(2021, 1, 1),
    )
    assert detail_for(None, activity).visible_groups == frozenset()


def test_multi_country_activity_needs_every_countrys_consent(staff):
    activity = make_activity(user=staff, scope="regional", countries=["KE", "UG"])
    services.consent_grant(user=staff, country="KE", groups=DetailGroup.values, granted_by="KE")
    assert detail_for(None, activity).visible_groups == frozenset()
    services.consent_grant(user=staff, country="UG", groups=[DetailGroup.FINANCE], granted_by="UG")
    assert detail_for(None, activity).visible_groups == {DetailGroup.FINANCE}


def test_focal_point_of_one_beneficiary_sees_a_multi_country_activity(staff, focal_point):
    activity = make_activity(user=staff, scope="regional", countries=["KE", "UG"])
    assert detail_for(focal_point, activity).visible_groups == ALL_GROUPS


def test_imported_activities_of_other_publishers_are_public_in_full():
    index = ConsentIndex([], dt.date.today())
    assert index.public_groups(1, ["KE"], "iati") == ALL_GROUPS


def test_inactive_users_count_as_public(focal_point):
    focal_point.is_active = False
    assert Viewer.of(focal_point).countries == frozenset()


def test_stream_applies_the_rule_per_row(staff):
    from ipdev.search.types import Query

    kenya = make_activity(user=staff, description="KENYA-DETAIL")
    peru = make_activity(user=staff, description="PERU-DETAIL", countries=["PE"])
    services.consent_grant(user=staff, country="PE", groups=DetailGroup.values, granted_by="PE")
    rows = {
        d.id: d for d in selectors.activity_details_stream(user=None, query=Query(sort="newest"))
    }
    assert rows[kenya.pk].description is None
    assert rows[peru.pk].description == "PERU-DETAIL"
    assert country("PE").name


@pytest.mark.parametrize("persona", ["anonymous", "public", "other_focal_point"])
def test_the_consent_preview_and_panel_are_for_who_decides(personas, activity, persona):
    from django.http import Http404

    from ipdev.activities import consents

    user = personas[persona]
    with pytest.raises(Http404):
        selectors.activity_preview(user=user, pk=activity.pk, groups=ALL_GROUPS)
    assert consents.consent_panel(user=user, pk=activity.pk) is None


def test_the_preview_shows_exactly_the_groups_the_consent_would_publish(focal_point, activity):
    from ipdev.activities import consents

    groups = consents.consent_preview(
        user=focal_point,
        pk=activity.pk,
        country="KE",
        whole_country=False,
        groups=["narrative"],
        granted_on=dt.date.today(),
    )
    assert groups == {"narrative"}
    preview = selectors.activity_preview(user=focal_point, pk=activity.pk, groups=groups)
    assert preview.description == SECRET and preview.cost is None
    assert detail_for(None, activity).visible_groups == frozenset()  # nothing recorded


def test_a_country_default_previewed_for_a_multi_country_activity_needs_every_country(
    staff, focal_point
):
    from ipdev.activities import consents

    shared = make_activity(user=staff, scope="regional", countries=["KE", "PE"])
    groups = consents.consent_preview(
        user=focal_point,
        pk=shared.pk,
        country="KE",
        whole_country=True,
        groups=list(ALL_GROUPS),
        granted_on=dt.date.today(),
    )
    assert groups == frozenset()  # Peru has not consented
