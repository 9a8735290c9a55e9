"""PostgreSQL's part of the search index: a tsvector (GIN) per document for quoted phrases.

Text is folded by search_fold() (unaccent when the extension could be created, see migration
0001) and parsed with the `simple` configuration. The phrase query is built by
phraseto_tsquery on a bound parameter: input is never parsed as tsquery syntax. Writers take a
transaction-level advisory lock, so log entries are numbered in commit order.
"""

from __future__ import annotations

from pyroaring import BitMap

TSVECTOR = (
    "setweight(to_tsvector('simple', search_fold(%s)), 'A')"
    " || setweight(to_tsvector('simple', search_fold(%s)), 'B')"
)
WRITER_LOCK = 0x1D3E5EA2  # any constant: the advisory lock key of search writers
INDEX = "CREATE INDEX search_text_tsv ON search_text USING gin (tsv)"


def lock_writers(cursor) -> None:
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WRITER_LOCK])


def reset(cursor) -> None:
    cursor.execute("DROP INDEX IF EXISTS search_text_tsv")
    cursor.execute("TRUNCATE search_text")
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS search_stage (id bigint, title text, body text)"
        " ON COMMIT DROP"
    )


def delete(cursor, rows: list[tuple[int, int]]) -> None:
    cursor.execute("DELETE FROM search_text WHERE id = ANY(%s)", [[pk for pk, _ in rows]])


def insert(cursor, rows: list[tuple[int, int, str, str]]) -> None:
    cursor.executemany(
        f"INSERT INTO search_text (id, tsv) VALUES (%s, {TSVECTOR})",
        [(pk, title, body) for pk, _, title, body in rows],
    )


def bulk(cursor, rows: list[tuple]) -> None:
    """(id, key, codes, terms, title, body) rows of a rebuild, COPYed (no other query may run
    on the connection while a COPY streams, so the rows come ready)."""
    raw = cursor.cursor
    with raw.copy("COPY search_doc (id, key, codes, terms) FROM STDIN") as copy:
        for pk, key, codes, terms, _, _ in rows:
            copy.write_row((pk, key, codes, terms))
    with raw.copy("COPY search_stage (id, title, body) FROM STDIN") as copy:
        for pk, _, _, _, title, body in rows:
            copy.write_row((pk, title, body))


def finish_bulk(cursor) -> None:
    cursor.execute("SELECT set_config('maintenance_work_mem', '1GB', true)")
    cursor.execute(
        "INSERT INTO search_text (id, tsv) SELECT id,"
        " setweight(to_tsvector('simple', search_fold(title)), 'A')"
        " || setweight(to_tsvector('simple', search_fold(body)), 'B') FROM search_stage"
    )
    cursor.execute("DROP TABLE search_stage")
    cursor.execute(INDEX)
    cursor.execute("ANALYZE search_text, search_doc, search_word, search_value")


def phrase(cursor, words: tuple[str, ...]) -> BitMap:
    """The ids of the documents holding the words in this order."""
    cursor.execute(
        "SELECT id FROM search_text WHERE tsv @@ phraseto_tsquery('simple', search_fold(%s))",
        [" ".join(words)],
    )
    return BitMap(pk for (pk,) in cursor.fetchall())
