"""The roster back office: staff add consultants, validate changes, review declarations."""

import datetime as dt

import pytest

from ipdev.core.models import AuditEntry
from ipdev.roster import services
from ipdev.roster.models import Assignment, Consultant, ProfileChange
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_staff_add_a_consultant_through_the_service(staff):
    response = client_for(staff).post(
        "/backoffice/roster/consultant/add/",
        {
            "name": "Lina Haddad",
            "nationality": "JO",
            "residence": "JO",
            "gender": "female",
            "availability": "available",
            "listed": "on",
            "biography": "Copyright lawyer.",
            "ip_areas": ["copyright"],
            "languages_text": "ar:native, en:fluent",
            "skills_text": "collective management, licensing",
            "fee_currency": "CHF",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    c = Consultant.objects.get(name="Lina Haddad")
    assert c.skills == ["collective management", "licensing"]
    assert c.languages.count() == 2
    assert AuditEntry.objects.filter(action="roster.consultant_created", actor=staff).exists()


def test_bad_language_level_is_an_error_on_the_form_not_a_500(staff):
    client = client_for(staff)
    response = client.post(
        "/backoffice/roster/consultant/add/",
        {
            "name": "X",
            "nationality": "JO",
            "residence": "JO",
            "gender": "female",
            "availability": "available",
            "languages_text": "ar:superb",
            "fee_currency": "CHF",
        },
    )
    assert response.status_code == 200
    assert "Unknown level" in str(response.context["adminform"].form.errors["languages_text"])
    assert not Consultant.objects.exists()


def test_staff_approve_a_pending_change_with_the_action(staff, consultant_user):
    c = consultant_user.consultant_profile
    services.profile_change_submit(user=consultant_user, consultant=c, data={"phone": "+1 555"})
    change = ProfileChange.objects.get()
    response = client_for(staff).post(
        "/backoffice/roster/profilechange/",
        {"action": "approve", "_selected_action": [change.pk]},
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.phone == "+1 555"


def test_the_start_action_refuses_an_unreviewed_declaration(staff, consultant_user):
    a = services.assignment_create(
        user=staff,
        consultant=consultant_user.consultant_profile,
        activity=make_activity(user=staff),
        data={"role": "Expert", "start_date": dt.date(2025, 1, 6)},
    )
    services.declaration_submit(user=consultant_user, assignment=a, has_conflict=False)
    client = client_for(staff)
    response = client.post(
        "/backoffice/roster/assignment/",
        {"action": "start", "_selected_action": [a.pk]},
        follow=True,
    )
    assert "not cleared" in response.content.decode()
    assert Assignment.objects.get().status == "planned"


def test_consultants_cannot_enter_the_back_office(consultant_user):
    response = client_for(consultant_user).get("/backoffice/roster/consultant/")
    assert response.status_code == 302


def test_staff_publish_a_submitted_need_with_the_admin_action(staff, focal_point):
    from ipdev.matchmaking import services as match_services
    from tests.factories import need_fields

    need = match_services.need_create(user=focal_point, data=need_fields())
    match_services.listing_submit(user=focal_point, listing=need)
    client = client_for(staff)
    assert client.get("/backoffice/matchmaking/need/").status_code == 200
    client.post(
        "/backoffice/matchmaking/need/", {"action": "publish", "_selected_action": [need.pk]}
    )
    need.refresh_from_db()
    assert need.state == "published"
    assert client.get(f"/backoffice/matchmaking/need/{need.pk}/history/").status_code == 200


def test_a_focal_point_cannot_use_the_match_back_office(focal_point):
    assert client_for(focal_point).get("/backoffice/matchmaking/need/").status_code == 302


def test_stale_profiles_are_flagged_in_the_list(staff, consultant_user):
    import datetime as dt

    Consultant.objects.update(confirmed_on=dt.date(2015, 1, 1))
    body = client_for(staff).get("/backoffice/roster/consultant/").content.decode()
    assert "To renew" in body and 'alt="True"' in body
