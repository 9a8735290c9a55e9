"""Quoted phrases in the six languages: the positional index holds each text's words in order
as the query is split (Chinese a character a word), on SQLite FTS5 and PostgreSQL alike."""

import pytest

from ipdev.search import engine
from ipdev.search.text import Term, parse_query, phrase_text
from ipdev.search.types import Query

from .conftest import make_doc

pytestmark = pytest.mark.django_db


def ids(text: str) -> list[int]:
    return sorted(engine.search(Query(text=text)).ids)


@pytest.fixture
def texts():
    engine.index_documents(
        [
            make_doc(1, "关于专利申请的培训", "面向审查员的专利检索讲习班"),
            make_doc(2, "专利申请书撰写", "3D打印技术的专利"),
            make_doc(3, "专利审查与申请", "商标和专利"),  # both words, never in a row
            make_doc(4, "Propriété intellectuelle et développement", "Séminaire régional"),
            make_doc(5, "Патентная экспертиза", "Семинар: её работа и методы"),
            make_doc(6, "تدريب على فَحْص البراءات", "حلقة عمل بشأن البراءات"),
            make_doc(7, "Intellectual property and development", "A regional seminar"),
        ]
    )


def test_a_quoted_chinese_phrase_finds_its_characters_in_a_row(texts):
    assert ids('"专利申请"') == [1, 2]  # 专利申请书: a longer dictionary word holding it
    assert ids("专利申请") == [1]  # unquoted: the dictionary word, as before
    assert ids('"申请的培训"') == [1]  # several dictionary words
    assert ids('"审查员的专利"') == [1]  # in the summary
    assert ids('"3D打印"') == [2] and ids('"3d打印技术"') == [2]  # with Latin letters
    assert ids('"申请专利"') == []  # the same characters in another order
    assert ids('"专利" "申请"') == [1, 2, 3]  # two phrases: each anywhere


def test_a_quoted_chinese_phrase_works_with_the_operators(texts):
    assert ids('专利 -"专利申请"') == [3]
    assert ids('"专利申请书" OR "商标和专利"') == [2, 3]
    ranked = engine.search(Query(text='"专利申请"', sort="relevance")).ids
    assert sorted(ranked) == [1, 2]


def test_quoted_phrases_in_french_russian_and_arabic(texts):
    assert ids('"propriété intellectuelle"') == [4]
    assert ids('"PROPRIETE Intellectuelle"') == [4]  # case and accents folded
    assert ids('"intellectuelle propriété"') == []
    assert ids('"séminaire régional"') == [4]
    assert ids('"патентная экспертиза"') == [5]
    assert ids('"ее работа"') == [5] and ids('"её работа"') == [5]  # noqa: RUF001 (ё written or not)
    assert ids('"экспертиза патентная"') == []
    assert ids('"فحص البراءات"') == [6]  # the document's vowel marks do not split its words
    assert ids('"على فحص"') == [6]
    assert ids('"البراءات فحص"') == []


def test_the_positional_text_is_the_query_words_in_order():
    assert phrase_text("专利申请的3D打印 Café, e-Learning") == (
        "专 利 申 请 的 3d 打 印 cafe e learning")  # fmt: skip
    assert phrase_text("Патентная ЭКСПЕРТИЗА: её") == "патентная экспертиза ее"  # noqa: RUF001
    assert phrase_text("فَحْص") == "فحص"
    assert phrase_text("") == "" and phrase_text("x" * 100) == "x" * 64


def test_only_quoted_chinese_is_checked_as_written():
    assert parse_query('"专利申请"').groups == ((Term(("专利申请",), positional=True),),)
    assert parse_query('"patent office"').groups == ((Term(("patent", "office")),),)
    assert parse_query("专利申请 ").groups == ((Term(("专利申请",)),),)
