"""A large download in a real browser: the search page's link opens "Preparing your download",
which turns into a link to the file once the background job has written it (htmx asks for the
page again), on a desktop in English and on a phone in Arabic. Screenshots
(prepared-download-*.png) are saved for a person to look at."""

import csv
import datetime as dt
import io
import itertools
from pathlib import Path

import pytest

from ipdev.activities.models import ExportFile
from ipdev.core import jobs
from tests.browser.support import DESKTOP, MOBILE, new_page, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def activities(staff, settings):
    settings.IPDEV_EXPORT_BACKGROUND_ROWS = 2  # three activities are "large" here
    return [
        make_activity(
            user=staff,
            title=f"Patent drafting workshop {n + 1}",
            countries=["KE"],
            start_date=dt.date(2024, 3, 5 + n),
            end_date=dt.date(2024, 3, 7 + n),
        )
        for n in range(3)
    ]


@pytest.mark.parametrize(
    ("viewport", "language"), [(DESKTOP, "en"), (MOBILE, "ar")], ids=["desktop-en", "phone-ar"]
)
def test_preparing_your_download_turns_into_a_link_to_the_file(
    live_server, browser, activities, viewport, language
):
    name = f"{'desktop' if viewport is DESKTOP else 'phone'}-{language}"
    page, watch = new_page(
        browser, live_server.url, viewport=viewport, language=language, accept_downloads=True
    )
    page.goto(live_server.url + "/activities/?country=KE")
    page.click("#results .downloads a[href*='download.csv']")
    page.wait_for_url("**/downloads/*/")
    assert page.locator("#prepared[hx-trigger]").count() == 1
    if language == "en":
        assert page.inner_text("h1") == "Preparing your download"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, f"prepared-download-waiting-{name}", whole=False)

    jobs.run_due()  # the worker writes the file; the page notices within its next poll
    link = page.locator("#download-file")
    link.wait_for(timeout=15_000)
    assert page.locator("#prepared[hx-trigger]").count() == 0  # it stopped asking
    if language == "en":
        assert page.inner_text("h1") == "Your download is ready"
        assert "The file holds 3 activities (CSV" in page.inner_text("#prepared")
    shot(page, f"prepared-download-ready-{name}", whole=False)

    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename.startswith("ipdev-activities-")
    body = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(itertools.dropwhile(lambda x: x.startswith("#"), io.StringIO(body))))
    assert len(rows) == 4  # the header and three activities
    assert watch.problems == []
    page.context.close()
    assert ExportFile.objects.get().state == ExportFile.State.READY
