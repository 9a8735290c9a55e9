"""The in-memory bitmap index that answers every query: postings as compressed bitmaps.

Each indexed word and each facet value has a roaring bitmap of the document ids that hold it,
so a query is a handful of bitmap intersections, its total a cardinality and each facet count
one intersection cardinality: exact at any size, in milliseconds at a million documents.

The database stays the record (ipdev.search.store): each document's row keeps its packed value
codes and word codes, and every write appends to a change log in the writer's transaction. An
Index is loaded from the rows, then advanced from the log; a View lays the log entries that
are not known to be committed (the caller's own open transaction) over it without changing it.

Postings, by kind:
  "a" (code 0) every document      "y" the year of the document's date (newest/oldest order)
  "v" a facet value code            "w" a word anywhere (title or body)
  "t" a word in the title           "2" / "3" a word used at least two / three times
"""

from __future__ import annotations

import bisect
import datetime as dt
import sys
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from pyroaring import BitMap

ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
# A word code keeps its flags in the top bits of its packed uint32.
WORD_MASK = (1 << 28) - 1
TITLE_FLAG = 1 << 31
USES_SHIFT = 28  # two bits: min(uses, 3) - 1
# A prefix that expands to more words than this is matched on its most common ones only.
MAX_PREFIX_WORDS = 5_000
EMPTY = BitMap()
KINDS = "ayvwt23"


