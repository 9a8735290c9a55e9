"""Development Agenda projects: status, budget, countries, progress reports and the committee's
reviews; activities linked to a project (services, API, back office), counted by the DA review,
and a public page per project."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.activities import services as activity_services
from ipdev.evaluation import selectors as evaluation
from ipdev.planning import selectors, services
from ipdev.planning.models import DAProject
from tests.api.conftest import api_client
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(staff):
    return services.da_project_save(
        user=staff, code="DA_1_10_01", title="IP and technology transfer",
        recommendations=[1, 10], countries=["KE", "GH"], start_year=2023, end_year=2025,
        status="ongoing", budget="1250000", document="CDIP/22/8",
    )  # fmt: skip


def test_a_project_keeps_its_status_budget_and_countries(project):
    project.refresh_from_db()
    assert (project.status, project.budget) == ("ongoing", 1250000)
    assert sorted(project.countries.values_list("code", flat=True)) == ["GH", "KE"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start_year": 2026, "end_year": 2024}, "end_year"),
        ({"status": "completed", "end_year": None}, "end_year"),
        ({"budget": "-5"}, "budget"),
        ({"budget": "lots"}, "budget"),
        ({"status": "dreaming"}, "status"),
    ],
)
def test_bad_project_values_are_named(staff, changes, field):
    data = {"code": "DA_X", "title": "X", "start_year": 2023, "end_year": 2025, **changes}
    with pytest.raises(ValidationError) as caught:
        services.da_project_save(user=staff, **data)
    assert field in caught.value.message_dict
    assert not DAProject.objects.filter(pk="DA_X").exists()


@pytest.mark.parametrize("persona", ["focal_point", "public", "other_focal_point"])
def test_only_staff_manage_projects(personas, persona, project):
    with pytest.raises(PermissionDenied):
        services.da_project_save(user=personas[persona], code="DA_Y", title="Y")
    with pytest.raises(PermissionDenied):
        services.da_project_review_add(
            user=personas[persona], project=project, session="CDIP/30",
            reviewed_on=dt.date(2024, 1, 1), decision="noted",
        )  # fmt: skip


def test_a_report_covers_a_year_of_the_project(staff, project):
    with pytest.raises(ValidationError) as caught:
        services.da_project_report_add(
            user=staff, project=project, kind="progress", period=2027, progress="x",
            submitted_on=dt.date(2027, 5, 1),
        )  # fmt: skip
    assert list(caught.value.message_dict) == ["period"]
    report = services.da_project_report_add(
        user=staff, project=project, kind="progress", period=2024,
        progress="Two pilot countries trained.", submitted_on=dt.date(2024, 10, 1),
        document="CDIP/33/2",
    )  # fmt: skip
    assert report.pk


def test_the_committee_closing_a_project_completes_it(staff, project):
    report = services.da_project_report_add(
        user=staff, project=project, kind="completion", period=2025, progress="Done.",
        submitted_on=dt.date(2025, 10, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        services.da_project_review_add(
            user=staff, project=project, session="22nd", reviewed_on=dt.date(2025, 9, 1),
            decision="closed", report=report,
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"session", "reviewed_on"}
    services.da_project_review_add(
        user=staff, project=project, session="CDIP/35", reviewed_on=dt.date(2025, 11, 20),
        decision="closed", report=report, comments="The committee took note of the results.",
    )  # fmt: skip
    project.refresh_from_db()
    assert project.status == "completed"


def test_an_activity_links_to_a_project_within_its_years(staff, project):
    activity = make_activity(user=staff, da_project=project.code)  # 2024
    assert activity.da_project_id == "DA_1_10_01"
    with pytest.raises(ValidationError) as caught:
        make_activity(user=staff, da_project=project.code, start_date=dt.date(2022, 1, 1),
                      end_date=dt.date(2022, 1, 2))  # fmt: skip
    assert list(caught.value.message_dict) == ["da_project"]
    with pytest.raises(ValidationError) as caught:
        activity_services.activity_update(
            user=staff, activity=activity, data={"da_project": "NOPE"}
        )
    assert list(caught.value.message_dict) == ["da_project"]


def test_the_api_links_an_activity_and_shows_the_project(staff, project):
    activity = make_activity(user=staff)
    client = api_client(staff)
    response = client.patch(
        f"/api/v1/activities/{activity.pk}/",
        {"da_project": project.code},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 200, response.content
    shown = client.get(f"/api/v1/activities/{activity.pk}/").json()
    assert shown["da_project"] == {"code": "DA_1_10_01", "name": "IP and technology transfer"}
    bad = client.patch(
        f"/api/v1/activities/{activity.pk}/",
        {"da_project": "DA_NONE"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert bad.status_code == 400 and "da_project" in bad.json()["errors"]


def test_the_da_review_counts_delivered_activities_of_projects(staff, project):
    year = dt.date.today().year
    services.da_project_save(user=staff, code=project.code, title=project.title,
                             start_year=2023, end_year=year + 1, status="ongoing")  # fmt: skip
    make_activity(user=staff, da_project=project.code, start_date=dt.date(year, 1, 2),
                  end_date=dt.date(year, 1, 3))  # fmt: skip
    make_activity(user=staff, start_date=dt.date(year, 1, 4), end_date=dt.date(year, 1, 5))
    make_activity(user=staff, da_project=project.code, status="planned",
                  start_date=dt.date(year, 12, 30), end_date=dt.date(year, 12, 31))  # fmt: skip
    review = evaluation.da_review(user=staff, year=year)
    assert (review.totals.activities, review.totals.project_activities) == (2, 1)
    row = selectors.da_project_list()[0]
    assert (row.activities, row.delivered) == (2, 1)


@pytest.mark.parametrize("persona", ["anonymous", "public", "staff"])
def test_the_public_page_and_api_show_the_project(client, personas, persona, staff, project):
    activity = make_activity(user=staff, da_project=project.code)
    services.da_project_review_add(
        user=staff, project=project, session="CDIP/33", reviewed_on=dt.date(2024, 11, 1),
        decision="noted",
    )  # fmt: skip
    if personas[persona] is not None:
        client.force_login(personas[persona])
    page = client.get("/da-projects/DA_1_10_01/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "IP and technology transfer" in text and "CDIP/33" in text and activity.title in text
    assert client.get("/da-projects/").status_code == 200
    assert client.get("/da-projects/NOPE/").status_code == 404
    data = api_client(personas[persona]).get("/api/v1/da-projects/DA_1_10_01/").json()
    assert data["project"]["status"] == "ongoing" and data["countries"] == ["GH", "KE"]
    assert [a["id"] for a in data["activities"]] == [activity.pk]
    assert api_client(None).get("/api/v1/da-projects/" + "x" * 300 + "/").status_code == 404


def test_the_activity_page_links_its_project(client, staff, project):
    activity = make_activity(user=staff, da_project=project.code)
    page = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "/da-projects/DA_1_10_01/" in page
