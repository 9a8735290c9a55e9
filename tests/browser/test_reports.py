"""The country and DA reports as web pages in a real browser: cover with the institution's
name, contents whose links reach their sections, the charts drawn within the page's width, no
console errors, axe-core's WCAG 2.1 AA rules; desktop and phone, English, Arabic, Chinese."""

import datetime as dt

import pytest

from ipdev.activities import services
from tests.browser.support import SIZES, axe_violations, new_page, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = {"en": "Contents", "ar": "المحتويات", "zh-hans": "目录"}


@pytest.fixture(autouse=True)
def activities(staff):
    services.consent_grant(user=staff, country="KE", groups=["participants"], granted_by="Mission")
    for n in range(12):
        make_activity(
            user=staff,
            title=f"Workshop {n}",
            countries=["KE"] if n % 4 else ["ET"],
            start_date=dt.date(2020 + n % 5, 1 + n % 12, 5),
            end_date=dt.date(2020 + n % 5, 1 + n % 12, 7),
            category=["capacity-building", "legislative", "infrastructure"][n % 3],
            sdgs=[[4], [5], [9, 17]][n % 3],
            da_recommendations=[[1], [10, 11], [19]][n % 3],
        )


@pytest.mark.parametrize("size", ["desktop", "mobile"])
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_country_report_page(live_server, browser, size, language):
    page, watch = new_page(browser, live_server.url, viewport=SIZES[size], language=language)
    page.goto(f"{live_server.url}/reports/")
    page.select_option("#report-country", "KE")
    with page.expect_navigation():  # loaded: the boxes below are measured with the styles
        page.locator("#country-report-heading ~ form button[value=html]").click()
    page.wait_for_selector(".report-page")
    assert "/reports/country/" in page.url
    cover = page.locator(".report-cover").inner_text()
    assert "World Intellectual Property Organization" in cover
    assert page.locator("#contents-heading").inner_text() == LANGUAGES[language]
    assert page.locator(".report-page figure.chart svg").count() == 5
    # Each chart's box fits the page; on a phone the chart scrolls sideways inside it.
    boxes = page.locator(".report-page .chart-picture")
    width = page.evaluate("document.documentElement.clientWidth")
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, "within the page"
        assert page.locator(".report-page figure.chart svg").nth(i).bounding_box()["width"] >= 500
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, "no sideways scroll"
    # A contents link takes the reader to its section.
    page.locator(".contents a[href='#section-activities']").click()
    assert page.url.endswith("#section-activities")
    assert page.locator("#section-activities-heading").is_visible()
    page.goto(page.url.split("#")[0])
    shot(page, f"report-country-{size}-{language}")
    assert axe_violations(page) == []
    assert watch.problems == []
    page.context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_da_report_page(live_server, browser, language):
    page, watch = new_page(browser, live_server.url, language=language)
    page.goto(f"{live_server.url}/reports/development-agenda.html?year_from=2020&year_to=2024")
    assert page.locator(".report-page figure.chart svg").count() >= 5
    page.locator("#chart-clusters summary").click()
    assert page.locator("#chart-clusters table").is_visible()
    shot(page, f"report-da-desktop-{language}")
    world = page.locator("#chart-countries")  # the beneficiary map, last of the charts
    assert world.locator("svg path").count() > 150
    world.scroll_into_view_if_needed()
    shot(page, f"report-da-map-desktop-{language}", whole=False)
    assert axe_violations(page) == []
    assert watch.problems == []
    page.context.close()
