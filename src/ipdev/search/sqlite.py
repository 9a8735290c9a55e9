"""The SQLite engine: FTS5 with the facet values inside the full-text index.

search_fts (FTS5) holds title, body and `tags`: one private-use token per facet value code, so
FTS5 itself intersects text and filters (a join to a side table costs ~6x more at 1M rows). Its
rowid is the sort key (date ordinal << 32 | id), so newest/oldest pages stream in rowid order
without sorting. search_doc maps id -> key and keeps the document's value codes as a packed
uint32 blob, from which facet counts are taken; search_value holds every (facet, value) with a
maintained total, which answers the counts of the empty query and of a lone filter.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from .plan import (
    BUCKETS,
    COMMON_WORD_DOCS,
    ID_MASK,
    RANK_WINDOW,
    Catalog,
    Plan,
    bucket_of,
    build,
    facet_pairs,
    facet_result,
    sample_buckets,
    scale,
    sort_key,
)
from .types import FACETS, Query, Result, SearchDocument

# A private-use character starts every tag token: the query tokeniser never produces one and
# indexed text is cleaned of them, so text can never match a facet value by accident.
TAG = "\ue000"
NOTHING = f'"{TAG}0"'  # code 0 is never assigned: matches no document
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# bm25 weights for (title, body, tags): a hit in the title counts five times one in the body.
RANK = "bm25(search_fts, 5.0, 1.0, 0.0)"
BATCH = 1000
# Scoring the text alone within the window's rowid range pays while it scores fewer rows than
# this, or than the facet tokens' documents / 50 (bm25 costs ~3 µs a row and phrase, its scan
# of a token's documents ~50 ns a document); beyond, the full expression is scored.
RANK_SCAN_LIMIT = 8_000


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _pack(codes: list[int]) -> bytes:
    packed = array("I", codes)
    if sys.byteorder == "big":  # the file format is little-endian wherever it is written
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> array:
    codes = array("I", blob)
    if sys.byteorder == "big":
        codes.byteswap()
    return codes


def _catalog(cursor) -> Catalog:
    cursor.execute("SELECT code, facet, value, total FROM search_value")
    return Catalog.from_rows(cursor.fetchall())


def _batches(docs: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _Writer:
    """Writes documents and keeps value codes, totals and the document count in step."""

    def __init__(self, cursor) -> None:
        self.cursor = cursor
        self.codes = dict(_catalog(cursor).codes)
        self.delta: Counter[int] = Counter()
        self.documents = 0

    def code(self, facet: str, value: str) -> int:
        code = self.codes.get((facet, value))
        if code is None:
            self.cursor.execute(
                "INSERT INTO search_value (facet, value, total) VALUES (%s, %s, 0) RETURNING code",
                [facet, value],
            )
            code = self.codes[facet, value] = self.cursor.fetchone()[0]
        return code

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            self.cursor.execute(f"SELECT key, codes FROM search_doc WHERE id IN ({marks})", chunk)
            rows = self.cursor.fetchall()
            if not rows:
                continue
            keys = [(key,) for key, _ in rows]
            self.cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", keys)
            self.cursor.executemany("DELETE FROM search_doc WHERE key = %s", keys)
            for _, blob in rows:
                self.delta.subtract(_unpack(blob))
            self.documents -= len(rows)

    def insert(self, docs: list[SearchDocument]) -> None:
        fts_rows, doc_rows = [], []
        for doc in docs:
            codes = [self.code(facet, value) for facet, value in facet_pairs(doc)]
            key = sort_key(doc_id=doc.id, date=doc.date)
            tags = " ".join([*(f"{TAG}{c}" for c in codes), f"{TAG}b{bucket_of(doc.id)}"])
            fts_rows.append((key, _clean(doc.title), _clean(doc.text), tags))
            doc_rows.append((key, doc.id, _pack(codes)))
            self.delta.update(codes)
        fts_rows.sort()
        self.cursor.executemany(
            "INSERT INTO search_fts (rowid, title, body, tags) VALUES (%s, %s, %s, %s)", fts_rows
        )
        self.cursor.executemany(
            "INSERT INTO search_doc (key, id, codes) VALUES (%s, %s, %s)", doc_rows
        )
        self.documents += len(docs)

    def finish(self) -> None:
        changes = [(d, c) for c, d in self.delta.items() if d]
        self.cursor.executemany(
            "UPDATE search_value SET total = total + %s WHERE code = %s", changes
        )
        self.cursor.execute(
            "UPDATE search_meta SET value = value + %s WHERE name = 'documents'",
            [self.documents],
        )


def _clean(text: str) -> str:
    return _PRIVATE_USE.sub(" ", text or "")


def index_documents(docs: Iterable[SearchDocument]) -> int:
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _Writer(cursor)
        for batch in _batches(docs, BATCH):
            latest = {doc.id: doc for doc in batch}  # the last version of an id wins
            writer.delete(latest)
            writer.insert(list(latest.values()))
            count += len(latest)
        writer.finish()
    return count


def remove_documents(ids: Iterable[int]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _Writer(cursor)
        writer.delete(dict.fromkeys(int(i) for i in ids))
        writer.finish()


def rebuild(docs: Iterable[SearchDocument]) -> int:
    """Empty everything and bulk-load: recreating FTS5 beats deleting a million rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
        (ddl,) = cursor.fetchone()
        cursor.execute("DROP TABLE search_fts")
        cursor.execute(ddl)
        cursor.execute("DELETE FROM search_doc")
        cursor.execute("DELETE FROM search_value")
        cursor.execute("UPDATE search_meta SET value = 0 WHERE name = 'documents'")
        writer = _Writer(cursor)
        for batch in _batches(docs, 5 * BATCH):
            writer.insert(batch)
        writer.finish()
        # Merge the segments written batch by batch into one b-tree: queries read one doclist.
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        return writer.documents


