"""Downloads ready for analysis, and pages in Arabic and Chinese with their own dates and
figures, in a real browser on a desktop and a phone (screenshots for a person to look at)."""

import csv
import datetime as dt
import io
import itertools
import json
from pathlib import Path

import openpyxl
import pytest

from tests.browser.support import DESKTOP, MOBILE, new_page, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def activities(staff):
    return [
        make_activity(
            user=staff,
            title=f"Patent drafting workshop {n + 1}",
            countries=["KE"],
            status="completed",
            start_date=dt.date(2024, 3, 5 + n),
            end_date=dt.date(2024, 3, 7 + n),
        )
        for n in range(3)
    ]


def download(page, label: str) -> Path:
    with page.expect_download() as info:
        page.click(f"#results .downloads >> text={label}")
    return Path(info.value.path())


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_the_three_downloads_from_the_search_page(live_server, browser, activities, viewport):
    page, watch = new_page(browser, live_server.url, viewport=viewport, accept_downloads=True)
    page.goto(live_server.url + "/activities/?country=KE")
    links = page.locator("#results .downloads a").all_inner_texts()
    assert links[:3] == ["CSV", "Excel (XLSX)", "JSON"]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    shot(page, f"downloads-{name}", whole=False)

    body = download(page, "CSV").read_text(encoding="utf-8-sig")
    assert body.startswith("# Contents: ")
    assert "# Search: Country: KE" in body and "# Licence: CC BY 4.0" in body
    rows = list(csv.DictReader(itertools.dropwhile(lambda x: x.startswith("#"), io.StringIO(body))))
    assert len(rows) == 3 and {r["Countries"] for r in rows} == {"Kenya"}
    assert all(r["Activity page"].endswith(f"/activities/{r['ID']}/") for r in rows)

    book = openpyxl.load_workbook(io.BytesIO(download(page, "Excel (XLSX)").read_bytes()))
    assert book.sheetnames == ["Activities", "About"]
    assert book["Activities"].freeze_panes == "A2"
    assert book["Activities"].auto_filter.ref.startswith("A1:")

    data = json.loads(download(page, "JSON").read_text(encoding="utf-8"))
    assert len(data["activities"]) == 3
    assert data["about"]["licence"] == "CC BY 4.0"
    assert watch.problems == []
    page.context.close()


@pytest.mark.parametrize(
    ("language", "date", "figure"),
    [("ar", "5 مارس، 2024", "12.500,00"), ("zh-hans", "2024年3月5日", "12,500.00")],
)
@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "phone"])
def test_an_activity_in_arabic_and_chinese_shows_its_own_dates_and_figures(
    live_server, browser, activities, staff, language, date, figure, viewport
):
    from tests.browser.support import session_of

    first = activities[0]
    page, watch = new_page(
        browser, live_server.url, viewport=viewport, language=language, session=session_of(staff)
    )
    page.goto(f"{live_server.url}/activities/{first.pk}/")
    text = page.inner_text("main")
    assert date in text
    assert figure in text  # the cost, grouped the reader's way
    assert "March" not in text and "a.m." not in text
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    shot(page, f"activity-{language}-{name}", whole=False)
    assert watch.problems == []
    page.context.close()
