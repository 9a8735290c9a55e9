"""Every main page, on a desktop and a phone, in English and in Arabic: no WCAG 2.1 AA violation
(axe-core), no horizontal scrolling at 360 px, no console or page error, a screenshot of each.

The pages only read, so the world is made once for this module (world.py) and kept: no flush
between the tests. A new page is one line of PAGES.
"""

from dataclasses import dataclass
from pprint import pformat

import pytest
from django.test import override_settings

from tests.browser.support import (
    AXE,
    DESKTOP,
    MOBILE,
    axe_violations,
    new_page,
    set_language,
    shot,
)
from tests.browser.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm (npm ci)"),
]


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # formatted with the world's keys
    persona: str | None = None  # a session of world.py, or anonymous
    status: int = 200


PAGES = [
    Page("home", "/"),
    Page("search", "/activities/?q=patent"),
    Page("search-filtered", "/activities/?q=patent&status=ongoing&country=GH"),
    Page("activity", "/activities/{kenyan}/"),
    Page("activity-consented", "/activities/{ghanaian}/"),
    Page("countries", "/countries/"),
    Page("country", "/countries/KE/"),
    Page("plans", "/country-plans/"),
    Page("plan", "/country-plans/{plan}/"),
    Page("roster", "/consultants/"),
    Page("consultant", "/consultants/{consultant}/"),
    Page("roster-balance", "/consultants/balance/"),
    Page("match", "/match/"),
    Page("needs", "/match/needs/"),
    Page("need", "/match/needs/{need}/"),
    Page("offers", "/match/offers/"),
    Page("offer", "/match/offers/{offer}/"),
    Page("matches", "/match/matches/"),
    Page("statistics", "/statistics/"),
    Page("statistics-filtered", "/statistics/?country=KE"),
    Page("statistics-cooperation", "/statistics/cooperation/"),
    Page("reports", "/reports/"),
    Page("login", "/accounts/login/"),
    Page("not-found", "/nowhere/", status=404),
    Page("work", "/backoffice/work/", "staff"),
    Page("workspace", "/workspace/", "focal_point"),
    Page("need-new", "/workspace/needs/new/", "focal_point"),
    Page("requests", "/backoffice/work/requests/", "staff"),
    Page("request", "/backoffice/work/requests/{request}/", "staff"),
    Page("request-focal", "/backoffice/work/requests/{request}/", "focal_point"),
    Page("request-new", "/backoffice/work/requests/new/", "focal_point"),
    Page("admin", "/backoffice/", "staff"),
    Page("iati-imports", "/backoffice/iati/importrun/", "staff"),
    Page("iati-upload", "/backoffice/iati/importrun/upload/", "staff"),
    Page("iati-report", "/backoffice/iati/importrun/{import_run}/change/", "staff"),
]

SIZES = {"desktop": DESKTOP, "mobile": MOBILE}
LANGUAGES = {"en": "ltr", "ar": "rtl"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        return build_world(folder)


@pytest.fixture
def transactional_db(world, django_db_blocker):
    """The live server needs this; here it keeps the module's world instead of flushing it."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def _reference_data_and_empty_index():
    """The world is indexed once (see world); emptying the index per test would lose it."""


def check_page(page, watch, url: str, spec: Page, language: str, size: str) -> list[str]:
    response = page.goto(url)
    problems = []
    if response.status != spec.status:
        problems.append(f"status {response.status}")
    html = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    if html != [language, LANGUAGES[language]]:
        problems.append(f"<html lang dir> is {html}")
    if (size, language) != ("mobile", "ar"):  # RTL is checked on the desktop; time matters
        problems += axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SIZES[size]["width"]:
        problems.append(f"scrolls sideways: {width} px wide")
    shot(page, f"page-{spec.name}-{size}-{language}", whole=size == "mobile")
    if spec.status != 200:  # Chromium logs the status of the page itself
        watch.problems = [p for p in watch.problems if f"status of {spec.status}" not in p]
    problems += watch.problems
    watch.problems.clear()
    return problems


@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.name)
def test_main_page_is_accessible_responsive_and_error_free(spec, browser, live_server, world):
    url = live_server.url + spec.path.format(**world)
    session = world["sessions"][spec.persona] if spec.persona else None
    found = {}
    for size, viewport in SIZES.items():
        page, watch = new_page(browser, live_server.url, viewport=viewport, session=session)
        for language in LANGUAGES:
            set_language(page, live_server.url, language)
            problems = check_page(page, watch, url, spec, language, size)
            if problems:
                found[f"{size} {language}"] = problems
        page.context.close()
    assert not found, pformat(found, width=110)


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
        "document.querySelector('#results-heading').innerText === '8 activities'"
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
        "document.querySelector('#results-heading').innerText === '4 activities'"
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
