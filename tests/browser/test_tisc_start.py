"""TISC screens in a real browser: a coordinator's start page lists their report due and the
one returned to them, and they follow an item to its report; staff link a network to a
results-framework indicator on its workspace page."""

import datetime as dt

import pytest

from ipdev.accounts.models import Role
from ipdev.tisc import services
from ipdev.tisc.models import IndicatorFeed
from tests.browser.support import DESKTOP, MOBILE, new_page, session_of, shot
from tests.factories import UserFactory, make_indicator
from tests.tisc.conftest import figures, make_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def kenya(staff):
    coordinator = UserFactory(username="kim.coordinator", role=Role.PUBLIC)
    return make_network(staff, "KE", coordinator), coordinator


def _count(page, key: str) -> int:
    return int(page.get_attribute(f"#{key} .waiting-number", "data-count"))


@pytest.mark.parametrize(("viewport", "language"), [(DESKTOP, "en"), (MOBILE, "ar")])
def test_a_coordinator_follows_their_items_from_the_start_page(
    live_server, browser, staff, kenya, viewport, language
):
    network, coordinator = kenya
    services.reminders_send(today=dt.date(2025, 1, 31))  # 2024's report is overdue
    report = services.report_save(user=coordinator, network=network, year=2025, data=figures())
    services.report_submit(user=coordinator, report=report)
    services.report_return(user=staff, report=report, comment="Count the students again.")
    page, watch = new_page(browser, live_server.url, viewport=viewport, language=language,
                           session=session_of(coordinator))  # fmt: skip
    page.goto(live_server.url + "/start/")
    role = {"en": "TISC coordinator", "ar": "منسق مراكز دعم التكنولوجيا والابتكار"}[language]
    assert page.inner_text(".account-role") == role
    assert _count(page, "tisc_reports_due") == 1
    assert _count(page, "tisc_reports_returned") == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot(page, f"tisc-start-coordinator-{language}")
    page.click("#tisc_reports_due .waiting-entries a")
    page.wait_for_url(f"**/workspace/tisc/networks/{network.pk}/reports/2024/0/")
    page.wait_for_selector("#form-heading")
    page.go_back()
    page.click("#tisc_reports_returned .waiting-entries a")
    page.wait_for_url(f"**/workspace/tisc/reports/{report.pk}/")
    assert "Count the students again." in page.content()
    assert not watch.problems
    page.context.close()


def test_staff_link_a_network_to_an_indicator(live_server, browser, staff, kenya):
    network, _coordinator = kenya
    indicator = make_indicator(staff, name="People served by TISCs")
    page, watch = new_page(browser, live_server.url, session=session_of(staff))
    page.goto(f"{live_server.url}/workspace/tisc/networks/{network.pk}/")
    page.select_option("#id_indicator", str(indicator.pk))
    page.select_option("#id_total", "inquiries")
    page.click("text=Link the indicator")
    page.wait_for_selector("text=The indicator is linked")
    listed = page.inner_text("#feeds-heading + p + ul")
    assert "People served by TISCs" in listed and "Inquiries" in listed
    shot(page, "tisc-indicator-linked-desktop-en")
    assert IndicatorFeed.objects.get().indicator_id == indicator.pk
    assert not watch.problems
    page.context.close()
