"""Admin pages for planning: read-only lists with history, DA projects saved by the service."""

import pytest

from ipdev.core.models import AuditEntry
from ipdev.planning.models import DAProject
from tests.conftest import client_for
from tests.factories import file_request, make_plan

pytestmark = pytest.mark.django_db


def test_staff_see_planning_lists_read_only(staff):
    file_request(staff)
    make_plan(staff)
    client = client_for(staff)
    for url in (
        "/backoffice/planning/assistancerequest/",
        "/backoffice/planning/countryplan/",
        "/backoffice/planning/indicator/",
        "/backoffice/evaluation/survey/",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get("/backoffice/planning/countryplan/add/").status_code == 403


def test_a_da_project_is_saved_through_the_service_with_an_audit_entry(staff):
    response = client_for(staff).post(
        "/backoffice/planning/daproject/add/",
        {
            "code": "DA_8_01",
            "title": "Access to patent databases",
            "recommendations": [8],
            "start_year": "2010",
            "end_year": "2012",
            "status": "ongoing",
            "budget": "250000",
            "countries": ["KE"],
        },
    )
    assert response.status_code == 302
    project = DAProject.objects.get()
    assert list(project.recommendations.values_list("number", flat=True)) == [8]
    assert list(project.countries.values_list("code", flat=True)) == ["KE"]
    assert AuditEntry.objects.filter(action="da_project.saved").exists()


def test_the_project_form_names_the_field_of_a_broken_rule(staff):
    response = client_for(staff).post(
        "/backoffice/planning/daproject/add/",
        {"code": "DA_9", "title": "X", "status": "completed", "start_year": "2010"},
    )
    assert response.status_code == 200
    assert "A completed project states the year it ended." in response.content.decode()
    assert not DAProject.objects.exists()


def test_staff_record_the_committees_review_in_the_admin(staff):
    from ipdev.planning import services

    project = services.da_project_save(
        user=staff, code="DA_8_01", title="Patent databases", start_year=2010, end_year=2012
    )
    client = client_for(staff)
    bad = client.post(
        "/backoffice/planning/daprojectreview/add/",
        {"project": project.pk, "session": "twelfth", "reviewed_on": "2012-11-20",
         "decision": "closed"},
    )  # fmt: skip
    assert bad.status_code == 200 and "A CDIP session" in bad.content.decode()
    good = client.post(
        "/backoffice/planning/daprojectreview/add/",
        {"project": project.pk, "session": "CDIP/10", "reviewed_on": "2012-11-20",
         "decision": "closed"},
    )  # fmt: skip
    assert good.status_code == 302
    project.refresh_from_db()
    assert project.status == "completed"
    assert AuditEntry.objects.filter(action="da_project.reviewed").exists()


def test_focal_points_do_not_reach_the_admin(focal_point):
    response = client_for(focal_point).get("/backoffice/planning/daproject/")
    assert response.status_code == 302
