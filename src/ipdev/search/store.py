"""The search tables, common to both engines, and the per-process index kept in step with them.

search_doc holds each document's sort key (date ordinal << 32 | id), its facet value codes and
its word codes (packed uint32, flags for title hits and uses); search_value and search_word
number the values and words; search_change logs every document added ('+') or removed ('-')
with its codes, in the writer's transaction; search_meta keeps the document count, the index
generation (`epoch`, bumped by rebuild) and the last log entry trimmed.

A process loads its Index from search_doc once (about 3 s at a million documents), then on
each query reads the log entries after the last one it applied: outside a transaction they are
committed and the Index advances over them; inside one they may be the caller's own uncommitted
writes, so they are laid over the Index in a View that is thrown away with the query. A service
that rolls back therefore never leaves a trace in any process's index.

The positional text of each engine (FTS5, tsvector) lives beside, for quoted phrases only:
ipdev.search.sqlite and ipdev.search.postgres.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import chain
from types import ModuleType

from django.db import connection

from ipdev.core.stemming import stems

from .index import Change, Index, Reader, View, Vocabulary, pack, pack_terms
from .plan import facet_pairs, sort_key
from .text import Term, phrase_text, split_words, variants
from .types import SearchDocument

BATCH = 2000
# The log keeps this many entries; a process further behind reloads its index.
KEEP_CHANGES = 200_000
LOOKUP_CHUNK = 500
# A prefix expands to at most this many words (the first in order).
MAX_PREFIX_WORDS = 5_000
PREFIX_END = chr(0x10FFFF)

_indexes: dict[tuple, Index] = {}
KNOWN_WORDS = 200_000
_load_lock = threading.Lock()


def text_backend() -> ModuleType:
    if connection.vendor == "sqlite":
        from . import sqlite

        return sqlite
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    raise NotImplementedError(f"search has no engine for the {connection.vendor!r} database")


def document_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM search_meta WHERE name = 'documents'")
        row = cursor.fetchone()
        return int(row[0]) if row else 0


# Writing ----------------------------------------------------------------------------------
class KnownWords:
    """Word codes a caller has seen committed, for its next writes (an import's batches: most
    words of a batch are known ones, and looking them up costs a query per 500 words).

    A writer stages the codes it learns; the caller says when its transaction committed (then
    they become known) or failed (then they are dropped), so a word rolled back is never taken
    for a committed one. Codes belong to one index generation (a rebuild renumbers): they are
    used only with it. Bounded.
    """

    def __init__(self) -> None:
        self.generation: object = None
        self.codes: dict[str, int] = {}
        self.staged: dict[str, int] = {}
        self.staged_generation: object = None
        # Whether most words the last writer had to find were new to the table.
        self.mostly_new = True

    def codes_of(self, generation: object) -> dict[str, int]:
        return self.codes if generation == self.generation else {}

    def stage(self, generation: object, words: dict[str, int]) -> None:
        if generation != self.staged_generation:
            self.staged = {}
            self.staged_generation = generation
        self.staged.update(words)

    def committed(self) -> None:
        if self.staged_generation != self.generation:
            self.codes, self.generation = {}, self.staged_generation
        if len(self.codes) + len(self.staged) > KNOWN_WORDS:
            self.codes = {}
        self.codes.update(self.staged)
        self.staged = {}

    def failed(self) -> None:
        self.staged = {}


class Writer:
    """Writes documents, their text, the log, and keeps codes and the document count."""

    def __init__(self, cursor, *, log: bool = True, known: KnownWords | None = None) -> None:
        self.cursor = cursor
        self.text = text_backend()
        self.text.lock_writers(cursor)
        self.log = log
        cursor.execute("SELECT code, facet, value FROM search_value")
        self.values = {(facet, value): code for code, facet, value in cursor.fetchall()}
        self.words: dict[str, int] = {}
        self.documents = 0
        self.known_words = known
        self.known: dict[str, int] = {}
        if known is not None:
            # After the writers' lock: a rebuild (new epoch, new codes) cannot slip between.
            cursor.execute("SELECT value FROM search_meta WHERE name = 'epoch'")
            row = cursor.fetchone()
            self.generation = (_identity(), row[0] if row else 0)
            self.known = known.codes_of(self.generation)

    def stage_words(self) -> None:
        if self.known_words is not None:
            self.known_words.stage(self.generation, self.words)

    def _value_codes(self, pairs: set[tuple[str, str]]) -> None:
        missing = [pair for pair in pairs if pair not in self.values]
        if not missing:
            return
        self.cursor.executemany(
            "INSERT INTO search_value (facet, value) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            missing,
        )
        self.cursor.execute("SELECT code, facet, value FROM search_value")
        self.values = {(facet, value): code for code, facet, value in self.cursor.fetchall()}

    def _word_codes(self, wanted: set[str]) -> None:
        missing = [w for w in wanted if w not in self.words]
        if self.known:
            unknown = []
            for word in missing:
                code = self.known.get(word)
                if code is None:
                    unknown.append(word)
                else:
                    self.words[word] = code
            missing = unknown
        # An import's unknown words are mostly new ones: it inserts them first, so that one
        # statement gives their codes; other writers look them up first, as the words of an
        # edited activity are mostly in the table already.
        known, asked = self.known_words, len(missing)
        if known is None or not known.mostly_new:
            self._lookup_words(missing)
            missing = [w for w in missing if w not in self.words]
        added = self._insert_words(missing)
        self._lookup_words([w for w in missing if w not in self.words])  # (there already)
        if known is not None and asked:
            known.mostly_new = 2 * added > asked

    def _insert_words(self, words: list[str]) -> int:
        """Add these words, learning the codes of those added (not of those in the table
        already); returns how many were added."""
        added = 0
        for start in range(0, len(words), LOOKUP_CHUNK):
            chunk = words[start : start + LOOKUP_CHUNK]
            marks = ", ".join(["(%s)"] * len(chunk))
            self.cursor.execute(
                f"INSERT INTO search_word (word) VALUES {marks} ON CONFLICT DO NOTHING"
                " RETURNING word, code",
                chunk,
            )
            rows = self.cursor.fetchall()
            self.words.update(rows)
            added += len(rows)
            self._insert_stems(rows)
        return added

    def _insert_stems(self, rows: list[tuple[str, int]]) -> None:
        """The stems of words just added, where they differ from the word (see word_codes)."""
        pairs = [(s, code) for word, code in rows for s in stems(word) if s != word]
        for start in range(0, len(pairs), LOOKUP_CHUNK):
            chunk = pairs[start : start + LOOKUP_CHUNK]
            marks = ", ".join(["(%s, %s)"] * len(chunk))
            self.cursor.execute(
                f"INSERT INTO search_stem (stem, code) VALUES {marks} ON CONFLICT DO NOTHING",
                list(chain.from_iterable(chunk)),
            )

    def _lookup_words(self, words: list[str]) -> None:
        for start in range(0, len(words), LOOKUP_CHUNK):
            chunk = words[start : start + LOOKUP_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            sql = f"SELECT word, code FROM search_word WHERE word IN ({marks})"
            self.cursor.execute(sql, chunk)
            self.words.update(self.cursor.fetchall())

    def remove(self, ids: list[int]) -> None:
        for start in range(0, len(ids), LOOKUP_CHUNK):
            chunk = ids[start : start + LOOKUP_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            self.cursor.execute(
                f"SELECT id, key, codes, terms FROM search_doc WHERE id IN ({marks})", chunk
            )
            rows = [(pk, key, bytes(codes), bytes(terms)) for pk, key, codes, terms in
                    self.cursor.fetchall()]  # fmt: skip
            if not rows:
                continue
            self.cursor.executemany("DELETE FROM search_doc WHERE id = %s", [(r[0],) for r in rows])
            self.text.delete(self.cursor, [(pk, key) for pk, key, _, _ in rows])
            if self.log:
                self.cursor.executemany(
                    "INSERT INTO search_change (id, op, key, codes, terms)"
                    " VALUES (%s, '-', %s, %s, %s)",
                    rows,
                )
            self.documents -= len(rows)

    def rows(self, docs: list[SearchDocument]) -> list[tuple]:
        """(id, key, codes, terms, title, body) for each document, codes assigned."""
        found = [
            doc.words if doc.words is not None
            else split_words(doc.title or "", [doc.text or ""])
            for doc in docs
        ]  # fmt: skip
        pairs = [facet_pairs(doc) for doc in docs]
        self._value_codes(set(chain.from_iterable(pairs)))
        self._word_codes(set(chain.from_iterable(w.names for w in found)))
        terms = pack_terms(self.words, found)
        rows = []
        for doc, doc_pairs, doc_terms in zip(docs, pairs, terms, strict=True):
            codes = pack(self.values[pair] for pair in doc_pairs)
            key = sort_key(doc_id=doc.id, date=doc.date)
            # The positional index gets the words in order (see text.phrase_text).
            rows.append((doc.id, key, codes, doc_terms, phrase_text(doc.title),
                         phrase_text(doc.text)))  # fmt: skip
        return rows

    def insert(self, docs: list[SearchDocument]) -> None:
        rows = self.rows(docs)
        self.cursor.executemany(
            "INSERT INTO search_doc (id, key, codes, terms) VALUES (%s, %s, %s, %s)",
            [row[:4] for row in rows],
        )
        self.text.insert(self.cursor, [(pk, key, title, body) for pk, key, _, _, title, body
                                       in rows])  # fmt: skip
        if self.log:
            self.cursor.executemany(
                "INSERT INTO search_change (id, op, key, codes, terms)"
                " VALUES (%s, '+', %s, %s, %s)",
                [row[:4] for row in rows],
            )
        self.documents += len(rows)

    def finish(self) -> None:
        self.cursor.execute(
            "UPDATE search_meta SET value = value + %s WHERE name = 'documents'",
            [self.documents],
        )
        self.cursor.execute("SELECT max(seq) FROM search_change")
        (last,) = self.cursor.fetchone()
        if last is not None and last > KEEP_CHANGES:
            cut = last - KEEP_CHANGES
            self.cursor.execute("DELETE FROM search_change WHERE seq <= %s", [cut])
            if self.cursor.rowcount:
                self.cursor.execute(
                    "UPDATE search_meta SET value = %s WHERE name = 'trimmed'", [cut]
                )


def batches(docs: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def index_documents(docs: Iterable[SearchDocument], known: KnownWords | None = None) -> int:
    count = 0
    with connection.cursor() as cursor:
        writer = Writer(cursor, known=known)
        for batch in batches(docs, BATCH):
            latest = {doc.id: doc for doc in batch}  # the last version of an id wins
            writer.remove(list(latest))
            writer.insert(list(latest.values()))
            count += len(latest)
        writer.finish()
        writer.stage_words()
    return count


def remove_documents(ids: Iterable[int]) -> None:
    with connection.cursor() as cursor:
        writer = Writer(cursor)
        writer.remove(list(dict.fromkeys(int(i) for i in ids)))
        writer.finish()


def rebuild(docs: Iterable[SearchDocument]) -> int:
    """Empty everything and bulk-load without logging: the new epoch makes every process reload."""
    with connection.cursor() as cursor:
        text = text_backend()
        text.lock_writers(cursor)
        text.reset(cursor)
        for table in ("search_doc", "search_word", "search_stem", "search_value", "search_change"):
            cursor.execute(f"DELETE FROM {table}")
        cursor.execute("UPDATE search_meta SET value = 0 WHERE name = 'documents'")
        cursor.execute("UPDATE search_meta SET value = value + 1 WHERE name = 'epoch'")
        writer = Writer(cursor, log=False)
        for batch in batches(docs, 5 * BATCH):
            text.bulk(cursor, writer.rows(batch))
            writer.documents += len(batch)
        text.finish_bulk(cursor)
        writer.finish()
        return writer.documents


# Reading ----------------------------------------------------------------------------------
def _identity() -> tuple:
    settings = connection.settings_dict
    return (connection.vendor, settings["NAME"], settings.get("HOST"), settings.get("PORT"))


def _vocabulary(cursor, vocabulary: Vocabulary) -> None:
    cursor.execute(
        "SELECT code, facet, value FROM search_value WHERE code > %s", [vocabulary.max_value]
    )
    vocabulary.add_values(cursor.fetchall())


def _changes(cursor, after: int) -> list[Change]:
    cursor.execute(
        "SELECT seq, id, op, key, codes, terms FROM search_change WHERE seq > %s ORDER BY seq",
        [after],
    )
    return [Change(seq, pk, op, key, bytes(codes), bytes(terms))
            for seq, pk, op, key, codes, terms in cursor.fetchall()]  # fmt: skip


def _load(cursor, epoch: int) -> Index:
    """A whole index from search_doc; log entries already in it may be replayed safely."""
    cursor.execute("SELECT max(seq) FROM search_change")
    seq = cursor.fetchone()[0] or 0
    vocabulary = Vocabulary()
    _vocabulary(cursor, vocabulary)
    index = Index(epoch=epoch, seq=seq, vocabulary=vocabulary)
    index.load(_documents(cursor))
    return index


def _documents(cursor, page: int = 65_536) -> Iterator[tuple]:
    """Every document row in id order, a page at a time (keyset paging bounds memory)."""
    last = 0
    while True:
        cursor.execute(
            "SELECT id, key, codes, terms FROM search_doc WHERE id > %s ORDER BY id LIMIT %s",
            [last, page],
        )
        rows = cursor.fetchall()
        yield from rows
        if len(rows) < page:
            return
        last = rows[-1][0]


# The index's generation: its epoch (moved by a rebuild) and its last change.
GENERATION = (
    "(SELECT value FROM search_meta WHERE name = 'epoch')",
    "(SELECT max(seq) FROM search_change)",
)
STATE = (
    f"SELECT {GENERATION[0]}, (SELECT value FROM search_meta WHERE name = 'trimmed'),"
    f" {GENERATION[1]}, (SELECT max(code) FROM search_value)"
)


def reader(cursor) -> Reader:
    """The index as this connection sees it now (see the module docstring): one query when
    nothing changed since the last one."""
    cursor.execute(STATE)
    epoch, trimmed, last, max_value = (v or 0 for v in cursor.fetchone())
    key = _identity()
    committed = not connection.in_atomic_block
    index = _indexes.get(key)
    if index is None or index.epoch != epoch or index.seq < trimmed:
        with _load_lock:
            index = _indexes.get(key)
            if index is None or index.epoch != epoch or index.seq < trimmed:
                index = _load(cursor, epoch)
                if committed:
                    _indexes[key] = index
    vocabulary = index.vocabulary
    stale_vocabulary = max_value > vocabulary.max_value
    changes = _changes(cursor, index.seq) if last > index.seq else []
    if committed:
        with index.lock:
            if stale_vocabulary:
                _vocabulary(cursor, vocabulary)
            index.apply([c for c in changes if c.seq > index.seq])
        return index
    if stale_vocabulary:
        vocabulary = vocabulary.copy()
        _vocabulary(cursor, vocabulary)
    if not changes and vocabulary is index.vocabulary:
        return index
    return View(index, changes, vocabulary)


def word_codes(cursor, terms: Iterable[Term]) -> dict[Term, list]:
    """The codes of each term's words, in one query: a single word's are those of the words
    sharing one of its stems in some language (``text.variants``: ``brevet`` finds
    ``brevets``, ``patente`` finds ``patents``), a prefix's add the words it begins (at most
    MAX_PREFIX_WORDS, in order); a phrase's are its own words in order (None where a word is
    unknown), as the positional index checks them as written."""
    terms = list(terms)
    single = {t.words[0]: variants(t.words[0]) for t in terms if len(t.words) == 1}
    exact = sorted({w for t in terms if len(t.words) > 1 for w in t.words}
                   | {v for found in single.values() for v in found})  # fmt: skip
    prefixes = sorted({t.words[0] for t in terms if t.prefix})
    if not exact and not prefixes:
        return {}
    parts, params = [], []
    if exact:
        marks = ", ".join(["%s"] * len(exact))
        parts.append(f"SELECT word, code FROM search_word WHERE word IN ({marks})")
        parts.append(
            "SELECT w.word, w.code FROM search_stem s JOIN search_word w ON w.code = s.code"
            f" WHERE s.stem IN ({marks})"
        )
        params += exact + exact
    for prefix in prefixes:
        # Words sort by code point (SQLite's default, "C" in PostgreSQL): a range scan.
        parts.append(
            "SELECT * FROM (SELECT word, code FROM search_word WHERE word >= %s AND word < %s"
            " ORDER BY word LIMIT %s) AS p"
        )
        params += [prefix, prefix + PREFIX_END, MAX_PREFIX_WORDS]
    cursor.execute(" UNION ".join(parts), params)
    found = dict(cursor.fetchall())
    result: dict[Term, list] = {}
    for term in terms:
        if len(term.words) > 1:
            result[term] = [found.get(word) for word in term.words]
            continue
        wanted = set(single[term.words[0]])
        codes = {code for word, code in found.items() if wanted.intersection(variants(word))}
        if term.prefix:
            prefix = term.words[0]
            codes.update(code for word, code in found.items() if word.startswith(prefix))
        result[term] = sorted(codes)
    return result


def is_loaded() -> bool:
    """Whether this process holds the index of the current database."""
    return _identity() in _indexes


def forget() -> None:
    """Drop every loaded index (tests that swap databases, and memory-conscious callers)."""
    _indexes.clear()
