"""Query operators (OR, exclusion, phrases) and words across the six languages: stems in each
language meet, Chinese is cut into dictionary words, in documents and in queries alike."""

import datetime as dt

import pytest

from ipdev.search import engine
from ipdev.search.text import Term, parse_query, variants, words
from ipdev.search.types import Query

from .conftest import make_doc

pytestmark = pytest.mark.django_db


def ids(text: str, **kwargs) -> list[int]:
    return sorted(engine.search(Query(text=text, **kwargs)).ids)


def total(text: str) -> int:
    return engine.search(Query(text=text)).total


@pytest.fixture
def catalogue():
    engine.index_documents(
        [
            make_doc(1, "Patent examination workshop", "Training for examiners",
                     date=dt.date(2019, 3, 1)),
            make_doc(2, "Copyright seminar", "Collective management of rights",
                     date=dt.date(2020, 5, 1)),
            make_doc(3, "Rédaction des brevets", "Atelier pour les examinateurs de brevets",
                     date=dt.date(2021, 7, 1)),
            make_doc(4, "Redacción de patentes", "Taller sobre la búsqueda de patentes",
                     date=dt.date(2022, 1, 9)),
            make_doc(5, "专利审查培训", "面向审查员的专利检索讲习班", date=dt.date(2023, 2, 2)),
            make_doc(6, "Патентная экспертиза", "Семинар для патентных экспертов",
                     date=dt.date(2023, 4, 2)),
            make_doc(7, "تدريب على فحص البراءات", "حلقة عمل بشأن البراءات",
                     date=dt.date(2023, 6, 2)),
            make_doc(8, "Trademark office automation", "patent and trademark data",
                     date=dt.date(2024, 1, 9)),
        ]
    )  # fmt: skip


def test_or_takes_either_term(catalogue):
    assert ids("copyright OR trademark ") == [2, 8]
    assert ids("workshop OR automation patent ") == [1, 8]  # (workshop OR automation) AND patent
    assert ids("copyright or trademark ") == []  # lower-case "or" is a word: AND-ed


def test_minus_and_not_exclude(catalogue):
    assert ids("patent -trademark ") == [1, 4]
    assert ids("patent NOT trademark ") == [1, 4]
    assert ids('patent -"office automation" ') == [1, 4]
    assert ids("patent -examination -trademark ") == [4]
    assert ids("-patent ") == [2, 3, 5, 6, 7]  # only an exclusion: everything else
    assert ids("e-learning ") == []  # a hyphen inside a word is no operator


def test_exclusion_applies_with_filters_and_counts():
    engine.index_documents(
        [make_doc(1, "Patent office", country=["KE"]), make_doc(2, "Patent law", country=["PE"]),
         make_doc(3, "Patent office law", country=["PE"])]
    )  # fmt: skip
    result = engine.search(Query(text="patent -office ", filters={"country": ["PE"]}))
    assert result.ids == [2] and result.total == 1
    assert {fv.value: fv.count for fv in result.facets["country"]} == {"PE": 1}


def test_quoted_phrases_with_or_and_exclusion(catalogue):
    assert ids('"patent examination" OR "trademark office" ') == [1, 8]
    assert ids('"examination patent" ') == []


def test_a_word_finds_its_other_forms_in_each_language(catalogue):
    assert ids("brevet ") == [3]  # French plural
    # A word is stemmed in every language of its script: "examinateur" meets English
    # "examination" (stem "examin") as well as French "examinateurs".
    assert ids("examinateur ") == [1, 3]
    assert ids("patente ") == [1, 4, 8]  # Spanish and English share the stem
    assert ids("патентной ") == [6]  # Russian: патентная, патентных
    assert ids("البراءات ") == [7]
    assert ids("براءة ") == [7]


def test_chinese_is_cut_into_dictionary_words(catalogue):
    assert ids("专利 ") == [5]
    assert ids("审查员 ") == [5]
    assert ids("专利审查 ") == [5]
    assert ids("商标 ") == []
    assert words("专利审查培训") == ["专利", "审查", "专利审查", "培训"]
    assert words("专利审查", query=True) == ["专利审查"]


def test_relevance_with_or_scores_only_the_term_each_match_holds(catalogue):
    # Both hold one of the two terms in the title: the newer first, as a tie.
    assert engine.search(Query(text="copyright OR automation ", sort="relevance")).ids == [8, 2]


def test_parser_reads_operators_and_keeps_bounds():
    parsed = parse_query('"patent office" OR brevet -copyright NOT "trade mark" exam')
    assert parsed.groups == (
        (Term(("patent", "office")), Term(("brevet",))),
        (Term(("exam",), prefix=True),),
    )
    assert parsed.excluded == (Term(("copyright",)), Term(("trade", "mark")))
    assert parse_query("e-learning OR distance ").groups == (
        (Term(("e", "learning")), Term(("distance",))),
    )
    for lone in ["OR", "-", "NOT", '"', "- -", "AND OR NOT", ""]:
        assert not parse_query(lone), lone
    many = parse_query(" OR ".join(f"w{i}" for i in range(40)) + " -x -y")
    assert sum(len(g) for g in many.groups) + len(many.excluded) <= 12


def test_variants_are_the_word_and_its_stems():
    assert variants("patents") == ("patents", "patent")
    assert variants("brevets") == ("brevets", "brevet")
    assert variants("专利") == ("专利",)
    assert variants("2019") == ("2019",)


def test_hostile_operator_input_never_breaks_the_query(catalogue):
    for text in ['-"', '"-', "--", "-OR", "OR -", 'NOT "', "-" * 500, "OR " * 300, "专" * 5000,
                 '" OR "', "-\x00", "NOT NOT x", '-"" patent']:  # fmt: skip
        assert total(text) >= 0, text


def test_an_empty_result_says_what_each_filter_keeps_out():
    engine.index_documents(
        [make_doc(1, "Patent office", country=["KE"], year=[2019]),
         make_doc(2, "Patent law", country=["PE"], year=[2020]),
         make_doc(3, "Copyright", country=["PE"], year=[2019])]
    )  # fmt: skip
    result = engine.search(Query(text="patent", filters={"country": ["PE"], "year": ["2019"]}))
    assert result.total == 0
    assert result.relaxed == {"country": 1, "year": 1, "q": 1}
    assert engine.search(Query(text="copyright", filters={"country": ["KE"]})).relaxed == {
        "country": 1, "q": 1}  # fmt: skip
    assert engine.search(Query(text="patent")).relaxed == {}  # only asked when nothing matches
