"""A visitor suggests a correction to a patent register with a proposed value; staff find it on
their start page, correct the value and accept it; the public page of the register shows it."""

import pytest

from tests.browser.support import DESKTOP, MOBILE, axe_violations, new_page, session_of, shot
from tests.directories.factories import make_directories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VARIANTS = [("desktop", DESKTOP, "en"), ("mobile", MOBILE, "ar")]


@pytest.mark.parametrize(("size", "viewport", "language"), VARIANTS, ids=lambda v: str(v))
def test_staff_accept_a_suggestion_and_the_public_page_changes(
    live_server, browser, staff, size, viewport, language
):
    make_directories(staff)
    visitor, watch = new_page(browser, live_server.url, viewport=viewport, language=language)
    visitor.goto(live_server.url + "/directories/suggest/?directory=registers&entry=KE")
    visitor.fill("#id_message", "The institute publishes its register under a new name.")
    visitor.fill("#id_proposed", "office: Kenya Industrial Property Institute (KIPI)")
    visitor.fill("#id_contact", "reader@example.org")
    shot(visitor, f"directories-suggest-{size}-{language}")
    visitor.click("form.workspace-form button[type=submit]")
    visitor.wait_for_selector(".notice")
    assert not watch.problems
    visitor.context.close()

    page, watch = new_page(
        browser, live_server.url, viewport=viewport, session=session_of(staff), language=language
    )
    page.goto(live_server.url + "/start/")
    assert page.get_attribute("#directory_suggestions .waiting-number", "data-count") == "1"
    page.click("#directory_suggestions a.waiting-link")
    page.wait_for_url("**/backoffice/work/directories/")
    assert axe_violations(page) == []
    shot(page, f"directories-curation-{size}-{language}")
    page.click("#directory-suggestions tbody tr:first-child a")
    page.wait_for_url("**/backoffice/work/directories/suggestions/*/")
    office = page.locator("#accept-form #id_office")
    assert office.input_value() == "Kenya Industrial Property Institute (KIPI)"
    assert axe_violations(page) == []
    shot(page, f"directories-suggestion-{size}-{language}")
    office.fill("Kenya Industrial Property Institute, KIPI")
    page.fill("#accept-form #id_note", "Renamed as you said.")
    page.click("#accept-form button[type=submit]")
    page.wait_for_url("**/backoffice/work/directories/")
    page.wait_for_selector(".messages")
    assert page.locator("#directory-suggestions").count() == 0  # the queue is empty
    shot(page, f"directories-curation-after-{size}-{language}")

    page.goto(live_server.url + "/directories/registers/KE/")
    assert "Kenya Industrial Property Institute, KIPI" in page.inner_text("main")
    shot(page, f"directories-register-accepted-{size}-{language}")
    assert not watch.problems
    page.context.close()
