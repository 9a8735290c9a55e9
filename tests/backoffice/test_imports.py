"""IATI imports in the back office: staff upload files, a background job imports them with the
CLI's service, and the run's page follows it, then shows the report (problems per activity, what
was not kept), kept with the past imports."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities.models import Activity
from ipdev.core import jobs
from ipdev.core.models import AuditEntry, Job
from ipdev.iati import uploads
from ipdev.iati.models import ImportRun
from tests.conftest import client_for
from tests.iati.conftest import activities_file, activity_xml

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/backoffice/iati/importrun/upload/"
LIST_URL = "/backoffice/iati/importrun/"
NOT_STAFF = ["anonymous", "public", "focal_point", "other_focal_point"]


def upload(name: str, content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), "application/xml")


def good_file(name: str = "ngo.xml") -> SimpleUploadedFile:
    return upload(name, activities_file(activity_xml("XI-TEST-1-A1"), activity_xml("XI-TEST-1-A2")))


def troubled_file(name: str = "troubled.xml") -> SimpleUploadedFile:
    broken = activity_xml("").replace("<iati-identifier></iati-identifier>", "")
    extra = '<transaction><transaction-type code="3"/></transaction>'
    return upload(name, activities_file(activity_xml("XI-TEST-1-B1", extra=extra), broken))


def post(client, *files, schema_check: bool = False, run_jobs: bool = True):
    """Upload; then (by default) let the worker run and read the run's page again."""
    data = {"files": list(files)}
    if schema_check:
        data["schema_check"] = "on"
    response = client.post(UPLOAD_URL, data, follow=True)
    if run_jobs and response.redirect_chain:
        jobs.run_due()
        chain = response.redirect_chain
        response = client.get(chain[-1][0])
        response.redirect_chain = chain
    return response


def test_staff_upload_files_and_see_the_report(staff):
    response = post(client_for(staff), good_file(), troubled_file())
    assert response.status_code == 200
    run = ImportRun.objects.get()
    assert response.redirect_chain[-1][0] == f"{LIST_URL}{run.pk}/change/"
    assert (run.read, run.created, run.skipped) == (4, 3, 1)
    assert run.user == staff
    assert run.files == ["ngo.xml", "troubled.xml"]
    page = response.content.decode()
    assert "ngo.xml" in page and "troubled.xml" in page
    assert "critical" in page and "iati-identifier" in page  # the skipped activity's problem
    assert "Read but not kept, per element path" in page
    assert "<code>transaction</code>" in page
    assert run.status == ImportRun.Status.DONE_WITH_PROBLEMS
    assert 'hx-trigger="every 2s"' not in page  # (ended: the page no longer polls)


def test_the_uploader_lands_at_once_on_a_page_that_follows_the_waiting_import(staff):
    client = client_for(staff)
    response = post(client, good_file(), run_jobs=False)
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.QUEUED and run.read == 0
    assert not Activity.objects.exists()
    page = response.content.decode()
    assert f"Import {run.pk} is queued" in page
    assert "waiting for the background worker" in page
    assert 'hx-trigger="every 2s"' in page and 'hx-select="#import-run"' in page
    job = Job.objects.get(name=uploads.TASK)
    assert job.kwargs == {"run": run.pk, "schema_check": False}
    assert list(uploads.upload_folder(run.pk).rglob("*.xml"))  # kept for the worker

    jobs.run_due()
    run.refresh_from_db()
    assert (run.status, run.created) == (ImportRun.Status.DONE, 2)
    assert not uploads.upload_folder(run.pk).exists()  # deleted once imported
    page = client.get(f"{LIST_URL}{run.pk}/change/").content.decode()
    assert "hx-trigger" not in page and "ngo.xml" in page


def test_a_worker_killed_during_the_import_leaves_the_run_marked_interrupted(staff):
    import subprocess

    from ipdev.iati import runs
    from ipdev.iati.services import import_runs_mark_interrupted

    post(client_for(staff), good_file(), run_jobs=False)
    run = ImportRun.objects.get()
    child = subprocess.Popen(["true"])
    child.wait()  # (a process that is gone, as a killed worker is)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, process=f"{runs.socket.gethostname()}/{child.pid}/1"
    )
    from django.utils import timezone

    assert import_runs_mark_interrupted(now=timezone.now()) == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.INTERRUPTED
    assert uploads.iati_upload_import(run_pk=run.pk, schema_check=False, now=timezone.now()) is None
    assert uploads.purge_upload_folders() == 0  # its files are kept for a retry a while
    later = timezone.now() + uploads.KEEP_FAILED + dt.timedelta(minutes=1)
    assert uploads.purge_upload_folders(now=later) == 1  # then they go
    assert not uploads.upload_folder(run.pk).exists()


def test_an_upload_goes_through_the_import_service_with_its_audit(staff):
    post(client_for(staff), good_file())
    assert set(Activity.objects.values_list("identifier", flat=True)) == {
        "XI-TEST-1-A1",
        "XI-TEST-1-A2",
    }
    entries = AuditEntry.objects.filter(action="activity.imported")
    assert entries.count() == 2
    assert {e.actor_id for e in entries} == {staff.pk}


