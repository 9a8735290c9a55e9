"""Roll-ups of the results framework: pure functions, tested without a database."""

from decimal import Decimal as D

import pytest

from ipdev.planning.rollup import (
    IndicatorResult,
    achievement,
    chart_bars,
    combine,
    summarise,
    to_date,
)


def test_a_cumulative_indicator_adds_up_the_periods_so_far():
    values = {2026: D("10"), 2027: D("15"), 2028: D("5")}
    assert to_date(values, 2027, cumulative=True) == D("25")
    assert to_date(values, 2025, cumulative=True) is None


def test_a_non_cumulative_indicator_takes_the_periods_own_value():
    values = {2026: D("10"), 2027: D("15")}
    assert to_date(values, 2027, cumulative=False) == D("15")
    assert to_date(values, 2028, cumulative=False) is None


def test_activities_roll_up_into_a_plan_line_unless_it_reports_itself():
    own = {2027: D("40")}
    activities = [{2026: D("12"), 2027: D("10")}, {2026: D("8.5")}]
    assert combine(own, activities) == {2026: D("20.5"), 2027: D("40")}
    assert combine({}, []) == {}


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        (D("40"), D("30"), D("75.0")),
        (D("3"), D("1"), D("33.3")),
        (D("10"), D("15"), D("150.0")),
        (D("0"), D("5"), None),
        (None, D("5"), None),
        (D("5"), None, None),
    ],
)
def test_achievement_is_actual_over_target_in_percent(target, actual, expected):
    assert achievement(target, actual) == expected


def test_goals_summarise_their_indicators():
    results = [
        IndicatorResult("III", "III.2", D("40"), D("40")),
        IndicatorResult("III", "III.2", D("10"), D("5")),
        IndicatorResult("III", "III.4", D("10"), None),
        IndicatorResult("IV", "IV.2", None, D("3")),
    ]
    by_goal = {s.key: s for s in summarise(results, by="goal")}
    assert (by_goal["III"].indicators, by_goal["III"].with_target) == (3, 3)
    assert (by_goal["III"].reported, by_goal["III"].met) == (2, 1)
    assert by_goal["III"].mean_achievement == D("75.0")
    assert by_goal["IV"].mean_achievement is None
    by_result = {s.key: s for s in summarise(results, by="result")}
    assert by_result["III.2"].met == 1 and by_result["III.4"].reported == 0
    with pytest.raises(ValueError):
        summarise(results, by="country")


def test_chart_bars_scale_to_the_largest_value():
    bars, width = chart_bars([(2026, D("40"), D("20")), (2027, D("80"), None)], height=100)
    assert [(b.period, b.kind, b.height) for b in bars] == [
        (2026, "target", D("50.0")),
        (2026, "actual", D("25.0")),
        (2027, "target", D("100.0")),
    ]
    assert bars[0].x < bars[1].x < bars[2].x < width


def test_an_empty_chart_has_no_bars():
    assert chart_bars([])[0] == []


def test_bars_stand_on_the_base_line():
    bars, _width = chart_bars([(2026, D("40"), D("20"))], height=100, top=10)
    assert [b.y + b.height for b in bars] == [D("110"), D("110")]
    assert bars[0].y == D("10.0")
