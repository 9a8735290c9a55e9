"""The table of main pages and how each is checked: on a desktop and a phone, in English and in
Arabic, no WCAG 2.1 AA violation (axe-core), no horizontal scrolling at 360 px, no console or
page error, a screenshot of each. A new page is one line of PAGES.

The pages only read, so each test module makes the world once (world.py) and keeps it: no
flush between the tests. The table runs in two modules (anonymous pages and signed-in pages) so
that parallel test processes share it.
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

MARKS = [
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
    Page("download-prepared", "/downloads/{download}/"),
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
    Page("embed-map", "/embed/statistics/countries/?country=KE"),
    Page("embed-chart", "/embed/statistics/years/"),
    Page("reports", "/reports/"),
    Page("directories", "/directories/"),
    Page("registers", "/directories/registers/?gazette=yes&map=gazette"),
    Page("register", "/directories/registers/KE/"),
    Page("databases", "/directories/databases/?feature=boolean_search"),
    Page("database", "/directories/databases/{alpha}/"),
    Page("databases-compare", "/directories/databases/compare/?id={alpha}&id={beta}"),
    Page("landscapes", "/directories/landscapes/"),
    Page("policies", "/directories/policies/?q=royalties"),
    Page("policy", "/directories/policies/{policy_entry}/"),
    Page("national-models", "/directories/policies/national-models/"),
    Page("directory-suggest", "/directories/suggest/"),
    Page("directory-use", "/directories/use/"),
    Page("directory-admin", "/backoffice/directories/register/", "staff"),
    Page("directory-curation", "/backoffice/work/directories/", "staff"),
    Page(
        "directory-suggestion",
        "/backoffice/work/directories/suggestions/{directory_suggestion}/",
        "staff",
    ),
    Page("tisc", "/tisc/"),
    Page("tisc-filtered", "/tisc/?level=0&service=novelty"),
    Page("tisc-centre", "/tisc/centres/{tisc_centre}/"),
    Page("tisc-networks", "/tisc/networks/"),
    Page("tisc-network", "/tisc/networks/{tisc_network}/"),
    Page("tisc-stories", "/tisc/success-stories/"),
    Page("tisc-statistics", "/tisc/statistics/"),
    Page("tisc-work", "/workspace/tisc/", "staff"),
    Page("tisc-work-network", "/workspace/tisc/networks/{tisc_network}/", "coordinator"),
    Page(
        "tisc-report-form", "/workspace/tisc/networks/{tisc_network}/reports/2025/3/", "coordinator"
    ),
    Page("tisc-report", "/workspace/tisc/reports/{tisc_submitted}/", "staff"),
    Page("login", "/accounts/login/"),
    Page("password-reset", "/accounts/password_reset/"),
    Page("password-reset-sent", "/accounts/password_reset/done/"),
    Page("da-review", "/backoffice/work/da-review/?year=0", "staff", status=400),
    Page("not-found", "/nowhere/", status=404),
    Page("work", "/backoffice/work/", "staff"),
    Page("workspace", "/workspace/", "focal_point"),
    Page("need-new", "/workspace/needs/new/", "focal_point"),
    Page("workspace-need", "/workspace/needs/{need}/", "focal_point"),
    Page("offer-new", "/workspace/offers/new/", "provider"),
    Page("requests", "/backoffice/work/requests/", "staff"),
    Page("request", "/backoffice/work/requests/{request}/", "staff"),
    Page("request-focal", "/backoffice/work/requests/{request}/", "focal_point"),
    Page("request-new", "/backoffice/work/requests/new/", "focal_point"),
    Page("work-plan", "/backoffice/work/plans/{plan}/", "staff"),
    Page("work-plan-edit", "/backoffice/work/plans/{plan}/edit/", "staff"),
    Page("needs-assessments", "/backoffice/work/needs-assessments/", "staff"),
    Page("strategy", "/backoffice/work/strategies/{strategy}/", "staff"),
    Page("activity-focal", "/activities/{kenyan}/", "focal_point"),
    Page("details-request-new", "/activities/{kenyan}/request-details/"),
    Page("consent-form", "/backoffice/work/activities/{kenyan}/consent/", "focal_point"),
    Page("consent-country", "/backoffice/work/consent/KE/", "focal_point"),
    Page("consent-home", "/backoffice/work/consent/", "staff"),
    Page("details-requests", "/backoffice/work/details-requests/", "staff"),
    Page("details-request", "/backoffice/work/details-requests/{details_request}/", "focal_point"),
    Page("start-staff", "/start/", "staff"),
    Page("start-focal", "/start/", "focal_point"),
    Page("start-provider", "/start/", "provider"),
    Page("settings", "/workspace/settings/", "focal_point"),
    Page("activity-admin", "/backoffice/activities/activity/{kenyan}/change/", "staff"),
    Page("activity-history", "/backoffice/activities/activity/{kenyan}/history/", "staff"),
    Page("admin", "/backoffice/", "staff"),
    Page("iati-imports", "/backoffice/iati/importrun/", "staff"),
    Page("iati-upload", "/backoffice/iati/importrun/upload/", "staff"),
    Page("iati-report", "/backoffice/iati/importrun/{import_run}/change/", "staff"),
]

SIZES = {"desktop": DESKTOP, "mobile": MOBILE}
AXE_NOISE = ("Applying inline style violates", "Couldn't load preload assets")


def axe_noise(problem: str) -> bool:
    return any(text in problem for text in AXE_NOISE)


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
        before = len(watch.problems)
        problems += axe_violations(page)
        # axe's own script, run from outside, may set inline styles the page's CSP refuses
        # (on forms with many checkboxes): its complaints, not the page's.
        watch.problems[before:] = [p for p in watch.problems[before:] if not axe_noise(p)]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SIZES[size]["width"]:
        problems.append(f"scrolls sideways: {width} px wide")
    shot(page, f"page-{spec.name}-{size}-{language}", whole=size == "mobile")
    if spec.status != 200:  # Chromium logs the status of the page itself
        watch.problems = [p for p in watch.problems if f"status of {spec.status}" not in p]
    problems += watch.problems
    watch.problems.clear()
    return problems


def check_every_view(spec: Page, browser, live_server, world) -> None:
    """The page on both sizes, in both languages; every problem found, at once."""
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
