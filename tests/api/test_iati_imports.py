"""IATI uploads through the API: 202 Accepted with the run's address, a background job imports
the files with the back office's service, and the run's address says how it ended."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities.models import Activity
from ipdev.core import jobs
from ipdev.core.models import AuditEntry
from ipdev.iati import uploads
from ipdev.iati.models import ImportRun
from tests.api.conftest import api_client
from tests.iati.conftest import activities_file, activity_xml

pytestmark = pytest.mark.django_db

URL = "/api/v1/iati-imports/"


def xml_file(name: str, *identifiers: str) -> SimpleUploadedFile:
    body = activities_file(*(activity_xml(i) for i in identifiers))
    return SimpleUploadedFile(name, body.encode(), "application/xml")


def send(client, *files, **extra):
    return client.post(URL, {"files": list(files), **extra}, format="multipart")


def test_staff_upload_gets_202_with_the_run_to_follow_then_its_report(staff):
    client = api_client(staff)
    response = send(client, xml_file("ngo.xml", "XI-TEST-1-A1", "XI-TEST-1-A2"))
    assert response.status_code == 202
    body = response.json()
    run = ImportRun.objects.get()
    assert response["Location"] == body["url"] == f"http://testserver{URL}{run.pk}/"
    assert (body["status"], body["ended"], body["files"]) == ("queued", False, ["ngo.xml"])
    assert not Activity.objects.exists()  # nothing imported in the request

    waiting = client.get(response["Location"]).json()
    assert waiting["status"] == "queued" and waiting["reports"] == []

    jobs.run_due()
    done = client.get(response["Location"]).json()
    assert (done["status"], done["ended"], done["created"], done["read"]) == ("done", True, 2, 2)
    assert done["reports"][0]["name"] == "ngo.xml" and done["reports"][0]["created"] == 2
    entries = AuditEntry.objects.filter(action="activity.imported")
    assert {e.actor_id for e in entries} == {staff.pk} and entries.count() == 2
    assert AuditEntry.objects.filter(action="iati.upload_queued", actor=staff).count() == 1


def test_a_bad_file_is_named_with_its_problem_in_the_report(staff):
    client = api_client(staff)
    notes = SimpleUploadedFile("notes.xml", b"this is not XML", "application/xml")
    location = send(client, notes, xml_file("good.xml", "XI-TEST-1-G1"))["Location"]
    jobs.run_due()
    done = client.get(location).json()
    assert done["status"] == "problems"
    refused = {r["name"]: r["refused"] for r in done["reports"]}
    assert refused["notes.xml"] and not refused["good.xml"]
    assert done["created"] == 1  # the other file is still imported


def test_the_schema_check_is_passed_to_the_job(staff):
    send(api_client(staff), xml_file("a.xml", "XI-TEST-1-S1"), schema_check="false")
    from ipdev.core.models import Job

    assert Job.objects.get(name=uploads.TASK).kwargs["schema_check"] is False


def test_no_file_is_an_error_naming_the_files_field(staff):
    response = api_client(staff).post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert "files" in response.json()["errors"]
    assert not ImportRun.objects.exists()


def test_a_file_over_the_limit_is_refused_with_413_naming_it(staff, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 200)
    response = send(api_client(staff), xml_file("big.xml", "XI-TEST-1-B1", "XI-TEST-1-B2"))
    assert response.status_code == 413
    assert "big.xml" in response.json()["errors"]["files"][0]
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", 401), ("public", 403), ("focal_point", 403), ("other_focal_point", 403)],
)
def test_only_staff_upload_or_follow_imports(personas, persona, code, staff):
    location = send(api_client(staff), xml_file("ngo.xml", "XI-TEST-1-A1"))["Location"]
    client = api_client(personas.get(persona))
    assert send(client, xml_file("sneaky.xml", "XI-TEST-1-X1")).status_code == code
    assert client.get(location).status_code == code
    assert ImportRun.objects.count() == 1


def test_an_unknown_run_is_404(staff):
    assert api_client(staff).get(f"{URL}99999999999/").status_code == 404
