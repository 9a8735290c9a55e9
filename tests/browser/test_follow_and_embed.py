"""Maps, embeds and following a search in a real browser, in English, Arabic and Chinese, on a
desktop and a phone: a map country (by keyboard and by pointer) opens its search, a chart's
embed page is framed by another site, the pictures save as SVG and PNG, a search is saved."""

import datetime as dt
import http.server
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import DESKTOP, MOBILE, new_page, session_of, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = [("en", DESKTOP, "desktop"), ("ar", MOBILE, "phone"), ("zh-hans", DESKTOP, "desktop")]


@pytest.fixture(autouse=True)
def activities(staff):
    for n, place in enumerate(["KE", "KE", "GH", "PE", "IN", "BR"]):
        make_activity(
            user=staff,
            title=f"Patent workshop {n}",
            countries=[place],
            start_date=dt.date(2019 + n % 4, 3, 1),
            status="ongoing",
            end_date=None,
        )


@pytest.mark.parametrize(("language", "size", "name"), CASES)
def test_a_map_country_opens_its_search_and_a_chart_embeds(
    live_server, browser, language, size, name
):
    page, watch = new_page(browser, live_server.url, viewport=size, language=language)
    page.goto(f"{live_server.url}/statistics/")
    # The keyboard reaches the countries with activities; Enter follows the link.
    first = page.locator("svg.world-map a.map-link").first
    first.focus()
    assert first.evaluate("e => e === document.activeElement")
    assert first.get_attribute("aria-label")
    page.keyboard.press("Enter")
    page.wait_for_url("**/activities/?country=*")
    page.go_back()
    page.locator('svg.world-map a.map-link[href*="country=KE"]').click()
    page.wait_for_url("**/activities/?country=KE")
    assert page.locator(".results-list li").count() == 2
    page.goto(f"{live_server.url}/statistics/?country=KE")
    share = page.locator("#chart-years details.chart-share")
    share.locator("summary").click()
    code = share.locator("textarea").input_value()
    assert "/embed/statistics/years/?country=KE" in code and code.startswith("<iframe")
    share.locator("[data-copy]").click()
    with page.expect_download() as svg:
        share.get_by_role("link", name="SVG").click()
    assert svg.value.suggested_filename.endswith("-years-" + dt.date.today().isoformat() + ".svg")
    with page.expect_download() as png:
        share.locator("[data-png]").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    folder = shot(page, f"follow-share-{language}-{name}")
    png.value.save_as(folder / f"follow-saved-picture-years-{language}.png")
    with page.expect_navigation():  # the statistics page has its chart canvases too
        share.locator("a[href*='/embed/']").click()
    page.wait_for_selector(".chart-canvas canvas")
    assert page.locator(".site-header").count() == 0
    assert (
        page.locator(".embed-attribution a")
        .first.get_attribute("href")
        .endswith("/statistics/?country=KE#chart-years")
    )
    shot(page, f"follow-embed-years-{language}-{name}")
    page.goto(f"{live_server.url}/embed/statistics/countries/")
    shot(page, f"follow-embed-map-{language}-{name}")
    assert watch.problems == []
    page.context.close()


@pytest.fixture
def elsewhere(live_server):
    """Another site (its own server on 127.0.0.1) whose page frames an embed page and the
    statistics page of the site under test."""
    html = (
        f'<!doctype html><title>Elsewhere</title><iframe id="embed" '
        f'src="{live_server.url}/embed/statistics/countries/" width="720" height="560"></iframe>'
        f'<iframe id="page" src="{live_server.url}/statistics/"></iframe>'
    ).encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


def test_another_site_frames_the_embed_page_only(live_server, browser, elsewhere):
    page, _watch = new_page(browser, live_server.url)
    page.goto(elsewhere)
    embedded = page.frame_locator("#embed")
    embedded.locator("svg.world-map").wait_for()
    # The map is found as soon as its start is parsed; the frame may still be loading the rest.
    expect(embedded.locator("a.map-link")).to_have_count(5)
    expect(embedded.locator(".embed-attribution")).to_be_visible()
    # The statistics page itself refuses to be framed (frame-ancestors 'none').
    page.wait_for_timeout(500)
    assert page.frame_locator("#page").locator(".site-header").count() == 0
    assert page.frame_locator("#embed").locator(".site-header").count() == 0
    shot(page, "follow-framed-elsewhere")
    page.context.close()


@pytest.mark.parametrize(("language", "size", "name"), CASES)
def test_a_signed_in_user_saves_a_search_and_finds_it_in_the_settings(
    live_server, browser, public_user, language, size, name
):
    session = session_of(public_user)
    page, watch = new_page(
        browser, live_server.url, viewport=size, language=language, session=session
    )
    page.goto(f"{live_server.url}/activities/?country=KE")
    assert page.locator('link[rel="alternate"][type="application/atom+xml"]').count() == 1
    feed = page.locator("a.feed-link").get_attribute("href")
    # The feed of the page's language (English has no prefix).
    prefix = "" if language == "en" else f"/{language}"
    assert feed == f"{prefix}/activities/feed.atom?country=KE"
    page.fill("#saved-search-name", f"Kenya {language}")
    page.locator('button[form="save-search"]').click()
    page.wait_for_selector(".messages .notice")
    assert "country=KE" in page.url
    shot(page, f"follow-saved-{language}-{name}")
    page.goto(f"{live_server.url}/workspace/settings/")
    item = page.locator(".saved-search-list li")
    assert item.count() == 1 and f"Kenya {language}" in item.inner_text()
    shot(page, f"follow-settings-{language}-{name}")
    item.locator("button").click()
    page.wait_for_selector(".messages .notice")
    assert page.locator(".saved-search-list li").count() == 0
    response = page.request.get(f"{live_server.url}{feed}")
    assert response.ok and b"<feed" in response.body()
    assert watch.problems == []
    page.context.close()
