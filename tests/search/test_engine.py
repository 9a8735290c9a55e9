"""The search engine contract, on whichever database the suite runs (SQLite or PostgreSQL)."""

import datetime as dt

import pytest
from django.db import transaction

from ipdev.search import engine
from ipdev.search.types import FacetValue, Query

from .conftest import make_doc

pytestmark = pytest.mark.django_db


def ids(**kwargs) -> list[int]:
    return engine.search(Query(**kwargs)).ids


def counts(result, facet: str) -> dict[str, int]:
    return {fv.value: fv.count for fv in result.facets[facet]}


@pytest.fixture
def catalogue():
    engine.index_documents(
        [
            make_doc(1, "Patent examination workshop", "Training for examiners", country=["KE"],
                     year=[2019], mode=["workshop"], date=dt.date(2019, 3, 1)),
            make_doc(2, "Copyright seminar", "Collective management", country=["KE", "TZ"],
                     year=[2020], mode=["seminar"], date=dt.date(2020, 5, 1)),
            make_doc(3, "Patent information centres", "TISC network", country=["PE"],
                     year=[2021], mode=["workshop"], date=dt.date(2021, 7, 1)),
            make_doc(4, "Trademark office automation", "patent and trademark data",
                     country=["TZ"], year=[2022], mode=["advisory"], date=dt.date(2022, 1, 9)),
            make_doc(5, "Geographical indications", "Coffee producers", country=["PE"],
                     year=[2023], mode=["seminar"], date=dt.date(2023, 2, 2)),
        ]
    )  # fmt: skip


def test_text_and_facet_filters_intersect(catalogue):
    assert sorted(ids(text="patent")) == [1, 3, 4]
    assert sorted(ids(text="patent", filters={"country": ["KE", "PE"]})) == [1, 3]
    assert sorted(ids(text="patent", filters={"country": ["PE"], "mode": ["workshop"]})) == [3]
    assert ids(text="patent", filters={"country": ["PE"], "mode": ["seminar"]}) == []


def test_values_within_a_facet_are_ored_and_facets_anded(catalogue):
    result = engine.search(Query(filters={"country": ["KE", "PE"], "mode": ["seminar"]}))
    assert sorted(result.ids) == [2, 5]
    assert result.total == 2


def test_facet_counts_ignore_their_own_filter(catalogue):
    result = engine.search(Query(filters={"country": ["KE"]}))
    # The country facet counts as if no country were chosen (multi-select faceting) ...
    assert counts(result, "country") == {"KE": 2, "TZ": 2, "PE": 2}
    # ... while the other facets count only the Kenyan activities.
    assert counts(result, "mode") == {"workshop": 1, "seminar": 1}
    assert counts(result, "year") == {"2019": 1, "2020": 1}


def test_facet_counts_apply_the_text_and_the_other_filters(catalogue):
    result = engine.search(Query(text="patent", filters={"country": ["PE"], "mode": ["workshop"]}))
    assert counts(result, "country") == {"PE": 1, "KE": 1}  # text + mode=workshop
    assert counts(result, "mode") == {"workshop": 1}  # text + country=PE, advisory is in TZ
    assert counts(result, "year") == {"2021": 1}


def test_facet_values_are_sorted_by_count_then_value(catalogue):
    result = engine.search(Query())
    assert result.facets["country"] == [
        FacetValue("KE", 2), FacetValue("PE", 2), FacetValue("TZ", 2)
    ]  # fmt: skip
    assert result.facets["mode"][0] == FacetValue("seminar", 2)
    assert result.facets["sdg"] == []


def test_empty_query_counts_every_document(catalogue):
    result = engine.search(Query())
    assert result.total == 5 == engine.document_count()
    assert counts(result, "mode") == {"workshop": 2, "seminar": 2, "advisory": 1}


def test_facets_false_skips_counting(catalogue):
    result = engine.search(Query(text="patent", facets=False))
    assert result.total == 3
    assert result.facets == {}


def test_unknown_facet_is_a_value_error_naming_it(catalogue):
    with pytest.raises(ValueError, match="colour"):
        engine.search(Query(filters={"colour": ["red"]}))


def test_unknown_filter_value_matches_nothing(catalogue):
    result = engine.search(Query(filters={"country": ["XX"]}))
    assert (result.ids, result.total) == ([], 0)
    assert counts(result, "country") == {"KE": 2, "TZ": 2, "PE": 2}


def test_year_range_is_an_inclusive_filter_on_the_year_facet(catalogue):
    assert sorted(ids(year_from=2020, year_to=2022)) == [2, 3, 4]
    assert sorted(ids(year_from=2022)) == [4, 5]
    assert sorted(ids(year_to=2019)) == [1]
    result = engine.search(Query(year_from=2021, filters={"year": ["2019", "2021"]}))
    assert result.ids == [3]
    # Like any filter, the range does not narrow the counts of its own facet.
    assert len(result.facets["year"]) == 5


