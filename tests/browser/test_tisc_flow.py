"""A TISC report in a real browser: the coordinator files it with the form (desktop, English)
and with the spreadsheet (phone, Arabic), staff return one with a comment and approve the
other (desktop Arabic, phone English)."""

import io

import pytest
from openpyxl import load_workbook

from ipdev.accounts.models import Role
from ipdev.tisc import spreadsheet
from ipdev.tisc.models import Report
from tests.browser.support import DESKTOP, MOBILE, new_page, session_of, shot
from tests.factories import UserFactory
from tests.tisc.conftest import figures, make_network

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def setup(live_server, browser, staff):
    coordinator = UserFactory(username="kim.coordinator", role=Role.PUBLIC)
    network = make_network(staff, "KE", coordinator)
    sessions = {"coordinator": session_of(coordinator), "staff": session_of(staff)}
    return browser, sessions, network, live_server.url


def _no_width_overflow(page, viewport) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_coordinator_files_with_the_form_and_staff_return_it(setup):
    browser, sessions, network, base = setup
    page, watch = new_page(browser, base, session=sessions["coordinator"], viewport=DESKTOP)
    page.goto(f"{base}/workspace/tisc/networks/{network.pk}/")
    page.click("text=File the next report")
    page.wait_for_selector("#form-heading")
    page.fill("#id_counts__inquiry_type__patent_search", "7")
    page.fill("#id_counts__inquiry_user__smes", "6")  # 6 by user, 7 by type: refused
    page.fill("#id_events__training__events", "1")
    page.fill("#id_events__training__women", "12")
    page.fill("#id_events__training__men", "9")
    page.select_option("#id_training__0__course", "DL177")
    page.select_option("#id_training__0__language", "sw")
    page.fill("#id_training__0__women", "2")
    page.fill("#id_stories__0__title", "A solar dryer")
    page.fill("#id_stories__0__text", "A cooperative licensed its dryer.")
    page.check("#id_stories__0__public")
    # Loaded: portal.js focuses the error summary when it runs, which must come before the
    # click on its link below; and Chromium's report of the 400 before the problems are cleared.
    with page.expect_navigation():
        page.click("text=Save draft")
    # The two totals differ: the error belongs to the group, named by it, not to its first field.
    page.wait_for_selector("#counts__inquiry_user_error")
    assert "same total" in page.inner_text("#counts__inquiry_user_error")
    summary = page.inner_text("[data-error-summary]")
    assert "Inquiries by user category add up to 6" in summary
    assert "Individual inventors" not in summary
    assert page.locator("#id_counts__inquiry_user__inventors_error").count() == 0
    page.click("[data-error-summary] a")
    assert page.evaluate("document.activeElement.id") == "id_counts__inquiry_user__inventors"
    shot(page, "tisc-form-error-desktop-en")
    watch.problems.clear()  # the refused form is not an error of the page
    page.fill("#id_counts__inquiry_user__smes", "7")
    page.click("text=Save draft")
    page.wait_for_selector("#report-status")
    assert "Draft" in page.inner_text("#report-status")
    with page.expect_navigation():  # loaded: the width is measured with the styles
        page.click("text=Submit to WIPO")
    page.wait_for_selector("text=The report is sent to WIPO for review.")
    assert "Submitted" in page.inner_text("#report-status")
    shot(page, "tisc-report-submitted-desktop-en")
    _no_width_overflow(page, DESKTOP)
    assert not watch.problems
    page.context.close()

    report = Report.objects.get()
    page, watch = new_page(browser, base, session=sessions["staff"], viewport=MOBILE)
    page.goto(f"{base}/workspace/tisc/")
    page.click("#review-heading ~ ul a")
    page.fill("#id_comment", "Please give the inquiries of students separately.")
    with page.expect_navigation():  # loaded: the width is measured with the styles
        page.click("text=Return for revision")
    page.wait_for_selector("text=The report is returned to the coordinator.")
    shot(page, "tisc-report-returned-mobile-en")
    _no_width_overflow(page, MOBILE)
    report.refresh_from_db()
    assert report.status == "returned"
    assert not watch.problems
    page.context.close()


def test_coordinator_uploads_the_spreadsheet_and_staff_approve_in_arabic(setup, tmp_path):
    browser, sessions, network, base = setup
    page, watch = new_page(browser, base, session=sessions["coordinator"], viewport=MOBILE,
                           language="ar", accept_downloads=True)  # fmt: skip
    page.goto(f"{base}/workspace/tisc/networks/{network.pk}/reports/2025/0/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    with page.expect_download() as download:
        page.click("a[href$='/reports/2025/0/template.xlsx']")
    path = tmp_path / "template.xlsx"
    download.value.save_as(path)
    content = spreadsheet.template(network_id=network.pk, network_name=network.name, year=2025,
                                   quarter=0, data=figures())  # fmt: skip
    # The downloaded template is this period's: fill it as a person would.
    wb = load_workbook(path)
    filled = load_workbook(io.BytesIO(content))
    for ws in filled.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                wb[ws.title][cell.coordinate] = cell.value
    wb["Training"]["C2"] = "=1+1"  # a formula: refused, with its cell named
    wb.save(path)
    page.set_input_files("#id_file", str(path))
    # Loaded: the width is measured with the styles, and Chromium's report of the 400 has come
    # before the problems are cleared.
    with page.expect_navigation():
        page.click("#sheet-heading ~ form button")
    page.wait_for_selector("#upload-errors")
    assert "C" in page.inner_text("#upload-errors") and "Training" in page.inner_text(
        "#upload-errors"
    )
    shot(page, "tisc-upload-error-mobile-ar")
    _no_width_overflow(page, MOBILE)
    assert not Report.objects.exists()
    watch.problems.clear()  # the refused upload is answered with a 400
    wb["Training"]["C2"] = 3
    wb.save(path)
    page.set_input_files("#id_file", str(path))
    page.click("#sheet-heading ~ form button")
    page.wait_for_selector("#report-status")
    report = Report.objects.get()
    assert services_data(report)["training"][0]["women"] == 3
    with page.expect_navigation():  # the report's page, already showing #report-status
        page.click("form[action$='/submit/'] button")
    page.wait_for_selector("#report-status")
    shot(page, "tisc-report-uploaded-mobile-ar")
    assert not watch.problems
    page.context.close()

    page, watch = new_page(browser, base, session=sessions["staff"], viewport=DESKTOP,
                           language="ar")  # fmt: skip
    page.goto(f"{base}/workspace/tisc/reports/{report.pk}/")
    with page.expect_navigation():  # the report's page, already showing #report-status
        page.click("form[action$='/approve/'] button")
    page.wait_for_selector("#report-status")
    report.refresh_from_db()
    assert report.status == "approved"
    shot(page, "tisc-report-approved-desktop-ar")
    _no_width_overflow(page, DESKTOP)
    assert not watch.problems
    page.context.close()
    # The public now sees its success story.
    page, watch = new_page(browser, base)
    page.goto(f"{base}/tisc/success-stories/")
    assert "A dryer" in page.inner_text("main")
    page.context.close()


def services_data(report):
    from ipdev.tisc.services import report_data

    return report_data(report)
