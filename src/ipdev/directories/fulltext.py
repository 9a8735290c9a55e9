"""Full-text search over the institutional IP policies (title, institution, document text).

Why not ``ipdev.search``: its index is the activities' own. Its document ids are activity ids
in one namespace, its facets are a fixed list of activity facets (``search.types.FACETS``) and
``rebuild`` replaces the whole index with the activities (``ipdev reindex``), so a second kind of
document would collide with them and be wiped by each rebuild. The policies therefore follow the
same one-interface idea on the same engines' full text: SQLite FTS5 or a PostgreSQL ``tsvector``
(GIN), chosen by the connection, behind three functions (``index``, ``remove``, ``matching``).
Queries are read with the platform's own parser (``search.text.parse``): the same words, quoted
phrases and prefix of the last word typed, and no input can break either engine's syntax. Writes
run in the caller's transaction, so a service that rolls back leaves no trace.
"""

from __future__ import annotations

from django.db import connection

from ipdev.search.text import Term, parse

SQLITE_TABLE = """CREATE VIRTUAL TABLE directories_policy_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
)"""
POSTGRES_TABLE = [
    "CREATE TABLE directories_policy_text (id bigint PRIMARY KEY, tsv tsvector NOT NULL)",
    "CREATE INDEX directories_policy_text_tsv ON directories_policy_text USING gin (tsv)",
]
POSTGRES_VECTOR = (
    "setweight(to_tsvector('simple', search_fold(%s)), 'A')"
    " || setweight(to_tsvector('simple', search_fold(%s)), 'B')"
)


def _sqlite() -> bool:
    if connection.vendor == "sqlite":
        return True
    if connection.vendor == "postgresql":
        return False
    raise NotImplementedError(f"no full-text search for the {connection.vendor!r} database")


def index(pk: int, title: str, body: str) -> None:
    """Insert or replace the text of one policy."""
    with connection.cursor() as cursor:
        if _sqlite():
            cursor.execute("DELETE FROM directories_policy_fts WHERE rowid = %s", [pk])
            cursor.execute(
                "INSERT INTO directories_policy_fts (rowid, title, body) VALUES (%s, %s, %s)",
                [pk, title, body],
            )
        else:
            cursor.execute(
                f"INSERT INTO directories_policy_text (id, tsv) VALUES (%s, {POSTGRES_VECTOR})"
                " ON CONFLICT (id) DO UPDATE SET tsv = EXCLUDED.tsv",
                [pk, title, body],
            )


def remove(pk: int) -> None:
    with connection.cursor() as cursor:
        if _sqlite():
            cursor.execute("DELETE FROM directories_policy_fts WHERE rowid = %s", [pk])
        else:
            cursor.execute("DELETE FROM directories_policy_text WHERE id = %s", [pk])


def _fts5(terms: list[Term]) -> str:
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(quoted + ("*" if term.prefix else ""))
    return " ".join(parts)


def _tsquery(terms: list[Term]) -> str:
    # Words hold letters and digits only (search.text.words), so no tsquery operator gets in.
    parts = []
    for term in terms:
        words = [*term.words[:-1], term.words[-1] + (":*" if term.prefix else "")]
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def matching(text: str) -> list[int] | None:
    """The ids of the policies matching the words, best first; None when there are no words."""
    terms = parse(text)
    if not terms:
        return None
    with connection.cursor() as cursor:
        if _sqlite():
            cursor.execute(
                "SELECT rowid FROM directories_policy_fts WHERE directories_policy_fts MATCH %s"
                " ORDER BY bm25(directories_policy_fts, 4.0, 1.0)",
                [_fts5(terms)],
            )
        else:
            cursor.execute(
                "SELECT id FROM directories_policy_text WHERE tsv @@ to_tsquery('simple', %s)"
                " ORDER BY ts_rank(tsv, to_tsquery('simple', %s)) DESC, id",
                [_tsquery(terms)] * 2,
            )
        return [pk for (pk,) in cursor.fetchall()]
