"""Roll-ups and reporting rates: pure functions, no database."""

from ipdev.tisc.mapping import project
from ipdev.tisc.rollup import ReportRow, rates, roll_up


def row(network="KE", region="africa", level=3, year=2025, centres=4, inquiries=10, **kw):
    base = {"deliveries": 1, "events": 1, "women": 5, "men": 4, "trained_women": 2,
            "trained_men": 1}  # fmt: skip
    base.update(kw)
    return ReportRow(network, region, level, year, centres, inquiries, **base)


def test_quarters_add_figures_but_not_centres():
    rows = [row(centres=4), row(centres=5), row(network="GH", level=2, centres=3)]
    by_region = roll_up(rows, "region")
    assert [(t.key, t.values["centres"], t.values["inquiries"]) for t in by_region] == [
        ("africa", 8, 30)
    ]
    by_level = {t.key: t.values for t in roll_up(rows, "level")}
    assert by_level["3"]["centres"] == 5 and by_level["3"]["women"] == 10
    assert by_level["2"]["centres"] == 3


def test_rates_count_due_periods_and_reports_received():
    # (year, quarter, due passed, received, on time)
    periods = [
        (2025, 1, True, True, True),
        (2025, 2, True, True, False),
        (2025, 3, True, False, False),
        (2025, 4, False, False, False),
        (2026, 1, False, True, True),  # sent before its due date: counted
    ]
    got = {r.year: (r.expected, r.received, r.on_time, r.reporting_rate, r.on_time_rate)
           for r in rates(periods)}  # fmt: skip
    assert got == {2025: (3, 2, 1, 66.7, 33.3), 2026: (1, 1, 1, 100.0, 100.0)}


def test_centres_land_where_the_map_draws_their_country():
    # Nairobi and Lima, as d3's geoEqualEarth fitted to the map places them.
    assert project(36.82, -1.29) == (580.0, 240.6)
    assert project(-77.04, -12.05) == (272.8, 279.9)
