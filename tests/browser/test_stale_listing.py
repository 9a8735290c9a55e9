"""A stale need form in a real browser: the seeker edits a need that a member of staff changed
after the page was opened; the save is refused, nothing is written, and the page says what the
other person changed. Screenshots are saved for a person to look at (see support.py)."""

import pytest

from ipdev.matchmaking import services
from ipdev.matchmaking.models import Need
from tests.browser.support import axe_violations, new_page, session_of, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEED = {
    "title": "Help for our GI registry",
    "description": "Our office wants to set up the registration of geographical indications.",
    "support_types": ["technical"],
    "ip_areas": ["geographical-indications"],
    "country": "KE",
}


def test_a_stale_need_form_is_refused_and_says_what_changed(
    live_server, browser, focal_point, staff
):
    need = services.need_create(user=focal_point, data=NEED)
    page, watch = new_page(browser, live_server.url, session=session_of(focal_point))
    page.goto(f"{live_server.url}/workspace/needs/{need.pk}/edit/")
    services.listing_update(
        user=staff, listing=need, data={"title": "Help for our GI and trademark registries"}
    )
    page.fill("#id_budget", "5000")
    page.click("button:has-text('Save draft')")
    page.wait_for_load_state()
    summary = page.locator("[data-error-summary]")
    text = summary.inner_text()
    assert "your changes were not saved" in text and "sam.staff" in text
    assert "Title: “Help for our GI registry” → “Help for our GI and trademark registries”" in text
    assert "Your change, to make again: Estimated budget: “5000”" in text
    shot(page, "stale-need-form")
    assert axe_violations(page) == []
    # The refused form comes back as 400 Bad Request, which Chromium logs; nothing else may be.
    assert [p for p in watch.problems if "status of 400" not in p] == []
    need.refresh_from_db()
    assert need.budget is None and need.title == "Help for our GI and trademark registries"
    assert Need.objects.count() == 1
    page.context.close()
