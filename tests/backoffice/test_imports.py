"""IATI imports in the back office: staff upload files, the CLI's service imports them, and the
report (problems per activity, what was not kept) is shown and kept with the past imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.activities.models import Activity
from ipdev.backoffice import imports
from ipdev.core.models import AuditEntry
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


def post(client, *files, schema_check: bool = False):
    data = {"files": list(files)}
    if schema_check:
        data["schema_check"] = "on"
    return client.post(UPLOAD_URL, data, follow=True)


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
    assert f"Import {run.pk}: 4 activities read, 3 created" in page


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
    real = imports.iati_import_files

    def spy(**kwargs):
        seen["schema_check"] = kwargs["schema_check"]
        return real(**kwargs)

    monkeypatch.setattr(imports, "iati_import_files", spy)
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
    monkeypatch.setattr(imports, "MAX_FILES", 1)
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file("a.xml"), good_file()]})
    assert "At most 1 files" in " ".join(response.context["form"].errors["files"])
    monkeypatch.setattr(imports, "MAX_FILES", 20)
    monkeypatch.setattr(imports, "MAX_UPLOAD_BYTES", 100)
    response = client_for(staff).post(UPLOAD_URL, {"files": [good_file("big.xml")]})
    assert "big.xml" in " ".join(response.context["form"].errors["files"])
    assert not ImportRun.objects.exists()


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
