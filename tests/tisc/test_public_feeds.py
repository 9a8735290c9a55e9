"""The public network page names the results-framework indicators the network feeds, each with
the plan, project or activity it belongs to, for every persona, and nothing the rules hold back:
a draft plan's indicator only for staff and the country's focal points, an activity's indicator
only where the activity's narrative details are visible (consent, DA recommendation 5)."""

import datetime as dt

import pytest

from ipdev.activities import services as activity_services
from ipdev.planning.models import DAProject
from ipdev.tisc import services
from tests.conftest import client_for
from tests.factories import agree_plan, make_activity, make_indicator, make_plan

pytestmark = pytest.mark.django_db

EVERYONE = ("anonymous", "public", "focal_point", "other_focal_point", "staff", "admin")
INSIDERS = ("focal_point", "staff", "admin")  # see Kenya's drafts and undisclosed details


@pytest.fixture
def fed(staff, kenya):
    agreed = make_plan(staff, "KE", 2026)
    agree_plan(staff, agreed, dt.date(2026, 2, 1))
    draft = make_plan(staff, "KE", 2028)
    project = DAProject.objects.create(code="DA_1_10_01", title="IP and development")
    activity = make_activity(staff, title="National TISC workshop, Mombasa")
    indicators = {
        "agreed": make_indicator(staff, agreed.lines.get(), name="Inquiries answered by TISCs"),
        "draft": make_indicator(staff, draft.lines.get(), name="Draft: centres opened"),
        "project": make_indicator(staff, da_project=project, name="Patent searches delivered"),
        "activity": make_indicator(staff, activity=activity, name="Workshop users helped"),
    }
    for indicator in indicators.values():
        services.indicator_feed_set(
            user=staff, network=kenya, indicator=indicator, total="inquiries"
        )
    return {"plan": agreed, "draft_plan": draft, "tagged": activity, **indicators}


def _page(user, network) -> str:
    response = client_for(user).get(f"/tisc/networks/{network.pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", EVERYONE)
def test_everyone_sees_the_public_plans_and_projects_indicators(name, personas, kenya, fed):
    page = _page(personas[name], kenya)
    assert "Results-framework indicators fed by this network" in page
    assert "Inquiries answered by TISCs" in page
    assert f'href="/country-plans/{fed["plan"].pk}/"' in page
    assert "country plan of Kenya</a>" not in page  # the biennium follows the country
    assert "country plan of Kenya 2026-2027" in page
    assert "Patent searches delivered" in page
    assert 'href="/da-projects/DA_1_10_01/"' in page
    assert page.count("fed with: Inquiries") >= 2


@pytest.mark.parametrize("name", EVERYONE)
def test_a_draft_plans_indicator_only_for_those_who_see_the_draft(name, personas, kenya, fed):
    page = _page(personas[name], kenya)
    inside = name in INSIDERS
    assert ("Draft: centres opened" in page) is inside
    assert (f'href="/country-plans/{fed["draft_plan"].pk}/"' in page) is inside


@pytest.mark.parametrize("name", EVERYONE)
def test_an_activitys_indicator_follows_the_consent_rule(name, personas, kenya, fed, focal_point):
    page = _page(personas[name], kenya)
    assert ("Workshop users helped" in page) is (name in INSIDERS)
    activity_services.consent_grant(
        user=focal_point, country="KE", groups=["narrative"], granted_by="Minister"
    )
    page = _page(personas[name], kenya)
    assert "Workshop users helped" in page
    assert f'href="/activities/{fed["tagged"].pk}/"' in page


def test_consent_to_other_groups_does_not_show_it(personas, kenya, fed, focal_point):
    activity_services.consent_grant(
        user=focal_point, country="KE", groups=["finance", "documents"], granted_by="Minister"
    )
    assert "Workshop users helped" not in _page(None, kenya)


def test_a_network_feeding_nothing_shows_no_section(kenya):
    assert "Results-framework indicators" not in _page(None, kenya)


@pytest.mark.parametrize("name", EVERYONE)
def test_the_api_names_the_same_indicators(name, personas, kenya, fed):
    client = client_for(personas[name])
    feeds = client.get(f"/api/v1/tisc/networks/{kenya.pk}/").json()["feeds"]
    names = {f["name"] for f in feeds}
    shown = {"Inquiries answered by TISCs", "Patent searches delivered"}
    if name in INSIDERS:
        shown |= {"Draft: centres opened", "Workshop users helped"}
    assert names == shown
    plan = next(f for f in feeds if f["name"] == "Inquiries answered by TISCs")
    assert plan["plan_id"] == fed["plan"].pk and plan["plan_biennium"] == "2026-2027"
    assert plan["total"] == "Inquiries"
