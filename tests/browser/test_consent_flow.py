"""Consent in a real browser, on a desktop and a phone, in English and in Arabic.

The focal point gives consent from the activity page (after a preview), the public then sees
those details; the focal point revokes it and they disappear. A visitor asks for withheld
details (a bad address first: a field error, nothing written), the focal point grants them.
Two members of staff edit the same activity: the second, stale, save is refused.
"""

import pytest

from ipdev.activities.models import Activity, Consent, DetailsRequest
from tests.browser.support import FLAVOURS, SIZES, axe_violations, new_page, session_of, shot
from tests.factories import UserFactory, make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "Drafting exercises with the national office, day by day."


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, title="Patent drafting workshop", description=SECRET)


def open_page(browser, live_server, user, size, language):
    session = session_of(user) if user is not None else None
    return new_page(
        browser, live_server.url, viewport=SIZES[size], session=session, language=language
    )


def fits(page, size) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= SIZES[size]["width"], f"scrolls sideways: {width} px"


def public_text(browser, live_server, activity, size, language) -> str:
    page, watch = open_page(browser, live_server, None, size, language)
    page.goto(f"{live_server.url}/activities/{activity.pk}/")
    text = page.inner_text("main")
    shot(page, f"consent-public-{size}-{language}-{Consent.objects.count()}")
    assert not watch.problems
    page.context.close()
    return text


@pytest.mark.parametrize(("size", "language"), FLAVOURS)
def test_focal_point_gives_then_revokes_consent_from_the_activity_page(
    live_server, browser, focal_point, activity, size, language
):
    assert SECRET not in public_text(browser, live_server, activity, size, language)

    page, watch = open_page(browser, live_server, focal_point, size, language)
    page.goto(f"{live_server.url}/activities/{activity.pk}/")
    panel = page.locator("#consent-panel")
    assert panel.locator("[data-group=narrative].is-withheld").count() == 1
    fits(page, size)
    assert axe_violations(page) == []
    shot(page, f"consent-panel-{size}-{language}")
    page.check("#consent-form input[name=groups][value=narrative]")
    page.fill("#consent-reference", "Letter MIT/2026/17")
    # The click waits only until the next page starts; its width and axe need it loaded.
    with page.expect_navigation():
        page.click("#consent-form button[type=submit]")
    page.wait_for_selector("#public-preview")
    assert SECRET in page.inner_text("#public-preview")
    assert "Letter MIT/2026/17" in page.inner_text("main")
    assert not Consent.objects.exists()  # a preview records nothing
    fits(page, size)
    assert axe_violations(page) == []
    shot(page, f"consent-preview-{size}-{language}")
    page.click("#consent-confirm button[type=submit]")
    page.wait_for_url(f"**/activities/{activity.pk}/")
    assert page.locator("ul.messages").count() == 1
    assert panel.locator("[data-group=narrative].is-public").count() == 1
    shot(page, f"consent-given-{size}-{language}")

    assert SECRET in public_text(browser, live_server, activity, size, language)

    consent = Consent.objects.get()
    page.click(f"#consent-{consent.pk} summary")
    page.fill(f"#revoke-reason-{consent.pk}", "The ministry withdrew its letter.")
    shot(page, f"consent-revoke-{size}-{language}")
    # The page already shows a message (of the consent given): wait for the next page.
    with page.expect_navigation():
        page.click(f"#consent-{consent.pk} button[type=submit]")
    page.wait_for_selector("ul.messages")
    assert panel.locator("[data-group=narrative].is-withheld").count() == 1
    assert not watch.problems
    page.context.close()

    assert SECRET not in public_text(browser, live_server, activity, size, language)
    consent.refresh_from_db()
    assert consent.revoke_reason == "The ministry withdrew its letter."


@pytest.mark.parametrize(("size", "language"), FLAVOURS)
def test_a_visitor_asks_for_details_and_the_focal_point_grants_them(
    live_server, browser, focal_point, activity, size, language
):
    page, watch = open_page(browser, live_server, None, size, language)
    page.goto(f"{live_server.url}/activities/{activity.pk}/")
    page.click("#request-details-link")
    page.wait_for_selector("#details-request-form")
    page.check("#details-request-form input[name=groups][value=narrative]")
    page.fill("#id_reason", "A study of patent training programmes in East Africa.")
    page.fill("#id_email", "not an address")
    # Loaded, so that the width and axe see the page styled and Chromium's report of the 400
    # has come before the problems are cleared.
    with page.expect_navigation():
        page.click("#details-request-form button[type=submit]")
    page.wait_for_selector("#id_email_error")
    assert not DetailsRequest.objects.exists()
    fits(page, size)
    assert axe_violations(page) == []
    shot(page, f"details-request-error-{size}-{language}")
    # The refused form comes back as 400 Bad Request, which Chromium logs; nothing else may be.
    assert all("status of 400" in p for p in watch.problems)
    watch.problems.clear()
    page.fill("#id_email", "rita@example.org")
    page.click("#details-request-form button[type=submit]")
    page.wait_for_selector("#request-sent")
    shot(page, f"details-request-sent-{size}-{language}")
    assert not watch.problems
    page.context.close()

    filed = DetailsRequest.objects.get()
    page, watch = open_page(browser, live_server, focal_point, size, language)
    page.goto(f"{live_server.url}/backoffice/work/details-requests/")
    fits(page, size)
    with page.expect_navigation():  # loaded: its width and axe need the styles
        page.click(f"a[href$='/backoffice/work/details-requests/{filed.pk}/']")
    page.wait_for_selector("#grant-form")
    fits(page, size)
    assert axe_violations(page) == []
    shot(page, f"details-request-decide-{size}-{language}")
    page.click("#grant-form button[type=submit]")
    page.wait_for_selector("ul.messages")
    assert page.locator("#grant-form").count() == 0
    shot(page, f"details-request-granted-{size}-{language}")
    assert not watch.problems
    page.context.close()

    filed.refresh_from_db()
    assert filed.status == "granted"
    assert SECRET in public_text(browser, live_server, activity, size, language)


@pytest.mark.parametrize(("size", "language"), FLAVOURS)
def test_a_stale_edit_in_the_back_office_is_refused(
    live_server, browser, staff, activity, size, language
):
    colleague = UserFactory(username="cleo.colleague", role="staff", is_staff=True)
    url = f"{live_server.url}/backoffice/activities/activity/{activity.pk}/change/"
    mine, my_watch = open_page(browser, live_server, staff, size, language)
    theirs, their_watch = open_page(browser, live_server, colleague, size, language)
    mine.goto(url)
    theirs.goto(url)
    theirs.fill("#id_title", "Patent claims workshop")
    theirs.click("input[name=_continue]")
    theirs.wait_for_selector(".messagelist")
    mine.fill("#id_summary", "For examiners of the national office.")
    mine.click("input[name=_continue]")
    mine.wait_for_selector(".errornote")
    text = mine.inner_text("#content")
    if language == "en":
        assert "your changes were not saved" in text
        assert "again: Reporting org" not in text  # only what was really changed
    assert "cleo.colleague" in text and "Patent claims workshop" in text
    assert "For examiners of the national office." in text
    shot(mine, f"stale-edit-refused-{size}-{language}")
    activity.refresh_from_db()
    assert activity.title == "Patent claims workshop"
    assert activity.summary != "For examiners of the national office."
    assert Activity.objects.count() == 1
    assert not my_watch.problems and not their_watch.problems
    mine.context.close()
    theirs.context.close()
