"""The consent rule (DA recommendation 5) through the API: no detail leaks without consent."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities import services
from ipdev.activities.models import DetailGroup
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

MARKERS = {
    DetailGroup.NARRATIVE: {
        "description": "MARKER-DESCRIPTION-5150",
        "objectives": "MARKER-OBJECTIVES-5151",
        "outcomes": "MARKER-OUTCOMES-5152",
        "lessons": "MARKER-LESSONS-5153",
    },
    DetailGroup.PARTICIPANTS: {
        "beneficiary_institutions": "MARKER-INSTITUTIONS-5154",
        "participants_total": 918273,
        "participants_women": 404142,
        "participants_men": 303132,
    },
    DetailGroup.FINANCE: {"cost": Decimal("987654.31")},
}
DOCUMENT_MARKER = "MARKER-DOCUMENT-5155"
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


def markers_of(group: str) -> list[str]:
    if group == DetailGroup.DOCUMENTS:
        return [DOCUMENT_MARKER]
    return [str(v) for v in MARKERS.get(group, {}).values()]


ALL_MARKERS = [m for g in DetailGroup.values for m in markers_of(g)]


@pytest.fixture
def activity(staff):
    fields = {k: v for group in MARKERS.values() for k, v in group.items()}
    activity = make_activity(user=staff, **fields)
    upload = SimpleUploadedFile(f"{DOCUMENT_MARKER}.pdf", b"%PDF-1.4\n", "application/pdf")
    services.document_attach(user=staff, activity=activity, upload=upload, title=DOCUMENT_MARKER)
    return activity


def texts(clients, persona, activity) -> tuple[str, str]:
    client = clients[persona]
    listing = client.get("/api/v1/activities/").content.decode()
    detail = client.get(f"/api/v1/activities/{activity.pk}/").content.decode()
    return listing, detail


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_see_no_detail_without_consent(clients, activity, persona):
    listing, detail = texts(clients, persona, activity)
    for marker in ALL_MARKERS:
        assert marker not in listing
        assert marker not in detail


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_withheld_details_are_null_and_named(clients, activity, persona):
    body = clients[persona].get(f"/api/v1/activities/{activity.pk}/").json()
    assert body["visible_detail_groups"] == []
    assert body["withheld_detail_groups"] == DetailGroup.values
    for group in MARKERS.values():
        for field in group:
            assert body[field] is None
    assert body["documents"] is None
    assert body["currency"] is None


@pytest.mark.parametrize("persona", INSIDERS)
def test_focal_point_and_staff_see_every_detail(clients, activity, persona):
    listing, detail = texts(clients, persona, activity)
    for marker in ALL_MARKERS:
        assert marker in detail
        assert marker not in listing  # the list shows general information only
    body = clients[persona].get(f"/api/v1/activities/{activity.pk}/").json()
    assert body["withheld_detail_groups"] == []
    assert body["cost"] == "987654.31"
    assert body["documents"][0]["title"] == DOCUMENT_MARKER


@pytest.mark.parametrize(
    "groups",
    [
        [DetailGroup.NARRATIVE],
        [DetailGroup.FINANCE, DetailGroup.DOCUMENTS],
        [DetailGroup.PARTICIPANTS, DetailGroup.NARRATIVE, DetailGroup.FINANCE],
        [],
    ],
)
@pytest.mark.parametrize("persona", OUTSIDERS)
def test_consent_publishes_exactly_its_groups(clients, activity, staff, persona, groups):
    services.consent_grant(user=staff, country="KE", groups=groups, granted_by="Kenya mission")
    listing, detail = texts(clients, persona, activity)
    for group in DetailGroup.values:
        for marker in markers_of(group):
            assert (marker in detail) == (group in groups), (group, marker)
            assert marker not in listing
    body = clients[persona].get(f"/api/v1/activities/{activity.pk}/").json()
    assert set(body["visible_detail_groups"]) == set(groups)
    assert set(body["withheld_detail_groups"]) == set(DetailGroup.values) - set(groups)


def test_consent_for_one_activity_does_not_publish_another(clients, staff):
    first = make_activity(user=staff, description="MARKER-FIRST-1")
    second = make_activity(user=staff, description="MARKER-SECOND-2")
    services.consent_grant(
        user=staff, country="KE", activity=first, groups=["narrative"], granted_by="KE"
    )
    anonymous = clients["anonymous"]
    assert "MARKER-FIRST-1" in anonymous.get(f"/api/v1/activities/{first.pk}/").content.decode()
    assert (
        "MARKER-SECOND-2" not in anonymous.get(f"/api/v1/activities/{second.pk}/").content.decode()
    )


def test_revoked_consent_hides_the_details_again(clients, activity, staff):
    consent = services.consent_grant(
        user=staff, country="KE", groups=DetailGroup.values, granted_by="KE"
    )
    url = f"/api/v1/activities/{activity.pk}/"
    assert "MARKER-DESCRIPTION-5150" in clients["anonymous"].get(url).content.decode()
    response = clients["staff"].post(
        f"/api/v1/consents/{consent.pk}/revoke/", {"reason": "Withdrawn"}, format="json"
    )
    assert response.status_code == 200
    assert "MARKER-DESCRIPTION-5150" not in clients["anonymous"].get(url).content.decode()


def test_writers_response_is_filtered_too(clients, activity):
    """A write answers with the detail as the writer sees it, never more."""
    response = clients["focal_point"].patch(
        f"/api/v1/activities/{activity.pk}/",
        {"title": "Renamed"},
        format="json",
        HTTP_IF_MATCH=f'"{activity.version}"',
    )
    assert "MARKER-DESCRIPTION-5150" in response.content.decode()


def test_a_renewal_dated_next_month_keeps_the_details_public_meanwhile(clients, activity):
    """Recorded through the API: the consent in force stays until the renewal's date."""
    import datetime as dt

    from django.utils import timezone

    focal = clients["focal_point"]
    first = focal.post(
        "/api/v1/consents/",
        {"country": "KE", "groups": ["narrative"], "granted_by": "KE"},
        format="json",
    ).json()
    next_month = timezone.localdate() + dt.timedelta(days=30)
    renewal = focal.post(
        "/api/v1/consents/",
        {"country": "KE", "groups": [], "granted_by": "KE", "granted_on": next_month.isoformat()},
        format="json",
    ).json()
    assert renewal["in_force"] is False
    url = f"/api/v1/activities/{activity.pk}/"
    assert "MARKER-DESCRIPTION-5150" in clients["anonymous"].get(url).content.decode()
    listed = {c["id"]: c for c in focal.get("/api/v1/consents/").json()["results"]}
    assert listed[first["id"]]["in_force"] is True
    assert listed[first["id"]]["replaced_on"] == next_month.isoformat()
    assert "987654.31" not in clients["anonymous"].get(url).content.decode()
