"""The portal in Arabic, right to left, at desktop and phone widths: the layout mirrors, nothing
overflows, and the screenshots (test-artifacts/screenshots/*-ar-*.png) are there to look at."""

import pytest

from tests.browser.test_portal_search import (  # noqa: F401 (fixtures)
    DESKTOP,
    MOBILE,
    Watch,
    activities,
    shot,
    sync_api,
)
from tests.browser.test_portal_search import pytestmark as browser_marks

pytestmark = browser_marks


def box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => e.getBoundingClientRect().toJSON()")


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_home_and_search_in_arabic_mirror_and_fit(
    live_server,
    sync_api,  # noqa: F811
    activities,  # noqa: F811
    size,
    viewport,
):
    context = sync_api.new_context(viewport=viewport, locale="ar")
    context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page = context.new_page()
    watch = Watch(page)
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
    context.close()