def test_newest_and_oldest_sort_by_date_then_id():
    engine.index_documents(
        [make_doc(pk, date=dt.date(2020, 1, 1 + pk % 2)) for pk in range(1, 7)]
    )  # dates: odd ids on 2 January, even ids on 1 January
    assert ids(sort="newest") == [5, 3, 1, 6, 4, 2]
    assert ids(sort="oldest") == [2, 4, 6, 1, 3, 5]
    assert ids(sort="relevance") == [5, 3, 1, 6, 4, 2]  # no text: newest first


def test_relevance_prefers_title_hits(catalogue):
    engine.index_documents([make_doc(6, "Office", "patent " * 1, date=dt.date(2025, 1, 1))])
    ranked = ids(text="trademark")
    assert ranked == [4]
    assert ids(text="patent")[0] in {1, 3}  # title hits before the newer body-only ones


def test_paging_has_no_cap(catalogue):
    result = engine.search(Query(offset=100_000, limit=20))
    assert (result.ids, result.total) == ([], 5)
    pages = [ids(sort="oldest", offset=o, limit=2) for o in range(0, 6, 2)]
    assert pages == [[1, 2], [3, 4], [5]]


def test_relevance_pages_run_from_scored_matches_to_the_rest_without_gaps():
    engine.index_documents(
        [make_doc(pk, "grant" if pk % 2 else "report", "" if pk % 2 else "grant",
                  date=dt.date(2020, 1, pk)) for pk in range(1, 11)]
    )  # fmt: skip
    everything = ids(text="grant", limit=100)
    assert everything == [9, 7, 5, 3, 1, 10, 8, 6, 4, 2]  # title hits first, then newest first
    paged = [pk for o in range(0, 10, 4) for pk in ids(text="grant", offset=o, limit=4)]
    assert paged == everything
    assert list(engine.matching_ids(Query(text="grant"), chunk=2)) == everything


def test_relevance_counts_title_hits_and_repeated_words():
    engine.index_documents(
        [make_doc(pk, "seed bank" if pk % 2 else "bank", "seed " * (pk % 4), status=["done"],
                  date=dt.date(2021, 1, pk)) for pk in range(1, 13)]
    )  # fmt: skip
    ranked = ids(text="seed", filters={"status": ["done"]}, limit=50)
    assert ranked[:3] == [11, 7, 3]  # title hit and three body hits
    assert ranked[3:6] == [9, 5, 1]  # title hit and one body hit
    assert ranked[6:] == [10, 6, 2]  # two body hits, no title


def test_rarer_words_weigh_more():
    engine.index_documents(
        [make_doc(pk, "copyright", "levy" if pk == 1 else "", date=dt.date(2020, 1, pk))
         for pk in range(1, 9)]
        + [make_doc(9, "levy", "copyright", date=dt.date(2019, 1, 1))]
    )  # fmt: skip
    # Both match both words; the older one has the rare word in its title.
    assert ids(text="copyright levy") == [9, 1]


def test_matching_ids_streams_every_match_in_order():
    engine.index_documents(
        [make_doc(pk, "water", date=dt.date(2000 + pk % 20, 1, 1)) for pk in range(1, 51)]
    )
    newest = list(engine.matching_ids(Query(text="water", sort="newest"), chunk=7))
    assert newest == ids(text="water", sort="newest", limit=100)
    assert len(newest) == 50
    oldest = list(engine.matching_ids(Query(sort="oldest"), chunk=7))
    assert oldest == newest[::-1]


def test_hostile_text_never_breaks_the_query(catalogue):
    hostile = [
        '"', '""', "'", "patent\"", "*", "pat*", "NEAR(patent copyright)", "NEAR(", "-patent",
        "patent OR", "OR", "AND NOT", "^patent", "patent:*", "title: patent", "{title}: x",
        "(patent", "patent)", "'; DROP TABLE search_value; --", "1=1 OR 'a'='a'", "\\", "%",
        "_", "&|!", "<->", "patent & !copyright", "\x00", "\ue000" "1", "🙂", "a" * 5000,
        " ".join(["word"] * 500),
    ]  # fmt: skip
    for text in hostile:
        result = engine.search(Query(text=text))
        assert result.total >= 0, text
    assert engine.document_count() == 5
    assert sorted(ids(text='"patent')) == [1, 3, 4]
    assert sorted(ids(text="patent OR")) == [1, 3, 4]  # operators written in capitals drop out


def test_text_cannot_reach_facet_tokens(catalogue):
    # Facet values and words are separate postings: text never matches a facet value.
    assert ids(text="\ue0001") == []  # only the word "1" is left: no document has it
    assert ids(text="\ue000") == ids(text="") == [5, 4, 3, 2, 1]
    assert ids(text="KE") == []


