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
    many = Words(frozenset(), {"patent": 1000, "office": 3})
    assert pickle.loads(pickle.dumps(many)).uses == {"patent": 255, "office": 3}
    empty = pickle.loads(pickle.dumps(split_words("", [])))
    assert empty.title == frozenset() and dict(empty.uses) == {}
