"""A consent dated in the future takes effect on its date and leaves the one in force until then."""

import datetime as dt

import pytest
from django.utils import timezone

from ipdev.activities import selectors, services
from ipdev.activities.models import Consent
from ipdev.activities.visibility import ConsentIndex
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + dt.timedelta(days=30)


def public_on(activity, on):
    return ConsentIndex.load([activity.pk], on=on).public_groups(activity.pk, ["KE"], "ipdev")


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, description="THE-NARRATIVE")


def test_a_renewal_dated_next_month_leaves_the_current_consent_in_force(activity, focal_point):
    current = services.consent_grant(
        user=focal_point, country="KE", groups=["narrative", "finance"], granted_by="Minister"
    )
    renewal = services.consent_grant(
        user=focal_point,
        country="KE",
        groups=["narrative"],
        granted_by="Minister",
        granted_on=NEXT_MONTH,
        reference="Note 2027/4",
    )
    current.refresh_from_db()
    assert current.revoked_at is None
    assert current.replaced_on == NEXT_MONTH
    assert current.replaced_by == renewal
    assert current.ends_on() == NEXT_MONTH - dt.timedelta(days=1)
    # Until then, the public sees what the current consent publishes...
    assert selectors.activity_detail(user=None, pk=activity.pk).description == "THE-NARRATIVE"
    assert public_on(activity, TODAY) == {"narrative", "finance"}
    assert public_on(activity, NEXT_MONTH - dt.timedelta(days=1)) == {"narrative", "finance"}
    # ... and from its date, what the renewal publishes.
    assert public_on(activity, NEXT_MONTH) == {"narrative"}


def test_a_consent_taking_effect_today_replaces_the_current_one_at_once(activity, staff):
    first = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="A")
    services.consent_grant(user=staff, country="KE", groups=["narrative"], granted_by="B")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert public_on(activity, TODAY) == {"narrative"}


def test_a_future_consent_revoked_before_its_date_leaves_the_current_one_for_good(
    activity, focal_point
):
    current = services.consent_grant(
        user=focal_point, country="KE", groups=["narrative"], granted_by="A"
    )
    renewal = services.consent_grant(
        user=focal_point, country="KE", groups=[], granted_by="B", granted_on=NEXT_MONTH
    )
    services.consent_revoke(user=focal_point, consent=renewal, reason="Sent by mistake")
    current.refresh_from_db()
    assert current.replaced_on is None and current.replaced_by is None
    assert public_on(activity, NEXT_MONTH + dt.timedelta(days=90)) == {"narrative"}


def test_a_later_decision_supersedes_one_still_to_come(activity, staff):
    services.consent_grant(user=staff, country="KE", groups=["narrative"], granted_by="A")
    services.consent_grant(
        user=staff, country="KE", groups=["documents"], granted_by="B", granted_on=NEXT_MONTH
    )
    in_two_months = NEXT_MONTH + dt.timedelta(days=30)
    services.consent_grant(
        user=staff, country="KE", groups=["finance"], granted_by="C", granted_on=in_two_months
    )
    assert public_on(activity, TODAY) == {"narrative"}
    assert public_on(activity, NEXT_MONTH) == {"documents"}
    assert public_on(activity, in_two_months) == {"finance"}
    # A decision recorded later but dated earlier replaces every one still to come after it.
    services.consent_grant(
        user=staff, country="KE", groups=["participants"], granted_by="D", granted_on=NEXT_MONTH
    )
    assert public_on(activity, TODAY) == {"narrative"}
    assert public_on(activity, in_two_months) == {"participants"}
    live = Consent.objects.filter(revoked_at__isnull=True, replaced_on__isnull=True)
    assert live.count() == 1


def test_the_activity_level_renewal_keeps_the_country_default_rule(activity, staff):
    services.consent_grant(user=staff, country="KE", groups=["narrative"], granted_by="A")
    services.consent_grant(
        user=staff,
        country="KE",
        activity=activity,
        groups=[],
        granted_by="B",
        granted_on=NEXT_MONTH,
    )
    assert public_on(activity, TODAY) == {"narrative"}
    assert public_on(activity, NEXT_MONTH) == set()


def test_csv_export_follows_the_consent_in_force(activity, focal_point):
    from ipdev.activities import exports, filters

    services.consent_grant(user=focal_point, country="KE", groups=["narrative"], granted_by="A")
    services.consent_grant(
        user=focal_point, country="KE", groups=[], granted_by="B", granted_on=NEXT_MONTH
    )
    parsed = filters.parse({}, facets=False)
    rows = b"".join(
        exports.csv_rows(selectors.activity_details_stream(user=None, query=parsed.query))
    )
    assert b"THE-NARRATIVE" in rows


def test_a_withheld_detail_word_never_finds_the_activity(activity, focal_point):
    """The search index holds public general information only, so consent does not change it."""
    from ipdev.activities import filters

    def found(text):
        return selectors.activity_search(user=None, parsed=filters.parse({"q": text})).total

    assert found("THE-NARRATIVE") == 0
    services.consent_grant(user=focal_point, country="KE", groups=["narrative"], granted_by="A")
    assert found("THE-NARRATIVE") == 0
    assert found(activity.title.split()[0]) >= 1
