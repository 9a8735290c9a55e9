"""Every anonymous main page, checked as page_checks.py says; then the keyboard, the phone menu
and pages without JavaScript. The signed-in pages are in test_pages_signed_in.py.
"""

import pytest

from tests.browser import page_checks
from tests.browser.page_checks import MARKS, PAGES, check_every_view
from tests.browser.support import DESKTOP, MOBILE, axe_violations, new_page, shot

# The module's world and the fixtures that keep it (see page_checks).
world = page_checks.world
transactional_db = page_checks.transactional_db
_reference_data_and_empty_index = page_checks._reference_data_and_empty_index

pytestmark = MARKS


@pytest.mark.parametrize("spec", [p for p in PAGES if p.persona is None], ids=lambda p: p.name)
def test_main_page_is_accessible_responsive_and_error_free(spec, browser, live_server, world):
    check_every_view(spec, browser, live_server, world)


def tab_to(page, selector: str, limit: int = 150, key: str = "Tab") -> None:
    """Press Tab until the focus is on an element matching the CSS selector (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of {key}")


def focus_is_visible(page) -> bool:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }"
    )


def test_search_apply_a_facet_and_open_a_result_with_the_keyboard_only(browser, live_server, world):
    page, watch = new_page(browser, live_server.url)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    tab_to(page, "#home-q")
    page.keyboard.type("patent workshop")
    page.keyboard.press("Enter")
    page.wait_for_url("**/activities/?q=patent+workshop")
    assert page.inner_text("#results-heading") == "12 activities"

    tab_to(page, "#f-status-ongoing")
    assert focus_is_visible(page)
    with page.expect_response(lambda r: "status=ongoing" in r.url):
        page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelector('#results-heading').innerText === '8 activities'"
    )
    assert page.evaluate("document.activeElement.id") == "f-status-ongoing"  # kept after the swap

    tab_to(page, "#results .card-title a")
    assert focus_is_visible(page)
    title = page.evaluate("document.activeElement.innerText")
    page.keyboard.press("Enter")
    page.wait_for_url("**/activities/*/")
    assert page.inner_text("h1") == title
    assert watch.problems == []
    page.context.close()


def test_filters_fold_on_a_phone_and_open_with_the_keyboard(browser, live_server, world):
    page, watch = new_page(browser, live_server.url, viewport=MOBILE)
    page.goto(live_server.url + "/activities/?q=patent")
    assert page.evaluate("document.getElementById('filters-details').open") is False
    tab_to(page, "#filters-details > summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('filters-details').open") is True
    tab_to(page, "#f-status-completed")
    with page.expect_response(lambda r: "status=completed" in r.url):
        page.keyboard.press("Space")
    page.wait_for_function(
        "() => document.querySelector('#results-heading').innerText === '4 activities'"
    )
    assert page.evaluate("document.getElementById('filters-details').open") is True
    assert watch.problems == []
    page.context.close()


def test_the_menu_is_a_disclosure_on_a_phone_and_the_keyboard_gets_through_the_page(
    browser, live_server, world
):
    page, watch = new_page(browser, live_server.url, viewport=MOBILE)
    page.goto(live_server.url + "/")
    toggle, menu = page.locator(".nav-toggle"), page.locator("#site-nav-list")
    assert toggle.is_visible() and not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "site-nav-list"
    tab_to(page, ".nav-toggle")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and menu.is_visible()
    shot(page, "menu-open-mobile-en")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#site-nav-list') !== null")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not menu.is_visible()
    assert page.evaluate("document.activeElement.className") == "nav-toggle"
    # No trap: the keyboard goes on through the search box and the cards to the footer.
    tab_to(page, ".footer-links li:last-child a")
    assert watch.problems == []
    page.context.close()

    page, watch = new_page(browser, live_server.url, viewport=DESKTOP)
    page.goto(live_server.url + "/")
    assert not page.locator(".nav-toggle").is_visible()
    assert page.locator("#site-nav-list").is_visible()
    page.context.close()


def test_without_javascript_the_menu_is_a_wrapped_list(browser, live_server, world):
    page, _ = new_page(browser, live_server.url, viewport=MOBILE, java_script_enabled=False)
    page.goto(live_server.url + "/activities/?q=patent")
    assert not page.locator(".nav-toggle").is_visible()
    assert page.locator("#site-nav-list a").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    shot(page, "no-javascript-mobile-en")
    page.context.close()


def test_a_refused_form_takes_the_keyboard_to_its_errors(browser, live_server, world):
    page, watch = new_page(browser, live_server.url, session=world["sessions"]["focal_point"])
    page.goto(live_server.url + "/workspace/needs/new/")
    tab_to(page, "#id_title")
    page.keyboard.type("Training our trademark examiners")
    tab_to(page, "form.workspace-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The focus is on the summary of what to correct; its first link leads to the field.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary = page.inner_text(".error-summary")
    assert "Description" in summary
    page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    field = page.evaluate(
        "() => { const f = document.activeElement; return {id: f.id, invalid: f.getAttribute("
        "'aria-invalid'), described: f.getAttribute('aria-describedby') || ''}; }"
    )
    assert f"#{field['id']}" == target and field["invalid"] == "true"
    error_id = next(i for i in field["described"].split() if i.endswith("_error"))
    assert page.inner_text(f"#{error_id}") in summary  # the message is tied to the field
    assert axe_violations(page) == []
    shot(page, "form-error-desktop-en", whole=True)
    assert [p for p in watch.problems if "status of 400" not in p] == []
    page.context.close()
