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
    Page("login", "/accounts/login/"),
    Page("not-found", "/nowhere/", status=404),
    Page("work", "/backoffice/work/", "staff"),
    Page("workspace", "/workspace/", "focal_point"),
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
    problems += axe_violations(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SIZES[size]["width"]:
        problems.append(f"scrolls sideways: {width} px wide")
    shot(page, f"page-{spec.name}-{size}-{language}", full_page=size == "mobile")
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
