"""Recording an actual in a real browser: the focal point records and submits it, staff
return it with a comment, the focal point revises it, staff approve it and the target-vs-actual
table and chart show it."""

import pytest

from ipdev.planning import services
from tests.browser.support import new_page, session_of, shot
from tests.factories import make_indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(live_server, browser, focal_point, staff):
    indicator = make_indicator(staff)
    for period, value in ((2026, "20"), (2027, "40")):
        services.target_set(user=staff, indicator=indicator, period=period, value=value)
    sessions = {"focal": session_of(focal_point), "staff": session_of(staff)}
    url = f"{live_server.url}/backoffice/work/indicators/{indicator.pk}/"
    plan_url = f"{live_server.url}/backoffice/work/plans/{indicator.plan_line.plan_id}/"
    return browser, sessions, url, plan_url, live_server.url


def _page(browser, session, base_url):
    return new_page(browser, base_url, session=session)


def _status(page) -> str:
    return page.inner_text("#actuals .actual-status").strip()


def test_record_return_revise_and_approve_an_actual(setup):
    browser, sessions, url, plan_url, base = setup

    page, watch = _page(browser, sessions["focal"], base)
    page.goto(url)
    form = "#actual-form"
    page.fill(f"{form} #id_period", "2026")
    page.fill(f"{form} #id_value", "15")
    page.fill(f"{form} #id_value_women", "9")
    page.fill(f"{form} #id_value_men", "9")
    # The refused form comes back on a page that has the form too; Chromium reports the 400
    # on the console only after the click has returned.
    with page.expect_navigation():
        page.click(f"{form} button")
    assert "more than the total" in page.inner_text(form)  # the error is on the field
    watch.problems.remove(  # the refused form comes back as a 400, which Chromium logs
        "console error: Failed to load resource: the server responded with a status of 400 "
        "(Bad Request)"
    )
    page.fill(f"{form} #id_value_men", "6")
    page.click(f"{form} button")
    page.wait_for_selector("text=The actual was saved as a draft.")
    assert _status(page) == "Draft"
    page.click("text=Submit for review")
    page.wait_for_selector("text=Done: submitted.")
    assert _status(page) == "Submitted"
    assert not watch.problems

    page, watch = _page(browser, sessions["staff"], base)
    page.goto(url)
    page.fill("#actuals textarea[name=comment]", "Please add the attendance list.")
    page.click("text=Return for revision")
    page.wait_for_selector("text=Done: returned.")
    assert _status(page).startswith("Returned for revision")
    assert not watch.problems

    page, watch = _page(browser, sessions["focal"], base)
    page.goto(url)
    assert "attendance list" in page.inner_text("#actuals")
    page.fill(f"{form} #id_period", "2026")
    page.fill(f"{form} #id_value", "16")
    page.fill(f"{form} #id_value_women", "9")
    page.fill(f"{form} #id_value_men", "7")
    page.click(f"{form} button")
    page.wait_for_selector("text=The actual was saved as a draft.")
    page.click("text=Submit for review")
    page.wait_for_selector("text=Done: submitted.")
    assert not watch.problems

    page, watch = _page(browser, sessions["staff"], base)
    page.goto(url)
    page.click("#actuals button:has-text('Approve')")
    page.wait_for_selector("text=Done: approved.")
    assert _status(page) == "Approved"
    table = page.inner_text("#target-actual")
    assert "80.0 %" in table  # 16 of 20
    # Cumulative: 2027 stands at what was reached by then (16) until its own actual comes.
    assert page.locator("#target-actual-chart rect.bar-actual").count() == 2
    shot(page, "indicator-approved")
    page.goto(plan_url)
    shot(page, "plan-matrix")
    page.click("text=Results: targets and actuals of this plan")
    assert "80.0 %" in page.inner_text("#by-goal")
    shot(page, "plan-results")
    assert not watch.problems
