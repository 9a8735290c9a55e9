"""The search interface: one set of functions on whichever database is in use.

Queries are answered from the bitmap index (ipdev.search.index and query), loaded from and kept
in step with the search tables (ipdev.search.store); the engine's positional text index checks
quoted phrases (SQLite FTS5 in ipdev.search.sqlite, PostgreSQL tsvector in
ipdev.search.postgres). Writes run inside the caller's transaction, so a service that rolls back
leaves the index as it was. See types.py for the contract of documents, queries and results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from . import scan, store
from .index import Index
from .plan import build, facet_result
from .query import Run
from .store import KnownWords
from .types import Query, Result, SearchDocument

__all__ = [
    "KnownWords",
    "document_count",
    "generation",
    "generation_columns",
    "index_documents",
    "is_ready",
    "matching_array",
    "matching_ids",
    "rebuild",
    "remove_documents",
    "search",
    "warm",
]


def index_documents(docs: Iterable[SearchDocument], known: KnownWords | None = None) -> int:
    """Insert or replace these documents; returns how many were written. A caller writing
    many batches may pass the same ``known`` each time (see KnownWords).

    Inside a caller's transaction the writes are part of it, without a savepoint of their own:
    a failure here fails the caller's transaction (no caller goes on after one). A savepoint
    would have SQLite copy each page the index changes, of those there when it began, into a
    statement journal, freed when it ends: for an import's batch, most of the index's pages."""
    with transaction.atomic(savepoint=False):
        return store.index_documents(docs, known)


def remove_documents(ids: Iterable[int]) -> None:
    """Remove documents by id (unknown ids are ignored); part of the caller's transaction,
    as ``index_documents``."""
    with transaction.atomic(savepoint=False):
        store.remove_documents(ids)


def rebuild(docs: Iterable[SearchDocument]) -> int:
    """Replace the whole index with these documents (bulk load); returns their number."""
    with transaction.atomic():
        return store.rebuild(docs)


def _run(cursor, query: Query) -> tuple[Run, object]:
    reader = store.reader(cursor)
    plan = build(query=query, codes=reader.vocabulary.codes)
    text = store.text_backend()
    words = store.word_codes(cursor, plan.all_terms)
    run = Run(reader=reader, plan=plan, words=words, phrase=lambda w: text.phrase(cursor, w))
    return run, reader


def search(query: Query) -> Result:
    """One page of ids, the exact total and, unless query.facets is False, the facet counts.

    Raises ValueError for a filter on an unknown facet (the message names it).
    """
    with connection.cursor() as cursor:
        run, reader = _run(cursor, query)
    ids = run.page(offset=query.offset, limit=query.limit, sort=query.sort)
    facets = {}
    if query.facets:
        facets = facet_result(counts=run.facet_counts(), values=reader.vocabulary.values)
    relaxed = run.relaxed() if run.total == 0 else {}
    return Result(ids=ids, total=run.total, facets=facets, relaxed=relaxed)


def result_counts(query: Query) -> Result:
    """The exact total and, per facet, how many matching documents have each value (no ids).

    Unlike `search`, a facet's own filter narrows it too: these are the counts of the result.
    """
    with connection.cursor() as cursor:
        run, reader = _run(cursor, query)
    everything = (
        not query.text
        and not any(query.filters.values())
        and (query.year_from is None and query.year_to is None)
    )
    if everything and isinstance(reader, Index):
        # The counts of every document (the freshness banner, the home page, the country
        # list: most pages) are kept on this process's loaded index until it changes. The key
        # is read before counting, so counts of a newer state never stand under an older key.
        key = (reader.epoch, reader.seq, reader.vocabulary.max_value)
        kept = reader.__dict__.get("_every_count")
        if kept is not None and kept[0] == key:
            return kept[1]
        result = _counts(run, reader)
        reader.__dict__["_every_count"] = (key, result)
        return result
    return _counts(run, reader)


def _counts(run: Run, reader) -> Result:
    facets = facet_result(counts=run.result_counts(), values=reader.vocabulary.values)
    return Result(ids=[], total=run.total, facets=facets)


def matching_ids(query: Query, chunk: int = 5000) -> Iterator[int]:
    """Every matching id in the query's sort order, fetched `chunk` at a time.

    Without text, and when this process has not loaded the index, the ids are read from the
    table page by page (ipdev.search.scan): an export never loads the index for that.
    """
    if not store.is_loaded():
        with connection.cursor() as cursor:
            plan = build(query=query, codes=scan.value_codes(cursor))
        if not plan.has_text:
            for ids in scan.stream(connection, plan, newest=query.sort != "oldest"):
                yield from ids
            return
    with connection.cursor() as cursor:
        run, _ = _run(cursor, query)
    for ids in run.stream(sort=query.sort, chunk=max(1, chunk)):
        yield from ids


def warm() -> int:
    """Load this process's index now, so that no visitor waits for it; returns its size.
    `ipdev serve` calls it before forking its workers, which then share the loaded pages."""
    with connection.cursor() as cursor:
        store.reader(cursor)
    return store.document_count()


def generation() -> tuple[int, int]:
    """(epoch, last change): moves whenever a document is written, removed or rebuilt."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(generation_columns()))
        epoch, last = cursor.fetchone()
    return int(epoch or 0), int(last or 0)


def generation_columns() -> tuple[str, str]:
    """SQL expressions of `generation`, for a query that reads it beside other figures."""
    return store.GENERATION


def is_ready() -> bool:
    """Whether this process has its index loaded (the readiness endpoint's answer)."""
    return store.is_loaded()


def matching_array(query: Query):
    """Every matching id, unordered, as a numpy array (for sums over a whole result)."""
    import numpy as np

    with connection.cursor() as cursor:
        run, _ = _run(cursor, query)
    return np.frombuffer(run.matching().to_array(), dtype=np.uint32).astype(np.int64)


def document_count() -> int:
    """How many documents the index holds."""
    return store.document_count()
