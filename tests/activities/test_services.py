"""The write path: validation naming the field, permissions, audit entries, one transaction."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities import services
from ipdev.activities.models import Activity, Consent
from ipdev.core.models import AuditEntry
from tests.factories import activity_data, make_activity

pytestmark = pytest.mark.django_db


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_create_assigns_an_identifier_and_audits(staff):
    activity = make_activity(user=staff)
    assert activity.identifier.endswith(f"-TAD-{activity.pk:07d}")
    entry = AuditEntry.objects.get(action="activity.created", object_id=str(activity.pk))
    assert entry.actor == staff
    assert entry.changes["title"] == [None, activity.title]
    assert entry.changes["countries"] == [None, ["KE"]]


def test_update_audits_only_changed_fields(staff):
    activity = make_activity(user=staff)
    services.activity_update(
        user=staff, activity=activity, data={"title": "New title", "sdgs": [4]}
    )
    entry = AuditEntry.objects.get(action="activity.updated")
    assert set(entry.changes) == {"title", "sdgs"}
    assert entry.changes["sdgs"] == [["9"], ["4"]]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"countries": ["XX"]}, "countries"),
        ({"category": "no-such-category"}, "category"),
        ({"start_date": dt.date(2024, 5, 1), "end_date": dt.date(2024, 4, 1)}, "end_date"),
        ({"cost": Decimal("-1")}, "cost"),
        (
            {"participants_total": 10, "participants_women": 8, "participants_men": 8},
            "participants_total",
        ),
        ({"title": ""}, "title"),
        ({"status": "finished"}, "status"),
        ({"countries": []}, "countries"),
        ({"da_recommendations": [46]}, "da_recommendations"),
        ({"currency": "XYZ"}, "currency"),
        ({"secret_field": 1}, "secret_field"),
        ({"countries": "KE"}, "countries"),
    ],
)
def test_bad_input_is_refused_naming_the_field(staff, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        services.activity_create(user=staff, data=activity_data(**overrides))
    assert field in field_errors(excinfo)
    assert not Activity.objects.exists()
    assert not AuditEntry.objects.exists()


def test_focal_point_creates_activities_for_their_country_only(focal_point):
    make_activity(user=focal_point)
    with pytest.raises(PermissionDenied):
        make_activity(user=focal_point, countries=["PE"])


@pytest.mark.parametrize("persona", ["anonymous", "public", "other_focal_point"])
def test_outsiders_cannot_change_an_activity(personas, staff, persona):
    activity = make_activity(user=staff)
    with pytest.raises(PermissionDenied):
        services.activity_update(user=personas[persona], activity=activity, data={"title": "x"})
    activity.refresh_from_db()
    assert activity.title != "x"


def test_focal_point_cannot_move_an_activity_to_another_country(focal_point):
    activity = make_activity(user=focal_point)
    with pytest.raises(PermissionDenied):
        services.activity_update(user=focal_point, activity=activity, data={"countries": ["PE"]})
    assert list(activity.countries.values_list("code", flat=True)) == ["KE"]


def test_status_follows_the_life_cycle(staff):
    activity = make_activity(user=staff, status="planned")
    services.activity_change_status(user=staff, activity=activity, status="ongoing")
    services.activity_change_status(user=staff, activity=activity, status="completed")
    with pytest.raises(ValidationError) as excinfo:
        services.activity_change_status(user=staff, activity=activity, status="cancelled")
    assert "status" in field_errors(excinfo)
    assert AuditEntry.objects.filter(action="activity.status_changed").count() == 2


def test_document_upload_checks_type_and_size(staff, settings):
    activity = make_activity(user=staff)
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    document = services.document_attach(user=staff, activity=activity, upload=pdf, title="Report")
    assert document.content_type == "application/pdf"
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        services.document_attach(user=staff, activity=activity, upload=fake)
    assert "file" in field_errors(excinfo)
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        services.document_attach(user=staff, activity=activity, upload=exe)
    settings.IPDEV_UPLOAD_MAX_BYTES = 10
    big = SimpleUploadedFile("big.txt", b"x" * 11, content_type="text/plain")
    with pytest.raises(ValidationError) as excinfo:
        services.document_attach(user=staff, activity=activity, upload=big)
    assert "limit" in field_errors(excinfo)["file"][0]
    assert activity.documents.count() == 1


def test_consent_grant_replaces_the_one_in_force(staff):
    first = services.consent_grant(user=staff, country="KE", groups=["narrative"], granted_by="A")
    second = services.consent_grant(user=staff, country="KE", groups=["finance"], granted_by="B")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Consent.objects.filter(revoked_at__isnull=True).get() == second


def test_consent_for_unknown_group_names_the_field(staff):
    with pytest.raises(ValidationError) as excinfo:
        services.consent_grant(user=staff, country="KE", groups=["everything"], granted_by="A")
    assert "groups" in field_errors(excinfo)


def test_focal_point_gives_consent_for_their_own_country_only(focal_point):
    services.consent_grant(user=focal_point, country="KE", groups=["narrative"], granted_by="KE")
    with pytest.raises(PermissionDenied):
        services.consent_grant(user=focal_point, country="PE", groups=["narrative"], granted_by="x")


def test_a_failed_service_call_writes_nothing(staff, monkeypatch):
    from ipdev.activities import indexing

    def broken(ids):
        raise RuntimeError("index down")

    monkeypatch.setattr(indexing, "reindex", broken)
    with pytest.raises(RuntimeError):
        make_activity(user=staff)
    assert not Activity.objects.exists()
    assert not AuditEntry.objects.exists()
