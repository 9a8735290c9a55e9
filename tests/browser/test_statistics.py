"""The statistics pages in a real browser: charts drawn, no console errors, the tables without
JavaScript, and axe-core's WCAG 2.1 AA rules; screenshots at desktop and phone width."""

import datetime as dt

import pytest

from ipdev.activities import services
from tests.browser.support import AXE, DESKTOP, MOBILE, Watch, axe_violations, shot
from tests.factories import file_request, make_activity, make_consultant

CHARTS = 7  # drawn with Chart.js on the activity page; the map is SVG from the server

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def activities(staff, focal_point):
    make_consultant(staff=staff)
    file_request(focal_point)
    services.consent_grant(user=staff, country="GH", groups=["participants"], granted_by="Mission")
    places = ["KE", "GH", "PE", "IN", "BR", "EG", "VN", "SN"]
    for n in range(16):
        make_activity(
            user=staff,
            title=f"Workshop {n}",
            countries=[places[n % len(places)]],
            start_date=dt.date(2018 + n % 6, 1 + n % 12, 5),
            end_date=None,
            status="ongoing",
            category=["capacity-building", "legislative", "infrastructure"][n % 3],
            sdgs=[[4], [5], [9, 17]][n % 3],
        )


def test_charts_are_drawn_without_errors_at_both_sizes(live_server, browser):
    for size, name in ((DESKTOP, "desktop"), (MOBILE, "mobile")):
        context = browser.new_context(viewport=size, locale="en-GB")
        page = context.new_page()
        problems = Watch(page).problems
        page.goto(f"{live_server.url}/statistics/")
        page.wait_for_selector(".chart-canvas canvas")
        assert page.locator(".chart-canvas canvas").count() == CHARTS
        assert page.locator("svg.world-map path").count() > 150
        # The tables are folded under their charts, one click away.
        assert not page.locator("#chart-years table").is_visible()
        page.click("#chart-years summary")
        assert page.locator("#chart-years table").is_visible()
        shot(page, f"statistics-{name}")
        page.goto(f"{live_server.url}/statistics/cooperation/")
        page.wait_for_selector(".chart-canvas canvas")
        assert page.locator(".chart-canvas canvas").count() == 3  # the roster's two, requests
        shot(page, f"statistics-cooperation-{name}")
        assert problems == []
        context.close()


def test_without_javascript_the_tables_are_the_charts(live_server, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/statistics/?category=legislative")
    assert page.locator("canvas").count() == 0
    assert page.locator("#chart-years table").is_visible()
    assert page.locator("#chart-categories tbody tr").count() == 1
    assert page.locator("svg.world-map").is_visible()
    shot(page, "statistics-no-js")
    context.close()


def test_the_search_charts_its_results(live_server, browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/activities/?country=KE")
    page.click("text=Chart these results")
    page.wait_for_selector(".chart-canvas canvas")
    assert "country=KE" in page.url
    assert page.locator(".stat-total").inner_text().startswith("2 activities")
    context.close()


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core from npm (make assets)")
def test_statistics_pages_have_no_wcag_aa_violations(live_server, browser):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    found = {}
    for url in ("/statistics/", "/statistics/?country=PE", "/statistics/cooperation/"):
        for language in ("en", "ar"):
            page.goto(f"{live_server.url}{url}")
            if language == "ar":
                page.select_option("#language-select", "ar")
                # The English page has its charts too: wait for the Arabic one.
                with page.expect_navigation():
                    page.click(".language-form button")
            page.wait_for_selector(".chart-canvas canvas")
            problems = axe_violations(page)
            if problems:
                found[f"{url} ({language})"] = problems
            if language == "ar":
                shot(page, f"statistics-ar-{url.strip('/').replace('/', '-').replace('?', '-')}")
                page.select_option("#language-select", "en")
                with page.expect_navigation():  # its cookie set before the next address
                    page.click(".language-form button")
    assert found == {}
    context.close()
