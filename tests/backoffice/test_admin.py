"""The back office: staff enter activities quickly, every write goes through the services."""

import pytest

from ipdev.activities.models import Activity, Consent
from ipdev.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

ADD_URL = "/backoffice/activities/activity/add/"


def new_activity_form(**overrides) -> dict:
    """The few fields a person must fill in; the rest keeps its defaults."""
    form = {
        "title": "Seminar on geographical indications",
        "summary": "For producer associations.",
        "identifier": "",
        "status": "planned",
        "scope": "national",
        "countries": ["KE"],
        "start_date": "2026-03-02",
        "end_date": "2026-03-03",
        "category": "capacity-building",
        "delivery_mode": "seminar",
        "ip_areas": ["geographical-indications"],
        "currency": "CHF",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    form.update(overrides)
    return form


def test_add_form_comes_with_sensible_defaults(staff):
    response = client_for(staff).get(ADD_URL)
    assert response.status_code == 200
    initial = response.context["adminform"].form.initial
    assert initial["status"] == "planned"
    assert initial["currency"] == "CHF"
    assert initial["scope"] == "national"
    assert initial["start_date"]


def test_staff_adds_an_activity_through_the_service(staff):
    form = new_activity_form(reporting_org=_default_org_pk())
    response = client_for(staff).post(ADD_URL, form)
    assert response.status_code == 302, response.content[:2000]
    activity = Activity.objects.get()
    assert activity.identifier.endswith(f"-TAD-{activity.pk:07d}")
    assert AuditEntry.objects.filter(action="activity.created", actor=staff).exists()


def test_national_activity_without_a_country_is_a_field_error(staff):
    form = new_activity_form(countries=[], reporting_org=_default_org_pk())
    response = client_for(staff).post(ADD_URL, form)
    assert response.status_code == 200
    assert "countries" in response.context["adminform"].form.errors
    assert not Activity.objects.exists()


def test_history_shows_the_audit_log(staff):
    activity = make_activity(user=staff)
    response = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/history/")
    assert response.status_code == 200
    assert b"Created" in response.content and b"activity.created" not in response.content


def test_change_page_previews_what_the_public_sees(staff):
    activity = make_activity(user=staff)
    response = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/change/")
    assert response.status_code == 200
    assert b"What the public sees" in response.content
    assert b"has not consented" in response.content


@pytest.mark.parametrize("persona", ["public", "focal_point"])
def test_non_staff_cannot_enter_the_back_office(personas, persona):
    response = client_for(personas[persona]).get(ADD_URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_reference_data_is_read_only(staff):
    client = client_for(staff)
    assert client.get("/backoffice/reference/country/").status_code == 200
    assert client.get("/backoffice/reference/country/add/").status_code == 403


def test_consent_is_recorded_and_revoked_through_the_service(staff):
    client = client_for(staff)
    response = client.post(
        "/backoffice/activities/consent/add/",
        {
            "country": "KE",
            "groups": ["narrative", "finance"],
            "granted_by": "Kenya mission",
            "granted_on": "2026-01-10",
            "reference": "NV 12/2026",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    consent = Consent.objects.get()
    assert consent.groups == ["narrative", "finance"]
    client.post(
        "/backoffice/activities/consent/",
        {"action": "revoke", "_selected_action": [consent.pk]},
    )
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert AuditEntry.objects.filter(action="consent.revoked").exists()


def _default_org_pk() -> int:
    from ipdev.activities.services import default_reporting_org

    return default_reporting_org().pk


def test_staff_recording_consent_must_name_the_letter(staff):
    response = client_for(staff).post(
        "/backoffice/activities/consent/add/",
        {
            "country": "KE",
            "groups": ["narrative"],
            "granted_by": "Kenya mission",
            "granted_on": "2026-01-10",
            "reference": "",
        },
    )
    assert response.status_code == 200
    assert "reference" in response.context["adminform"].form.errors
    assert not Consent.objects.exists()
