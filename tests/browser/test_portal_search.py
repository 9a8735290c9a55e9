"""The portal in a real browser: search, live filtering with htmx, an activity, back, a download.

Drives Debian's Chromium through Playwright's sync API against pytest-django's live server and
saves screenshots (desktop and mobile) for a person to look at (see support.py).
"""

import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest

from ipdev.activities import services
from tests.browser.support import DESKTOP, MOBILE, Watch, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def activities(staff):
    made = []
    for n, (code, status) in enumerate(
        [("KE", "completed"), ("PE", "ongoing"), ("GH", "ongoing")] * 4
    ):
        made.append(
            make_activity(
                user=staff,
                title=f"Patent workshop {n + 1} in {code}",
                summary="Hands-on drafting and examination practice for the national office.",
                countries=[code],
                status=status,
                start_date=dt.date(2020 + n % 5, 1 + n % 12, 10),
                end_date=dt.date(2020 + n % 5, 1 + n % 12, 12) if status == "completed" else None,
            )
        )
    services.consent_grant(
        user=staff,
        country="GH",
        groups=["narrative", "participants", "finance", "documents"],
        granted_by="Permanent Mission of Ghana",
    )
    make_activity(
        user=staff,
        title="Copyright seminar",
        summary="Copyright basics.",
        countries=["KE"],
        ip_areas=["copyright"],
    )
    return {"kenyan": made[0].pk, "ghanaian": made[2].pk}


def results_heading(page) -> str:
    return page.inner_text("#results-heading").strip()


def test_search_filter_open_go_back_and_download(live_server, browser, activities):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True, locale="en-GB")
    page = context.new_page()
    watch = Watch(page)

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Technical Assistance Database"
    shot(page, "home-desktop")

    page.fill("#home-q", "patent workshop")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/activities/?q=patent+workshop")
    assert results_heading(page) == "12 activities"
    shot(page, "search-desktop")

    # Tick a facet: htmx swaps the results in place (no reload) and pushes the URL.
    page.evaluate("window.__notReloaded = true")
    with page.expect_response(lambda r: "status=ongoing" in r.url):
        page.check("#f-status-ongoing")
    page.wait_for_function(
        "() => document.querySelector('#results-heading').innerText.trim() === '8 activities'"
    )
    assert "status=ongoing" in page.url
    assert page.evaluate("window.__notReloaded") is True
    assert page.evaluate("document.activeElement.id") == "f-status-ongoing"
    assert page.is_checked("#f-status-ongoing")
    titles = page.locator("#results .card-title a").all_inner_texts()
    assert titles and all(" in KE" not in t for t in titles)
    shot(page, "search-filtered-desktop")

    # Open an activity, then come back to the filtered results.
    first = page.locator("#results .card-title a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url("**/activities/*/")
    assert page.locator("h1").inner_text() == title
    assert page.locator("text=has not consented").count() > 0
    shot(page, "activity-desktop")
    page.go_back()
    page.wait_for_url(lambda url: "status=ongoing" in url and "/activities/?" in url)
    page.wait_for_selector("#results-heading")
    assert results_heading(page) == "8 activities"

    # Download the filtered results as CSV.
    with page.expect_download() as download_info:
        page.click("#results .downloads >> text=CSV")
    download = download_info.value
    body = Path(download.path()).read_text(encoding="utf-8-sig")
    lines = itertools.dropwhile(lambda line: line.startswith("#"), io.StringIO(body))
    rows = list(csv.DictReader(lines))
    assert len(rows) == 8
    assert {r["Status"] for r in rows} == {"Ongoing"}
    assert {r["Status code"] for r in rows} == {"ongoing"}
    assert all("patent workshop" in r["Title"].lower() for r in rows)

    assert watch.problems == []
    context.close()


def test_pages_on_a_phone_and_in_arabic(live_server, browser, activities):
    context = browser.new_context(viewport=MOBILE, locale="en-GB", has_touch=True, is_mobile=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server.url + "/")
    shot(page, "home-mobile")
    page.goto(live_server.url + "/activities/?q=patent")
    assert results_heading(page) == "12 activities"  # nothing left over from earlier tests
    assert page.evaluate("document.getElementById('filters-details').open") is False
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    shot(page, "search-mobile")
    page.goto(live_server.url + f"/activities/{activities['kenyan']}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    shot(page, "activity-mobile")

    # The language switcher sets Arabic, and the page turns right-to-left.
    page.select_option("#language-select", "ar")
    with page.expect_navigation():  # the English page has its dir and lang too
        page.click(".language-form button")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    shot(page, "activity-mobile-ar")
    assert watch.problems == []
    context.close()


def test_an_activity_with_consent_and_the_country_pages(live_server, browser, activities):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    watch = Watch(page)
    page.goto(live_server.url + f"/activities/{activities['ghanaian']}/")
    assert page.locator("text=Three days of drafting exercises").count() == 1
    assert page.locator("text=has not consented").count() == 0
    shot(page, "activity-consented-desktop")
    page.goto(live_server.url + "/countries/")
    shot(page, "countries-desktop")
    page.click("text=Kenya")
    page.wait_for_url("**/countries/KE/")
    assert page.locator("h1").inner_text() == "Kenya"
    shot(page, "country-desktop")
    page.click("text=Search all activities in Kenya")
    page.wait_for_url("**/activities/?country=KE")
    assert page.is_checked("#f-country-ke")
    assert watch.problems == []
    context.close()
