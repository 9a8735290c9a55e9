"""A TAD activity tagged to a TISC network links back to the network, on its public page (for
everyone: the tag is general information, not a detail held back without consent) and on its
back-office page."""

import pytest

from ipdev.tisc import services
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def tagged(staff, kenya):
    activity = make_activity(staff, title="National TISC workshop, Nairobi")
    services.activity_tag(user=staff, network=kenya, activity=activity, kind="national")
    return activity


def test_everyone_sees_the_network_on_the_activity_page(tagged, kenya, personas):
    for name in ("anonymous", "public", "focal_point", "staff"):
        page = client_for(personas[name]).get(f"/activities/{tagged.pk}/").content.decode()
        assert f'href="/tisc/networks/{kenya.pk}/"' in page, name
        assert "National TISC meeting or workshop" in page


def test_an_untagged_activity_names_no_network(staff, personas):
    activity = make_activity(staff)
    page = client_for(None).get(f"/activities/{activity.pk}/").content.decode()
    assert "TISC networks" not in page


def test_the_back_office_page_links_to_the_networks_workspace(tagged, kenya, staff):
    page = client_for(staff).get(f"/backoffice/activities/activity/{tagged.pk}/change/")
    assert page.status_code == 200
    assert f'href="/workspace/tisc/networks/{kenya.pk}/"' in page.content.decode()


def test_untagging_removes_the_link(tagged, kenya, staff):
    services.activity_untag(user=staff, tag=kenya.activity_tags.get())
    page = client_for(None).get(f"/activities/{tagged.pk}/").content.decode()
    assert f"/tisc/networks/{kenya.pk}/" not in page
