"""Curation in the back office: staff only, through the services (audited), errors on the form."""

import pytest

from ipdev.core.models import AuditEntry
from ipdev.directories.models import DatabaseReport, Institution, Register, Suggestion
from tests.conftest import client_for
from tests.directories.factories import docx_upload, make_directories


@pytest.fixture
def world(staff):
    return make_directories(staff)


@pytest.mark.parametrize("who", ["public", "focal_point", "other_focal_point"])
def test_only_staff_reach_the_directories_back_office(personas, world, who):
    response = client_for(personas[who]).get("/backoffice/directories/register/")
    assert response.status_code in {302, 403}


def test_staff_edit_a_database_report_through_the_service(staff, world):
    report = DatabaseReport.objects.get(name="Alpha Patents")
    client = client_for(staff)
    form = {
        "name": "Alpha Patents", "provider": "Alpha office", "kind": "national", "access": "free",
        "url": "", "coverage_countries": "PE, KE", "coverage_from": "1980", "languages": "en",
        "interfaces": ["web"], "boolean_search": "on", "summary": "", "reviewed_on": "2025-01-02",
        "last_verified": "2025-01-02",
    }  # fmt: skip
    response = client.post(f"/backoffice/directories/databasereport/{report.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.provider == "Alpha office" and report.coverage_countries == ["PE", "KE"]
    entry = AuditEntry.objects.filter(action="directories.database.updated").get()
    assert entry.changes["provider"] == ["Alpha Patents provider", "Alpha office"]
    bad = {**form, "coverage_countries": "PE, QQ"}
    response = client.post(f"/backoffice/directories/databasereport/{report.pk}/change/", bad)
    assert response.status_code == 200
    assert "Unknown code(s): QQ." in response.content.decode()


def test_staff_add_a_register_file_with_its_resources(staff, world):
    form = {
        "jurisdiction": "GH", "office": "Registrar-General", "legal_status": ["A", "F"],
        "search_tips": "", "sample_numbers": "", "last_verified": "2025-03-01",
        "resources-TOTAL_FORMS": "1", "resources-INITIAL_FORMS": "0",
        "resources-MIN_NUM_FORMS": "0", "resources-MAX_NUM_FORMS": "1000",
        "resources-0-kind": "gazette", "resources-0-availability": "yes",
        "resources-0-url": "https://gh.example/gazette", "resources-0-languages": "en",
        "resources-0-cost": "free", "resources-0-coverage_from": "2001", "resources-0-notes": "",
    }  # fmt: skip
    response = client_for(staff).post("/backoffice/directories/register/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    register = Register.objects.get(jurisdiction="GH")
    assert register.resources.get().coverage_from == 2001
    assert AuditEntry.objects.filter(
        action="directories.register.created", object_id=str(register.pk)
    )


def test_staff_upload_a_policy_and_it_becomes_searchable(staff, world, client):
    lima = Institution.objects.get(name="Lima Research Institute")
    form = {
        "institution": lima.pk, "title": "Software policy", "year": "2024", "types": ["software"],
        "language": "es", "url": "", "last_verified": "2025-01-01",
        "document": docx_upload("software.docx", "El software libre se publica."),
    }  # fmt: skip
    response = client_for(staff).post("/backoffice/directories/policy/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Software policy" in client.get("/directories/policies/?q=libre").content.decode()


def test_staff_verify_entries_and_decide_suggestions(staff, world):
    client = client_for(staff)
    stale = Register.objects.get(jurisdiction="PE")
    client.post(
        "/backoffice/directories/register/",
        {"action": "verify", "_selected_action": [stale.pk]},
    )
    stale.refresh_from_db()
    assert not stale.is_stale(stale.last_verified)
    suggestion = Suggestion.objects.create(directory="registers", message="Fix the gazette link.")
    listing = client.get("/backoffice/directories/suggestion/").content.decode()
    assert f"/backoffice/work/directories/suggestions/{suggestion.pk}/" in listing
    # Decided on the curation page, not here: the admin's form changes nothing.
    response = client.post(
        f"/backoffice/directories/suggestion/{suggestion.pk}/change/", {"staff_note": "No."}
    )
    assert response.status_code == 403
    assert Suggestion.objects.get(pk=suggestion.pk).status == "pending"
