"""The per-process index follows committed writes through the change log."""

import pytest

from ipdev.search import engine, store
from ipdev.search.types import Query

from .conftest import make_doc

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def empty_index():
    engine.rebuild([])
    store.forget()
    yield
    engine.rebuild([])
    store.forget()


def ids(text: str = "") -> list[int]:
    return sorted(engine.search(Query(text=text, limit=100)).ids)


def test_a_loaded_index_advances_over_committed_writes():
    engine.index_documents([make_doc(1, "Patent law"), make_doc(2, "Copyright law")])
    assert ids("law") == [1, 2]  # loads the index and keeps it
    kept = next(iter(store._indexes.values()))
    engine.index_documents([make_doc(3, "Patent office")])
    engine.remove_documents([1])
    assert ids("patent") == [3]
    assert next(iter(store._indexes.values())) is kept  # advanced in place, not reloaded
    store.forget()
    assert ids("patent") == [3]  # a fresh load agrees


def test_the_counts_of_everything_are_kept_until_the_index_changes():
    engine.index_documents([make_doc(1, "Patent law", country=["KE"])])
    first = engine.result_counts(Query())
    assert first.total == 1
    assert engine.result_counts(Query()) is first  # kept on the loaded index
    assert engine.result_counts(Query(text="patent")) is not first  # a search is counted
    engine.index_documents([make_doc(2, "Copyright law", country=["PE"])])
    after_write = engine.result_counts(Query())
    assert after_write.total == 2
    assert {v.value: v.count for v in after_write.facets["country"]} == {"KE": 1, "PE": 1}
    engine.remove_documents([1])
    assert engine.result_counts(Query()).total == 1
    engine.rebuild([make_doc(pk, "Trade mark") for pk in range(3, 6)])
    assert engine.result_counts(Query()).total == 3


def test_an_index_behind_the_trimmed_log_reloads(monkeypatch):
    engine.index_documents([make_doc(1, "Patent law")])
    assert ids("patent") == [1]
    kept = next(iter(store._indexes.values()))
    monkeypatch.setattr(store, "KEEP_CHANGES", 1)
    engine.index_documents([make_doc(pk, "Patent office") for pk in range(2, 6)])
    assert ids("patent") == [1, 2, 3, 4, 5]
    assert next(iter(store._indexes.values())) is not kept


def test_rebuild_starts_a_new_generation():
    engine.index_documents([make_doc(1, "Patent law")])
    assert ids("patent") == [1]
    engine.rebuild([make_doc(2, "Patent office")])
    assert ids("patent") == [2]


def test_committed_word_codes_are_reused_by_later_writes():
    known = store.KnownWords()
    engine.index_documents([make_doc(1, "Patent law")], known)
    known.committed()
    assert "patent" in known.codes
    engine.index_documents([make_doc(2, "Patent office")], known)
    known.committed()
    assert ids("patent") == [1, 2] and ids("office") == [2]


def test_words_of_a_failed_write_are_not_remembered():
    from django.db import transaction

    known = store.KnownWords()
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index_documents([make_doc(1, "Zebra crossing")], known)
        raise RuntimeError("rolled back")
    known.failed()
    assert "zebra" not in known.codes
    engine.index_documents([make_doc(2, "Zebra"), make_doc(3, "Crossing")], known)
    known.committed()
    assert ids("zebra") == [2] and ids("crossing") == [3]


def test_a_rebuild_renumbers_words_and_the_old_codes_are_not_used():
    known = store.KnownWords()
    engine.index_documents([make_doc(1, "Patent law")], known)
    known.committed()
    engine.rebuild([make_doc(5, "Copyright office"), make_doc(6, "Trademark")])
    engine.index_documents([make_doc(7, "Patent trademark office")], known)
    known.committed()
    assert ids("patent") == [7] and ids("office") == [5, 7] and ids("trademark") == [6, 7]


def _word_table() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT word, code FROM search_word")
        return dict(cursor.fetchall())


@pytest.mark.parametrize("mostly_new", [True, False])
def test_words_in_the_table_keep_their_codes_whichever_is_tried_first(mostly_new):
    """A writer with ``known`` inserts its unknown words first while most were new, else
    looks them up first: either way a word has one code and every document finds it."""
    engine.index_documents([make_doc(1, "Patent law office")])
    before = _word_table()
    known = store.KnownWords()
    known.mostly_new = mostly_new
    engine.index_documents([make_doc(2, "Patent office reform"), make_doc(3, "Law reform")], known)
    known.committed()
    after = _word_table()
    assert {w: after[w] for w in before} == before  # the same codes, none added twice
    assert set(after) == set(before) | {"reform"}
    assert known.codes["patent"] == before["patent"] and known.codes["reform"] == after["reform"]
    # Three of the four words were in the table already: the next writer looks up first.
    assert known.mostly_new is False
    assert ids("patent") == [1, 2] and ids("reform") == [2, 3] and ids("law") == [1, 3]


def test_a_batch_of_new_words_has_the_next_writer_insert_first():
    known = store.KnownWords()
    known.mostly_new = False
    engine.index_documents([make_doc(1, "Zebra crossing signals")], known)
    known.committed()
    assert known.mostly_new is True
    assert ids("zebra") == [1]
