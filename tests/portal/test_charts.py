"""The chart tables of the statistics pages, as plain data: no database."""

import csv
import io

from django.http import QueryDict

from ipdev.activities.statistics import ActivityStatistics
from ipdev.activities.stats import Tally
from ipdev.activities.tally import GenderRow
from ipdev.reports.charts import Chart, ChartRow, activity_charts, find, narrowed


def test_narrowed_adds_one_filter_value_and_drops_the_page():
    params = QueryDict("q=patent&country=KE&page=3")
    assert narrowed(params, "country", "PE") == "?q=patent&country=KE&country=PE"
    assert narrowed(params, "country", "KE") == "?q=patent&country=KE"


def test_csv_has_the_headings_and_every_row_of_the_table():
    chart = Chart("k", "Title", "Caption", "Year", ("Women", "Share (%)"),
                  (ChartRow("2020", (3, 42.5)), ChartRow("2021", (0, 0.0))))  # fmt: skip
    rows = list(csv.reader(io.StringIO(chart.csv_text())))
    assert rows == [["Year", "Women", "Share (%)"], ["2020", "3", "42.5"], ["2021", "0", "0"]]


def test_a_chart_of_zeros_is_empty():
    chart = Chart("k", "T", "C", "H", ("N",), (ChartRow("a", (0,)),))
    assert chart.empty
    assert chart.drawn == 1


def test_activity_charts_link_each_row_to_the_search_narrowed_to_it():
    stats = ActivityStatistics(
        total=3,
        by={"year": [Tally("2020", "2020", 3)], "country": [Tally("KE", "Kenya", 3)]},
        participants=[GenderRow(2020, 1, 30, 14, 16)],
        participants_withheld=2,
    )
    charts = activity_charts(stats, QueryDict("status=completed"), "/activities/")
    years = find(charts, "years")
    link = "/activities/?status=completed&year_from=2020&year_to=2020"
    assert years.rows == (ChartRow("2020", (3,), link, "2020"),)
    assert find(charts, "countries").kind == "map"
    participants = find(charts, "participants")
    assert participants.rows[0].values == (14, 16, 0, 1, 46.7)
    assert participants.drawn == 3
    assert "2 activities" in participants.note
    assert find(charts, "nowhere") is None