def document_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM search_meta WHERE name = 'documents'")
        return cursor.fetchone()[0]


class _Search:
    """One query's FTS5 expressions, built once and reused for the page and each count."""

    def __init__(self, cursor, query: Query) -> None:
        self.cursor = cursor
        self.query = query
        self.catalog = _catalog(cursor)
        self.plan = build(query=query, catalog=self.catalog)
        self.text = self._text(self.plan)
        self.match = self.expression(self.plan)

    def _text(self, plan: Plan) -> list[str]:
        # `"word" *` is FTS5's prefix query; every part is a quoted string, so no input can
        # reach FTS5's query syntax.
        parts = []
        for term in plan.terms:
            phrase = _quote(" ".join(term.words))
            parts.append(phrase + (" *" if term.prefix and not self._common(phrase) else ""))
        return parts

    def _common(self, phrase: str) -> bool:
        """Whether more than COMMON_WORD_DOCS documents hold the word (reads that many)."""
        self.cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT 1 OFFSET %s",
            [phrase, COMMON_WORD_DOCS],
        )
        return self.cursor.fetchone() is not None

    def expression(self, plan: Plan) -> str | None:
        parts = list(self.text)
        for facet in FACETS:
            codes = plan.constraints.get(facet)
            if codes is None:
                continue
            tokens = [_quote(f"{TAG}{c}") for c in sorted(codes)] or [NOTHING]
            parts.append("(" + " OR ".join(tokens) + ")")
        return " AND ".join(parts) if parts else None

    def total(self) -> int:
        return document_count() if self.match is None else self._count(self.match)

    def keys(self, *, offset: int, limit: int, total: int) -> list[int]:
        if limit <= 0 or offset >= total:
            return []
        if not (self.query.sort == "relevance" and self.text):
            return self._by_date(offset=offset, limit=limit, newest=self.query.sort != "oldest")
        window = min(total, RANK_WINDOW)
        keys = []
        if offset < window:
            keys = self._ranked_window(window)[offset : offset + limit]
        if offset + limit > window and total > window:
            start = max(offset, window)
            keys += self._by_date(offset=start, limit=offset + limit - start, newest=True)
        return keys

    def _ranked_window(self, window: int) -> list[int]:
        """The newest `window` matches, best bm25 first (ties: newest first).

        bm25 first counts the documents of every phrase in the expression, facet tokens
        included: a filter such as status=completed (70% of the index) then costs a scan of
        700,000 entries. So the window is found with the full expression (a cheap stream in
        rowid order) and scored by the text alone within the window's rowid range, which
        gives the same scores, as facet tokens weigh 0. When the text matches too many rows
        in that range (narrow filters), the full expression is scored instead.
        """
        self.cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
            [self.match, window],
        )
        keys = [row[0] for row in self.cursor.fetchall()]
        if not keys:
            return []
        text = " AND ".join(self.text)
        # Which costs less: bm25's scan of every facet token's documents, or scoring the text's
        # rows in the window's range? Facet totals are known; the rows are counted (cheap, no
        # scoring) up to the point where scoring them would cost more.
        token_rows = sum(self.catalog.totals.get(c, 0) for cs in self.plan.constraints.values()
                         for c in cs)  # fmt: skip
        limit = max(RANK_SCAN_LIMIT, token_rows // 50)
        self.cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s"
            " AND rowid BETWEEN %s AND %s LIMIT %s)",
            [text, keys[-1], keys[0], limit],
        )
        if self.cursor.fetchone()[0] < limit:
            self.cursor.execute(
                f"SELECT rowid, {RANK} FROM search_fts WHERE search_fts MATCH %s"
                " AND rowid BETWEEN %s AND %s",
                [text, keys[-1], keys[0]],
            )
        else:
            self.cursor.execute(
                f"SELECT rowid, {RANK} FROM search_fts WHERE search_fts MATCH %s"
                " ORDER BY rowid DESC LIMIT %s",
                [self.match, window],
            )
        scores = dict(self.cursor.fetchall())
        return sorted(keys, key=lambda key: (scores.get(key, 0.0), -key))

    def _by_date(self, *, offset: int, limit: int, newest: bool) -> list[int]:
        order = "DESC" if newest else "ASC"
        if self.match is None:
            sql = f"SELECT key FROM search_doc ORDER BY key {order} LIMIT %s OFFSET %s"
            params: list = [limit, offset]
        else:
            sql = (
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
                f" ORDER BY rowid {order} LIMIT %s OFFSET %s"
            )
            params = [self.match, limit, offset]
        self.cursor.execute(sql, params)
        return [row[0] for row in self.cursor.fetchall()]

    def stream(self, *, chunk: int) -> Iterator[int]:
        """Every matching key in page order, a chunk at a time (keyset paging, no OFFSET)."""
        newest = self.query.sort != "oldest"
        last = None
        if self.query.sort == "relevance" and self.text and self.match is not None:
            window = self.keys(offset=0, limit=RANK_WINDOW, total=RANK_WINDOW)
            yield from window
            if len(window) < RANK_WINDOW:
                return
            last = min(window)  # the window is the newest RANK_WINDOW matches
        while True:
            rows = self._after(last=last, newest=newest, limit=chunk)
            yield from rows
            if len(rows) < chunk:
                return
            last = rows[-1]

    def _after(self, *, last: int | None, newest: bool, limit: int) -> list[int]:
        order, op = ("DESC", "<") if newest else ("ASC", ">")
        if self.match is None:
            where, params = ("", []) if last is None else (f"WHERE key {op} %s", [last])
            sql = f"SELECT key FROM search_doc {where} ORDER BY key {order} LIMIT %s"
        else:
            where, params = "search_fts MATCH %s", [self.match]
            if last is not None:
                where += f" AND rowid {op} %s"
                params.append(last)
            sql = f"SELECT rowid FROM search_fts WHERE {where} ORDER BY rowid {order} LIMIT %s"
        self.cursor.execute(sql, [*params, limit])
        return [row[0] for row in self.cursor.fetchall()]

    def _count(self, match: str) -> int:
        self.cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [match])
        return self.cursor.fetchone()[0]

    def counts(self, plan: Plan, *, size: int | None = None) -> tuple[dict[int, int], bool]:
        """Documents per value code in the plan's result set, and whether exactly counted.

        `size` is the set's size when known; otherwise one bucket's count estimates it.
        """
        if plan.is_everything:
            return dict(self.catalog.totals), True
        match = self.expression(plan)
        if size is None:
            size = self._count(f"{match} AND {_buckets(1)}") * BUCKETS
        buckets = sample_buckets(size)
        if buckets < BUCKETS:
            match = f"{match} AND {_buckets(buckets)}"
        self.cursor.execute(
            "SELECT d.codes FROM search_fts JOIN search_doc d ON d.key = search_fts.rowid"
            " WHERE search_fts MATCH %s",
            [match],
        )
        # One C-level pass: join the packed blobs, then count the uint32 codes.
        blob = b"".join(row[0] for row in self.cursor.fetchall())
        return scale(Counter(_unpack(blob)), buckets), buckets == BUCKETS

    def facets(self, *, total: int) -> tuple[dict, bool]:
        base, exact = self.counts(self.plan, size=total) if total else ({}, True)
        result = {facet: [] for facet in FACETS}
        result.update(facet_result(counts=base, catalog=self.catalog))
        for facet in self.plan.constraints:
            counts, own_exact = self.counts(self.plan.without(facet))
            result[facet] = facet_result(counts=counts, catalog=self.catalog).get(facet, [])
            exact = exact and own_exact
        return result, exact


def _buckets(count: int) -> str:
    return "(" + " OR ".join(_quote(f"{TAG}b{b}") for b in range(count)) + ")"


def search(query: Query) -> Result:
    with connection.cursor() as cursor:
        run = _Search(cursor, query)
        total = run.total()
        keys = run.keys(offset=query.offset, limit=query.limit, total=total)
        facets, exact = run.facets(total=total) if query.facets else ({}, True)
    ids = [key & ID_MASK for key in keys]
    return Result(ids=ids, total=total, facets=facets, facets_exact=exact)


def matching_ids(query: Query, chunk: int = 5000) -> Iterator[int]:
    with connection.cursor() as cursor:
        run = _Search(cursor, query)
        for key in run.stream(chunk=max(1, chunk)):
            yield key & ID_MASK
