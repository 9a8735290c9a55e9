"""The back-office IATI upload in a real browser: choose files, follow the background import on
its page until the report appears, read it, list.

Screenshots (backoffice-iati-*.png) are saved for a person to look at (see support.py).
"""

import pytest
from django.conf import settings
from django.test import Client

from ipdev.core import jobs
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

    assert "is queued" in page.inner_text(".messagelist")
    assert "waiting for the background worker" in page.inner_text("#import-run")
    shot(page, "backoffice-iati-waiting")
    jobs.run_due()  # the worker imports; the page notices within its next poll
    page.locator("text=Read but not kept, per element path").wait_for(timeout=15_000)
    assert page.locator("#import-run[hx-trigger]").count() == 0  # it stopped asking
    report = page.inner_text("#content-main")
    assert "Activities read: 4" in report and "created: 3" in report
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


def test_staff_see_an_interrupted_import_and_a_refused_upload(
    live_server, browser, session_cookie, tmp_path, monkeypatch
):
    """An import whose process was killed says so (also in Arabic on a phone); an upload over
    the size limit is refused with the file named."""
    import subprocess

    from django.utils import timezone

    from ipdev.iati import runs, uploads
    from tests.browser.support import new_page

    child = subprocess.Popen(["true"])
    child.wait()
    run = ImportRun.objects.create(
        files=["killed-midway.xml"],
        process=f"{runs.socket.gethostname()}/{child.pid}/1",
        heartbeat_at=timezone.now(),
    )
    url = f"{live_server.url}/backoffice/iati/importrun/{run.pk}/change/"
    phone = {"width": 360, "height": 740}
    for language, viewport, name in (("en", DESKTOP, "en"), ("ar", phone, "ar-phone")):
        page, watch = new_page(
            browser, live_server.url, viewport=viewport, session=session_cookie, language=language
        )
        page.goto(url)
        notice = page.locator(".errornote")
        assert notice.count() == 1
        if language == "en":
            assert "This import was interrupted" in notice.inner_text()
        shot(page, f"backoffice-iati-interrupted-{name}")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert watch.problems == []
        page.context.close()
    run.refresh_from_db()
    assert run.status == ImportRun.Status.INTERRUPTED

    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    big = tmp_path / "too-big.xml"
    big.write_text(activities_file(*(activity_xml(f"XI-TEST-1-B{n}") for n in range(40))))
    page, watch = new_page(browser, live_server.url, session=session_cookie)
    page.goto(live_server.url + "/backoffice/iati/importrun/upload/")
    page.set_input_files("#id_files", [str(big)])
    page.click("input[type=submit][value=Import]")
    page.wait_for_load_state()
    assert "Refused before it was read to the end" in page.inner_text(".errornote")
    assert "too-big.xml" in page.inner_text(".errornote")
    shot(page, "backoffice-iati-upload-refused")
    page.context.close()
    assert ImportRun.objects.count() == 1
