"""core.lookups.ids_in: the ids of a bulk read sent as one parameter, on either database;
RowsById: such a read compiled once, answering as its queryset does."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from ipdev.activities.models import Activity
from ipdev.core.lookups import RowsById, ids_in
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_ids_in_finds_the_same_rows_as_in():
    made = [make_activity(title=f"Activity {n}").pk for n in range(5)]
    wanted = [made[3], made[0], 10**9, made[3]]  # any order, an unknown id, a repeated one
    found = set(Activity.objects.filter(**ids_in("id", wanted)).values_list("pk", flat=True))
    assert found == set(Activity.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert found == {made[0], made[3]}
    assert not Activity.objects.filter(**ids_in("id", [])).exists()


def test_ids_in_takes_only_integers():
    with pytest.raises((TypeError, ValueError)):
        ids_in("id", ["1; DROP TABLE activities_activity"])


COLUMNS = ("id", "title", "start_date", "translations", "created_at", "status")


def by_ids(ids):
    return Activity.objects.filter(**ids_in("id", ids)).values_list(*COLUMNS)


def test_rows_by_id_answer_as_the_queryset_with_its_conversions():
    made = [
        make_activity(title=f"Activity {n}", translations={"fr": {"title": f"Activité {n}"}}).pk
        for n in range(4)
    ]
    rows = RowsById(by_ids)
    for wanted in ([made[2], made[0]], [made[1], 10**9], made, [10**9]):
        assert rows(wanted) == list(by_ids(wanted))  # dates, JSON and order as the ORM gives
        assert rows(wanted) == list(by_ids(wanted))  # (the second call: compiled before)
    first = rows([made[0]])[0]
    assert first[3] == {"fr": {"title": "Activité 0"}}
    assert first[2] == Activity.objects.get(pk=made[0]).start_date
    assert rows([]) == []


@pytest.mark.django_db(transaction=True)
def test_rows_by_id_in_another_thread_use_that_threads_connection():
    pk = make_activity(title="Threaded").pk
    rows = RowsById(by_ids)
    assert rows([pk])[0][1] == "Threaded"
    seen = []

    def read():
        try:
            seen.append((rows([pk]), rows._local.compiled[0]))
        finally:
            connections.close_all()

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert seen[0][0][0][1] == "Threaded"
    assert seen[0][1] is not rows._local.compiled[0]  # compiled for that thread's connection


def test_rows_by_id_need_their_ids_through_ids_in():
    rows = RowsById(lambda ids: Activity.objects.filter(pk__in=ids).values_list("id"))
    with pytest.raises(ValueError, match="ids_in"):
        rows([1])
