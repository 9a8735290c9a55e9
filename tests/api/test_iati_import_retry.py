"""``POST /api/v1/iati-imports/<id>/retry/``: staff retry a failed or interrupted import with the
files it kept (202 with ``Location``); anything else is refused with the reason (409)."""

import pytest
from django.db import OperationalError

from ipdev.activities.models import Activity
from ipdev.core import jobs
from ipdev.iati import uploads
from ipdev.iati.importer.store import Store
from ipdev.iati.models import ImportRun
from tests.api.conftest import api_client
from tests.iati.conftest import activities_file, activity_xml

pytestmark = pytest.mark.django_db

IDS = ("XI-TEST-8-Q1", "XI-TEST-8-Q2")


def queue(user) -> ImportRun:
    body = activities_file(*(activity_xml(i) for i in IDS)).encode()
    return uploads.iati_upload_queue(user=user, files=[("q.xml", [body])], schema_check=False)


@pytest.fixture
def failed(staff, monkeypatch) -> ImportRun:
    def write(self, items):
        raise OperationalError("could not extend file: No space left on device")

    monkeypatch.setattr(Store, "write", write)
    run = queue(staff)
    jobs.run_due()
    monkeypatch.undo()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    return run


def retry_url(run) -> str:
    return f"/api/v1/iati-imports/{run.pk}/retry/"


def test_a_failed_import_says_why_and_where_to_retry_it(staff, failed):
    body = api_client(staff).get(f"/api/v1/iati-imports/{failed.pk}/").json()
    assert body["status"] == "failed"
    assert body["failure"].startswith("The import stopped on an error: OperationalError")
    assert body["retry_url"] == f"http://testserver{retry_url(failed)}"


def test_staff_retry_a_failed_import_and_follow_it(staff, failed):
    client = api_client(staff)
    response = client.post(retry_url(failed))
    assert response.status_code == 202
    body = response.json()
    assert (
        response["Location"] == body["url"] == f"http://testserver/api/v1/iati-imports/{failed.pk}/"
    )
    assert body["status"] == "queued" and body["retry_url"] is None
    jobs.run_due()
    done = client.get(response["Location"]).json()
    assert (done["status"], done["created"], done["failure"]) == ("done", 2, "")
    assert Activity.objects.count() == 2


def test_a_done_import_is_not_retried(staff):
    run = queue(staff)
    jobs.run_due()
    response = api_client(staff).post(retry_url(run))
    assert response.status_code == 409
    assert response.json() == {
        "detail": f"Import {run.pk} is done: only a failed or interrupted import can be retried.",
        "code": "conflict",
        "errors": {},
    }


def test_a_second_retry_is_refused_while_the_first_waits(staff, failed):
    client = api_client(staff)
    assert client.post(retry_url(failed)).status_code == 202
    response = client.post(retry_url(failed))
    assert response.status_code == 409 and "is waiting to start" in response.json()["detail"]


@pytest.mark.parametrize(
    ("persona", "code"),
    [("anonymous", 401), ("public", 403), ("focal_point", 403), ("other_focal_point", 403)],
)
def test_only_staff_retry(clients, failed, persona, code):
    assert clients[persona].post(retry_url(failed)).status_code == code
    failed.refresh_from_db()
    assert failed.status == ImportRun.Status.FAILED


def test_an_unknown_import_is_404(staff):
    assert api_client(staff).post("/api/v1/iati-imports/999999/retry/").status_code == 404
    assert api_client(staff).post("/api/v1/iati-imports/99999999999/retry/").status_code == 404


def test_the_schema_documents_the_retry(clients):
    schema = clients["anonymous"].get("/api/v1/schema/", {"format": "json"}).json()
    responses = schema["paths"]["/api/v1/iati-imports/{id}/retry/"]["post"]["responses"]
    assert {"202", "401", "403", "404", "409"} <= set(responses)
