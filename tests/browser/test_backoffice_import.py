"""The back-office IATI upload in a real browser: choose files, import, read the report, list.

Screenshots (backoffice-iati-*.png) are saved for a person to look at (see support.py).
"""

import pytest
from django.conf import settings
from django.test import Client

from ipdev.iati.models import ImportRun
from tests.browser.support import DESKTOP, Watch, shot
from tests.iati.conftest import activities_file, activity_xml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def files(tmp_path):
    broken = activity_xml("").replace("<iati-identifier></iati-identifier>", "")
    extra = (
        '<recipient-country code="ZZ" percentage="100"/>'
        '<transaction><transaction-type code="3"/></transaction>'
    )
    good = tmp_path / "kenya-ngo.xml"
    good.write_text(activities_file(activity_xml("XI-TEST-1-K1"), activity_xml("XI-TEST-1-K2")))
    troubled = tmp_path / "troubled-publisher.xml"
    troubled.write_text(activities_file(activity_xml("XI-TEST-1-T1", extra=extra), broken))
    return [good, troubled]


@pytest.fixture
def session_cookie(staff):
    client = Client()
    client.force_login(staff)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_staff_upload_iati_files_and_read_the_report(live_server, browser, session_cookie, files):
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_cookie, "url": live_server.url}]
    )
    page = context.new_page()
    watch = Watch(page)

    page.goto(live_server.url + "/backoffice/iati/importrun/")
    page.click("text=Upload IATI files")
    page.wait_for_url("**/backoffice/iati/importrun/upload/")
    assert page.is_checked("#id_schema_check")
    page.set_input_files("#id_files", [str(f) for f in files])
    shot(page, "backoffice-iati-upload")
    page.click("input[type=submit][value=Import]")
    page.wait_for_url("**/backoffice/iati/importrun/*/change/")

    assert "4 activities read, 3 created" in page.inner_text(".messagelist")
    report = page.inner_text("#content-main")
    assert "kenya-ngo.xml" in report and "troubled-publisher.xml" in report
    assert "Unknown country code 'ZZ'" in report
    assert page.locator("td.critical").count() >= 1
    assert page.locator("text=Read but not kept, per element path").count() == 1
    shot(page, "backoffice-iati-report")

    page.click(".breadcrumbs >> text=Import runs")
    page.wait_for_url("**/backoffice/iati/importrun/")
    assert page.locator("#result_list tbody tr").count() == 1
    shot(page, "backoffice-iati-list")
    assert watch.problems == []
    context.close()
    assert ImportRun.objects.get().created == 3
