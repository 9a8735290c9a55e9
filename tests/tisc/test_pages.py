"""Portal and workspace pages of the TISC app, per persona: the public sees the directory and
public success stories; a coordinator sees and edits their own network only; staff everything."""

import io

import pytest
from openpyxl import load_workbook

from ipdev.backoffice import tisc as workspace_views
from ipdev.portal import tisc_views
from ipdev.portal.access import PUBLIC
from ipdev.tisc import services
from ipdev.tisc.models import Report
from tests.conftest import client_for

from .conftest import CENTRE, figures


@pytest.fixture
def approved(kenya, coordinator, staff):
    data = figures(stories=[
        {"title": "Public dryer story", "text": "Told.", "public": True},
        {"title": "Secret licence story", "text": "Not told.", "public": False},
    ])  # fmt: skip
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=data)
    services.report_submit(user=coordinator, report=report)
    return services.report_approve(user=staff, report=report)


def test_every_view_states_its_access():
    for name in ("directory", "directory_csv", "directory_xlsx", "centre", "networks",
                 "network", "stories", "statistics", "statistics_csv"):  # fmt: skip
        assert getattr(tisc_views, name).access == PUBLIC
    for name in ("home", "network", "report_edit", "report_template", "report_upload",
                 "report", "report_action", "centre_edit", "centre_new", "change_action",
                 "work_plan", "certificate", "agreement"):  # fmt: skip
        assert getattr(workspace_views, name).access == "signed_in"


def test_the_public_sees_the_directory_without_private_contacts(centre, personas):
    for name in ("anonymous", "public", "focal_point"):
        client = client_for(personas[name])
        page = client.get("/tisc/").content.decode()
        assert "TISC Nairobi" in page
        detail = client.get(f"/tisc/centres/{centre.pk}/").content.decode()
        assert "tisc@example.org" in detail and "private.person@example.org" not in detail


def test_the_directory_filters_by_facets(centre, staff, kenya):
    services.centre_create(
        user=staff, network=kenya, data={**CENTRE, "name": "TISC Mombasa", "services": ["fto"]}
    )
    client = client_for(None)
    page = client.get("/tisc/?service=fto").content.decode()
    assert "TISC Mombasa" in page and "TISC Nairobi" not in page
    assert client.get("/tisc/?level=9").status_code == 200  # shown as an error on the page
    assert client.get("/tisc/download.csv?level=9").status_code == 400


def test_a_proposed_centre_is_not_public_until_validated(kenya, coordinator, staff):
    change = services.centre_change_submit(
        user=coordinator, network=kenya, data={**CENTRE, "name": "TISC Pending"}
    )
    assert "TISC Pending" not in client_for(None).get("/tisc/").content.decode()
    centre = services.centre_change_approve(user=staff, change=change)
    assert "TISC Pending" in client_for(None).get("/tisc/").content.decode()
    assert client_for(None).get(f"/tisc/centres/{centre.pk}/").status_code == 200


def test_a_closed_centre_is_hidden_from_the_public_not_from_its_coordinator(
    centre, staff, coordinator, other_coordinator
):
    services.centre_update(user=staff, centre=centre, data={"status": "closed"})
    assert client_for(None).get(f"/tisc/centres/{centre.pk}/").status_code == 404
    assert client_for(other_coordinator).get(f"/tisc/centres/{centre.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/tisc/centres/{centre.pk}/").status_code == 200


def test_downloads_carry_public_fields_only(centre, staff):
    csv = client_for(staff).get("/tisc/download.csv")
    body = b"".join(csv.streaming_content).decode()
    assert "TISC Nairobi" in body and "private.person" not in body
    xlsx = client_for(None).get("/tisc/download.xlsx")
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "TISC Nairobi" in values and "private.person@example.org" not in values


def test_only_public_stories_of_approved_reports_are_shown(approved, kenya, coordinator):
    page = client_for(None).get("/tisc/success-stories/").content.decode()
    assert "Public dryer story" in page and "Secret licence story" not in page
    draft = services.report_save(user=coordinator, network=kenya, year=2024,
                                 data=figures(stories=[{"title": "Draft tale", "text": "x",
                                                        "public": True}]))  # fmt: skip
    assert draft.status == "draft"
    assert "Draft tale" not in client_for(None).get("/tisc/success-stories/").content.decode()
    assert (
        "Public dryer story" in client_for(None).get(f"/tisc/networks/{kenya.pk}/").content.decode()
    )


