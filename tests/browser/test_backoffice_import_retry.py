"""A failed IATI import in a real browser: its page says what went wrong, Retry queues it again
with the kept files, and the page follows the retried import to its report.

Screenshots (backoffice-iati-failed*.png, backoffice-iati-retried*.png) are saved for a person to
look at (see support.py).
"""

import pytest
from django.db import OperationalError

from ipdev.activities.models import Activity
from ipdev.core import jobs
from ipdev.core.models import AuditEntry
from ipdev.iati import uploads
from ipdev.iati.importer.store import Store
from ipdev.iati.models import ImportRun
from tests.browser.support import axe_violations, new_page, session_of, shot
from tests.iati.conftest import activities_file, activity_xml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IDS = ("XI-TEST-7-F1", "XI-TEST-7-F2", "XI-TEST-7-F3")


@pytest.fixture
def failed(staff, monkeypatch) -> ImportRun:
    """An upload whose import lost its database after the first activity was written."""
    real = Store.write

    def write(self, items):
        real(self, items[:1])
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Store, "write", write)
    body = activities_file(*(activity_xml(i) for i in IDS)).encode()
    run = uploads.iati_upload_queue(
        user=staff, files=[("partner-activities.xml", [body])], schema_check=False
    )
    jobs.run_due()
    monkeypatch.undo()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and Activity.objects.count() == 1
    return run


def test_staff_see_a_failed_import_and_retry_it(live_server, browser, staff, failed):
    page, watch = new_page(browser, live_server.url, session=session_of(staff))
    page.goto(f"{live_server.url}/backoffice/iati/importrun/{failed.pk}/change/")
    notice = page.locator("#import-run .errornote").inner_text()
    assert notice.startswith("The import stopped on an error: OperationalError")
    assert "Failed" in page.inner_text("#import-run")
    retry = page.locator("#retry-import")
    assert retry.is_visible() and retry.inner_text() == "Retry the import"
    shot(page, "backoffice-iati-failed")
    assert axe_violations(page) == []

    with page.expect_navigation():  # the same page, whose #import-run is read next
        retry.click()
    assert "is queued again with the same files" in page.inner_text(".messagelist")
    assert page.locator("#retry-import").count() == 0
    assert "waiting for the background worker" in page.inner_text("#import-run")
    jobs.run_due()  # the worker imports again; the page notices within its next poll
    page.locator("#import-run:not([hx-trigger])").wait_for(timeout=15_000)
    totals = page.inner_text(".iati-totals")
    assert "created: 2" in totals and "unchanged: 1" in totals
    assert page.locator("#import-run .errornote").count() == 0
    shot(page, "backoffice-iati-retried")
    assert axe_violations(page) == []
    assert watch.problems == []
    page.context.close()

    assert sorted(Activity.objects.values_list("identifier", flat=True)) == list(IDS)
    assert AuditEntry.objects.filter(action="iati.upload_retried", actor=staff).count() == 1


def test_staff_retry_the_failed_job_from_its_row_in_the_jobs_list(
    live_server, browser, staff, failed
):
    from ipdev.core.models import Job

    job = Job.objects.get(name=uploads.TASK, state=Job.State.FAILED)
    page, watch = new_page(browser, live_server.url, session=session_of(staff))
    page.goto(f"{live_server.url}/backoffice/core/job/?state__exact=failed")
    row = page.locator("#result_list tbody tr", has_text=uploads.TASK)
    assert "OperationalError" in row.inner_text()
    button = row.get_by_role("button", name=f"Retry job {job.pk}")
    assert button.is_visible()
    shot(page, "backoffice-jobs-failed")
    assert axe_violations(page) == []

    button.click()
    page.wait_for_load_state()
    assert page.url.endswith("/backoffice/core/job/?state__exact=failed")  # filters kept
    assert "is queued again" in page.inner_text(".messagelist")
    shot(page, "backoffice-jobs-retried")
    # The import is queued again as a new job; pressing the old row's button again says why not.
    assert Job.objects.filter(name=uploads.TASK, state=Job.State.QUEUED).count() == 1
    with page.expect_navigation():  # the list already shows a message (of the first retry)
        page.locator("#result_list tbody tr", has_text=uploads.TASK).get_by_role("button").click()
    assert "only a failed or interrupted import" in page.inner_text(".messagelist")
    assert watch.problems == []
    page.context.close()
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.QUEUED
