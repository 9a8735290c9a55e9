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

import datetime as dt
import sys
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain, pairwise

import numpy as np
from pyroaring import BitMap

from .types import Words

ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
# A word code keeps its flags in the top bits of its packed uint32.
WORD_MASK = (1 << 28) - 1
TITLE_FLAG = 1 << 31
USES_SHIFT = 28  # two bits: min(uses, 3) - 1
EMPTY = BitMap()
KINDS = "ayvwt23"
# Postings of fewer documents than this are kept in arrays, not bitmaps (see Index).
RARE = 16


def _head(kind: str, code: int) -> int:
    return (KINDS.index(kind) << 28) | code


def _pairs(kind: str, owners: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Sortable postings: kind (3 bits) and code (28 bits) above the document id (32 bits)."""
    head = np.uint64(_head(kind, 0)) | codes.astype(np.uint64)
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


def pack_terms(codes: Mapping[str, int], found: list[Words]) -> list[bytes]:
    """``pack(pack_word(...))`` of each document's words, a batch at once (the import's hot
    loop: about 75 words a document): a word's code, its title flag (a document's first
    ``titled`` names are its title's) and its uses, with no Python call per word."""
    lengths = np.fromiter(map(len, (w.names for w in found)), np.int64, len(found))
    total = int(lengths.sum())
    names = chain.from_iterable(w.names for w in found)
    packed = np.fromiter(map(codes.__getitem__, names), np.uint32, total)
    uses = np.frombuffer(b"".join(w.counts for w in found), np.uint8)
    packed |= (np.minimum(uses, 3).astype(np.uint32) - 1) << USES_SHIFT
    starts = np.zeros(len(found) + 1, np.int64)
    np.cumsum(lengths, out=starts[1:])
    titled = np.fromiter((w.titled for w in found), np.int64, len(found))
    position = np.arange(total) - np.repeat(starts[:-1], lengths)
    packed[position < np.repeat(titled, lengths)] |= TITLE_FLAG
    blob = packed.astype("<u4", copy=False).tobytes()
    return [blob[a:b] for a, b in pairwise((4 * starts).tolist())]


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
    """Facet values by code (words stay in the database: a million of them would not fit)."""

    values: dict[int, tuple[str, str]] = field(default_factory=dict)
    codes: dict[tuple[str, str], int] = field(default_factory=dict)
    by_facet: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    max_value: int = 0

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
        return Vocabulary(values=dict(self.values), codes=dict(self.codes), by_facet=by_facet,
                          max_value=self.max_value)  # fmt: skip


