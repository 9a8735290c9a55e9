"""``GET /api/v1/activities.xml`` over the background threshold: 202 with ``Location``, the file
prepared by the worker for the reader's audience, fetched from ``/api/v1/downloads/<token>/``."""

from decimal import Decimal

import pytest
from lxml import etree

from ipdev.activities.models import ExportFile
from ipdev.core import jobs
from ipdev.core.models import Job
from ipdev.iati.export import prepared
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

URL = "/api/v1/activities.xml"
SECRET = "MARKER-API-PREPARED-XML-5521"
COST = "91827.64"
AUDIENCES = {
    "anonymous": "public",
    "public": "public",
    "focal_point": "countries:KE",
    "other_focal_point": "countries:PE",
    "staff": "staff",
    "admin": "staff",
}


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 1


@pytest.fixture
def kenya(staff):
    return [
        make_activity(
            user=staff, title=f"Kenya {n}", countries=["KE"], description=SECRET, cost=Decimal(COST)
        )
        for n in range(2)
    ]


def ask(client, state="queued") -> str:
    response = client.get(URL, {"country": "KE"})
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"]
    assert body["state"] == state and body["ready"] is (state == "ready")
    assert (body["file"] is None) is (state != "ready")
    assert response.get("Retry-After") == (None if state == "ready" else "2")
    return response["Location"]


def test_a_large_iati_file_is_accepted_then_prepared_then_fetched(clients, kenya):
    client = clients["staff"]
    location = ask(client)
    assert client.get(location + "file").status_code == 404  # (not ready yet)
    assert client.get(location)["Retry-After"] == "2"
    jobs.run_due()
    assert Job.objects.get(name=prepared.TASK).state == Job.State.DONE
    status = client.get(location)
    assert status.status_code == 200 and "no-store" in status["Cache-Control"]
    assert "Retry-After" not in status
    body = status.json()
    assert body["ready"] is True and body["format"] == "xml" and body["rows"] == 2
    response = client.get(body["file"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(b"".join(response.streaming_content))
    assert len(root.findall("iati-activity")) == 2
    assert root.findtext("iati-activity/budget/value") == COST
    assert ask(client, "ready") == location  # the same search again: the same file


def test_a_small_iati_file_is_still_streamed(settings, clients, kenya):
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 2
    response = clients["anonymous"].get(URL, {"country": "KE"})
    assert response.status_code == 200 and response.streaming
    assert not ExportFile.objects.exists()


def test_a_prepared_iati_file_is_never_handed_to_another_audience(clients, kenya):
    """Each pair of personas: only a reader of the audience a file was built for gets it (its
    state or its file); the others get 404 and not a byte of the withheld details."""
    locations = {name: ask(client) for name, client in clients.items()}
    jobs.run_due()
    for name, location in locations.items():
        token = location.rstrip("/").rsplit("/", 1)[1]
        assert ExportFile.objects.get(token=token).audience == AUDIENCES[name]
    for reader, client in clients.items():
        for builder, location in locations.items():
            same = AUDIENCES[reader] == AUDIENCES[builder]
            assert (client.get(location).status_code == 200) is same, (reader, builder)
            response = client.get(location + "file")
            assert (response.status_code == 200) is same, (reader, builder)
            body = b"".join(response.streaming_content) if same else response.content
            insider = AUDIENCES[reader] in ("staff", "countries:KE")
            assert (SECRET.encode() in body) is (same and insider), (reader, builder)


def test_an_unknown_download_is_404(clients):
    assert clients["anonymous"].get("/api/v1/downloads/nothing/").status_code == 404
    assert clients["staff"].get("/api/v1/downloads/nothing/file").status_code == 404


def test_the_schema_documents_the_202_and_the_download_resource(clients):
    schema = clients["anonymous"].get("/api/v1/schema/", {"format": "json"}).json()
    assert "202" in schema["paths"]["/api/v1/activities.xml"]["get"]["responses"]
    assert "/api/v1/downloads/{token}/" in schema["paths"]
