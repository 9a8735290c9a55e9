"""Consent where the focal point works: the activity page's panel, the preview, the record,
revocation, the country's consent page, and details on request. Persona by persona."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipdev.activities import services
from ipdev.activities.models import Consent, DetailsRequest
from ipdev.core import jobs
from ipdev.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

SECRET = "SECRET-DESCRIPTION-4410"
TODAY = timezone.localdate()


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, description=SECRET)


def consent_url(activity):
    return reverse("backoffice-work:activity-consent", args=[activity.pk])


def grant_post(**overrides):
    data = {
        "country": "KE",
        "scope": "activity",
        "groups": ["narrative", "participants"],
        "granted_on": TODAY.isoformat(),
        "valid_until": "",
        "granted_by": "Minister of Trade",
        "reference": "Letter 2026/17",
    }
    data.update(overrides)
    return data


def page(user, activity):
    return client_for(user).get(reverse("portal:activity", args=[activity.pk]))


@pytest.mark.parametrize(
    ("persona", "panel"),
    [
        ("anonymous", False),
        ("public", False),
        ("other_focal_point", False),
        ("focal_point", True),
        ("staff", True),
    ],
)
def test_only_who_decides_sees_the_consent_panel(personas, activity, persona, panel):
    html = page(personas[persona], activity).content.decode()
    assert ('id="consent-panel"' in html) is panel
    assert ('id="request-details-link"' in html) is (not panel)


def test_the_panel_says_which_groups_are_public_and_which_withheld(focal_point, activity):
    services.consent_grant(user=focal_point, country="KE", groups=["finance"], granted_by="KE")
    html = page(focal_point, activity).content.decode()
    assert 'class="is-public" data-group="finance"' in html
    assert 'class="is-withheld" data-group="narrative"' in html


def test_preview_writes_nothing_and_shows_the_public_page(focal_point, activity):
    response = client_for(focal_point).post(consent_url(activity), grant_post())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="public-preview"' in html and SECRET in html  # narrative will be public
    assert "Letter 2026/17" in html
    assert not Consent.objects.exists()


def test_preview_hides_what_stays_withheld(focal_point, activity):
    response = client_for(focal_point).post(consent_url(activity), grant_post(groups=["finance"]))
    preview = response.content.decode().split('id="public-preview"')[1]
    assert SECRET not in preview


def test_confirming_records_the_consent_as_the_api_does(focal_point, activity):
    client = client_for(focal_point)
    response = client.post(consent_url(activity), grant_post(confirm="1"))
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.activity == activity and consent.reference == "Letter 2026/17"
    assert consent.recorded_by == focal_point
    assert AuditEntry.objects.filter(action="consent.granted", actor=focal_point).count() == 1
    assert SECRET in page(None, activity).content.decode()


def test_a_country_default_from_the_activity_page(focal_point, activity):
    client_for(focal_point).post(consent_url(activity), grant_post(scope="country", confirm="1"))
    consent = Consent.objects.get()
    assert consent.activity is None and consent.country_id == "KE"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("valid_until", (TODAY - dt.timedelta(days=1)).isoformat()),
        ("granted_on", "not a date"),
        ("granted_by", ""),
        ("groups", ["everything"]),
        ("scope", "world"),
        ("country", "PE"),
    ],
)
def test_bad_input_gets_a_field_error_and_writes_nothing(focal_point, activity, field, value):
    response = client_for(focal_point).post(
        consent_url(activity), grant_post(**{field: value, "confirm": "1"})
    )
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("other_focal_point", 404), ("public", 403), ("anonymous", 302)]
)
def test_outsiders_cannot_give_consent(personas, activity, persona, status):
    response = client_for(personas[persona]).post(consent_url(activity), grant_post(confirm="1"))
    assert response.status_code == status
    assert not Consent.objects.exists()


def test_staff_recording_on_a_states_behalf_must_name_the_letter(staff, activity):
    response = client_for(staff).post(consent_url(activity), grant_post(reference="", confirm="1"))
    assert response.status_code == 400
    assert 'id="id_reference_error"' in response.content.decode()
    client_for(staff).post(consent_url(activity), grant_post(confirm="1"))
    assert Consent.objects.get().recorded_by == staff


def test_a_renewal_dated_next_month_keeps_the_details_public_until_then(focal_point, activity):
    client = client_for(focal_point)
    client.post(consent_url(activity), grant_post(confirm="1"))
    next_month = (TODAY + dt.timedelta(days=30)).isoformat()
    client.post(consent_url(activity), grant_post(groups=[], granted_on=next_month, confirm="1"))
    assert SECRET in page(None, activity).content.decode()
    assert "Takes effect on" in page(focal_point, activity).content.decode()


def test_revoking_needs_a_reason_and_hides_the_details(focal_point, activity):
    consent = services.consent_grant(
        user=focal_point, country="KE", activity=activity, groups=["narrative"], granted_by="KE"
    )
    url = reverse("backoffice-work:consent-revoke", args=[consent.pk])
    client = client_for(focal_point)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert 'id="id_reason_error"' in response.content.decode()
    assert SECRET in page(None, activity).content.decode()
    response = client.post(url, {"reason": "New minister", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil" not in response["Location"]
    consent.refresh_from_db()
    assert consent.revoked_by == focal_point and consent.revoke_reason == "New minister"
    assert SECRET not in page(None, activity).content.decode()


def test_another_countrys_focal_point_cannot_revoke(other_focal_point, focal_point, activity):
    consent = services.consent_grant(
        user=focal_point, country="KE", groups=["narrative"], granted_by="KE"
    )
    url = reverse("backoffice-work:consent-revoke", args=[consent.pk])
    assert client_for(other_focal_point).post(url, {"reason": "x"}).status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [
        ("focal_point", "KE", 200),
        ("focal_point", "PE", 404),
        ("other_focal_point", "KE", 404),
        ("staff", "KE", 200),
        ("public", "KE", 403),
        ("anonymous", "KE", 302),
    ],
)
def test_the_country_consent_page_is_for_its_focal_points_and_staff(
    personas, activity, persona, code, status
):
    url = reverse("backoffice-work:consent-country", args=[code])
    assert client_for(personas[persona]).get(url).status_code == status


def test_the_country_page_lists_awaiting_expiring_and_history(focal_point, staff, activity):
    waiting = make_activity(user=staff, title="Awaiting a decision")
    consent = services.consent_grant(
        user=focal_point,
        country="KE",
        activity=activity,
        groups=["narrative"],
        granted_by="Minister",
        valid_until=TODAY + dt.timedelta(days=20),
        reference="Note 44",
    )
    services.consent_revoke(user=focal_point, consent=consent, reason="Changed our mind")
    services.consent_grant(
        user=focal_point,
        country="KE",
        activity=activity,
        groups=["finance"],
        granted_by="Minister",
        valid_until=TODAY + dt.timedelta(days=20),
    )
    url = reverse("backoffice-work:consent-country", args=["KE"])
    html = client_for(focal_point).get(url).content.decode()
    awaiting = html.split('id="awaiting"')[1].split("</ul>")[0]
    assert "Awaiting a decision" in awaiting and activity.title not in awaiting
    expiring = html.split('id="expiring-heading"')[1].split('id="history-heading"')[0]
    assert "Minister" in expiring and "Changed our mind" not in expiring
    history = html.split('id="history-heading"')[1]
    assert "Note 44" in history and "Changed our mind" in history and "kenya.focal" in history
    assert waiting.pk


def test_the_consent_home_sends_a_focal_point_to_their_country(focal_point):
    response = client_for(focal_point).get(reverse("backoffice-work:consent"))
    assert response.status_code == 302 and response["Location"].endswith("/consent/KE/")


# Details on request


def request_url(activity):
    return reverse("details-request", args=[activity.pk])


def ask(activity, **overrides):
    data = {
        "groups": ["narrative"],
        "reason": "Research on patent training in East Africa.",
        "name": "Rita Researcher",
        "email": "rita@example.org",
        "website": "",
    }
    data.update(overrides)
    return client_for(None).post(request_url(activity), data, REMOTE_ADDR="203.0.113.9")


def test_a_visitor_asks_for_details_and_the_focal_points_are_told(focal_point, activity):
    response = ask(activity)
    jobs.run_due(now=timezone.now())
    assert response.status_code == 200 and 'id="request-sent"' in response.content.decode()
    filed = DetailsRequest.objects.get()
    assert filed.groups == ["narrative"] and filed.status == "open"
    assert "203.0.113.9" not in filed.client_key
    assert [m.to for m in mail.outbox] == [[focal_point.email]]
    assert f"/backoffice/work/details-requests/{filed.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("field", "value"),
    [("email", "not-an-address"), ("reason", "short"), ("groups", []), ("groups", ["x"])],
)
def test_a_bad_request_for_details_names_the_field_and_writes_nothing(activity, field, value):
    response = ask(activity, **{field: value})
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not DetailsRequest.objects.exists()


def test_the_public_form_is_guarded_against_floods(activity):
    for n in range(5):
        assert ask(activity, email=f"r{n}@example.org").status_code == 200
    response = ask(activity, email="r9@example.org")
    assert response.status_code == 400
    assert "Too many requests" in response.content.decode()
    assert DetailsRequest.objects.count() == 5


def test_one_open_request_per_address_and_activity(activity):
    ask(activity)
    response = ask(activity)
    assert response.status_code == 400 and 'id="id_email_error"' in response.content.decode()


def test_a_robot_filling_the_hidden_field_writes_nothing(activity):
    assert ask(activity, website="http://spam.example").status_code == 200
    assert not DetailsRequest.objects.exists()


def test_no_request_form_where_everything_is_public(focal_point, activity):
    services.consent_grant(
        user=focal_point, country="KE", groups=list(services.DetailGroup.values), granted_by="KE"
    )
    assert client_for(None).get(request_url(activity)).status_code == 404


def test_the_focal_point_grants_a_request_and_the_requester_is_told(focal_point, activity):
    services.consent_grant(user=focal_point, country="KE", groups=["finance"], granted_by="KE")
    ask(activity)
    filed = DetailsRequest.objects.get()
    mail.outbox.clear()
    url = reverse("backoffice-work:details-request-grant", args=[filed.pk])
    response = client_for(focal_point).post(url, {"granted_by": "Minister", "reference": ""})
    jobs.run_due(now=timezone.now())
    assert response.status_code == 302
    filed.refresh_from_db()
    assert filed.status == "granted" and filed.decided_by == focal_point
    consent = Consent.objects.get(activity=activity, revoked_at__isnull=True)
    assert sorted(consent.groups) == ["finance", "narrative"]  # keeps what was public
    assert SECRET in page(None, activity).content.decode()
    assert mail.outbox[-1].to == ["rita@example.org"]
    assert "granted" in mail.outbox[-1].subject


def test_the_focal_point_declines_with_a_reason(focal_point, activity):
    ask(activity)
    filed = DetailsRequest.objects.get()
    url = reverse("backoffice-work:details-request-decline", args=[filed.pk])
    client = client_for(focal_point)
    assert client.post(url, {"reason": ""}).status_code == 400
    mail.outbox.clear()
    assert client.post(url, {"reason": "Commercially sensitive"}).status_code == 302
    jobs.run_due(now=timezone.now())
    filed.refresh_from_db()
    assert filed.status == "declined"
    assert mail.outbox[-1].to == ["rita@example.org"]
    assert "Commercially sensitive" in mail.outbox[-1].body
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_focal_point", 404), ("public", 403), ("anonymous", 302), ("staff", 200)],
)
def test_only_who_decides_sees_a_request(personas, activity, persona, status):
    ask(activity)
    url = reverse("backoffice-work:details-request", args=[DetailsRequest.objects.get().pk])
    assert client_for(personas[persona]).get(url).status_code == status


def test_staff_see_open_requests_with_their_age(staff, activity):
    ask(activity)
    DetailsRequest.objects.update(created_at=timezone.now() - dt.timedelta(days=9))
    html = client_for(staff).get(reverse("backoffice-work:details-requests")).content.decode()
    assert activity.title in html and "9 days" in html
