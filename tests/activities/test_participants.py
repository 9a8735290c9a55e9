"""The participant figures each process holds for statistics stay exact through every write.

These tests commit their writes (as a served site does), so the table is kept between reads
and brought up to date from the search index's log; each read is compared with a sum made
row by row through the visibility rule.
"""

import datetime as dt

import numpy as np
import pytest

from ipdev.activities import participants, services
from ipdev.activities.models import Activity, DetailGroup
from ipdev.activities.rules import delivered
from ipdev.activities.visibility import PUBLIC, ConsentIndex, Viewer
from tests.factories import make_activity

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = Viewer(staff=True)
KENYA = Viewer(countries=frozenset({"KE"}))


@pytest.fixture(autouse=True)
def _restored(database_restored_after_module, django_db_blocker):
    """Each test starts from the reference data (a flush after a committing test empties it)."""
    from ipdev.reference.loader import load_reference_data
    from ipdev.search import engine

    with django_db_blocker.unblock():
        load_reference_data()
        engine.rebuild([])
    participants._tables.clear()
    yield
    participants._tables.clear()


def row_by_row(viewer: Viewer) -> tuple[list[tuple], int]:
    """The sums as the statistics made them before: every row read, the rule applied to each."""
    index = ConsentIndex.load()
    found: dict[int, list[int]] = {}
    withheld = 0
    today = dt.date.today()
    for a in Activity.objects.prefetch_related("countries"):
        codes = [c.code for c in a.countries.all()]
        if DetailGroup.PARTICIPANTS not in index.visible_groups(viewer, a.pk, codes, a.source):
            withheld += 1
            continue
        t, w, m = a.participants_total, a.participants_women, a.participants_men
        if not delivered(a.status, a.start_date, today):
            continue
        if t is None and w is None and m is None:
            continue
        w, m = w or 0, m or 0
        entry = found.setdefault(a.start_date.year, [0, 0, 0, 0])
        for i, v in enumerate((1, t if t is not None else w + m, w, m)):
            entry[i] += v
    return [(y, *found[y]) for y in sorted(found)], withheld


def held(viewer: Viewer) -> tuple[list[tuple], int]:
    ids = np.array(list(Activity.objects.values_list("pk", flat=True)), dtype=np.int64)
    return participants.sums_by_year(viewer=viewer, ids=ids)


def assert_exact():
    for viewer in (PUBLIC, STAFF, KENYA):
        assert held(viewer) == row_by_row(viewer), viewer


def test_the_held_figures_follow_creates_edits_deletes_and_consents(staff):
    kenyan = make_activity(
        user=staff, countries=["KE"], start_date=dt.date(2021, 3, 1), end_date=dt.date(2021, 3, 2),
        participants_total=30, participants_women=12, participants_men=18,
    )  # fmt: skip
    ghanaian = make_activity(
        user=staff, countries=["GH"], start_date=dt.date(2022, 5, 1), end_date=dt.date(2022, 5, 2),
        participants_total=None, participants_women=4, participants_men=5,
    )  # fmt: skip
    assert_exact()
    first = participants._tables[participants._key()]

    services.activity_update(user=staff, activity=kenyan, data={"participants_total": 40})
    assert_exact()
    services.consent_grant(user=staff, country="GH", groups=["participants"], granted_by="Note")
    assert_exact()
    assert held(PUBLIC)[0] == [(2022, 1, 9, 4, 5)]
    make_activity(
        user=staff, countries=["KE", "GH"], scope="regional", start_date=dt.date(2022, 1, 1),
        end_date=dt.date(2022, 1, 2), participants_total=7,
        participants_women=None,
        participants_men=None,
    )  # fmt: skip
    assert_exact()
    services.activity_delete(user=staff, activity=ghanaian)
    assert_exact()
    # Brought up to date from the log, not read again whole.
    assert participants._tables[participants._key()] is not first
    assert held(STAFF)[0] == [(2021, 1, 40, 12, 18), (2022, 1, 7, 0, 0)]


def test_a_consent_that_ends_stops_counting_the_next_day(staff, monkeypatch):
    make_activity(
        user=staff, countries=["GH"], start_date=dt.date(2020, 1, 1), end_date=dt.date(2020, 1, 2),
        participants_total=10,
        participants_women=None,
        participants_men=None,
    )  # fmt: skip
    today = dt.date.today()
    services.consent_grant(
        user=staff, country="GH", groups=["participants"], granted_by="Note", valid_until=today
    )
    assert held(PUBLIC) == ([(2020, 1, 10, 0, 0)], 0)
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a: today + dt.timedelta(days=1))
    assert held(PUBLIC) == ([], 1)
    assert_exact()


def test_a_trimmed_log_reads_the_table_again(staff, monkeypatch):
    make_activity(
        user=staff, countries=["KE"], participants_total=3, participants_women=None,
        participants_men=None,
    )  # fmt: skip
    assert_exact()
    # The log no longer reaches back to the table's generation: it is read again whole.
    monkeypatch.setattr(participants, "_changed_ids", lambda after: ([], False))
    first = participants._tables[participants._key()]
    make_activity(
        user=staff, countries=["KE"], participants_total=4, participants_women=None,
        participants_men=None,
    )  # fmt: skip
    assert_exact()
    assert participants._tables[participants._key()] is not first


def test_the_server_builds_the_table_and_the_public_mask_before_it_forks(staff):
    from ipdev.core import serving

    assert participants.warm in serving._warmups
    participants.warm()  # no activity: nothing to hold
    assert participants._tables == {}
    make_activity(
        user=staff, countries=["KE"], start_date=dt.date(2021, 3, 1), end_date=dt.date(2021, 3, 2),
        participants_total=30, participants_women=12, participants_men=18,
    )  # fmt: skip
    participants.warm()
    table = participants._tables[participants._key()]
    assert len(table.ids) == 1 and len(table.masks) == 1  # (the anonymous visitor's mask)
    assert_exact()


def test_the_public_mask_is_carried_over_a_change_and_decided_again_for_it(staff):
    services.consent_grant(user=staff, country="GH", groups=["participants"], granted_by="Note")
    ghanaian = make_activity(
        user=staff, countries=["GH"], start_date=dt.date(2022, 5, 1), end_date=dt.date(2022, 5, 2),
        participants_total=9, participants_women=None, participants_men=None,
    )  # fmt: skip
    make_activity(
        user=staff, countries=["KE"], start_date=dt.date(2021, 3, 1), end_date=dt.date(2021, 3, 2),
        participants_total=30, participants_women=None, participants_men=None,
    )  # fmt: skip
    assert held(PUBLIC) == ([(2022, 1, 9, 0, 0)], 1)
    # Ghana's activity moves to Kenya (no consent): only it is decided again, and it is hidden.
    services.activity_update(user=staff, activity=ghanaian, data={"countries": ["KE"]})
    table = participants.table()
    (carried,) = table.masks.values()
    assert isinstance(carried, tuple) and carried[1].sum() == 1
    assert held(PUBLIC) == ([], 2)
    (decided,) = participants.table().masks.values()
    assert isinstance(decided, np.ndarray)
    assert_exact()
    # Deleted: gone from the columns, the facts and the mask alike.
    services.activity_delete(user=staff, activity=ghanaian)
    table = participants.table()
    assert ghanaian.pk not in table.ids and ghanaian.pk not in table.facts
    assert held(PUBLIC) == ([], 1)
    assert_exact()
