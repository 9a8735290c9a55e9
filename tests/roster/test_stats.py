"""Balance statistics are pure functions: no database needed."""

import datetime as dt

from ipdev.roster import stats

DAY = dt.date(2026, 1, 1)


def test_shares_add_up_and_keep_the_given_order():
    out = stats.shares({"male": 3, "female": 1}, stats.GENDER_LABELS, stats.GENDERS)
    assert [(s.code, s.count, s.percent) for s in out] == [("female", 1, 25.0), ("male", 3, 75.0)]


def test_balance_groups_assignments_by_year_and_gender():
    b = stats.balance(
        roster=[("female", "africa", "ldc"), ("male", "lac", "developing")],
        assignments=[(2024, "female", "africa"), (2024, "male", "lac"), (2022, "female", "asia")],
        bureau_names={"africa": "Africa", "lac": "Latin America", "asia": "Asia"},
        on=DAY,
    )
    assert [y.year for y in b.years] == [2022, 2024]
    assert b.years[1].women_percent == 50.0
    assert b.assignment_total == 3
    assert b.year_max == 2
    assert b.year_bureaus == ["africa", "asia", "lac"]
    assert [s.label for s in b.roster_bureau] == ["Africa", "Latin America"]


def test_an_empty_roster_has_no_division_by_zero():
    b = stats.balance(roster=[], assignments=[], bureau_names={}, on=DAY)
    assert b.roster_total == 0
    assert b.roster_gender == []
    assert b.years == []
