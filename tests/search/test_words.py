"""A document's words as the import's reader processes send them to the writer (pickled)."""

import pickle

from ipdev.search.text import more_words, split_words
from ipdev.search.types import Words


def test_words_come_back_from_a_pickle_as_they_were():
    found = split_words("Patent office: patent examination", ["Examination of patents, 2024"])
    back = pickle.loads(pickle.dumps(found))
    assert back == found
    assert back.title == {"patent", "office", "examination"}
    assert back.uses["patent"] == 2 and back.uses["patents"] == 1 and back.uses["2024"] == 1
    assert more_words(back, ["Kenya"]).uses["kenya"] == 1


def test_counts_past_255_come_back_as_255_and_no_words_as_none():
    many = Words.of((), {"patent": 1000, "office": 3})
    assert pickle.loads(pickle.dumps(many)).uses == {"patent": 255, "office": 3}
    empty = pickle.loads(pickle.dumps(split_words("", [])))
    assert empty.title == frozenset() and dict(empty.uses) == {}


def test_normalise_deletes_exactly_the_combining_characters_of_any_text():
    """...but Cyrillic й, a letter of its own that the Russian stemmer needs (патентной)."""
    import sys
    import unicodedata

    from ipdev.search import text

    sample = "".join(chr(c) for c in range(0x80, 0x3000)) + "Ñandú Ελλάδα Việt Nam ё й Й"
    decomposed = unicodedata.normalize("NFD", sample)
    decomposed = decomposed.replace("\u0438\u0306", "й").replace("\u0418\u0306", "Й")
    expected = "".join(c for c in decomposed if not unicodedata.combining(c))
    assert text.words("Патентной ёлке") == ["патентной", "елке"]
    assert text.normalise(sample) == unicodedata.normalize("NFC", expected).lower()
    assert text.words("Propriété intellectuelle, Ñandú") == ["propriete", "intellectuelle", "nandu"]
    table = text._combining()
    assert len(table) <= table.LIMIT
    everything = "".join(
        chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000
    )
    text.normalise(everything)  # a hostile text of every character: the table stays bounded
    assert len(table) == table.LIMIT
    assert text.words("e\u0301te\u0301") == ["ete"]  # beyond the table's limit, still right


def test_more_words_count_as_splitting_all_the_text_at_once():
    found = split_words("Patent office", ["patent law"])
    more = more_words(found, ["Kenya Kenya", "Patent Office", ""])
    assert more == split_words("Patent office", ["patent law", "Kenya Kenya", "Patent Office"])
    assert more.title == {"patent", "office"} and more.uses["kenya"] == 2
    assert more_words(found, ["", ""]) is found
    crowded = more_words(Words.of(["patent"], {"patent": 254}), ["patent patent"])
    assert crowded.uses == {"patent": 255}


def test_ascii_text_splits_as_the_word_pattern_splits_it():
    import random
    import string

    from ipdev.search import text

    rng = random.Random(7)
    alphabet = string.printable + "_"
    for _ in range(500):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert text.words(sample) == text._WORD.findall(sample.lower())
    long_word = "a" * 70
    assert text.words(f"{long_word} b_c") == ["a" * text.MAX_WORD_LENGTH, "b", "c"]


def test_text_ascii_but_for_typographic_marks_splits_as_any_text():
    import random
    import string
    import unicodedata

    from ipdev.search import text

    for mark in text.TYPOGRAPHIC:
        assert not text._WORD.match(mark) and not unicodedata.combining(mark)
        assert unicodedata.normalize("NFD", mark) == mark == mark.lower()
    rng = random.Random(11)
    alphabet = string.printable + text.TYPOGRAPHIC * 3
    for _ in range(500):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert text.words(sample) == text._WORD.findall(text.normalise(sample))
    curly = "The office\u2019s \u201cpatents\u201d \u2013 2024"
    assert text.words(curly) == ["the", "office", "s", "patents", "2024"]
    assert text.words("Caf\u00e9\u2019s") == ["cafe", "s"]  # a non-ASCII letter: the full path


def test_accented_latin_text_splits_as_any_text():
    import random
    import string
    import unicodedata

    from ipdev.search import text

    marks = [chr(c) for c in range(0x300, 0x370) if c != 0x34F]
    assert all(unicodedata.combining(m) for m in marks)
    assert text._NOT_ACCENTED_ASCII.search("".join(marks)) is None
    rng = random.Random(5)
    alphabet = string.printable + text.TYPOGRAPHIC + "éèêàçñüöÉÀÑ" * 4 + "\u034f\u0301ßøæ"
    for _ in range(1000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        assert text.words(sample) == text._WORD.findall(text.normalise(sample)), sample
    assert text.words("Propri\u00e9t\u00e9 \u2013 \u00c9COLE") == ["propriete", "ecole"]


def test_a_documents_words_are_each_parts_words_counted_whatever_mix_of_scripts():
    from collections import Counter

    from ipdev.search.text import words

    title = "Patent office"
    parts = [
        "WIPO-KE-2024-01",
        "Training of patent examiners",
        "",
        "Formation des examinateurs de brevets",
        "Propriété intellectuelle : brevets",
        "Обучение патентных экспертов",
        " ".join(["patent"] * 300),  # more uses than a count holds
    ]
    found = split_words(title, parts)
    expected = Counter(words(title))
    for part in parts:
        expected.update(words(part))
    assert found.title == {"patent", "office"}
    assert found.uses == {word: min(count, 255) for word, count in expected.items()}
    assert found.names[: found.titled] == ("patent", "office")