class Index:
    """Postings of every document as of the log entry `seq` of index generation `epoch`.

    Postings of fewer than RARE documents (an activity's identifier, a misspelt word: most of
    a real vocabulary) are not worth a bitmap object each; they sit in two sorted arrays
    (posting head, document id) and become a bitmap when asked for or changed.
    """

    def __init__(self, *, epoch: int, seq: int, vocabulary: Vocabulary) -> None:
        self.epoch = epoch
        self.seq = seq
        self.vocabulary = vocabulary
        self.maps: dict[tuple[str, int], BitMap] = {}
        self.rare_heads = np.zeros(0, dtype=np.uint32)
        self.rare_docs = np.zeros(0, dtype=np.uint32)
        self.keys = np.zeros(1, dtype=np.int64)
        self.years: set[int] = set()
        self.lock = threading.Lock()

    # Reading -------------------------------------------------------------------------------
    def get(self, kind: str, code: int) -> BitMap:
        bitmap = self.maps.get((kind, code))
        return self._rare(kind, code) if bitmap is None else bitmap

    def _rare(self, kind: str, code: int) -> BitMap:
        head = np.uint32(_head(kind, code))  # a Python int would cast the whole array
        low = np.searchsorted(self.rare_heads, head, "left")
        high = np.searchsorted(self.rare_heads, head, "right")
        if low == high:
            return EMPTY
        return BitMap(array("I", self.rare_docs[low:high].astype("<u4").tobytes()))

    def _is_rare(self, slot: tuple[str, int]) -> bool:
        head = np.uint32(_head(*slot))
        position = np.searchsorted(self.rare_heads, head, "left")
        return position < len(self.rare_heads) and self.rare_heads[position] == head

    def year_codes(self) -> list[int]:
        return sorted(self.years)

    def keys_of(self, ids: np.ndarray) -> np.ndarray:
        return self.keys[ids]

    @property
    def everything(self) -> BitMap:
        return self.get("a", 0)

    # Loading -------------------------------------------------------------------------------
    def load(self, rows: Iterable[tuple[int, int, bytes, bytes]], *, chunk: int = 65_536) -> None:
        """Postings from document rows (id, key, codes, terms) in ascending id order, a chunk
        of rows at a time so that memory stays bounded: each chunk's postings are sorted once
        and appended to the bitmaps (ids only grow), its rare ones kept for the end."""
        rare: list[np.ndarray] = []
        batch: list[tuple] = []
        for item in rows:
            batch.append(item)
            if len(batch) >= chunk:
                rare.append(self._load_chunk(batch))
                batch = []
        if batch:
            rare.append(self._load_chunk(batch))
        self._settle_rare(np.concatenate(rare) if rare else np.zeros(0, dtype=np.uint64))

    def _load_chunk(self, rows: list[tuple]) -> np.ndarray:
        id_arr = np.array([r[0] for r in rows], dtype=np.uint64)
        key_arr = np.array([r[1] for r in rows], dtype=np.int64)
        code_blobs = [bytes(r[2]) for r in rows]
        term_blobs = [bytes(r[3]) for r in rows]
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
        pairs = np.concatenate([
            _pairs("a", id_arr, np.zeros(len(rows), dtype=np.uint64)),
            _pairs("y", id_arr, day_years[day_of_doc.ravel()]),
            _pairs("v", code_owner, codes),
            _pairs("w", owner, words),
            _pairs("t", owner[title], words[title]),
            _pairs("2", owner[uses >= 1], words[uses >= 1]),
            _pairs("3", owner[uses >= 2], words[uses >= 2]),
        ])  # fmt: skip
        pairs.sort()
        heads = pairs >> np.uint64(32)
        starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
        ends = np.r_[starts[1:], len(pairs)]
        # Every document, years and facet values: always bitmaps (few, and read by every query).
        common = ((ends - starts) >= RARE) | (heads[starts] < np.uint64(_head("w", 0)))
        docs = (pairs & np.uint64(ID_MASK)).astype("<u4")
        for start, end, head in zip(starts[common].tolist(), ends[common].tolist(),
                                    heads[starts[common]].tolist(), strict=True):  # fmt: skip
            self._append((KINDS[head >> 28], head & WORD_MASK), docs[start:end])
        keep = np.repeat(~common, ends - starts)
        return pairs[keep]

    def _append(self, slot: tuple[str, int], docs: np.ndarray) -> None:
        """Add a load's postings to a slot's bitmap, in place: the union walks only the new
        postings' containers (a new bitmap would copy the whole one, chunk after chunk)."""
        bitmap = BitMap(array("I", docs.tobytes()))
        existing = self.maps.get(slot)
        if existing is None:
            self.maps[slot] = bitmap
        else:
            existing |= bitmap
        if slot[0] == "y":
            self.years.add(slot[1])

    def _settle_rare(self, pairs: np.ndarray) -> None:
        """Rare postings of all chunks: bitmaps for those common overall or already in one."""
        if not len(pairs):
            return
        pairs.sort()
        heads = (pairs >> np.uint64(32)).astype(np.uint32)
        docs = (pairs & np.uint64(ID_MASK)).astype(np.uint32)
        starts = np.flatnonzero(np.r_[True, heads[1:] != heads[:-1]])
        ends = np.r_[starts[1:], len(pairs)]
        known = np.array([_head(*slot) for slot in self.maps], dtype=np.uint32)
        promote = ((ends - starts) >= RARE) | np.isin(heads[starts], known)
        for start, end in zip(starts[promote].tolist(), ends[promote].tolist(), strict=True):
            head = int(heads[start])
            self._append((KINDS[head >> 28], head & WORD_MASK), docs[start:end])
        keep = np.repeat(~promote, ends - starts)
        self.rare_heads, self.rare_docs = heads[keep], docs[keep]

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
            if bitmap or self._is_rare(slot):  # an empty bitmap hides a rare posting
                self.maps[slot] = bitmap
            else:
                self.maps.pop(slot, None)
            if slot[0] == "y":
                (self.years.add if bitmap else self.years.discard)(slot[1])
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
