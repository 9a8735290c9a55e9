"""The public statistics pages: tables, CSV downloads, filters, consent, freshness, queries."""

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipdev.activities import services
from ipdev.iati.models import ImportRun
from tests.conftest import client_for
from tests.factories import file_request, make_activity

pytestmark = pytest.mark.django_db

ACTIVITY_CHARTS = ("years", "bureaus", "regions", "participants", "categories", "clusters",
                   "sdgs", "countries")  # fmt: skip
COOPERATION_CHARTS = ("roster-gender", "roster-region", "assignments", "matches", "requests")


@pytest.fixture
def activities(staff):
    services.consent_grant(user=staff, country="GH", groups=["participants"], granted_by="Mission")
    return [
        make_activity(user=staff, title="Secret numbers in Kenya", countries=["KE"],
                      start_date=dt.date(2021, 2, 1), participants_total=777,
                      participants_women=333, participants_men=444),
        make_activity(user=staff, countries=["GH"], start_date=dt.date(2023, 2, 1)),
        make_activity(user=staff, countries=["PE"], start_date=dt.date(2023, 5, 1),
                      category="legislative", sdgs=[5]),
    ]  # fmt: skip


class Tables(HTMLParser):
    """The rows (cell texts) of each chart table, by the id of its section."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and (attrs.get("id") or "").startswith("chart-"):
            self.section = attrs["id"][len("chart-") :]
        elif tag == "tr" and self.section:
            self.tables.setdefault(self.section, []).append([])
        elif tag in ("th", "td") and self.section:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[self.section][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables_of(response) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def same(table_row: list[str], csv_row: list[str]) -> bool:
    """Numbers are shown with thousands separators on the page, plain in the CSV."""
    if table_row[0] != csv_row[0] or len(table_row) != len(csv_row):
        return False
    pairs = zip(table_row[1:], csv_row[1:], strict=True)
    return all(float(a.replace(",", "")) == float(b) for a, b in pairs)


def test_the_statistics_pages_are_public_and_have_a_table_per_chart(client, activities):
    page = client.get("/statistics/")
    assert page.status_code == 200
    tables = tables_of(page)
    assert set(ACTIVITY_CHARTS) <= set(tables)
    body = page.content.decode()
    assert body.count("<caption>") >= len(ACTIVITY_CHARTS)
    assert 'class="world-map"' in body
    assert client.get("/statistics/cooperation/").status_code == 200


@pytest.mark.parametrize("key", ACTIVITY_CHARTS)
def test_each_activity_csv_is_the_table_of_its_chart(client, activities, key):
    params = "?year_from=2021"
    table = tables_of(client.get(f"/statistics/{params}"))[key]
    rows = csv_rows(client.get(f"/statistics/{key}.csv{params}"))
    assert rows[0] == table[0]
    assert len(rows) == len(table)
    assert all(same(t, c) for t, c in zip(table[1:], rows[1:], strict=True)), (table, rows)


@pytest.mark.parametrize("key", COOPERATION_CHARTS)
def test_each_cooperation_csv_is_the_table_of_its_chart(client, activities, focal_point, key):
    file_request(focal_point)
    table = tables_of(client.get("/statistics/cooperation/")).get(key)
    rows = csv_rows(client.get(f"/statistics/cooperation/{key}.csv"))
    if table is None:  # a chart with nothing to show has no table, and a CSV of headings
        assert len(rows) >= 1
        return
    assert rows[0] == table[0]
    assert all(same(t, c) for t, c in zip(table[1:], rows[1:], strict=True))


def test_the_search_filters_narrow_every_chart(client, activities):
    tables = tables_of(client.get("/statistics/?country=PE"))
    assert tables["years"][1:] == [["2023", "1"]]
    assert tables["countries"][1:] == [["Peru", "1"]]
    categories = {row[0]: row[1] for row in tables["categories"][1:]}
    assert categories == {"Legislative assistance": "1"}
    # Each row links to the search narrowed to it.
    body = client.get("/statistics/?country=PE").content.decode()
    assert 'href="/activities/?country=PE&amp;year_from=2023&amp;year_to=2023"' in body


def test_bad_filters_are_named_and_refuse_a_download(client, activities):
    page = client.get("/statistics/?country=XX")
    assert page.status_code == 200
    assert "Unknown code(s): XX" in page.content.decode()
    download = client.get("/statistics/years.csv?country=XX")
    assert download.status_code == 400
    assert "Country" in download.content.decode()


def test_an_unknown_chart_is_a_404(client, activities):
    assert client.get("/statistics/nowhere.csv").status_code == 404
    assert client.get("/statistics/cooperation/nowhere.csv").status_code == 404


def test_participants_without_consent_never_appear(client, activities, focal_point):
    kenyan = "?q=%22Secret+numbers%22"
    for url in ("/statistics/", f"/statistics/{kenyan}", f"/statistics/participants.csv{kenyan}"):
        # (The map's path data is numbers too, and so are the banner's times: left out.)
        body = client.get(url).content.decode("utf-8-sig")
        body = re.sub(r"<svg.*?</svg>|<time[^>]*>.*?</time>", "", body, flags=re.S)
        assert "333" not in body and "444" not in body and "777" not in body, url
    # The count of the activity is public; its participants are not.
    assert tables_of(client.get(f"/statistics/{kenyan}"))["years"][1:] == [["2021", "1"]]
    # Kenya's focal point sees Kenya's figures.
    mine = client_for(focal_point).get(f"/statistics/participants.csv{kenyan}")
    assert csv_rows(mine)[1][:3] == ["2021", "333", "444"]


def test_the_statistics_page_costs_the_same_queries_for_more_activities(client, staff, activities):
    client.get("/statistics/")  # reference names are cached per process after the first read
    with CaptureQueriesContext(connection) as few:
        assert client.get("/statistics/").status_code == 200
    for n in range(12):
        make_activity(
            user=staff,
            countries=[["KE", "GH"][n % 2]],
            start_date=dt.date(2010 + n, 1, 1),
            end_date=None,
            status="ongoing",
        )
    client.get("/statistics/")  # the banner is read again once the data has changed
    with CaptureQueriesContext(connection) as many:
        assert client.get("/statistics/").status_code == 200
    assert len(many) == len(few)
    # One for the ETag (the data's state); inside a test's transaction the index and the
    # participant figures are read afresh for each use (a server reads one row of state).
    assert len(many) <= 26


def test_the_freshness_banner_on_home_search_and_statistics(client, activities):
    for url in ("/", "/activities/", "/statistics/"):
        body = client.get(url).content.decode()
        assert "3 activities in 3 countries." in body, url
        assert "Last update:" in body and "No IATI import yet." in body
    ImportRun.objects.create(status=ImportRun.Status.FAILED, read=4)
    body = client.get("/statistics/").content.decode()
    assert "Last IATI import:" in body and "failed" in body


def test_the_search_links_to_a_chart_of_its_results(client, activities):
    body = client.get("/activities/?country=PE&page=1").content.decode()
    assert 'href="/statistics/?country=PE"' in body
    assert "Chart these results" in body


def test_the_nav_and_the_home_page_link_the_statistics(client, activities):
    body = client.get("/").content.decode()
    assert body.count('href="/statistics/"') >= 2


def test_public_request_figures_name_no_country(client, focal_point):
    file_request(focal_point)
    body = client.get("/statistics/cooperation/").content.decode()
    assert "Kenya" not in body
    rows = csv_rows(client.get("/statistics/cooperation/requests.csv"))
    assert rows[1][1] == "1"
