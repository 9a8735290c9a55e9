"""Consent-expiry reminders, run by the scheduler with the clock moved: the country's focal
points hear 60, 30 and 7 days before the last day, once each, in their language and rhythm;
staff find them in their digest; a renewed or revoked consent is not reminded."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from ipdev.accounts import services as account_services
from ipdev.activities import services
from ipdev.activities.models import ConsentReminder
from ipdev.core import jobs
from ipdev.matchmaking import notify
from ipdev.matchmaking.models import Notification

pytestmark = pytest.mark.django_db
TASK = "backoffice.consent_expiry_reminders"


@pytest.fixture
def consent(staff):
    today = timezone.localdate()
    return services.consent_grant(
        user=staff,
        country="KE",
        groups=["finance", "documents"],
        granted_by="Ministry of Trade",
        granted_on=today,
        valid_until=today + dt.timedelta(days=75),
        reference="Letter KE/2026/14",
    )


def day(n: int) -> dt.datetime:
    """Noon of the local day n days from today (the scheduler runs the task once a day, by
    local date: noon in UTC is another local day for an hour each night)."""
    noon = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=n), dt.time(12))
    return timezone.make_aware(noon)


def run(n: int, capture) -> None:
    with capture(execute=True):
        jobs.run_due(now=day(n))


def test_focal_points_hear_60_30_and_7_days_before_once_each(
    consent, focal_point, other_focal_point, staff, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    run(0, capture)
    assert mail.outbox == [] and not ConsentReminder.objects.exists()
    run(15, capture)  # 60 days left
    assert [m.to for m in mail.outbox] == [[focal_point.email]]
    first = mail.outbox[0]
    mine = lambda: [m for m in mail.outbox if m.to == [focal_point.email]]  # noqa: E731
    assert first.subject == "Consent of Kenya ends in 60 days"
    assert "Cost, Documents" in first.body and "Letter KE/2026/14" in first.body
    assert "/backoffice/work/consent/KE/" in first.body
    run(16, capture)  # the next day: nothing new for the focal point; staff get their digest
    assert len(mine()) == 1
    digest = next(m for m in mail.outbox if m.to == [staff.email])
    assert "Consent of Kenya ends in 60 days" in digest.body
    run(45, capture)  # 30 days left
    run(68, capture)  # 7 days left
    run(69, capture)
    subjects = [m.subject for m in mine()]
    assert subjects == [
        "Consent of Kenya ends in 60 days",
        "Consent of Kenya ends in 30 days",
        "Consent of Kenya ends in 7 days",
    ]
    assert sorted(ConsentReminder.objects.values_list("days", flat=True)) == [7, 30, 60]
    # Staff: in their digest, never an e-mail of its own.
    staff_items = Notification.objects.filter(user=staff, kind="consent")
    assert staff_items.count() == 3 and all(n.digest for n in staff_items)
    assert not any(m.to == [other_focal_point.email] for m in mail.outbox)


def test_a_late_consent_gets_only_the_nearest_reminder_in_the_readers_language(
    staff, focal_point, django_capture_on_commit_callbacks
):
    account_services.settings_update(user=focal_point, language="fr", notifications="daily")
    today = timezone.localdate()
    services.consent_grant(
        user=staff,
        country="KE",
        groups=["finance"],
        granted_by="KE",
        granted_on=today,
        valid_until=today + dt.timedelta(days=20),
    )
    run(0, django_capture_on_commit_callbacks)
    assert mail.outbox == []  # a daily digest: it waits
    assert sorted(ConsentReminder.objects.values_list("days", flat=True)) == [30, 60]
    waiting = Notification.objects.get(user=focal_point, kind="consent")
    assert waiting.digest and waiting.subject == "Le consentement de Kenya prend fin dans 20 jours"
    assert notify.send_digests(now=day(1)) >= 1
    assert any(m.to == [focal_point.email] for m in mail.outbox)
    run(1, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(user=focal_point, kind="consent").count() == 1


def test_a_renewed_or_revoked_consent_is_not_reminded(
    consent, staff, focal_point, django_capture_on_commit_callbacks
):
    services.consent_revoke(user=staff, consent=consent, reason="Withdrawn")
    run(15, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and not ConsentReminder.objects.exists()
