"""Large downloads of the activity search: built by a background job, waited for on a page that
then offers the file, reused for identical requests of the same audience only, purged after a
day. Smaller downloads are still streamed."""

import datetime as dt
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone, translation
from lxml import etree

from ipdev.activities import export_files, exports, services
from ipdev.activities.models import ExportFile
from ipdev.core import jobs
from ipdev.core.models import Job
from ipdev.iati.export import prepared as iati_prepared
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

SECRET = "MARKER-PREPARED-OUTCOME-7q2"
COST = "48213.57"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 1


@pytest.fixture
def kenya(staff):
    """Two activities in Kenya whose details have no consent (only insiders see them)."""
    return [
        make_activity(
            user=staff,
            title=f"Kenya activity {n}",
            countries=["KE"],
            outcomes=SECRET,
            cost=Decimal(COST),
        )
        for n in range(2)
    ]


def ask(client, fmt="csv", prefix="", **params):
    """Ask for a download (in the language of the prefix, '/ar'); return the prepared
    download's page address, in the same language."""
    response = client.get(f"{prefix}/activities/download.{fmt}", {"country": "KE", **params})
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(f"{prefix}/downloads/")
    return response["Location"]


def file_of(client, page: str) -> bytes:
    response = client.get(page + "file")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("anonymous", False), ("public", False), ("focal_point", True), ("staff", True)],
)
def test_a_large_download_is_prepared_then_offered_with_what_the_reader_may_see(
    personas, kenya, persona, sees
):
    client = client_for(personas[persona])
    page = ask(client)
    waiting = client.get(page)
    assert waiting.status_code == 200
    text = waiting.content.decode()
    assert "Preparing your download" in text
    assert 'hx-trigger="every 2s"' in text and 'hx-select="#prepared"' in text
    assert "no-store" in waiting["Cache-Control"]
    assert client.get(page + "file").status_code == 404  # (not ready yet)

    jobs.run_due()
    ready = client.get(page).content.decode()
    assert "Your download is ready" in ready and "The file holds 2 activities (CSV" in ready
    assert "hx-trigger" not in ready  # (the page stops asking)
    body = file_of(client, page).decode("utf-8-sig")
    assert body.count("Kenya activity") == 2
    assert (SECRET in body) is sees and (COST in body) is sees


@pytest.mark.parametrize("fmt", ["xlsx", "json", "xml"])
def test_each_format_is_prepared_the_same_way(staff, kenya, fmt):
    client = client_for(staff)
    page = ask(client, fmt)
    jobs.run_due()
    body = file_of(client, page)
    if fmt == "xml":
        root = etree.fromstring(body)
        assert root.tag == "iati-activities" and len(root.findall("iati-activity")) == 2
        assert root.findtext("iati-activity/budget/value") == COST
        assert Job.objects.get(name=iati_prepared.TASK).state == Job.State.DONE
    elif fmt == "json":
        activities = json.loads(body)["activities"]
        assert {a["outcomes"] for a in activities} == {SECRET}
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
        assert len(list(sheet.iter_rows(values_only=True))) == 3  # header and two rows


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_a_download_under_the_threshold_is_still_streamed(settings, kenya, fmt):
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 2
    response = client_for(None).get(f"/activities/download.{fmt}", {"country": "KE"})
    assert response.status_code == 200 and response.streaming
    assert not ExportFile.objects.exists()


