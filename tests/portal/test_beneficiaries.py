"""The country pickers and lists hold the countries technical assistance can go to."""

import pytest

from ipdev.backoffice.workflow.plan_forms import PlanForm
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_the_country_reports_picker_lists_beneficiary_countries_only(client):
    body = client.get("/reports/").content.decode()
    assert '<option value="KE"' in body and '<option value="UZ"' in body
    for code in ("SH", "TF", "BV", "US", "FR", "HK"):
        assert f'<option value="{code}"' not in body, code


def test_the_countries_page_adds_a_territory_only_when_it_has_activities(client, staff):
    body = client.get("/countries/").content.decode()
    assert 'href="/countries/KE/"' in body
    assert 'href="/countries/SH/"' not in body and 'href="/countries/US/"' not in body
    make_activity(user=staff, countries=["SH"], title="Activity in Saint Helena")
    body = client.get("/countries/").content.decode()
    assert 'href="/countries/SH/"' in body


def test_a_plan_form_refuses_a_territory():
    form = PlanForm(data={"country": "TF", "biennium_start": 2026})
    assert not form.is_valid()
    assert "country" in form.errors
