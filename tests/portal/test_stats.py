"""Country aggregates for the country pages."""

import datetime as dt

import pytest
from django.http import Http404

from ipdev.activities import stats
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya(staff):
    make_activity(
        user=staff,
        countries=["KE"],
        start_date=dt.date(2023, 1, 5),
        end_date=None,
        status="ongoing",
    )
    make_activity(
        user=staff,
        countries=["KE", "UG"],
        scope="regional",
        start_date=dt.date(2024, 2, 1),
        end_date=dt.date(2024, 2, 2),
        category="legislative",
    )
    make_activity(
        user=staff, countries=["KE"], start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 2)
    )


def test_country_profile_has_facts_and_totals(kenya):
    profile = stats.country_profile(code="ke")
    assert profile.code == "KE" and profile.name == "Kenya"
    assert profile.bureau.code == "africa"
    assert (profile.activities, profile.ongoing, profile.completed) == (3, 1, 2)


def test_unknown_country_profile_is_a_404(db):
    with pytest.raises(Http404):
        stats.country_profile(code="QQ")


def test_activities_by_year_newest_first(kenya):
    assert [(t.code, t.count) for t in stats.activities_by_year(country="KE")] == [
        ("2024", 2),
        ("2023", 1),
    ]


def test_activities_by_category_largest_first(kenya):
    tallies = stats.activities_by_category(country="KE")
    assert [(t.code, t.count) for t in tallies] == [("capacity-building", 2), ("legislative", 1)]
    assert tallies[0].label != "capacity-building"


def test_activities_without_a_category_are_counted_under_a_label_without_a_link(kenya):
    from ipdev.activities import indexing
    from ipdev.activities.models import Activity

    # As an imported activity: the back office and the API require a category.
    legislative = Activity.objects.filter(category="legislative")
    ids = list(legislative.values_list("id", flat=True))
    legislative.update(category=None)
    indexing.reindex(ids)
    tallies = stats.activities_by_category(country="KE")
    assert [(t.code, t.label, t.count) for t in tallies][-1] == ("", "No category", 1)


def test_country_list_groups_every_country_by_bureau(kenya):
    bureaus = {b.code: b for b in stats.country_list()}
    africa = {c.code: c.activities for c in bureaus["africa"].countries}
    assert africa["KE"] == 3 and africa["UG"] == 1
    assert bureaus["africa"].activities == 4


def test_bureau_totals_count_each_activity_once(kenya):
    totals = {t.code: t.count for t in stats.bureau_totals()}
    assert totals["africa"] == 3
