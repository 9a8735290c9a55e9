"""A request in a real browser: a focal point files it with the letter, staff review and approve
it, the planned activity appears, and the focal point reads the decision and its reason."""

import datetime as dt

import pytest

from tests.browser.support import new_page, session_of, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sessions(focal_point, staff):
    return {"focal": session_of(focal_point), "staff": session_of(staff)}


def test_request_decision_activity(live_server, browser, sessions, tmp_path):
    def _page(browser, who):
        return new_page(browser, live_server.url, session=sessions[who])

    letter = tmp_path / "letter-of-request.pdf"
    letter.write_bytes(b"%PDF-1.4\nThe Ministry requests the assistance of WIPO.\n")
    start = dt.date.today() + dt.timedelta(days=60)

    page, watch = _page(browser, "focal")
    page.goto(live_server.url + "/backoffice/work/requests/new/")
    page.select_option("#id_country", "KE")
    page.fill("#id_institution", "Kenya Industrial Property Institute")
    page.fill("#id_title", "Training of patent examiners")
    page.select_option("#id_assistance_type", "capacity-building")
    page.select_option("#id_delivery_mode", "workshop")
    page.fill("#id_purpose", "Reduce the examination backlog.")
    page.fill("#id_expected_outcome", "Twenty examiners search prior art on their own.")
    page.fill("#id_beneficiaries_number", "20")
    page.fill("#id_beneficiaries_profile", "New examiners with science degrees.")
    page.fill("#id_preferred_start", start.isoformat())
    page.click("form.work-form button[type=submit]")
    # Without the letter the form comes back with the error on the letter.
    assert "Attach the official letter" in page.inner_text("#id_letter_error")
    shot(page, "request-form-error")
    page.set_input_files("#id_letter", str(letter))
    page.fill("#id_preferred_start", start.isoformat())
    # The address of the refused form (…/requests/new/) matches the pattern too.
    with page.expect_navigation():
        page.click("form.work-form button[type=submit]")
    page.wait_for_url("**/backoffice/work/requests/*/")
    request_url = page.url
    assert page.inner_text("#request-status") == "Submitted"
    assert "less than five months away" in page.inner_text("main")
    shot(page, "request-filed")
    assert not watch.problems

    page, watch = _page(browser, "staff")
    page.goto(live_server.url + "/backoffice/work/requests/?mine=1")
    assert "short notice" in page.inner_text("main")
    page.click("table.data tbody tr:first-child td:first-child a")
    page.wait_for_url(request_url)
    for name in ("formal_request", "addresses_needs", "readiness", "resources"):
        page.check(f"#id_criterion_{name}_0")  # yes
    page.fill("#review-form textarea", "Matches the 2026-2027 country plan.")
    page.click("#review-form button")
    page.wait_for_selector("text=The review was saved.")
    page.select_option("#consultation-form #id_unit", "academy")
    page.fill("#consultation-form #id_consulted_on", dt.date.today().isoformat())
    page.fill("#consultation-form #id_summary", "The Academy will send two trainers.")
    page.click("#consultation-form button")
    page.wait_for_selector("text=The consultation was recorded.")
    page.check("#decision-form input[value=approved]")
    page.fill("#decision-form #id_reason", "Part of the agreed country plan; trainers available.")
    assert page.is_visible("#no-framework-note")
    page.fill("#decision-form #id_no_framework_reason", "Kenya's plan is still being drafted.")
    # A planned activity has its time frame: the start comes from the request, the end is given.
    page.fill("#decision-form #id_end_date", (start + dt.timedelta(days=4)).isoformat())
    shot(page, "request-review")
    page.click("#decision-form button")
    page.wait_for_selector("text=Decision recorded")
    assert page.inner_text("#request-status") == "Approved"
    page.click("#planned-activity")
    page.wait_for_url("**/activities/*/")
    assert page.locator("h1").inner_text() == "Training of patent examiners"
    assert "Planned" in page.inner_text("main")
    shot(page, "request-activity")
    assert not watch.problems

    page, watch = _page(browser, "focal")
    page.goto(request_url)
    assert "trainers available" in page.inner_text("#decision-reason")
    assert "Approval criteria" not in page.inner_text("main")
    shot(page, "request-decided-focal")
    assert not watch.problems


def test_request_form_warns_while_a_date_is_chosen_and_refuses_a_past_one(
    live_server, browser, sessions, tmp_path
):
    """The lead-time warning appears while the date is chosen; a past date is flagged at once
    and, if filed anyway, refused on the field by the server."""
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\nThe Ministry requests the assistance of WIPO.\n")
    page, watch = new_page(browser, live_server.url, session=sessions["focal"])
    page.goto(live_server.url + "/backoffice/work/requests/new/")
    note = page.locator("#id_preferred_start_lead")
    assert note.inner_text() == ""
    soon = dt.date.today() + dt.timedelta(days=40)
    page.fill("#id_preferred_start", soon.isoformat())
    assert "less than five months away" in note.inner_text()
    shot(page, "request-lead-warning", whole=False)
    later = dt.date.today() + dt.timedelta(days=220)
    page.fill("#id_preferred_start", later.isoformat())
    assert note.inner_text() == ""
    past = dt.date.today() - dt.timedelta(days=2)
    page.fill("#id_preferred_start", past.isoformat())
    assert "already past" in note.inner_text()
    shot(page, "request-past-warning", whole=False)
    page.select_option("#id_country", "KE")
    page.fill("#id_institution", "Kenya Industrial Property Institute")
    page.fill("#id_title", "Training of patent examiners")
    page.select_option("#id_assistance_type", "capacity-building")
    page.fill("#id_purpose", "Reduce the examination backlog.")
    page.fill("#id_expected_outcome", "Twenty examiners search prior art on their own.")
    page.fill("#id_beneficiaries_number", "20")
    page.fill("#id_beneficiaries_profile", "New examiners with science degrees.")
    page.set_input_files("#id_letter", str(letter))
    page.click("form.work-form button[type=submit]")
    page.wait_for_selector("#id_preferred_start_error")
    assert "already past" in page.inner_text("#id_preferred_start_error")
    assert "/requests/new/" in page.url
    shot(page, "request-past-refused")
    assert not watch.problems
