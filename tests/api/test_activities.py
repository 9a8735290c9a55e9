"""Activities through the API: search, read, create, change, delete, status, documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from tests.factories import activity_data, make_activity

from .conftest import api_client

pytestmark = pytest.mark.django_db

LIST = "/api/v1/activities/"


def etag(obj) -> str:
    """The If-Match a client sends after reading the object (its ETag)."""
    return f'"{obj.version}"'


def url(activity) -> str:
    return f"/api/v1/activities/{activity.pk}/"


def test_list_has_count_results_and_facets(anonymous, staff):
    make_activity(user=staff, title="Patent drafting in Nairobi")
    make_activity(user=staff, title="Copyright seminar in Lima", countries=["PE"])
    body = anonymous.get(LIST).json()
    assert body["count"] == 2
    assert body["page"] == 1
    assert body["pages"] == 1
    assert body["next"] is None and body["previous"] is None
    assert {r["title"] for r in body["results"]} == {
        "Patent drafting in Nairobi",
        "Copyright seminar in Lima",
    }
    countries = {o["value"]: o for o in body["facets"]["country"]}
    assert countries["KE"]["count"] == 1
    assert countries["KE"]["label"] == "Kenya"
    assert countries["KE"]["selected"] is False


def test_list_filters_like_the_portal(anonymous, staff):
    make_activity(user=staff, title="Kenyan workshop")
    make_activity(user=staff, title="Peruvian workshop", countries=["PE"])
    body = anonymous.get(LIST, {"country": "KE"}).json()
    assert [r["title"] for r in body["results"]] == ["Kenyan workshop"]
    selected = [o for o in body["facets"]["country"] if o["selected"]]
    assert [o["value"] for o in selected] == ["KE"]


def test_list_accepts_repeated_facet_parameters(anonymous, staff):
    make_activity(user=staff, title="Kenyan workshop")
    make_activity(user=staff, title="Peruvian workshop", countries=["PE"])
    response = anonymous.get(f"{LIST}?country=KE&country=PE")
    assert response.json()["count"] == 2


def test_list_pages_link_to_each_other(anonymous, staff):
    for n in range(3):
        make_activity(user=staff, title=f"Activity {n}")
    first = anonymous.get(LIST, {"per_page": 2}).json()
    assert first["pages"] == 2
    assert "page=2" in first["next"]
    second = anonymous.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    assert "page=1" in second["previous"]


def test_list_beyond_the_last_page_is_empty_not_an_error(anonymous, staff):
    make_activity(user=staff)
    body = anonymous.get(LIST, {"page": 1000}).json()
    assert body["results"] == []
    assert body["count"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"country": "ZZ"}, "country"),
        ({"per_page": 101}, "per_page"),
        ({"page": "first"}, "page"),
        ({"sort": "sideways"}, "sort"),
        ({"year_from": 2020, "year_to": 2010}, "year_to"),
        ({"q": "x" * 501}, "q"),
    ],
)
def test_invalid_list_parameters_are_a_field_error(anonymous, params, field):
    response = anonymous.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"]


def test_list_query_count_is_constant(anonymous, staff, django_assert_max_num_queries):
    for _ in range(5):
        make_activity(user=staff)
    anonymous.get(LIST, {"per_page": 100})  # warm the per-process label caches
    with CaptureQueriesContext(connection) as few:
        assert len(anonymous.get(LIST, {"per_page": 100}).json()["results"]) == 5
    for _ in range(45):
        make_activity(user=staff)
    with django_assert_max_num_queries(len(few)):
        assert len(anonymous.get(LIST, {"per_page": 100}).json()["results"]) == 50


def test_detail_has_general_information(anonymous, staff):
    activity = make_activity(user=staff)
    body = anonymous.get(url(activity)).json()
    assert body["id"] == activity.pk
    assert body["title"] == activity.title
    assert body["countries"] == [{"code": "KE", "name": "Kenya"}]
    assert body["category"]["code"] == "capacity-building"
    assert [d["code"] for d in body["da_recommendations"]] == ["1", "10"]


def test_missing_activity_is_a_404_in_the_error_shape(anonymous):
    response = anonymous.get("/api/v1/activities/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No such activity.", "code": "not_found", "errors": {}}


def test_staff_creates_an_activity_with_codes(staff):
    response = api_client(staff).post(LIST, activity_data(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    activity = Activity.objects.get(pk=body["id"])
    assert list(activity.countries.values_list("code", flat=True)) == ["KE"]
    assert sorted(activity.da_recommendations.values_list("number", flat=True)) == [1, 10]
    assert body["cost"] == "12500.00"
    assert body["withheld_detail_groups"] == []


def test_focal_point_creates_an_activity_for_their_country(focal_point):
    response = api_client(focal_point).post(LIST, activity_data(), format="json")
    assert response.status_code == 201
    assert AuditEntry.objects.filter(action="activity.created", actor=focal_point).exists()


def test_country_codes_may_be_lower_case(staff):
    response = api_client(staff).post(LIST, activity_data(countries=["ke"]), format="json")
    assert response.status_code == 201
    assert response.json()["countries"][0]["code"] == "KE"


def test_anonymous_cannot_create_an_activity(anonymous):
    response = anonymous.post(LIST, activity_data(), format="json")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert not Activity.objects.exists()


def test_public_user_cannot_create_an_activity(public_user):
    response = api_client(public_user).post(LIST, activity_data(), format="json")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_focal_point_cannot_create_another_countrys_activity(other_focal_point):
    response = api_client(other_focal_point).post(LIST, activity_data(), format="json")
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_focal_point_cannot_write_another_countrys_activity(other_focal_point, staff):
    activity = make_activity(user=staff)
    response = api_client(other_focal_point).patch(url(activity), {"title": "Mine"}, format="json")
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title != "Mine"


def test_focal_point_cannot_move_an_activity_out_of_reach(focal_point, staff):
    activity = make_activity(user=staff)
    client = api_client(focal_point)
    response = client.patch(
        url(activity), {"countries": ["PE"]}, format="json", HTTP_IF_MATCH=etag(activity)
    )
    assert response.status_code == 403
    assert list(activity.countries.values_list("code", flat=True)) == ["KE"]


def test_patch_changes_only_the_fields_sent(focal_point, staff):
    activity = make_activity(user=staff)
    response = api_client(focal_point).patch(
        url(activity), {"title": "Renamed"}, format="json", HTTP_IF_MATCH=etag(activity)
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.title == "Renamed"
    assert activity.summary == activity_data()["summary"]
    assert response.json()["title"] == "Renamed"


def test_patch_can_clear_a_nullable_field(staff):
    activity = make_activity(user=staff, status="ongoing")
    response = api_client(staff).patch(
        url(activity), {"end_date": None}, format="json", HTTP_IF_MATCH=etag(activity)
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.end_date is None


def test_patch_of_a_missing_activity_is_a_404(staff):
    response = api_client(staff).patch("/api/v1/activities/999999/", {}, format="json")
    assert response.status_code == 404


def test_staff_deletes_an_activity(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).delete(url(activity), HTTP_IF_MATCH=etag(activity))
    assert response.status_code == 204
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_focal_point_cannot_delete_even_their_own_countrys_activity(focal_point, staff):
    activity = make_activity(user=staff)
    response = api_client(focal_point).delete(url(activity), HTTP_IF_MATCH=etag(activity))
    assert response.status_code == 403
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_status_change_follows_the_life_cycle(focal_point, staff):
    activity = make_activity(user=staff, status="planned")
    client = api_client(focal_point)
    response = client.post(
        f"{url(activity)}status/", {"status": "ongoing", "reason": "Started"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "ongoing"
    entry = AuditEntry.objects.get(action="activity.status_changed")
    assert entry.message == "Started"


def test_forbidden_status_change_is_a_field_error(staff):
    activity = make_activity(user=staff, status="completed")
    response = api_client(staff).post(
        f"{url(activity)}status/", {"status": "cancelled"}, format="json"
    )
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_unknown_status_is_a_field_error(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).post(f"{url(activity)}status/", {"status": "x"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def pdf(name="report.pdf", body=b"%PDF-1.4\n%%EOF\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_focal_point_attaches_a_document(focal_point, staff):
    activity = make_activity(user=staff)
    response = api_client(focal_point).post(
        f"{url(activity)}documents/",
        {"file": pdf(), "title": "Final report", "kind": "report", "language": "en"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    documents = response.json()["documents"]
    assert [d["title"] for d in documents] == ["Final report"]
    assert documents[0]["url"].startswith("http://testserver/")


def test_document_of_the_wrong_type_is_a_field_error(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).post(
        f"{url(activity)}documents/", {"file": pdf("run.exe", b"MZ...")}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    assert not activity.documents.exists()


def test_document_whose_bytes_lie_about_its_type_is_refused(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).post(
        f"{url(activity)}documents/", {"file": pdf(body=b"<html>")}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_document_without_a_file_is_a_field_error(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).post(
        f"{url(activity)}documents/", {"title": "Nothing"}, format="multipart"
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_document_upload_must_be_multipart(staff):
    activity = make_activity(user=staff)
    response = api_client(staff).post(f"{url(activity)}documents/", {"x": 1}, format="json")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
