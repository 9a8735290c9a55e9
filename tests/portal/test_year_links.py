"""`year=2020`, the single-year parameter of older links, is the year range 2020-2020
everywhere: the search page shows it in its range control (the address rewritten), and the
results, facet counts, API, downloads, feeds and saved searches give what the range gives.
No page of the platform makes such a link any more."""

import datetime as dt
import re

import pytest
from django.http import QueryDict

from ipdev.activities import alerts, filters
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(staff):
    for year, code in ((2019, "KE"), (2020, "KE"), (2020, "PE"), (2021, "KE")):
        make_activity(user=staff, title=f"Patent workshop {year}", countries=[code],
                      start_date=dt.date(year, 3, 4), end_date=dt.date(year, 3, 6))  # fmt: skip


def parsed(query: str) -> filters.ParsedQuery:
    return filters.parse(QueryDict(query))


def test_year_is_parsed_as_the_range_of_its_years():
    assert (parsed("year=2020").query, parsed("year=2020").errors) == (
        parsed("year_from=2020&year_to=2020").query, {})  # fmt: skip
    assert parsed("year=2019&year=2020").query == parsed("year_from=2019&year_to=2020").query
    assert parsed("year=2020,2021").query == parsed("year_from=2020&year_to=2021").query
    # Within a range given as well (both apply, as before); outside it, no range matches.
    assert parsed("year=2020&year_from=2018").query == parsed("year_from=2020&year_to=2020").query
    assert parsed("year=2020&year_to=2018").query.filters == {"year": ("2020",)}
    # Years that are no one range stay a filter on those years, as they always were.
    apart = parsed("year=2019&year=2021").query
    assert apart.filters == {"year": ("2019", "2021")} and apart.year_from is None
    assert "year" in parsed("year=1200").errors


def test_canonical_writes_year_as_the_range_and_keeps_the_rest():
    ranged = filters.canonical(QueryDict("q=patent&year=2020&country=KE&page=2"))
    assert ranged.urlencode() == "q=patent&country=KE&page=2&year_from=2020&year_to=2020"
    for nothing in ("q=patent", "year=2019&year=2021", "year=x", "year=2020&year_from=x"):
        assert filters.canonical(QueryDict(nothing)) is None, nothing


def test_the_search_page_shows_a_year_link_in_its_range_control(years):
    client = client_for(None)
    response = client.get("/activities/", {"year": "2020", "q": "patent"})
    assert response.status_code == 302
    assert response["Location"] == "/activities/?q=patent&year_from=2020&year_to=2020"
    body = client.get(response["Location"]).content.decode()
    assert re.search(r'id="year_from" name="year_from" value="2020"', body)
    assert re.search(r'id="year_to" name="year_to" value="2020"', body)
    assert re.search(r'class="chip">From year: 2020', body)
    assert re.search(r'class="chip">To year: 2020', body)
    assert body.count('class="card-title"') == 2


def test_years_that_are_no_range_stay_chips_each_removable(years):
    body = client_for(None).get("/activities/?year=2019&year=2021").content.decode()
    assert body.count('class="card-title"') == 2
    assert 'href="/activities/?year=2021" class="chip"' in body
    assert 'href="/activities/?year=2019" class="chip"' in body


def test_results_and_facet_counts_are_those_of_the_range(years):
    client = client_for(None)
    by_year = client.get("/api/v1/activities/", {"year": "2020"}).json()
    by_range = client.get("/api/v1/activities/", {"year_from": "2020", "year_to": "2020"}).json()
    assert by_year["count"] == by_range["count"] == 2
    assert by_year["facets"] == by_range["facets"]
    assert {o["value"]: o["count"] for o in by_year["facets"]["country"]}["KE"] == 1


def test_downloads_and_feeds_of_a_year_link_hold_that_year(years):
    client = client_for(None)
    csv = b"".join(client.get("/activities/download.csv", {"year": "2020"}).streaming_content)
    assert csv.decode("utf-8-sig").count("Patent workshop 2020") == 2
    assert b"Patent workshop 2019" not in csv and b"Patent workshop 2021" not in csv
    feed = client.get("/activities/feed.atom", {"year": "2020"}).content.decode()
    assert feed.count("<entry>") == 2 and "Patent workshop 2021" not in feed
    assert "From year: 2020; To year: 2020" in feed
    assert "year_from=2020&amp;year_to=2020" in feed  # its link to the search page


def test_a_saved_search_keeps_a_year_link_as_the_range(public_user, years):
    saved = alerts.saved_search_create(user=public_user, name="2020", query="year=2020&page=2")
    assert saved.query == "year_from=2020&year_to=2020"
    saved.query = "year=2020"  # saved before: still the range
    saved.checked_at = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    until = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    found = alerts.new_matches(saved, since=saved.checked_at, until=until)
    assert len(found) == 2


def test_no_page_links_to_a_single_year_any_more(years):
    client = client_for(None)
    for path in ("/countries/KE/", "/statistics/", "/statistics/?country=KE"):
        body = client.get(path).content.decode()
        assert not re.search(r"[?&;]year=", body), path
    country = client.get("/countries/KE/").content.decode()
    assert "/activities/?country=KE&amp;year_from=2020&amp;year_to=2020" in country
    chart = client.get("/statistics/years.csv").content.decode()
    assert "2020" in chart
    years_chart = client.get("/statistics/").content.decode()
    assert "year_from=2020&amp;year_to=2020" in years_chart
