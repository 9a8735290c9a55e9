"""The bitmap index and query evaluation as pure functions: no database."""

import datetime as dt

import pytest
from pyroaring import BitMap

from ipdev.search import index as index_module
from ipdev.search.index import Change, Index, View, Vocabulary, pack, pack_terms, pack_word
from ipdev.search.plan import Plan, sort_key
from ipdev.search.query import Run
from ipdev.search.text import Term
from ipdev.search.types import Words

WORDS = {"patent": 1, "patents": 2, "copyright": 3, "office": 4}


@pytest.fixture(autouse=True, params=[1, 16], ids=["bitmaps", "rare-arrays"])
def rare(request, monkeypatch):
    """Every test twice: postings as bitmaps, and as the arrays kept for rare postings."""
    monkeypatch.setattr(index_module, "RARE", request.param)


def vocabulary() -> Vocabulary:
    v = Vocabulary()
    v.add_values([(1, "country", "KE"), (2, "country", "PE"), (3, "mode", "workshop")])
    return v


def row(pk, date, codes, words, title=()):
    terms = pack(pack_word(WORDS[w], in_title=w in title, uses=n) for w, n in words.items())
    return (pk, sort_key(doc_id=pk, date=date), pack(codes), terms)


def change(seq, op, *args):
    pk, key, codes, terms = row(*args)
    return Change(seq=seq, id=pk, op=op, key=key, codes=codes, terms=terms)


def index(rows) -> Index:
    built = Index(epoch=1, seq=0, vocabulary=vocabulary())
    built.load(rows)
    return built


def codes(term: Term) -> list[int]:
    if term.prefix:
        return [code for word, code in sorted(WORDS.items()) if word.startswith(term.words[0])]
    return [WORDS.get(word) for word in term.words]


def run(reader, *terms, **constraints) -> Run:
    plan = Plan(terms=tuple(terms), constraints={f: frozenset(c) for f, c in constraints.items()})
    words = {term: codes(term) for term in terms}
    return Run(reader=reader, plan=plan, words=words, phrase=lambda words: BitMap())


def test_load_builds_postings_per_kind():
    built = index([row(1, dt.date(2020, 1, 1), [1, 3], {"patent": 2}, title={"patent"}),
                   row(2, dt.date(2021, 1, 1), [2], {"patent": 1, "office": 3})])  # fmt: skip
    assert list(built.get("w", 1)) == [1, 2]
    assert list(built.get("t", 1)) == [1]
    assert list(built.get("2", 1)) == [1]
    assert list(built.get("3", 4)) == [2]
    assert list(built.get("v", 3)) == [1]
    assert built.year_codes() == [2020, 2021]
    assert list(built.everything) == [1, 2]


def test_a_view_lays_changes_over_the_index_without_changing_it():
    base = index([row(1, dt.date(2020, 1, 1), [1], {"patent": 1})])
    changes = [
        change(1, "-", 1, dt.date(2020, 1, 1), [1], {"patent": 1}),
        change(2, "+", 1, dt.date(2022, 5, 1), [2], {"copyright": 1}),
        change(3, "+", 7, dt.date(2019, 1, 1), [1], {"patent": 1}),
    ]
    view = View(base, changes, base.vocabulary)
    assert list(view.get("w", 1)) == [7]
    assert list(view.get("w", 3)) == [1]
    assert view.year_codes() == [2019, 2022]
    assert list(base.get("w", 1)) == [1]  # the base is untouched
    assert base.year_codes() == [2020]


def test_replaying_changes_the_index_already_holds_is_harmless():
    # The index was loaded while the document was at its second version; the log then
    # replays all three versions: it must end at the third, with nothing of the second left.
    versions = [
        (dt.date(2020, 1, 1), [1], {"patent": 1}),
        (dt.date(2021, 1, 1), [2], {"office": 1}),
        (dt.date(2022, 1, 1), [3], {"copyright": 1}),
    ]
    built = index([row(5, *versions[1])])
    log = [change(1, "+", 5, *versions[0]), change(2, "-", 5, *versions[0]),
           change(3, "+", 5, *versions[1]), change(4, "-", 5, *versions[1]),
           change(5, "+", 5, *versions[2])]  # fmt: skip
    built.apply(log)
    assert list(built.get("w", 3)) == [5]
    assert not built.get("w", 4) and not built.get("v", 2) and not built.get("v", 1)
    assert built.year_codes() == [2022]
    assert built.seq == 5


def test_pages_by_date_skip_whole_years_and_sort_within_one():
    rows = [row(pk, dt.date(2000 + pk % 5, 1, 1 + pk % 3), [1], {"patent": 1})
            for pk in range(1, 101)]  # fmt: skip
    built = index(rows)
    expected = [pk for _, pk in sorted(((r[1], r[0]) for r in rows), reverse=True)]
    query = run(built, Term(("patent",)))
    pages = [query.page(offset=o, limit=7, sort="newest") for o in range(0, 100, 7)]
    assert [pk for page in pages for pk in page] == expected
    assert query.page(offset=37, limit=5, sort="oldest") == expected[::-1][37:42]
    assert [pk for chunk in query.stream(sort="newest", chunk=10) for pk in chunk] == expected


def test_prefix_terms_match_every_word_they_start():
    built = index([row(1, dt.date(2020, 1, 1), [], {"patent": 1}),
                   row(2, dt.date(2020, 1, 2), [], {"patents": 1}),
                   row(3, dt.date(2020, 1, 3), [], {"office": 1})])  # fmt: skip
    assert sorted(
        run(built, Term(("pate",), prefix=True)).page(offset=0, limit=9, sort="newest")
    ) == [1, 2]
    assert run(built, Term(("pate",))).total == 0


def test_facet_counts_are_exact_and_ignore_their_own_filter():
    built = index([row(1, dt.date(2020, 1, 1), [1, 3], {"patent": 1}),
                   row(2, dt.date(2020, 1, 1), [2, 3], {"patent": 1}),
                   row(3, dt.date(2020, 1, 1), [2], {"office": 1})])  # fmt: skip
    counts = run(built, Term(("patent",)), country={1}).facet_counts()
    assert counts["country"] == {1: 1, 2: 1}
    assert counts["mode"] == {3: 1}


def test_ties_in_relevance_are_broken_by_date_at_the_page_boundary():
    rows = [row(pk, dt.date(2020, 1, 1 + pk % 28), [], {"patent": 1}, title={"patent"})
            for pk in range(1, 201)]  # fmt: skip
    built = index(rows)
    expected = [pk for _, pk in sorted(((r[1], r[0]) for r in rows), reverse=True)]
    query = run(built, Term(("patent",)))
    assert query.page(offset=0, limit=10, sort="relevance") == expected[:10]
    assert query.page(offset=25, limit=10, sort="relevance") == expected[25:35]


def test_pack_terms_packs_each_word_as_pack_word_does():
    found = [
        Words.of(["patents", "office"], {"patent": 1, "patents": 2, "copyright": 3, "office": 7}),
        Words.of([], {}),
        Words.of([], {"copyright": 300, "office": 1}),
        Words.of(["patent"], {"patent": 1}),
    ]
    expected = [
        pack(pack_word(WORDS[w], in_title=w in words.title, uses=n) for w, n in words.uses.items())
        for words in found
    ]
    assert pack_terms(WORDS, found) == expected
    assert pack_terms(WORDS, []) == []
