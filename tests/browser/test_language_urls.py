"""The language in the address, in a real browser, on a desktop and a phone, in English, Arabic
and Chinese: filter a search, switch the language, find the same page and filters under the new
prefix, then open that copied address in a fresh browser: it opens in the same language."""

import pytest

from tests.browser.support import DESKTOP, MOBILE, Watch, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = [
    (device, language) for device in ("desktop", "phone") for language in ("en", "ar", "zh-hans")
]
# The text a page in each language shows on its search page's heading.
HEADINGS = {
    "en": "Search activities",
    "ar": "البحث في الأنشطة",
    "zh-hans": "搜索活动",
    "fr": "Rechercher des activités",
}


@pytest.fixture
def activities(staff):
    for n, code in enumerate(["KE", "PE", "KE"]):
        make_activity(user=staff, title=f"Patent drafting workshop {n + 1}", countries=[code])


def context_for(browser, device: str, **options):
    phone = device == "phone"
    return browser.new_context(viewport=MOBILE if phone else DESKTOP, is_mobile=phone,
                               has_touch=phone, locale="en-GB", **options)  # fmt: skip


def prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


def switch(page, language: str) -> None:
    page.select_option("#language-select", language)
    with page.expect_navigation():
        page.click(".language-form button[type=submit]")


def assert_search_in(page, language: str) -> None:
    assert page.get_attribute("html", "lang") == language
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").first.text_content().strip() == HEADINGS[language]
    assert page.input_value("#q") == "patent"
    assert page.is_checked("#f-country-ke")
    assert page.locator("#results .card-title a").count() == 2


@pytest.mark.parametrize(("device", "language"), CASES)
def test_a_filtered_search_keeps_its_filters_across_languages_and_in_its_link(
    live_server, browser, activities, device, language
):
    # Start in another language: French for the English case, else English.
    start = "fr" if language == "en" else "en"
    context = context_for(browser, device)
    page = context.new_page()
    watch = Watch(page)
    name = f"language-url-{device}-{language}"
    page.goto(f"{live_server.url}{prefix(start)}/activities/?q=patent")
    if device == "phone":
        page.click("#filters-details > summary")
    # Ticking a country updates the results and the address in place (htmx), not the header.
    page.check("#f-country-ke")
    page.wait_for_url("**country=KE**")
    assert page.locator("#results .card-title a").count() == 2
    filtered = page.url

    switch(page, language)
    expected = filtered.replace(
        f"{live_server.url}{prefix(start)}", live_server.url + prefix(language)
    )
    assert page.url == expected, (page.url, expected)
    assert_search_in(page, language)
    hreflangs = page.locator("link[rel=alternate][hreflang]")
    assert hreflangs.count() == 7
    english = filtered.replace(f"{live_server.url}{prefix(start)}/", f"{live_server.url}/", 1)
    assert page.get_attribute("link[rel=alternate][hreflang=x-default]", "href") == english
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= (MOBILE if device == "phone" else DESKTOP)["width"]
    )
    shot(page, f"{name}-switched", whole=False)
    assert watch.problems == []
    context.close()

    # The copied address, opened by someone else (a fresh browser, English locale, no cookie).
    other = context_for(browser, device)
    page = other.new_page()
    watch = Watch(page)
    page.goto(expected)
    assert page.url == expected
    assert_search_in(page, language)
    shot(page, f"{name}-permalink", whole=False)
    # Reloading keeps it too.
    page.reload()
    assert page.url == expected and page.get_attribute("html", "lang") == language
    assert watch.problems == []
    other.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_switcher_works_without_javascript(live_server, browser, activities, device):
    context = context_for(browser, device, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/activities/?q=patent&country=KE")
    assert_search_in(page, "ar")
    switch(page, "zh-hans")
    assert page.url == f"{live_server.url}/zh-hans/activities/?q=patent&country=KE"
    assert_search_in(page, "zh-hans")
    switch(page, "en")
    assert page.url == f"{live_server.url}/activities/?q=patent&country=KE"
    assert_search_in(page, "en")
    shot(page, f"language-url-nojs-{device}", whole=False)
    context.close()


def test_a_chosen_language_follows_a_link_without_one(live_server, browser, activities):
    context = context_for(browser, "desktop")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    switch(page, "ar")
    assert page.url == f"{live_server.url}/ar/"
    # An English address (from an old bookmark, a shared English link) opens in the chosen
    # language, under its prefix.
    page.goto(f"{live_server.url}/activities/?q=patent&country=KE")
    assert page.url == f"{live_server.url}/ar/activities/?q=patent&country=KE"
    assert_search_in(page, "ar")
    context.close()
