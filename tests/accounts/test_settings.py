"""A user's own settings: the language of their e-mails and how often they come (instant,
daily, weekly, off), on one page; e-mails follow them and link to the site's address."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ipdev.accounts import services
from ipdev.core.models import AuditEntry
from ipdev.matchmaking import notify
from ipdev.matchmaking import services as match_services
from ipdev.matchmaking.models import Notification, NotificationPreference
from tests.conftest import client_for
from tests.factories import need_fields, offer_fields, published

pytestmark = pytest.mark.django_db
URL = "/workspace/settings/"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("public", 200), ("focal_point", 200), ("staff", 200)],
)
def test_who_opens_the_settings_page(personas, persona, expected):
    assert client_for(personas[persona]).get(URL).status_code == expected


def test_a_user_chooses_language_rhythm_and_threshold_on_one_page(provider):
    client = client_for(provider)
    page = client.get(URL).content.decode()
    assert "A weekly digest" in page and 'value="ar"' in page
    response = client.post(URL, {"language": "fr", "notifications": "weekly", "threshold": "0.6"})
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.language, provider.notifications) == ("fr", "weekly")
    assert NotificationPreference.objects.get(user=provider).threshold == 0.6
    entry = AuditEntry.objects.get(action="accounts.settings_changed")
    assert entry.changes["notifications"] == ["instant", "weekly"]


def test_bad_settings_are_named_beside_their_fields_and_nothing_is_written(provider):
    response = client_for(provider).post(
        URL, {"language": "xx", "notifications": "hourly", "threshold": "7"}
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"language", "notifications", "threshold"}
    provider.refresh_from_db()
    assert (provider.language, provider.notifications) == ("", "instant")
    assert not NotificationPreference.objects.exists()
    assert not AuditEntry.objects.filter(action="accounts.settings_changed").exists()


def test_the_service_names_the_field(provider):
    with pytest.raises(ValidationError) as excinfo:
        services.settings_update(user=provider, language="xx", notifications="daily")
    assert set(excinfo.value.message_dict) == {"language"}


@pytest.fixture
def offer(provider, staff):
    return published(match_services.offer_create(user=provider, data=offer_fields()), staff)


def test_match_emails_are_in_the_recipients_language_with_absolute_links(
    focal_point, provider, staff, offer, settings, django_capture_on_commit_callbacks
):
    settings.IPDEV_SITE_URL = "https://ipdev.example.org"
    services.settings_update(user=provider, language="fr", notifications="instant")
    with django_capture_on_commit_callbacks(execute=True):
        published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    french = by_recipient[provider.email]
    assert french.subject.startswith("WIPO Match suggère")
    assert "https://ipdev.example.org/fr/match/needs/" in french.body
    english = by_recipient[focal_point.email]
    assert english.subject.startswith("WIPO Match suggests")
    assert "https://ipdev.example.org/match/offers/" in english.body


def test_daily_and_weekly_digests_leave_on_their_rhythm(focal_point, provider, staff, offer):
    services.settings_update(user=provider, language="es", notifications="weekly")
    services.settings_update(user=focal_point, language="", notifications="daily")
    published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    assert Notification.objects.filter(digest=True, sent_at__isnull=True).count() == 2
    monday = timezone.now()
    assert notify.send_digests(now=monday) == 2
    spanish = next(m for m in mail.outbox if m.to == [provider.email])
    assert spanish.subject == "WIPO Match: 1 novedad"
    assert "/es/workspace/settings/" in spanish.body
    mail.outbox.clear()
    need = published(
        match_services.need_create(user=focal_point, data=need_fields(title="Second need")), staff
    )
    assert need.pk
    assert notify.send_digests(now=monday + dt.timedelta(hours=2)) == 0  # too soon for both
    assert notify.send_digests(now=monday + dt.timedelta(days=1)) == 1  # the daily one
    assert [m.to[0] for m in mail.outbox] == [focal_point.email]
    assert notify.send_digests(now=monday + dt.timedelta(days=7)) == 1  # the weekly one
    assert mail.outbox[-1].to == [provider.email]


def test_no_emails_means_none_even_for_waiting_digest_items(focal_point, provider, staff, offer):
    services.settings_update(user=provider, language="", notifications="daily")
    published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    services.settings_update(user=provider, language="", notifications="off")
    mail.outbox.clear()
    notify.send_digests(now=timezone.now())
    assert provider.email not in [m.to[0] for m in mail.outbox]
    assert not Notification.objects.filter(user=provider, sent_at__isnull=True).exists()


def test_survey_invitations_follow_the_invitees_language(
    staff, focal_point, settings, django_capture_on_commit_callbacks
):
    from ipdev.evaluation import services as survey_services
    from tests.factories import make_activity

    settings.IPDEV_SITE_URL = "https://ipdev.example.org"
    services.settings_update(user=focal_point, language="ru", notifications="instant")
    survey = survey_services.survey_create(
        user=staff, activity=make_activity(user=staff), kind="immediate", title="Workshop"
    )
    survey_services.question_add(user=staff, survey=survey, text="Useful?", kind="yes_no")
    with django_capture_on_commit_callbacks(execute=True):
        survey_services.survey_invite(
            user=staff, survey=survey, people=[(focal_point.email, ""), ("x@example.org", "")]
        )
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Здравствуйте" in by_recipient[focal_point.email].body
    assert "Hello," in by_recipient["x@example.org"].body
    assert "https://ipdev.example.org/survey/" in by_recipient["x@example.org"].body


def test_the_scheduler_sends_the_digests_hourly(focal_point, provider, staff, offer):
    from ipdev.core import jobs

    services.settings_update(user=provider, language="", notifications="daily")
    published(match_services.need_create(user=focal_point, data=need_fields()), staff)
    mail.outbox.clear()
    assert jobs.tasks()["matchmaking.send_digests"].every == dt.timedelta(hours=1)
    done = jobs.run_due(now=timezone.now())
    summaries = [j.result for j in done if j.name == "matchmaking.send_digests"]
    assert summaries == ["1 digest e-mails sent"]
    assert [m.to[0] for m in mail.outbox] == [provider.email]
