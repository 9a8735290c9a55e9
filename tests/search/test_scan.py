"""Queries without text read from the table give the index's matches in the index's order."""

import datetime as dt

import pytest
from django.db import transaction

from ipdev.search import engine, store
from ipdev.search.types import Query

from .conftest import make_doc

pytestmark = pytest.mark.django_db

QUERIES = [
    Query(),
    Query(sort="oldest"),
    Query(filters={"country": ["KE"]}),
    Query(filters={"country": ["KE", "PE"], "mode": ["seminar"]}),
    Query(filters={"country": ["KE"]}, year_from=2003, year_to=2011, sort="oldest"),
    Query(filters={"country": ["nowhere"]}),
    Query(text="  ,;  "),  # no words: every document
]


@pytest.fixture
def many():
    countries = ["KE", "PE", "TZ", "BR"]
    modes = ["seminar", "workshop", "advisory"]
    engine.index_documents(
        make_doc(pk, "water", date=dt.date(2000 + pk % 17, 1 + pk % 12, 1),
                 country=[countries[pk % 4], countries[pk % 3]], mode=[modes[pk % 3]],
                 year=[2000 + pk % 17])
        for pk in range(1, 301)
    )  # fmt: skip


def test_a_query_without_text_streams_from_the_table_without_loading_the_index(many):
    store.forget()
    found = list(engine.matching_ids(Query(filters={"country": ["KE"]})))
    assert not store.is_loaded()
    assert len(found) > 50


def test_the_table_scan_and_the_index_agree_in_matches_and_order(many, monkeypatch):
    monkeypatch.setattr("ipdev.search.scan.PAGE", 7)
    scanned = []
    for query in QUERIES:
        store.forget()
        scanned.append(list(engine.matching_ids(query)))
    assert not store.is_loaded()
    # As in a process that holds the index (a test's transaction keeps it from being cached).
    monkeypatch.setattr(store, "is_loaded", lambda: True)
    assert scanned == [list(engine.matching_ids(query)) for query in QUERIES]
    assert len(scanned[0]) == 300 and scanned[1] == scanned[0][::-1] and scanned[5] == []


def test_the_table_scan_sees_the_callers_uncommitted_writes(many):
    store.forget()
    with transaction.atomic():
        engine.index_documents([make_doc(999, "new", date=dt.date(2030, 1, 1), country=["KE"])])
        assert next(iter(engine.matching_ids(Query(filters={"country": ["KE"]})))) == 999
        engine.remove_documents([999])
        assert 999 not in engine.matching_ids(Query())
