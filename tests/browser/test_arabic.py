"""The portal in Arabic, right to left, at desktop and phone widths: the layout mirrors, nothing
overflows, and the screenshots (test-artifacts/screenshots/*-ar-*.png) are there to look at."""

import pytest

from tests.browser.support import DESKTOP, MOBILE, new_page, shot
from tests.browser.test_portal_search import activities  # noqa: F401 (a fixture)
from tests.browser.test_portal_search import pytestmark as browser_marks

pytestmark = browser_marks


def box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_home_and_search_in_arabic_mirror_and_fit(
    live_server,
    browser,
    activities,  # noqa: F811
    size,
    viewport,
):
    page, watch = new_page(browser, live_server.url, viewport=viewport, language="ar")
    width = viewport["width"]
    for name, path in [("home", "/"), ("search", "/activities/?q=patent")]:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "ar"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        brand = box(page, ".brand")
        # Right to left: the brand starts at the right edge of the page.
        assert brand["right"] > width * 0.8, brand
        if size == "desktop":
            assert brand["left"] > width / 3, brand
        shot(page, f"{name}-ar-{size}")
    assert "قاعدة بيانات المساعدة التقنية" in page.content()
    assert watch.problems == []
    page.context.close()