def _pairs(kind: str, owners: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Sortable postings: kind (3 bits) and code (28 bits) above the document id (32 bits)."""
    head = (np.uint64(KINDS.index(kind)) << np.uint64(28)) | codes.astype(np.uint64)
    return (head << np.uint64(32)) | owners.astype(np.uint64)


def pack(values: Iterable[int]) -> bytes:
    packed = array("I", values)
    if sys.byteorder == "big":  # the stored format is little-endian wherever it is written
        packed.byteswap()
    return packed.tobytes()


def unpack(blob: bytes) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<u4")


def pack_word(code: int, *, in_title: bool, uses: int) -> int:
    return code | (TITLE_FLAG if in_title else 0) | ((min(uses, 3) - 1) << USES_SHIFT)


def key_year(key: int) -> int:
    return dt.date.fromordinal(key >> ID_BITS).year


def postings(key: int, codes: np.ndarray, terms: np.ndarray) -> list[tuple[str, int]]:
    """Every (kind, code) posting of one document."""
    words = terms & WORD_MASK
    uses = (terms >> USES_SHIFT) & 3
    result = [("a", 0), ("y", key_year(key))]
    result += [("v", int(c)) for c in codes]
    result += [("w", int(w)) for w in words]
    result += [("t", int(w)) for w in words[(terms & TITLE_FLAG) != 0]]
    result += [("2", int(w)) for w in words[uses >= 1]]
    result += [("3", int(w)) for w in words[uses >= 2]]
    return result


@dataclass(frozen=True)
class Change:
    """One log entry: a document added ('+') or removed ('-') with the codes it had."""

    seq: int
    id: int
    op: str
    key: int
    codes: bytes
    terms: bytes


@dataclass
class Vocabulary:
    """Words and facet values by code, and the words in order for prefix expansion."""

    words: dict[str, int] = field(default_factory=dict)
    values: dict[int, tuple[str, str]] = field(default_factory=dict)
    codes: dict[tuple[str, str], int] = field(default_factory=dict)
    by_facet: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sorted_words: list[str] = field(default_factory=list)
    max_word: int = 0
    max_value: int = 0

    def add_words(self, rows: Iterable[tuple[int, str]]) -> None:
        new = [(code, word) for code, word in rows if word not in self.words]
        for code, word in new:
            self.words[word] = code
            self.max_word = max(self.max_word, code)
        if len(new) > 64:
            self.sorted_words = sorted(self.words)
        else:
            for _, word in new:
                bisect.insort(self.sorted_words, word)

    def add_values(self, rows: Iterable[tuple[int, str, str]]) -> None:
        for code, facet, value in rows:
            if code in self.values:
                continue
            self.values[code] = (facet, value)
            self.codes[facet, value] = code
            self.by_facet[facet].append(code)
            self.max_value = max(self.max_value, code)

    def copy(self) -> Vocabulary:
        by_facet = defaultdict(list, {f: list(c) for f, c in self.by_facet.items()})
        return Vocabulary(
            words=dict(self.words), values=dict(self.values), codes=dict(self.codes),
            by_facet=by_facet, sorted_words=list(self.sorted_words),
            max_word=self.max_word, max_value=self.max_value,
        )  # fmt: skip

    def prefixed(self, prefix: str) -> list[int]:
        """The codes of the words that start with `prefix` (the word itself included)."""
        start = bisect.bisect_left(self.sorted_words, prefix)
        codes = []
        for word in self.sorted_words[start : start + MAX_PREFIX_WORDS]:
            if not word.startswith(prefix):
                break
            codes.append(self.words[word])
        return codes


class Index:
    """Postings of every document as of the log entry `seq` of index generation `epoch`."""

    def __init__(self, *, epoch: int, seq: int, vocabulary: Vocabulary) -> None:
        self.epoch = epoch
        self.seq = seq
        self.vocabulary = vocabulary
        self.maps: dict[tuple[str, int], BitMap] = {}
        self.keys = np.zeros(1, dtype=np.int64)
        self.years: set[int] = set()
        self.lock = threading.Lock()

    # Reading -------------------------------------------------------------------------------
    def get(self, kind: str, code: int) -> BitMap:
        return self.maps.get((kind, code), EMPTY)

    def year_codes(self) -> list[int]:
        return sorted(self.years)

    def keys_of(self, ids: np.ndarray) -> np.ndarray:
        return self.keys[ids]

    @property
    def everything(self) -> BitMap:
        return self.get("a", 0)

    # Loading -------------------------------------------------------------------------------
    def load(self, rows: Iterable[tuple[int, int, bytes, bytes]]) -> None:
        """Postings from document rows (id, key, codes, terms), grouped in one sort."""
        ids, keys, code_blobs, term_blobs = [], [], [], []
        for pk, key, codes, terms in rows:
            ids.append(pk)
            keys.append(key)
            code_blobs.append(bytes(codes))
            term_blobs.append(bytes(terms))
        if not ids:
            return
        id_arr = np.array(ids, dtype=np.uint64)
        key_arr = np.array(keys, dtype=np.int64)
        self._grow(int(id_arr.max()))
        self.keys[id_arr.astype(np.int64)] = key_arr
        days, day_of_doc = np.unique(key_arr >> ID_BITS, return_inverse=True)
        day_years = np.array([dt.date.fromordinal(int(d)).year for d in days], dtype=np.uint64)
        codes = unpack(b"".join(code_blobs)).astype(np.uint64)
        code_owner = np.repeat(id_arr, [len(b) // 4 for b in code_blobs])
        terms = unpack(b"".join(term_blobs)).astype(np.uint64)
        owner = np.repeat(id_arr, [len(b) // 4 for b in term_blobs])
        words = terms & np.uint64(WORD_MASK)
        uses = (terms >> np.uint64(USES_SHIFT)) & np.uint64(3)
        title = (terms & np.uint64(TITLE_FLAG)) != 0
        pairs = [
            _pairs("a", id_arr, np.zeros(len(ids), dtype=np.uint64)),
            _pairs("y", id_arr, day_years[day_of_doc.ravel()]),
            _pairs("v", code_owner, codes),
            _pairs("w", owner, words),
            _pairs("t", owner[title], words[title]),
            _pairs("2", owner[uses >= 1], words[uses >= 1]),
            _pairs("3", owner[uses >= 2], words[uses >= 2]),
        ]
        self._build(np.concatenate(pairs))

    def _build(self, pairs: np.ndarray) -> None:
        pairs.sort()
        heads = pairs >> np.uint64(32)
        docs = (pairs & np.uint64(ID_MASK)).astype("<u4")
        starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
        ends = np.r_[starts[1:], len(pairs)]
        for start, end, head in zip(starts.tolist(), ends.tolist(), heads[starts].tolist(),
                                    strict=True):  # fmt: skip
            slot = (KINDS[head >> 28], head & WORD_MASK)
            self.maps[slot] = BitMap(array("I", docs[start:end].tobytes()))
            if slot[0] == "y":
                self.years.add(slot[1])

    def _grow(self, max_id: int) -> None:
        if max_id >= len(self.keys):
            grown = np.zeros(max(max_id + 1, len(self.keys) * 2), dtype=np.int64)
            grown[: len(self.keys)] = self.keys
            self.keys = grown

    # Changing ------------------------------------------------------------------------------
    def apply(self, changes: list[Change]) -> None:
        """Advance over committed log entries (in place: readers see whole bitmaps swap)."""
        if not changes:
            return
        delta = Delta.of(changes)
        for slot, bitmap in delta.bitmaps(self).items():
            if bitmap:
                self.maps[slot] = bitmap
                if slot[0] == "y":
                    self.years.add(slot[1])
            else:
                self.maps.pop(slot, None)
                if slot[0] == "y":
                    self.years.discard(slot[1])
        if delta.keys:
            self._grow(max(delta.keys))
            for pk, key in delta.keys.items():
                self.keys[pk] = key
        self.seq = max(self.seq, changes[-1].seq)


@dataclass
class Delta:
    """What a run of log entries changes: documents leaving and joining each posting."""

    removed: dict[tuple[str, int], list[int]]
    added: dict[tuple[str, int], list[int]]
    keys: dict[int, int]

    @classmethod
    def of(cls, changes: list[Change]) -> Delta:
        """Replay-safe: a document leaves every posting of every version it was removed with
        (the base may hold any of them) and joins those of its last version, if added."""
        gone: dict[int, set[tuple[str, int]]] = defaultdict(set)
        last: dict[int, Change] = {}
        for change in changes:
            if change.op == "-":
                slots = postings(change.key, unpack(change.codes), unpack(change.terms))
                gone[change.id].update(slots)
            last[change.id] = change
        removed: dict[tuple[str, int], list[int]] = defaultdict(list)
        added: dict[tuple[str, int], list[int]] = defaultdict(list)
        keys = {}
        for pk, slots in gone.items():
            for slot in slots:
                removed[slot].append(pk)
        for pk, change in last.items():
            if change.op == "+":
                keys[pk] = change.key
                for slot in postings(change.key, unpack(change.codes), unpack(change.terms)):
                    added[slot].append(pk)
        return cls(removed=removed, added=added, keys=keys)

    def bitmaps(self, base: Index) -> dict[tuple[str, int], BitMap]:
        result = {}
        for slot in self.removed.keys() | self.added.keys():
            bitmap = base.get(*slot) - BitMap(self.removed.get(slot, ()))
            if slot in self.added:
                bitmap |= BitMap(self.added[slot])
            result[slot] = bitmap
        return result


class View:
    """An Index with uncommitted log entries laid over it; reads like an Index."""

    def __init__(self, base: Index, changes: list[Change], vocabulary: Vocabulary) -> None:
        delta = Delta.of(changes)
        self.base = base
        self.vocabulary = vocabulary
        self.overlay = delta.bitmaps(base)
        self.key_patch = delta.keys

    def get(self, kind: str, code: int) -> BitMap:
        bitmap = self.overlay.get((kind, code))
        return self.base.get(kind, code) if bitmap is None else bitmap

    def year_codes(self) -> list[int]:
        years = set(self.base.years)
        for (kind, code), bitmap in self.overlay.items():
            if kind == "y":
                (years.add if bitmap else years.discard)(code)
        return sorted(years)

    def keys_of(self, ids: np.ndarray) -> np.ndarray:
        keys = np.zeros(len(ids), dtype=np.int64)
        known = ids < len(self.base.keys)
        keys[known] = self.base.keys[ids[known]]
        if self.key_patch:
            for position, pk in enumerate(ids.tolist()):
                if pk in self.key_patch:
                    keys[position] = self.key_patch[pk]
        return keys

    @property
    def everything(self) -> BitMap:
        return self.get("a", 0)


Reader = Index | View
