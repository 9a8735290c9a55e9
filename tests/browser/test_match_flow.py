"""WIPO Match in a real browser: a seeker submits a need, staff publish it, a suggestion leads
to a match that both sides agree to, and the public sees the success. Screenshots are saved
for a person to look at (see support.py)."""

import pytest

from ipdev.matchmaking import services
from tests.browser.support import new_page, session_of, shot
from tests.factories import make_consultant, offer_fields, published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(focal_point, staff, provider):
    """A published offer, and the three people's sessions."""
    offer = published(services.offer_create(user=provider, data=offer_fields()), staff)
    make_consultant(staff=staff, name="Amina Diallo")
    return {
        "offer": offer.pk,
        "seeker": session_of(focal_point),
        "staff": session_of(staff),
        "provider": session_of(provider),
    }


def page_as(browser, live_server, session: str | None):
    return new_page(browser, live_server.url, session=session)


def test_a_need_is_submitted_published_suggested_and_agreed(live_server, browser, world):
    seeker, seeker_watch = page_as(browser, live_server, world["seeker"])
    seeker.goto(live_server.url + "/workspace/needs/new/")
    seeker.fill("#id_title", "Training our patent examiners")
    seeker.fill("#id_description", "Our examiners need training in patent search and examination.")
    seeker.get_by_label("Technical", exact=True).check()
    seeker.get_by_label("Patents", exact=True).check()
    seeker.get_by_label("English", exact=True).check()
    seeker.select_option("#id_country", "KE")
    seeker.fill("#id_contact_email", "wanjiru@kipi.example")
    shot(seeker, "match-need-form")
    seeker.click("button:has-text('Save draft')")
    seeker.wait_for_url("**/workspace/needs/*/")
    assert seeker.inner_text("#state") == "Draft"
    # Each action answers with the same page, which already has the #state read next.
    with seeker.expect_navigation():
        seeker.click("button:has-text('Submit to WIPO')")
    assert seeker.inner_text("#state") == "Submitted for assessment"
    need_url = seeker.url

    wipo, wipo_watch = page_as(browser, live_server, world["staff"])
    wipo.goto(live_server.url + "/workspace/")
    wipo.click("text=Training our patent examiners")
    wipo.fill("#id_comment", "Clear need; published.")
    shot(wipo, "match-assessment")
    with wipo.expect_navigation():
        wipo.click("button:has-text('Publish')")
    assert wipo.inner_text("#state") == "Published"

    seeker.goto(need_url)
    assert seeker.locator("text=Experts for patent examination training").count() == 1
    assert seeker.locator(".why li").first.inner_text() == "Shared IP areas: Patents"
    shot(seeker, "match-suggestions")
    seeker.click("button:has-text('Propose a match')")
    seeker.wait_for_url("**/workspace/matches/*/")
    match_url = seeker.url
    assert seeker.inner_text("#match-state") == "Proposed"
    seeker.fill("#id_note", "Two training missions in 2026.")
    with seeker.expect_navigation():
        seeker.click("button:has-text('Agree (as the seeker)')")

    donor, donor_watch = page_as(browser, live_server, world["provider"])
    donor.goto(match_url)
    assert "wanjiru@kipi.example" not in donor.content()  # not in contact yet
    with donor.expect_navigation():
        donor.click("button:has-text('Agree (as the provider)')")
    assert donor.inner_text("#match-state") == "Agreed"
    shot(donor, "match-agreed")

    public, public_watch = page_as(browser, live_server, None)
    public.goto(live_server.url + "/match/matches/")
    assert public.locator("text=Training our patent examiners").count() == 1
    assert "wanjiru@kipi.example" not in public.content()
    shot(public, "match-successes")
    public.goto(live_server.url + "/consultants/")
    assert public.locator("text=Amina Diallo").count() == 1
    shot(public, "roster")
    for watch in (seeker_watch, wipo_watch, donor_watch, public_watch):
        assert watch.problems == []
    for page in (seeker, wipo, donor, public):
        page.context.close()
