"""The search controls in a real browser, on a desktop and a phone, in English, Arabic and
Chinese: a search in another language, the text as a chip, type-ahead in the country facet,
the help, a chosen country left at 0, and what to remove when nothing matches."""

import pytest

from ipdev.reference.models import Country
from tests.browser.support import DESKTOP, MOBILE, Watch, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = [("desktop", "en"), ("phone", "ar"), ("desktop", "zh-hans")]


@pytest.fixture
def activities(staff):
    for n, code in enumerate(["KE", "PE", "KE"]):
        make_activity(
            user=staff,
            title=f"Patent drafting workshop {n + 1}",
            summary="Drafting practice for patent examiners.",
            countries=[code],
            translations={
                "zh": {"title": f"专利撰写讲习班 {n + 1}"},
                "fr": {"title": f"Atelier de rédaction des brevets {n + 1}"},
                "ar": {"title": f"حلقة عمل بشأن صياغة البراءات {n + 1}"},
            },
        )
    make_activity(user=staff, title="Copyright seminar", countries=["PE"], ip_areas=["copyright"])


def cards(page) -> int:
    return page.locator("#results .card-title a").count()


@pytest.mark.parametrize(("device", "language"), CASES)
def test_search_controls(live_server, browser, activities, device, language):
    phone = device == "phone"
    context = browser.new_context(viewport=MOBILE if phone else DESKTOP, is_mobile=phone,
                                  has_touch=phone)  # fmt: skip
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    watch = Watch(page)
    name = f"search-controls-{device}-{language}"

    # Chinese, French and Arabic words find the English activities; the text is a chip.
    for word in ("专利", "brevet", '"patent drafting"'):
        page.goto(f"{live_server.url}/activities/?q={word}")
        assert cards(page) == 3, word
    assert page.locator(".active-filters a.chip").count() == 1
    page.click("#search-help summary")
    assert page.locator("#search-help kbd").first.is_visible()
    if phone:
        page.click("#filters-details > summary")
    shot(page, f"{name}-help")

    # Type-ahead: the country checkboxes narrow to the name typed, nothing is sent.
    kenya = Country.objects.get(code="KE")
    local = kenya.names.get("zh" if language == "zh-hans" else language) or kenya.name
    url = page.url
    page.fill("#find-country", local[:3])
    visible = page.locator("#facet-country .options li:visible")
    assert 1 <= visible.count() <= 3
    assert visible.filter(has_text=local).count() == 1
    assert page.url == url
    shot(page, f"{name}-typeahead")

    # A chosen country stays, ticked, at 0 when the text leaves it nothing; then the empty
    # result names the filter to remove and how many that gives.
    page.goto(f"{live_server.url}/activities/?q=copyright&country=KE")
    assert page.is_checked("#f-country-ke")
    assert page.locator("label[for=f-country-ke] .count").text_content().strip() in ("0", "\u0660")
    assert cards(page) == 0
    suggestion = page.locator(".suggestions a").first
    assert suggestion.is_visible()
    assert (
        page.evaluate("document.documentElement.scrollWidth")
        <= (MOBILE if phone else DESKTOP)["width"]
    )
    shot(page, f"{name}-empty")
    suggestion.click()
    page.wait_for_selector("#results .card-title a")
    assert "country=KE" in page.url and "q=" not in page.url
    assert watch.problems == []
    context.close()