def test_identical_requests_of_one_audience_reuse_one_file(personas, kenya):
    first = ask(client_for(None))
    assert ask(client_for(None)) == first  # (still waiting: the same one)
    jobs.run_due()
    assert ask(client_for(None)) == first  # (ready: the same file)
    assert ask(client_for(personas["public"])) == first  # a signed-in outsider sees the same
    assert Job.objects.filter(name=export_files.TASK).count() == 1
    assert ask(client_for(None), sort="oldest") != first  # another search
    assert ask(client_for(None), "json") != first  # another format
    xml = ask(client_for(None), "xml")
    assert xml != first and ask(client_for(None), "xml") == xml
    assert Job.objects.filter(name=iati_prepared.TASK).count() == 1


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_a_file_is_never_handed_to_another_audience(personas, kenya, fmt):
    """The consent rule holds for cached files: an outsider never receives a file built for
    staff or a focal point, nor they one built for the public."""
    pages = {name: ask(client_for(personas[name]), fmt) for name in personas}
    jobs.run_due()
    audiences = {
        "anonymous": "public",
        "public": "public",
        "focal_point": "countries:KE",
        "other_focal_point": "countries:PE",
        "staff": "staff",
        "admin": "staff",
    }
    for name, page in pages.items():
        token = page.split("/")[2]
        assert ExportFile.objects.get(token=token).audience == audiences[name]
    assert len({pages[n] for n in ("anonymous", "focal_point", "other_focal_point", "staff")}) == 4
    for reader, user in personas.items():
        client = client_for(user)
        for builder, page in pages.items():
            same = audiences[reader] == audiences[builder]
            assert (client.get(page).status_code == 200) is same, (reader, builder)
            response = client.get(page + "file")
            assert (response.status_code == 200) is same, (reader, builder)
            if not same:
                assert SECRET.encode() not in response.content
                assert COST.encode() not in response.content
            elif audiences[reader] == "public":
                assert COST.encode() not in b"".join(response.streaming_content)


def test_a_change_to_the_data_or_the_language_gives_a_new_file(staff, focal_point, kenya):
    first = ask(client_for(None))
    jobs.run_due()
    services.consent_grant(
        user=focal_point,
        country="KE",
        groups=["narrative", "finance"],
        granted_by="Ministry of Trade",
        reference="Note verbale 1",
    )
    second = ask(client_for(None))
    assert second != first
    jobs.run_due()
    assert SECRET in file_of(client_for(None), second).decode("utf-8-sig")

    arabic = client_for(None)
    page = ask(arabic, prefix="/ar")
    assert page != second
    jobs.run_due()
    with translation.override("ar"):
        title = str(exports.COLUMNS[3].label)
    assert title != "Title" and title in file_of(arabic, page).decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_files_are_deleted_after_a_day(kenya, fmt):
    client = client_for(None)
    page = ask(client, fmt)
    jobs.run_due()
    row = ExportFile.objects.get()
    path = export_files._path(row.token, row.format)
    assert path.exists() and path.suffix == f".{fmt}"
    assert export_files.export_purge(now=timezone.now()) == 0
    assert export_files.export_purge(now=timezone.now() + dt.timedelta(days=1, minutes=1)) == 1
    assert not path.exists() and not ExportFile.objects.exists()
    assert client.get(page).status_code == 404


def test_a_build_that_fails_says_so_and_is_not_reused(kenya, monkeypatch):
    client = client_for(None)
    page = ask(client)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export_files.exports, "csv_rows", broken)
    jobs.run_due()
    assert "The download could not be prepared" in client.get(page).content.decode()
    assert Job.objects.get(name=export_files.TASK).state == Job.State.FAILED
    monkeypatch.undo()
    assert ask(client) != page


def test_a_download_with_a_bad_filter_is_refused_not_prepared(kenya):
    response = client_for(None).get("/activities/download.csv", {"country": "XX"})
    assert response.status_code == 400
    assert not ExportFile.objects.exists()


def test_the_search_page_links_large_downloads_without_the_download_attribute(kenya, settings):
    page = client_for(None).get("/activities/", {"country": "KE"}).content.decode()
    assert "the file is prepared for you" in page
    assert 'download.csv?country=KE" download' not in page
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 20000
    page = client_for(None).get("/activities/", {"country": "KE"}).content.decode()
    assert 'download.csv?country=KE" download' in page


def test_an_unknown_download_is_404():
    client = client_for(None)
    assert client.get("/downloads/nothing-here/").status_code == 404
    assert client.get("/downloads/nothing-here/file").status_code == 404
