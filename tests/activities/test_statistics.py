"""Statistics of a search result: exact counts from the index, participants only with consent."""

import datetime as dt

import pytest

from ipdev.activities import services, statistics
from ipdev.search.types import Query
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed(staff):
    """A Kenyan activity (no consent), a Ghanaian one (participants public), a regional one."""
    services.consent_grant(user=staff, country="GH", groups=["participants"], granted_by="Mission")
    kenya = make_activity(user=staff, countries=["KE"], start_date=dt.date(2020, 1, 5),
                          participants_total=77, participants_women=33, participants_men=44,
                          sdgs=[5], da_recommendations=[1])  # fmt: skip
    ghana = make_activity(user=staff, countries=["GH"], start_date=dt.date(2022, 1, 5),
                          category="legislative", sdgs=[9], da_recommendations=[17])  # fmt: skip
    both = make_activity(user=staff, countries=["GH", "KE"], start_date=dt.date(2022, 3, 1),
                         scope="regional")  # fmt: skip
    return {"kenya": kenya, "ghana": ghana, "both": both}


def by(stats, facet):
    return {t.code: t.count for t in stats.by[facet] if t.count}


def test_counts_per_year_bureau_region_category_cluster_sdg_and_country(mixed, staff):
    stats = statistics.activity_statistics(user=None, query=Query())
    assert stats.total == 3
    assert [(t.code, t.count) for t in stats.by["year"]] == [("2020", 1), ("2021", 0), ("2022", 2)]
    assert by(stats, "bureau") == {"africa": 3}
    assert by(stats, "region") == {"002": 3}
    assert len(stats.by["bureau"]) == 5 and len(stats.by["sdg"]) == 17
    assert by(stats, "category") == {"capacity-building": 2, "legislative": 1}
    assert by(stats, "sdg") == {"5": 1, "9": 2}
    assert by(stats, "cluster") == {"A": 2, "B": 1}
    assert by(stats, "country") == {"KE": 2, "GH": 2}


def test_every_filter_narrows_the_counts_of_the_result(mixed):
    stats = statistics.activity_statistics(user=None, query=Query(filters={"country": ["GH"]}))
    assert stats.total == 2
    # The regional activity for Ghana and Kenya counts for Kenya too: it is in the result.
    assert by(stats, "country") == {"GH": 2, "KE": 1}
    assert by(stats, "sdg") == {"9": 2}


def test_participants_are_summed_only_where_they_are_public(mixed):
    stats = statistics.activity_statistics(user=None, query=Query())
    # Only the Ghanaian activity: Kenya, and so the activity for both, has not consented.
    assert [(r.year, r.activities, r.total, r.women) for r in stats.participants] == [
        (2022, 1, 30, 14)
    ]
    assert stats.participants_withheld == 2
    assert stats.participants_counted == 1


def test_focal_point_and_staff_see_their_participants(mixed, focal_point, staff):
    kenyan = statistics.activity_statistics(user=focal_point, query=Query())
    assert [(r.year, r.total) for r in kenyan.participants] == [(2020, 77), (2022, 60)]
    assert kenyan.participants_withheld == 0
    everything = statistics.activity_statistics(user=staff, query=Query())
    assert sum(r.women for r in everything.participants) == 33 + 14 + 14


def test_freshness_counts_activities_and_countries(mixed):
    fresh = statistics.activity_freshness()
    assert (fresh.activities, fresh.countries) == (3, 2)
    assert fresh.updated_at is not None
