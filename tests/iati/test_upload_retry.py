"""A failed or interrupted IATI upload is retried with the files it kept: queued again, audited,
and finished without duplicating what the first attempt imported (the import is idempotent by
IATI identifier and content). Anything else is refused with the reason."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.utils import timezone

from ipdev.activities.models import Activity
from ipdev.core import jobs
from ipdev.core.models import AuditEntry, Job
from ipdev.iati import runs, uploads
from ipdev.iati.export import prepared
from ipdev.iati.importer.store import Store
from ipdev.iati.models import ImportRun
from tests.conftest import client_for
from tests.iati.conftest import activities_file, activity_xml

pytestmark = pytest.mark.django_db

IDS = ("XI-TEST-9-R1", "XI-TEST-9-R2", "XI-TEST-9-R3")


def queue(user, schema_check=False) -> ImportRun:
    body = activities_file(*(activity_xml(i) for i in IDS)).encode()
    return uploads.iati_upload_queue(
        user=user, files=[("partners.xml", [body])], schema_check=schema_check
    )


@pytest.fixture
def dies_after_one(monkeypatch):
    """The database goes away after the first activity of the first batch is committed."""
    real = Store.write

    def write(self, items):
        real(self, items[:1])
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Store, "write", write)
    return monkeypatch


@pytest.fixture
def failed(staff, dies_after_one) -> ImportRun:
    run = queue(staff)
    jobs.run_due()
    dies_after_one.undo()
    run.refresh_from_db()
    return run


def test_a_failed_import_says_why_and_keeps_its_files(failed):
    assert failed.status == ImportRun.Status.FAILED
    assert "OperationalError: server closed the connection" in failed.failure_text()
    assert failed.failure_text().startswith("The import stopped on an error:")
    assert list(uploads.upload_folder(failed.pk).rglob("partners.xml"))  # kept for a retry
    assert uploads.retry_refusal(failed) == ""
    assert Activity.objects.count() == 1  # (what the first batch committed stays)
    assert Job.objects.get(name=uploads.TASK).state == Job.State.FAILED


def test_a_retry_imports_the_same_files_without_duplicating(failed, staff):
    run = uploads.iati_upload_retry(run=failed, user=staff)
    assert run.status == ImportRun.Status.QUEUED and run.finished_at is None
    queued = Job.objects.filter(name=uploads.TASK, state=Job.State.QUEUED).get()
    assert queued.kwargs == {"run": run.pk, "schema_check": False}  # as the upload asked
    entry = AuditEntry.objects.get(action="iati.upload_retried")
    assert entry.actor_id == staff.pk and "OperationalError" in entry.message
    jobs.run_due()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert (run.read, run.created, run.unchanged) == (3, 2, 1)
    assert sorted(Activity.objects.values_list("identifier", flat=True)) == list(IDS)
    assert AuditEntry.objects.filter(action="activity.imported").count() == 3
    assert not uploads.upload_folder(run.pk).exists()  # done: its files go


def test_an_import_whose_worker_died_is_retried_once_seen_to_be_stuck(staff):
    run = queue(staff)
    child = subprocess.Popen(["true"])
    child.wait()  # (a process that is gone, as a killed worker is)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, process=f"{runs.socket.gethostname()}/{child.pid}/1"
    )
    retried = uploads.iati_upload_retry(run=run, user=staff)  # (marked interrupted first)
    assert retried.status == ImportRun.Status.QUEUED
    entry = AuditEntry.objects.get(action="iati.upload_retried")
    assert entry.changes == {"status": ["interrupted", "queued"]}
    assert "The import stopped before it finished" in entry.message


def test_a_run_of_another_host_is_stuck_only_once_its_heartbeat_is_stale(staff):
    run = queue(staff)
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.RUNNING, process="worker-2/4242/99", heartbeat_at=timezone.now()
    )
    with pytest.raises(jobs.RetryRefused, match="is running: only a failed or interrupted"):
        uploads.iati_upload_retry(run=run, user=staff)
    stale = timezone.now() - runs.STALE - dt.timedelta(minutes=1)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=stale)
    assert uploads.iati_upload_retry(run=run, user=staff).status == ImportRun.Status.QUEUED


@pytest.mark.parametrize("status", ["queued", "done", "problems"])
def test_a_run_that_did_not_fail_is_not_retried(staff, status):
    run = queue(staff)
    ImportRun.objects.filter(pk=run.pk).update(status=status)
    run.refresh_from_db()
    with pytest.raises(jobs.RetryRefused, match="only a failed or interrupted import"):
        uploads.iati_upload_retry(run=run, user=staff)
    assert not AuditEntry.objects.filter(action="iati.upload_retried").exists()
    assert Job.objects.filter(name=uploads.TASK).count() == 1


def test_a_run_whose_files_are_gone_is_not_retried(failed, staff):
    later = timezone.now() + uploads.KEEP_FAILED + dt.timedelta(minutes=1)
    assert uploads.purge_upload_folders(now=later) == 1
    with pytest.raises(jobs.RetryRefused, match="no longer kept: upload them again"):
        uploads.iati_upload_retry(run=failed, user=staff)


@pytest.mark.parametrize("persona", ["anonymous", "public", "focal_point"])
def test_only_staff_retry(personas, failed, persona):
    with pytest.raises(PermissionDenied):
        uploads.iati_upload_retry(run=failed, user=personas[persona])
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.FAILED


def test_the_failed_job_is_retried_through_its_run(failed, staff):
    job = Job.objects.get(name=uploads.TASK)
    jobs.retry(job=job, user=staff)
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.QUEUED
    with pytest.raises(jobs.RetryRefused, match="only a failed or interrupted import"):
        jobs.retry(job=job, user=staff)  # (the run is queued again already)


def test_a_failed_download_job_is_not_retried_by_staff(staff):
    job = Job.objects.create(name=prepared.TASK, state=Job.State.FAILED, run_after=timezone.now())
    with pytest.raises(jobs.RetryRefused, match="asked for again by its reader"):
        jobs.retry(job=job, user=staff)


# The back office: the run's page says what went wrong and offers Retry.

REPORT = "/backoffice/iati/importrun/{}/change/"
RETRY = "/backoffice/iati/importrun/{}/retry/"


def test_the_page_of_a_failed_import_says_why_and_retries_it(failed, staff):
    client = client_for(staff)
    page = client.get(REPORT.format(failed.pk)).content.decode()
    assert "The import stopped on an error: OperationalError" in page
    assert 'id="retry-import"' in page and RETRY.format(failed.pk) in page
    response = client.post(RETRY.format(failed.pk), follow=True)
    assert response.redirect_chain[-1][0] == REPORT.format(failed.pk)
    page = response.content.decode()
    assert f"Import {failed.pk} is queued again with the same files." in page
    assert 'id="retry-import"' not in page and 'hx-trigger="every 2s"' in page
    jobs.run_due()
    assert Activity.objects.count() == 3


def test_retrying_a_done_import_from_its_page_is_refused_with_the_reason(staff):
    run = queue(staff)
    jobs.run_due()
    client = client_for(staff)
    assert 'id="retry-import"' not in client.get(REPORT.format(run.pk)).content.decode()
    page = client.post(RETRY.format(run.pk), follow=True).content.decode()
    assert f"Import {run.pk} is done: only a failed or interrupted import can be retried." in page
    assert Job.objects.filter(name=uploads.TASK).count() == 1


def test_the_page_says_so_when_the_files_are_gone(failed, staff):
    uploads.purge_upload_folders(now=timezone.now() + uploads.KEEP_FAILED * 2)
    page = client_for(staff).get(REPORT.format(failed.pk)).content.decode()
    assert "are no longer kept: upload them again" in page and 'id="retry-import"' not in page


@pytest.mark.parametrize("persona", ["public", "focal_point"])
def test_retry_from_the_back_office_is_staff_only(personas, failed, persona):
    response = client_for(personas[persona]).post(RETRY.format(failed.pk))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/login/" in response["Location"]
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.FAILED


def test_retry_is_a_post(failed, staff):
    assert client_for(staff).get(RETRY.format(failed.pk)).status_code == 405


def test_the_jobs_list_retries_an_import_job_and_says_why_another_is_not(failed, staff):
    download = Job.objects.create(
        name=prepared.TASK, state=Job.State.FAILED, run_after=timezone.now()
    )
    job = Job.objects.get(name=uploads.TASK)
    client = client_for(staff)
    listed = client.get("/backoffice/core/job/", {"state": "failed"}).content.decode()
    assert "OperationalError: server closed the connection unexpectedly" in listed
    response = client.post(
        "/backoffice/core/job/",
        {"action": "retry_failed", "_selected_action": [job.pk, download.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "1 job queued again." in page
    assert "asked for again by its reader, not retried here." in page
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.QUEUED


def test_an_interrupted_import_points_to_retry_while_its_files_are_kept(failed, staff):
    ImportRun.objects.filter(pk=failed.pk).update(
        status=ImportRun.Status.INTERRUPTED, report={"interrupted": {"written": 2}}
    )
    client = client_for(staff)
    page = client.get(REPORT.format(failed.pk)).content.decode()
    assert "2 activities written before it stopped are kept. Retry the import below" in page
    assert "Import the same files again" not in page and 'id="retry-import"' in page
    later = timezone.now() + uploads.KEEP_FAILED + dt.timedelta(minutes=1)
    uploads.purge_upload_folders(now=later)
    page = client.get(REPORT.format(failed.pk)).content.decode()
    assert "Import the same files again to finish it" in page
    assert 'id="retry-import"' not in page
