"""The pure statistics of activities: no database."""

from ipdev.activities import tally
from ipdev.activities.stats import Tally


def test_tallies_in_a_given_order_keep_the_zeros():
    found = tally.tallies({"B": 3}, {"A": "Alpha", "B": "Beta"}, order=["A", "B"])
    assert found == [Tally("A", "Alpha", 0), Tally("B", "Beta", 3)]


def test_tallies_without_an_order_put_the_largest_first_then_by_label():
    found = tally.tallies({"x": 1, "y": 5, "z": 1}, {"x": "Zed", "y": "Why", "z": "Ex"})
    assert [t.code for t in found] == ["y", "z", "x"]


def test_year_tallies_run_oldest_first_and_fill_the_gaps():
    found = tally.year_tallies({"2021": 2, "2018": 1})
    assert [(t.code, t.count) for t in found] == [
        ("2018", 1),
        ("2019", 0),
        ("2020", 0),
        ("2021", 2),
    ]
    assert tally.year_tallies({}) == []


def test_gender_by_year_sums_activities_and_leaves_out_those_without_figures():
    rows = [
        (2020, 30, 14, 16),
        (2020, 10, 4, None),
        (2021, None, None, None),
        (2021, None, 3, 2),
    ]
    found = tally.gender_by_year(rows)
    assert found == [
        tally.GenderRow(2020, activities=2, total=40, women=18, men=16),
        tally.GenderRow(2021, activities=1, total=5, women=3, men=2),
    ]
    assert found[0].not_stated == 6
    assert found[0].women_percent == 45.0


def test_class_breaks_are_the_distinct_counts_when_there_are_few():
    assert tally.class_breaks([0, 3, 1, 3]) == [1, 3]
    assert tally.class_breaks([]) == []


def test_class_breaks_are_quantiles_of_many_counts():
    breaks = tally.class_breaks(range(1, 101), classes=5)
    assert breaks == [1, 21, 41, 60, 80]
    assert tally.class_of(0, breaks) == 0
    assert tally.class_of(1, breaks) == 1
    assert tally.class_of(59, breaks) == 3
    assert tally.class_of(1000, breaks) == 5