def test_uploading_the_same_file_again_changes_nothing(staff):
    client = client_for(staff)
    post(client, good_file())
    post(client, good_file())
    first, second = ImportRun.objects.order_by("id")
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert AuditEntry.objects.filter(action="activity.imported").count() == 2
    assert first.created == 2


def test_a_refused_file_is_shown_with_its_reason(staff):
    response = post(client_for(staff), upload("notes.xml", "this is not XML"), good_file())
    page = response.content.decode()
    assert "Refused" in page
    assert ImportRun.objects.get().created == 2  # the other file is still imported


def test_the_schema_check_can_be_asked_for(staff, settings, monkeypatch):
    seen = {}
    real = uploads.iati_import_files

    def spy(**kwargs):
        seen["schema_check"] = kwargs["schema_check"]
        return real(**kwargs)

    monkeypatch.setattr(uploads, "iati_import_files", spy)
    post(client_for(staff), good_file(), schema_check=True)
    assert seen["schema_check"] is True
    post(client_for(staff), good_file())
    assert seen["schema_check"] is False


def test_past_imports_are_listed_with_links_to_their_reports(staff):
    client = client_for(staff)
    post(client, good_file("first.xml"))
    post(client, troubled_file("second.xml"))
    page = client.get(LIST_URL).content.decode()
    for run in ImportRun.objects.all():
        assert f"{LIST_URL}{run.pk}/change/" in page
    assert "first.xml" in page and "second.xml" in page
    assert UPLOAD_URL in page


def test_no_file_is_an_error_on_the_files_field(staff):
    response = client_for(staff).post(UPLOAD_URL, {})
    assert response.status_code == 200
    assert "files" in response.context["form"].errors
    assert not ImportRun.objects.exists()


def test_too_many_or_too_big_files_are_refused_before_importing(staff, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_FILES", 1)
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file("a.xml"), good_file()]})
    assert "At most 1 files" in " ".join(response.context["form"].errors["files"])
    monkeypatch.setattr(uploads, "MAX_FILES", 20)
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100)
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file("big.xml")]})
    assert response.status_code == 413
    assert "big.xml" in response.context["refused"]
    assert "Refused before it was read to the end" in response.content.decode()
    assert not ImportRun.objects.exists()


def _read_of(response) -> tuple[int, int]:
    """How much of the request's body the server read, and its length (the test client's
    FakePayload)."""
    payload = response.wsgi_request.META["wsgi.input"]
    read = payload._FakePayload__content.tell() if payload.read_started else 0
    return read, len(payload)


def test_a_file_over_the_limit_stops_the_reading_of_the_upload(staff, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 100_000)
    big = upload(
        "huge.xml", activities_file(*(activity_xml(f"XI-TEST-1-H{n}") for n in range(4000)))
    )
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file("small.xml"), big]})
    assert response.status_code == 413
    assert "huge.xml" in response.context["refused"]
    read, length = _read_of(response)
    assert length > 2_000_000 and read < 400_000  # (stopped soon after the limit)
    assert not ImportRun.objects.exists()


def test_a_request_larger_than_every_file_allowed_is_not_read_at_all(staff, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_REQUEST_BYTES", 1000)
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file()]})
    assert response.status_code == 413
    assert _read_of(response)[0] == 0
    assert not ImportRun.objects.exists()
    other = client_for(None).post(UPLOAD_URL, {"files": [good_file()]})
    assert other.status_code in (302, 403) and not ImportRun.objects.exists()


@pytest.mark.parametrize("persona", NOT_STAFF)
def test_only_staff_reach_the_import_pages(personas, persona, staff):
    post(client_for(staff), good_file())
    run = ImportRun.objects.get()
    client = client_for(personas[persona])
    for url in (UPLOAD_URL, LIST_URL, f"{LIST_URL}{run.pk}/change/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "ngo.xml" not in response.content.decode()
    client.post(UPLOAD_URL, {"files": [good_file("sneaky.xml")]})
    assert ImportRun.objects.count() == 1


@pytest.mark.parametrize("persona", ["staff", "admin"])
def test_staff_and_admins_reach_the_import_pages(personas, persona):
    client = client_for(personas[persona])
    assert client.get(UPLOAD_URL).status_code == 200
    assert client.get(LIST_URL).status_code == 200


def test_import_reports_cannot_be_edited_or_deleted(staff):
    client = client_for(staff)
    post(client, good_file())
    run = ImportRun.objects.get()
    assert client.get(f"{LIST_URL}{run.pk}/delete/").status_code == 403
    assert client.get(f"{LIST_URL}add/").status_code == 403
    assert ImportRun.objects.filter(pk=run.pk).exists()


def test_the_upload_page_says_when_the_schema_check_cannot_run(staff, settings, tmp_path):
    settings.IPDEV_IATI_SCHEMA_DIR = str(tmp_path / "nowhere")
    page = client_for(staff).get(UPLOAD_URL).content.decode()
    assert "Not available on this server" in page
    assert "iati-activities-schema.xsd is not there" in page