def test_statistics_by_network_are_for_staff_and_the_coordinator(
    approved, kenya, coordinator, other_coordinator, staff
):
    assert "chart-network" not in client_for(None).get("/tisc/statistics/").content.decode()
    assert "chart-network" in client_for(staff).get("/tisc/statistics/").content.decode()
    assert "chart-network" in client_for(coordinator).get("/tisc/statistics/").content.decode()
    csv = client_for(None).get("/tisc/statistics/year.csv").content.decode()
    assert "2025,4,10,3,2,15,12,3,2" in csv
    assert client_for(None).get("/tisc/statistics/network.csv").status_code == 404


def test_workspace_per_persona(kenya, peru, coordinator, staff, personas):
    assert client_for(None).get("/workspace/tisc/").status_code == 302
    assert client_for(personas["public"]).get("/workspace/tisc/").status_code == 403
    assert client_for(personas["focal_point"]).get("/workspace/tisc/").status_code == 403
    own = client_for(coordinator)
    home = own.get("/workspace/tisc/").content.decode()
    assert kenya.name in home and peru.name not in home
    assert own.get(f"/workspace/tisc/networks/{kenya.pk}/").status_code == 200
    assert own.get(f"/workspace/tisc/networks/{peru.pk}/").status_code == 403
    assert own.get(f"/workspace/tisc/networks/{peru.pk}/reports/2025/1/").status_code == 403
    staff_home = client_for(staff).get("/workspace/tisc/").content.decode()
    assert kenya.name in staff_home and peru.name in staff_home


def test_coordinator_files_a_report_with_the_form_and_errors_land_on_fields(kenya, coordinator):
    client = client_for(coordinator)
    url = f"/workspace/tisc/networks/{kenya.pk}/reports/2025/0/"
    post = {"counts__inquiry_type__patent_search": "5", "counts__inquiry_user__smes": "4",
            "training__1__course": "DL177", "training__1__language": ""}  # fmt: skip
    response = client.post(url, post)
    assert response.status_code == 200
    form = response.context["form"]
    # Two totals that differ: on the group's fieldset, not on its first field.
    assert "same total" in form.group_errors["counts__inquiry_user"][0]
    assert "counts__inquiry_user__inventors" not in form.errors
    assert 'id="counts__inquiry_user_error"' in response.content.decode()
    assert "training__1__language" in form.errors  # not row 0: the empty row is skipped
    assert not Report.objects.exists()
    post["counts__inquiry_user__smes"] = "5"
    post["training__1__language"] = "en"
    response = client.post(url, post)
    report = Report.objects.get()
    assert response.status_code == 302 and report.status == "draft"
    assert client.post(f"/workspace/tisc/reports/{report.pk}/submit/").status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_staff_approve_or_return_from_the_report_page(kenya, coordinator, staff):
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    services.report_submit(user=coordinator, report=report)
    assert client_for(coordinator).post(
        f"/workspace/tisc/reports/{report.pk}/approve/"
    ).status_code == 403  # fmt: skip
    client_for(staff).post(f"/workspace/tisc/reports/{report.pk}/return/", {"comment": ""})
    report.refresh_from_db()
    assert report.status == "submitted"  # a return needs a comment
    client_for(staff).post(f"/workspace/tisc/reports/{report.pk}/return/", {"comment": "Why?"})
    report.refresh_from_db()
    assert report.status == "returned" and report.review_comment == "Why?"


def test_upload_errors_name_the_cells(kenya, coordinator):
    from ipdev.tisc import spreadsheet

    content = spreadsheet.template(network_id=kenya.pk, network_name=kenya.name, year=2025,
                                   quarter=0, data=figures())  # fmt: skip
    wb = load_workbook(io.BytesIO(content))
    wb["Training"]["D2"] = "lots"
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "report.xlsx"
    response = client_for(coordinator).post(
        f"/workspace/tisc/networks/{kenya.pk}/reports/2025/0/upload/", {"file": out}
    )
    assert response.status_code == 400
    assert "Sheet Training, row 2, column D" in response.content.decode()
    assert not Report.objects.exists()