def test_accents_and_case_are_ignored():
    engine.index_documents(
        [make_doc(1, "Côte d'Ivoire: PROPRIÉTÉ intellectuelle", "São Tomé"),
         make_doc(2, "Cote d'Ivoire: propriete", "Sao Tome")]
    )  # fmt: skip
    assert sorted(ids(text="cote")) == [1, 2]
    assert sorted(ids(text="CÔTE propriété ")) == [1, 2]
    assert sorted(ids(text="sao tomé")) == [1, 2]
    assert sorted(ids(text="INTELLECTUELLE")) == [1]


def test_prefix_matches_the_last_word_while_it_is_typed(catalogue):
    assert sorted(ids(text="trade")) == [4]
    assert sorted(ids(text="exam")) == [1]
    assert ids(text="exam ") == []  # a space ends the word
    assert sorted(ids(text="geographical indica")) == [5]


def test_quoted_phrase_keeps_word_order(catalogue):
    assert ids(text='"office automation"') == [4]
    assert ids(text='"automation office"') == []
    assert ids(text='"office automation"', filters={"country": ["KE"]}) == []
    assert ids(text='"patent examination" workshop') == [1]


def test_indexing_again_replaces_the_document(catalogue):
    engine.index_documents([make_doc(1, "Plant varieties", country=["PE"], year=[2019])])
    assert ids(text="examination") == []
    assert ids(text="varieties") == [1]
    result = engine.search(Query())
    assert result.total == 5
    assert counts(result, "country") == {"PE": 3, "TZ": 2, "KE": 1}
    assert "workshop" in counts(result, "mode")
    assert counts(result, "mode")["workshop"] == 1


def test_remove_documents_updates_results_and_counts(catalogue):
    engine.remove_documents([2, 4, 999])
    result = engine.search(Query())
    assert sorted(result.ids) == [1, 3, 5]
    assert counts(result, "country") == {"PE": 2, "KE": 1}
    assert engine.document_count() == 3


def test_rebuild_replaces_everything(catalogue):
    assert engine.rebuild([make_doc(10, "Mediation", country=["CH"])]) == 1
    assert ids() == [10]
    assert counts(engine.search(Query()), "country") == {"CH": 1}
    assert ids(text="patent") == []
    engine.index_documents([make_doc(11, "Mediation centre", country=["CH"])])
    assert sorted(ids(text="mediation")) == [10, 11]


@pytest.fixture
def empty_index():
    """A transactional test sees what earlier ones committed: the search tables are no Django
    models, so the flush between tests leaves them (an activity of tests/core, for one)."""
    engine.rebuild([])
    yield
    engine.rebuild([])


@pytest.mark.django_db(transaction=True)
def test_rolled_back_transaction_leaves_index_unchanged(empty_index, catalogue):
    with pytest.raises(RuntimeError), transaction.atomic():
        engine.index_documents([make_doc(9, "Rolled back", country=["BR"])])
        engine.remove_documents([1])
        raise RuntimeError("the service failed")
    assert ids(text="rolled") == []
    assert sorted(ids(text="patent")) == [1, 3, 4]
    result = engine.search(Query())
    assert result.total == 5 == engine.document_count()
    assert "BR" not in counts(result, "country")


def test_document_ids_must_fit_the_sort_key():
    with pytest.raises(ValueError, match="outside"):
        engine.index_documents([make_doc(2**32)])


def test_large_result_sets_are_counted_exactly():
    engine.index_documents(
        [make_doc(pk, "grant", mode=["a" if pk % 4 else "b"], date=dt.date(2000 + pk % 25, 1, 1))
         for pk in range(1, 4001)]
    )  # fmt: skip
    result = engine.search(Query(text="grant"))
    assert result.total == 4000
    assert counts(result, "mode") == {"a": 3000, "b": 1000}
    narrow = engine.search(Query(text="grant", filters={"mode": ["b"]}, offset=990, limit=20))
    assert narrow.total == 1000
    assert len(narrow.ids) == 10
    assert counts(narrow, "mode") == {"a": 3000, "b": 1000}  # its own filter does not narrow it


def test_result_counts_are_narrowed_by_every_filter_including_their_own(catalogue):
    result = engine.result_counts(Query(filters={"country": ["KE"]}))
    assert result.total == 2
    assert result.ids == []
    # Kenya's two activities, one of them shared with Tanzania: Peru is not in this result.
    assert counts(result, "country") == {"KE": 2, "TZ": 1}
    assert counts(result, "mode") == {"workshop": 1, "seminar": 1}


def test_result_counts_of_everything_and_of_nothing(catalogue):
    everything = engine.result_counts(Query())
    assert everything.total == 5
    assert counts(everything, "country") == {"KE": 2, "TZ": 2, "PE": 2}
    nothing = engine.result_counts(Query(text="nowhere-to-be-found"))
    assert nothing.total == 0
    assert all(values == [] for values in nothing.facets.values())
