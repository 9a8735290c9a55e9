"""Email notifications: suggestions above the threshold, match changes, instant or daily."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ipdev.matchmaking import services
from ipdev.matchmaking.models import Notification
from tests.factories import need_fields, offer_fields, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(provider, staff):
    return published(services.offer_create(user=provider, data=offer_fields()), staff)


def test_publishing_a_need_emails_both_owners_at_once(
    focal_point, provider, staff, offer, django_capture_on_commit_callbacks
):
    need = services.need_create(user=focal_point, data=need_fields())
    services.listing_submit(user=focal_point, listing=need)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_assess(user=staff, listing=need, publish=True)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == [focal_point.email, provider.email]
    assert "Why: Shared IP areas: Patents" in mail.outbox[0].body
    assert all(n.sent_at for n in Notification.objects.all())


def test_below_the_threshold_no_email(focal_point, provider, staff, offer):
    services.notification_preference_set(user=provider, mode="instant", threshold=0.99)
    published(services.need_create(user=focal_point, data=need_fields()), staff)
    assert not Notification.objects.filter(user=provider).exists()
    assert Notification.objects.filter(user=focal_point).exists()


def test_a_daily_digest_gathers_the_events(
    focal_point, provider, staff, offer, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=provider, mode="daily")
    with django_capture_on_commit_callbacks(execute=True):
        need = published(services.need_create(user=focal_point, data=need_fields()), staff)
        services.match_propose(user=focal_point, need=need, offer=offer)
    assert provider.email not in [m.to[0] for m in mail.outbox]
    assert Notification.objects.filter(user=provider, sent_at__isnull=True).count() == 2
    mail.outbox.clear()
    call_command("match_digest")
    assert [m.to[0] for m in mail.outbox] == [provider.email]
    assert "2 updates" in mail.outbox[0].subject
    assert not Notification.objects.filter(sent_at__isnull=True, digest=True).exists()


def test_a_match_change_tells_the_other_side_not_the_actor(
    focal_point, provider, staff, offer, django_capture_on_commit_callbacks
):
    services.notification_preference_set(user=focal_point, mode="off")
    need = published(services.need_create(user=focal_point, data=need_fields()), staff)
    match = services.match_propose(user=focal_point, need=need, offer=offer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.match_advance(user=provider, match=match, state="in_contact")
    assert mail.outbox == []  # the seeker chose no emails; the provider acted
    with django_capture_on_commit_callbacks(execute=True):
        services.match_agree(user=focal_point, match=match)
    assert [m.to[0] for m in mail.outbox] == [provider.email]
    assert "In contact" in mail.outbox[0].subject


def test_preferences_are_checked(provider):
    with pytest.raises(ValidationError) as excinfo:
        services.notification_preference_set(user=provider, mode="hourly")
    assert "mode" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.notification_preference_set(user=provider, mode="daily", threshold=3)
    assert "threshold" in excinfo.value.message_dict
