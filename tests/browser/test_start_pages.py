"""Start pages and forms that help, in a real browser, on a desktop and a phone, in English and
Arabic: staff clear a request from their start page and its count goes down; a focal point's
start page; the request form keeps its letter after an error and warns about the lead time
while the date is chosen."""

import datetime as dt

import pytest

from tests.browser.support import FLAVOURS, SIZES, new_page, session_of, shot
from tests.factories import file_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VARIANTS = [(size, SIZES[size], language) for size, language in FLAVOURS]


def _no_sideways_scroll(page, viewport) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def _count(page, key: str) -> int:
    return int(page.get_attribute(f"#{key} .waiting-number", "data-count"))


@pytest.mark.parametrize(("size", "viewport", "language"), VARIANTS, ids=lambda v: str(v))
def test_staff_clear_a_request_from_their_start_page(
    live_server, browser, focal_point, staff, size, viewport, language
):
    for _ in range(2):
        file_request(focal_point)
    page, watch = new_page(
        browser, live_server.url, viewport=viewport, session=session_of(staff), language=language
    )
    page.goto(live_server.url + "/start/")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert _count(page, "requests_to_decide") == 2
    assert page.inner_text("#waiting-count [aria-hidden]") == "2"  # the header's number
    _no_sideways_scroll(page, viewport)
    shot(page, f"start-staff-{size}-{language}")

    page.click("#requests_to_decide a.waiting-link")
    page.wait_for_url("**/backoffice/work/requests/?mine=1")
    page.click("table.data tbody tr:first-child td:first-child a")
    page.wait_for_url("**/backoffice/work/requests/*/")
    for name in ("formal_request", "addresses_needs", "readiness", "resources"):
        page.check(f"#id_criterion_{name}_0")  # yes
    page.click("#review-form button")
    page.wait_for_selector(".messages")
    page.check("#decision-form input[value=declined]")
    page.fill("#decision-form #id_reason", "Outside the agreed country plan.")
    page.fill("#decision-form #id_consultation_waiver", "No other sector is concerned.")
    with page.expect_navigation():  # the request's page, already showing #request-status
        page.click("#decision-form button")
    page.wait_for_selector("#request-status")
    shot(page, f"start-staff-decided-{size}-{language}")

    page.goto(live_server.url + "/start/")
    assert _count(page, "requests_to_decide") == 1
    assert page.inner_text("#waiting-count [aria-hidden]") == "1"
    shot(page, f"start-staff-after-{size}-{language}")
    assert not watch.problems
    page.context.close()


@pytest.mark.parametrize(("size", "viewport", "language"), VARIANTS, ids=lambda v: str(v))
def test_a_focal_points_start_page(
    live_server, browser, focal_point, staff, size, viewport, language
):
    from tests.factories import make_plan

    file_request(focal_point)
    make_plan(staff, country="KE")
    page, watch = new_page(
        browser,
        live_server.url,
        viewport=viewport,
        session=session_of(focal_point),
        language=language,
    )
    page.goto(live_server.url + "/start/")
    assert _count(page, "own_requests_submitted") == 1
    assert _count(page, "plans_to_validate") == 1
    assert page.inner_text("#waiting-count [aria-hidden]") == "1"
    _no_sideways_scroll(page, viewport)
    shot(page, f"start-focal-{size}-{language}")
    page.click("#own_requests_submitted a.waiting-link")
    page.wait_for_url("**/backoffice/work/requests/?status=submitted")
    assert page.locator("table.data tbody tr").count() == 1
    assert not watch.problems
    page.context.close()


@pytest.mark.parametrize(("size", "viewport", "language"), VARIANTS, ids=lambda v: str(v))
def test_the_request_form_keeps_the_letter_and_warns_about_the_lead_time(
    live_server, browser, focal_point, tmp_path, size, viewport, language
):
    letter = tmp_path / "letter-of-request.pdf"
    letter.write_bytes(b"%PDF-1.4\nThe Ministry requests the assistance of WIPO.\n")
    soon = dt.date.today() + dt.timedelta(days=60)
    later = dt.date.today() + dt.timedelta(days=230)
    page, watch = new_page(
        browser,
        live_server.url,
        viewport=viewport,
        session=session_of(focal_point),
        language=language,
    )
    page.goto(live_server.url + "/backoffice/work/requests/new/")
    assert page.input_value("#id_country") == "KE"  # the only country, preselected
    warning = page.locator("#id_preferred_start_lead")
    assert warning.inner_text() == "" and not warning.is_visible()

    page.fill("#id_preferred_start", soon.isoformat())  # while the date is chosen
    assert warning.is_visible() and warning.inner_text().strip()
    assert page.get_attribute("#id_preferred_start", "aria-describedby").endswith(
        "id_preferred_start_lead"
    )
    shot(page, f"request-lead-warning-{size}-{language}", whole=False)
    page.fill("#id_preferred_start", later.isoformat())
    assert not warning.is_visible()
    page.fill("#id_preferred_start", soon.isoformat())

    page.fill("#id_institution", "Kenya Industrial Property Institute")
    page.fill("#id_title", "Training of patent examiners")
    page.select_option("#id_assistance_type", "capacity-building")
    page.fill("#id_expected_outcome", "Twenty examiners search prior art on their own.")
    page.fill("#id_beneficiaries_number", "20")
    page.set_input_files("#id_letter", str(letter))
    # Loaded: portal.js (which focuses the summary) has run and the width has its styles.
    with page.expect_navigation():
        page.click("form.work-form button[type=submit]")  # the purpose and profile are missing
    page.wait_for_selector(".error-summary")
    assert page.locator("#id_purpose_error").is_visible()
    assert page.locator("#id_beneficiaries_profile_error").is_visible()
    assert "letter-of-request.pdf" in page.inner_text("#id_letter_held")
    assert page.evaluate("document.activeElement.matches('.error-summary')")
    _no_sideways_scroll(page, viewport)
    shot(page, f"request-form-kept-letter-{size}-{language}")

    page.fill("#id_purpose", "Reduce the examination backlog.")
    page.fill("#id_beneficiaries_profile", "New examiners with science degrees.")
    # The address of the refused form (…/requests/new/) matches the pattern too.
    with page.expect_navigation():
        page.click("form.work-form button[type=submit]")  # no file chosen again: the kept one
    page.wait_for_url("**/backoffice/work/requests/*/")
    assert page.locator("#request-status").is_visible()
    shot(page, f"request-filed-kept-letter-{size}-{language}")
    from ipdev.planning.models import AssistanceRequest

    filed = AssistanceRequest.objects.get()
    assert filed.letter.read().startswith(b"%PDF-1.4\nThe Ministry")
    assert not watch.problems
    page.context.close()
