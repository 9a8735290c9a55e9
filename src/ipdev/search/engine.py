"""The search interface: one set of functions, the engine chosen by the database in use.

SQLite uses FTS5 (ipdev.search.sqlite), PostgreSQL its full-text search
(ipdev.search.postgres). Writes run inside the caller's transaction, so a service that rolls
back leaves the index as it was. See types.py for the contract of documents, queries and
results.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType

from django.db import connection

from .types import Query, Result, SearchDocument


def _backend() -> ModuleType:
    vendor = connection.vendor
    if vendor == "sqlite":
        from . import sqlite

        return sqlite
    if vendor == "postgresql":
        from . import postgres

        return postgres
    raise NotImplementedError(f"search has no engine for the {vendor!r} database")


def index_documents(docs: Iterable[SearchDocument]) -> int:
    """Insert or replace these documents; returns how many were written."""
    return _backend().index_documents(docs)


def remove_documents(ids: Iterable[int]) -> None:
    """Remove documents by id (unknown ids are ignored)."""
    _backend().remove_documents(ids)


def rebuild(docs: Iterable[SearchDocument]) -> int:
    """Replace the whole index with these documents (bulk load); returns their number."""
    return _backend().rebuild(docs)


def search(query: Query) -> Result:
    """One page of ids, the exact total and, unless query.facets is False, the facet counts.

    Raises ValueError for a filter on an unknown facet (the message names it).
    """
    return _backend().search(query)


def matching_ids(query: Query, chunk: int = 5000) -> Iterator[int]:
    """Every matching id in the query's sort order, fetched `chunk` at a time."""
    return _backend().matching_ids(query, chunk)


def document_count() -> int:
    """How many documents the index holds."""
    return _backend().document_count()