def test_the_certificate_is_a_pdf_for_staff_and_the_coordinator(
    kenya, staff, coordinator, other_coordinator
):
    c = services.participant_enrol(
        user=staff, network=kenya, data={"name": "Amina K.", "sex": "female", "language": "en"}
    )
    for i, phase in enumerate(("distance", "instructor", "practice")):
        services.phase_record(
            user=staff, certification=c, phase=phase, status="completed", on=f"2026-0{i + 2}-01"
        )
    url = f"/workspace/tisc/certificates/{c.pk}.pdf"
    response = client_for(coordinator).get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert client_for(other_coordinator).get(url).status_code == 404


def test_the_network_page_forms_go_through_the_services(kenya, centre, coordinator, staff):
    from ipdev.tisc.models import Certification, NetworkActivity
    from tests.factories import make_activity

    activity = make_activity(staff, countries=["KE"])
    base = f"/workspace/tisc/networks/{kenya.pk}/do/"
    own, wipo = client_for(coordinator), client_for(staff)
    assert own.get(f"/workspace/tisc/networks/{kenya.pk}/").status_code == 200
    assert own.post(base + "tag/", {"activity": activity.pk, "kind": "national"}).status_code == 403
    wipo.post(base + "tag/", {"activity": activity.pk, "kind": "national"})
    assert NetworkActivity.objects.filter(network=kenya, activity=activity).exists()
    own.post(base + "enrol/", {"name": "Grace W.", "sex": "female", "language": "sw"})
    participant = Certification.objects.get(name="Grace W.")
    wipo.post(base + "phase/", {"participant": participant.pk, "phase": "distance",
                                "status": "completed", "on": "2026-03-01"})  # fmt: skip
    participant.refresh_from_db()
    assert participant.distance_status == "completed"
    wipo.post(base + "level/", {"level": "1", "criteria__sla": "Signed in 2024.",
                                "criteria__host_agreements": "Four signed.",
                                "criteria__yearly_report": "2025 filed."})  # fmt: skip
    kenya.refresh_from_db()
    assert kenya.level == 1
    response = wipo.post(base + "level/", {"level": "3"}, follow=True)
    assert "criteria.basic_search" in response.content.decode()  # refused, named
    kenya.refresh_from_db()
    assert kenya.level == 1
    wipo.post(base + "survey/", {"centre": centre.pk, "activity": activity.pk,
                                 "emails": "a@example.org\nb@example.org"})  # fmt: skip
    assert centre.surveys.get().survey.invitations.count() == 2
    own.post(base + "need/", {"title": "Trainers", "description": "Two.",
                              "support_types": ["technical"]})  # fmt: skip
    assert kenya.needs.get().need.title == "Trainers"


def test_staff_register_a_network_and_a_centre_in_the_back_office(staff, coordinator):
    from ipdev.tisc.models import Centre, Network

    client = client_for(staff)
    response = client.post("/backoffice/tisc/network/add/", {
        "name": "TISC network of Ghana", "country": "GH", "bureau": "africa",
        "coordinating_institution": "GIPO", "sla_status": "none", "wave": "general",
        "frequency": "yearly", "reporting_since": "2025",
        "coordinators_text": coordinator.username,
    })  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    network = Network.objects.get(country="GH")
    assert list(network.coordinators.all()) == [coordinator]
    response = client.post("/backoffice/tisc/centre/add/", {
        "network": network.pk, "name": "TISC Accra", "host_institution": "University of Ghana",
        "host_type": "university", "city": "Accra", "status": "active",
        "agreement_status": "none", "services_list": ["databases"], "languages": ["en"],
    })  # fmt: skip
    assert response.status_code == 302
    centre = Centre.objects.get(name="TISC Accra")
    assert centre.validated and centre.services == ["databases"]
    assert client_for(coordinator).get("/backoffice/tisc/network/").status_code == 302
