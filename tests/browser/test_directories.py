"""The knowledge directories in a real browser, on a desktop and a phone, in English and Arabic:
search the IP policies by keyword, compare patent databases, filter the patent register table and
recolour its map. Screenshots go where support.py says, for a person to look at."""

import pytest

from tests.browser.support import DESKTOP, MOBILE, new_page, shot
from tests.directories.factories import make_directories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": DESKTOP, "mobile": MOBILE}
CASES = [(size, language) for size in SIZES for language in ("en", "ar")]


@pytest.fixture
def directories(staff):
    return make_directories(staff)


def open_filters(page) -> None:
    """On a phone the filters fold away (portal.js): open them as a person would."""
    if not page.evaluate("document.getElementById('filters-details').open"):
        page.click("#filters-details > summary")


def no_sideways_scroll(page, size: str) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]


@pytest.mark.parametrize(("size", "language"), CASES)
def test_search_the_policies_by_keyword_and_open_one(
    browser, live_server, directories, size, language
):
    page, watch = new_page(browser, live_server.url, viewport=SIZES[size], language=language)
    page.goto(live_server.url + "/directories/policies/")
    assert page.locator(".results .card-title").count() == 3
    page.fill("#q", "royalties thirds")
    page.press("#q", "Enter")
    page.wait_for_url("**/directories/policies/?q=royalties+thirds*")
    titles = page.locator(".results .card-title a")
    assert titles.count() == 1
    assert titles.inner_text() == "Intellectual property policy"  # the DOCX's text matched
    no_sideways_scroll(page, size)
    shot(page, f"directories-policies-search-{size}-{language}")
    open_filters(page)
    page.check("#f-type-spinoff")
    page.click("#policy-form .facet-actions button")
    page.wait_for_url("**type=spinoff*")
    assert page.locator(".results .card-title a").count() == 1
    page.click(".results .card-title a")
    page.wait_for_url(f"**/directories/policies/{directories['policy']}/")
    assert page.inner_text("h1") == "Intellectual property policy"
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    no_sideways_scroll(page, size)
    shot(page, f"directories-policy-{size}-{language}")
    assert watch.problems == []
    page.context.close()


@pytest.mark.parametrize(("size", "language"), CASES)
def test_tick_two_databases_and_compare_them_side_by_side(
    browser, live_server, directories, size, language
):
    alpha = directories["databases"]["Alpha Patents"]
    beta = directories["databases"]["Beta Search"]
    page, watch = new_page(browser, live_server.url, viewport=SIZES[size], language=language)
    page.goto(live_server.url + "/directories/databases/")
    page.check(f"#compare-{alpha}")
    page.check(f"#compare-{beta}")
    page.click("#compare-button")
    page.wait_for_url("**/directories/databases/compare/?id=*")
    headers = page.locator("#compare-table thead th a")
    assert headers.all_inner_texts() == ["Alpha Patents", "Beta Search"]
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() >= 15  # every field of the reports, one row each
    assert page.locator("#compare-table td.has").count() > page.locator("td.lacks").count() / 3
    no_sideways_scroll(page, size)
    shot(page, f"directories-compare-{size}-{language}")
    # Only one ticked: the comparison says which field is wrong.
    page.goto(live_server.url + f"/directories/databases/compare/?id={alpha}")
    assert page.locator(".errors strong").inner_text() == "id"
    watch.problems = [p for p in watch.problems if "status of 400" not in p]
    assert watch.problems == []
    page.context.close()


@pytest.mark.parametrize(("size", "language"), CASES)
def test_filter_the_register_table_and_recolour_the_map(
    browser, live_server, directories, size, language
):
    page, watch = new_page(browser, live_server.url, viewport=SIZES[size], language=language)
    page.goto(live_server.url + "/directories/registers/")
    assert page.locator("#register-table tbody tr").count() == 3
    open_filters(page)
    page.check("#f-gazette-yes")
    page.click("#register-form .facet-actions button")
    page.wait_for_url("**gazette=yes*")
    rows = page.locator("#register-table tbody th a")
    assert rows.count() == 1
    assert rows.inner_text().startswith("KE")
    page.select_option("#map-column", "gazette")
    page.click(".map-choice button")
    page.wait_for_url("**map=gazette*")
    kenya = page.locator("svg.world-map path.map-l5 title")
    assert kenya.count() == 1  # only Kenya is coloured "available" for the gazette
    assert page.locator("#register-table th.chosen").count() == 1
    no_sideways_scroll(page, size)
    shot(page, f"directories-registers-{size}-{language}")
    assert watch.problems == []
    page.context.close()
