"""WIPO Match suggestions as people see them, on a desktop and a phone, in English and Arabic:
each reason on its own line in the reader's language, matching words as written, and an offer
of another type of support labelled as such. Screenshots are saved to be looked at."""

import pytest

from ipdev.matchmaking import services
from tests.browser.support import DESKTOP, MOBILE, new_page, session_of, set_language, shot
from tests.factories import need_fields, offer_fields, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": DESKTOP, "mobile": MOBILE}


@pytest.fixture
def need(focal_point, staff, provider):
    """A published need, an offer of its type and one of another type in French."""
    published(services.offer_create(user=provider, data=offer_fields()), staff)
    published(
        services.offer_create(
            user=provider,
            data=offer_fields(
                title="Financement de la formation des examinateurs de brevets",
                description="Bourses pour former les examinateurs de brevets.",
                text_language="fr",
                translations={
                    "en": {
                        "title": "Funds to train patent examiners",
                        "description": "Grants to train patent examiners in examination.",
                    }
                },
                support_types=["financial"],
                ip_areas=["ip-information"],
            ),
        ),
        staff,
    )
    return published(services.need_create(user=focal_point, data=need_fields()), staff)


@pytest.mark.parametrize("size", SIZES)
def test_suggestions_say_why_and_label_another_type_of_support(
    live_server, browser, need, focal_point, size
):
    page, watch = new_page(
        browser, live_server.url, viewport=SIZES[size], session=session_of(focal_point)
    )
    for language in ("en", "ar"):
        set_language(page, live_server.url, language)
        for path in (f"/match/needs/{need.pk}/", f"/workspace/needs/{need.pk}/"):
            page.goto(live_server.url + path)
            cards = page.locator(".suggestion")
            assert cards.count() == 2
            first, other = cards.nth(0), cards.nth(1)
            assert first.locator(".support-label").count() == 0
            if language == "en":  # the French offer's English title
                assert other.locator("h3").inner_text() == "Funds to train patent examiners"
            label = other.locator(".support-label")
            assert label.is_visible()
            reasons = other.locator(".why li").all_inner_texts()
            if language == "en":
                assert first.locator(".why li").first.inner_text() == "Shared IP areas: Patents"
                assert label.inner_text() == "Another type of support: Financial"
                assert "Related IP areas: Patent information and TISCs" in reasons
                assert any(r.startswith("Matching words: ") for r in reasons)
                assert "Another type of support: offered Financial; asked for Technical" in reasons
            else:
                assert label.inner_text() == "نوع آخر من الدعم: مالي"
                assert (
                    first.locator(".why li")
                    .first.inner_text()
                    .startswith("مجالات الملكية الفكرية المشتركة")
                )
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size]["width"], f"{path} {language}: {width} px wide"
            where = "portal" if path.startswith("/match") else "workspace"
            shot(page, f"match-suggestions-{where}-{size}-{language}", whole=True)
    assert watch.problems == []
    page.context.close()


def test_a_seeker_writes_a_need_in_french_with_an_english_translation(
    live_server, browser, focal_point
):
    page, watch = new_page(browser, live_server.url, session=session_of(focal_point))
    page.goto(live_server.url + "/workspace/needs/new/")
    page.fill("#id_title", "Formation des examinateurs de brevets")
    page.fill("#id_description", "Nos examinateurs ont besoin d'une formation à l'examen.")
    page.select_option("#id_text_language", "fr")
    page.click("details.translations > summary")
    page.fill("#id_title_en", "Training patent examiners")
    page.fill("#id_description_en", "Our examiners need training in examination.")
    page.get_by_label("Technical", exact=True).check()
    page.select_option("#id_country", "KE")
    shot(page, "match-need-form-translations", whole=True)
    # The form's own address (…/needs/new/) matches the pattern too.
    with page.expect_navigation():
        page.click("button:has-text('Save draft')")
    page.wait_for_url("**/workspace/needs/*/")
    assert page.inner_text("h1") == "Training patent examiners"
    set_language(page, live_server.url, "ar")
    page.reload()
    assert page.inner_text("h1") == "Formation des examinateurs de brevets"
    assert page.locator("#translation-note").is_visible()
    shot(page, "match-need-french-in-arabic")
    assert watch.problems == []
    page.context.close()
