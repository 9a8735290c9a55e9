"""SQLite's part of the search index: FTS5 keeps the positional text for quoted phrases.

The FTS5 rowid is the document's sort key (ipdev.search.plan.sort_key), so a phrase's rowids
carry the document ids in their low 32 bits. Everything else is ipdev.search.store and index.
"""

from __future__ import annotations

from pyroaring import BitMap

from .index import ID_MASK

FTS = """CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2', detail = full
)"""


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def lock_writers(cursor) -> None:
    """SQLite already lets one writer at a time: log entries follow commit order."""


def reset(cursor) -> None:
    # Recreating FTS5 beats deleting a million rows.
    cursor.execute("DROP TABLE IF EXISTS search_fts")
    cursor.execute(FTS)


def delete(cursor, rows: list[tuple[int, int]]) -> None:
    cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [(key,) for _, key in rows])


def insert(cursor, rows: list[tuple[int, int, str, str]]) -> None:
    # In ascending rowid order: FTS5 writes its pending terms out as a new segment whenever a
    # rowid is lower than the one before, so unsorted rows cost a segment (and merges) each.
    cursor.executemany(
        "INSERT INTO search_fts (rowid, title, body) VALUES (%s, %s, %s)",
        sorted((key, title, body) for _, key, title, body in rows),
    )


def bulk(cursor, rows: list[tuple]) -> None:
    """(id, key, codes, terms, title, body) rows of a rebuild."""
    cursor.executemany(
        "INSERT INTO search_doc (id, key, codes, terms) VALUES (%s, %s, %s, %s)",
        [row[:4] for row in rows],
    )
    insert(cursor, [(pk, key, title, body) for pk, key, _, _, title, body in rows])


def finish_bulk(cursor) -> None:
    # Merge the segments written batch by batch into one b-tree: phrases read one doclist.
    cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


def phrase(cursor, words: tuple[str, ...]) -> BitMap:
    """The ids of the documents holding the words in this order (title or body)."""
    cursor.execute(
        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [_quote(" ".join(words))]
    )
    return BitMap(key & ID_MASK for (key,) in cursor.fetchall())
