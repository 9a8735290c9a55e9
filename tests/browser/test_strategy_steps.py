"""A strategy's steps in a real browser: doing a step out of order is refused with a message
naming the steps it waits for; skipping those with a reason lets it be done."""

import datetime as dt

import pytest

from ipdev.planning import services
from tests.browser.support import new_page, session_of, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _save(page, step: str, status: str, **fields):
    panel = page.locator(f"#step-{step}")
    if panel.locator("details").get_attribute("open") is None:
        panel.locator("summary").click()
    panel.locator("select[name=status]").select_option(status)
    for name, value in fields.items():
        panel.locator(f"[name={name}]").first.fill(value)
    # Each save answers with the strategy's page again, which may already show what is waited
    # for next (a message of the previous save, the steps' status).
    with page.expect_navigation():
        panel.get_by_role("button", name="Save the step").click()


def test_strategy_steps_in_order(live_server, browser, staff):
    process = services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 5)
    )
    page, watch = new_page(browser, live_server.url, session=session_of(staff))
    url = f"{live_server.url}/backoffice/work/strategies/{process.pk}/"
    page.goto(url)
    assert "Can be done once these steps are done or skipped: 1, 2." in page.inner_text(
        "#step-drafting"
    )
    dates = {"started_on": "2026-03-01", "completed_on": "2026-03-20"}
    _save(page, "drafting", "done", **dates)
    errors = page.locator("#step-drafting-errors")
    errors.wait_for()
    assert "Steps come in order" in errors.inner_text()
    assert "1. Needs assessment" in errors.inner_text()
    errors.scroll_into_view_if_needed()
    shot(page, "strategy-step-refused", whole=False)

    _save(page, "needs_assessment", "done", started_on="2026-01-10", completed_on="2026-02-10")
    page.wait_for_selector("text=The step was updated.")
    _save(page, "validation_forum", "skipped")
    page.locator("#step-validation_forum-errors").wait_for()
    assert "Say why the step is skipped" in page.inner_text("#step-validation_forum-errors")
    _save(
        page,
        "validation_forum",
        "skipped",
        skip_reason="The steering committee validated the assessment itself.",
    )
    page.wait_for_selector("text=The step was updated.")
    assert "validated the assessment itself" in page.inner_text("#step-validation_forum")
    _save(page, "drafting", "done", **dates)
    page.wait_for_selector("text=The step was updated.")
    assert page.inner_text("#step-drafting-status") == "Done"
    assert page.inner_text("#step-validation_forum-status") == "Skipped"
    shot(page, "strategy-steps-in-order")
    # The refused saves answer 400 (as a refused form should); nothing else may go wrong.
    assert [p for p in watch.problems if "status of 400" not in p] == []
