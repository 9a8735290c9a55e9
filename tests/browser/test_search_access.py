"""The search page with its controls open, checked by axe and used with the keyboard alone,
on a desktop and a phone, in English, Arabic (right to left) and Chinese: the country
type-ahead narrowed, the help open, a year range and chips; Tab reaches the type-ahead, the
arrow keys and Enter choose a country, Escape closes the help; the focus is always visible;
the results sort by date.
A link with the single year of older pages opens with that year in the range control, and a
quoted Chinese phrase finds what it names."""

import pytest

from ipdev.reference.models import Country
from tests.browser.support import DESKTOP, MOBILE, Watch, axe_violations, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = [(d, lang) for d in ("desktop", "phone") for lang in ("en", "ar", "zh-hans")]


@pytest.fixture
def activities(staff):
    import datetime as dt

    for n, (code, year) in enumerate([("KE", 2019), ("PE", 2020), ("KE", 2020)]):
        make_activity(
            user=staff,
            title=f"Patent application workshop {n + 1}",
            countries=[code],
            start_date=dt.date(year, 3, 4),
            end_date=dt.date(year, 3, 6),
            translations={"zh": {"title": f"专利申请书撰写讲习班 {n + 1}"},
                          "ar": {"title": f"حلقة عمل بشأن طلبات البراءات {n + 1}"}},
        )  # fmt: skip


def focus_ring(page) -> str:
    """The outline of the focused element (none when the focus cannot be seen)."""
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return s.outlineStyle === 'none' ? s.boxShadow : s.outlineStyle + s.outlineWidth; }"
    )


def tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize(("device", "language"), CASES)
def test_search_controls_open_pass_axe_and_work_by_keyboard(
    live_server, browser, activities, device, language
):
    phone = device == "phone"
    size = MOBILE if phone else DESKTOP
    context = browser.new_context(viewport=size, is_mobile=phone, has_touch=phone)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    watch = Watch(page)
    name = f"search-access-{device}-{language}"

    # An older page's link: the year shows in the range control, and as chips.
    page.goto(f"{live_server.url}/activities/?q=patent&year=2020")
    assert "year_from=2020" in page.url and "year=" not in page.url.replace("_year=", "")
    assert page.input_value("#year_from") == "2020" and page.input_value("#year_to") == "2020"
    assert page.locator(".active-filters a.chip").count() == 3  # text, from, to
    assert page.locator("#results .card-title a").count() == 2

    # A quoted Chinese phrase finds the activities holding it, whatever the page's language.
    page.goto(f'{live_server.url}/activities/?q="专利申请"')
    assert page.locator("#results .card-title a").count() == 3

    # Everything open at once: the filters (folded on a phone), the help, the type-ahead.
    page.goto(f"{live_server.url}/activities/?q=patent&year_from=2019&year_to=2020")
    if phone:
        page.click("#filters-details > summary")
    page.click("#search-help summary")
    kenya = Country.objects.get(code="KE")
    local = kenya.names.get("zh" if language == "zh-hans" else language) or kenya.name
    page.fill("#find-country", local[:2])
    assert page.locator("#search-help .search-help-body").is_visible()
    assert page.locator("#facet-country .options li:visible").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert axe_violations(page) == []
    shot(page, f"{name}-open")

    # Escape closes the help from its summary, the focus staying there.
    page.focus("#search-help summary")
    page.keyboard.press("Escape")
    assert not page.locator("#search-help .search-help-body").is_visible()
    assert page.evaluate("document.activeElement.closest('#search-help') !== null")

    # Tab reaches the type-ahead; the arrow keys go through the countries it shows; Enter
    # chooses one, and the results follow.
    page.fill("#find-country", "")
    page.focus("#year_to")
    tab_to(page, "#find-country")
    assert focus_ring(page) not in ("", "none")
    page.keyboard.type(local[:3])
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == "f-country-ke"
    assert focus_ring(page) not in ("", "none")
    shot(page, f"{name}-keyboard", whole=False)
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "find-country"
    with page.expect_response(lambda r: "country=KE" in r.url):
        page.keyboard.press("Enter")
    # htmx pushes the address when the answer is swapped in, after the response event: wait
    # for the address and the new results, not for the results already on the page.
    page.wait_for_function("() => document.querySelector('#f-country-ke').checked")
    page.wait_for_function("() => location.search.includes('country=KE')")
    page.wait_for_function("() => document.querySelectorAll('#results .card-title a').length === 2")
    assert axe_violations(page) == []
    shot(page, f"{name}-chosen")

    # Sorted by date, oldest or newest first, the choice kept in the address.
    with page.expect_response(lambda r: "sort=oldest" in r.url):
        page.select_option("#sort", "oldest")
    page.wait_for_function("() => location.search.includes('sort=oldest')")
    first = page.locator("#results .card-title a").first
    assert first.text_content().strip().endswith("1")  # 2019, in any language
    with page.expect_response(lambda r: "sort=newest" in r.url):
        page.select_option("#sort", "newest")
    page.wait_for_function("() => location.search.includes('sort=newest')")
    assert page.locator("#results .card-title a").first.text_content().strip().endswith("3")
    assert watch.problems == []
    context.close()
