"""The PostgreSQL engine: a stored tsvector (GIN), value codes as int4[] (GIN) and the date.

Text is folded by search_fold() (unaccent when the extension could be created, see the
migration) and parsed with the `simple` configuration, so matching ignores case and accents and
no language's stemming surprises anyone. The tsquery is assembled from plainto_tsquery /
phraseto_tsquery calls on bound parameters: user input is never parsed as tsquery syntax.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction

from .plan import (
    BUCKETS,
    RANK_WINDOW,
    Catalog,
    Plan,
    bucket_of,
    build,
    facet_pairs,
    facet_result,
    sample_buckets,
    scale,
)
from .types import FACETS, Query, Result, SearchDocument

BATCH = 1000
# Counting a document costs ~5x more here than in SQLite (see plan.EXACT_COUNT_LIMIT).
SLOWER_COUNTING = 5
# The operator from pg_catalog: if the intarray extension is installed its own && would be
# chosen, and that one cannot use the default GIN opclass of search_document_codes.
OVERLAPS = "OPERATOR(pg_catalog.&&)"
TSVECTOR = (
    "setweight(to_tsvector('simple', search_fold(%s)), 'A')"
    " || setweight(to_tsvector('simple', search_fold(%s)), 'B')"
)


def _bucket_code(doc_id: int) -> int:
    """Sample buckets are kept in the codes array as negative codes: -1 .. -BUCKETS."""
    return -1 - bucket_of(doc_id)


def _catalog(cursor) -> Catalog:
    cursor.execute("SELECT code, facet, value, total FROM search_value")
    return Catalog.from_rows(cursor.fetchall())


def _session(cursor) -> None:
    """Per-transaction settings: JIT compiles for 50-200 ms on big counts and gains nothing;
    a larger work_mem keeps bitmaps of large result sets exact instead of lossy."""
    cursor.execute("SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)")


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
            # A concurrent writer may add the same value: take its code rather than fail.
            self.cursor.execute(
                "INSERT INTO search_value (facet, value) VALUES (%s, %s)"
                " ON CONFLICT (facet, value) DO UPDATE SET facet = EXCLUDED.facet RETURNING code",
                [facet, value],
            )
            code = self.codes[facet, value] = self.cursor.fetchone()[0]
        return code

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        self.cursor.execute("DELETE FROM search_document WHERE id = ANY(%s) RETURNING codes", [ids])
        rows = self.cursor.fetchall()
        for (codes,) in rows:
            self.delta.subtract(c for c in codes if c > 0)
        self.documents -= len(rows)

    def rows(self, docs: list[SearchDocument]) -> list[tuple]:
        rows = []
        for doc in docs:
            codes = [self.code(facet, value) for facet, value in facet_pairs(doc)]
            self.delta.update(codes)
            codes.append(_bucket_code(doc.id))
            rows.append((doc.id, doc.date, doc.title or "", doc.text or "", codes))
        self.documents += len(rows)
        return rows

    def insert(self, docs: list[SearchDocument]) -> None:
        self.cursor.executemany(
            f"INSERT INTO search_document (id, date, tsv, codes) VALUES (%s, %s, {TSVECTOR}, %s)",
            [(pk, date, title, text, codes) for pk, date, title, text, codes in self.rows(docs)],
        )

    def finish(self) -> None:
        changes = [(d, c) for c, d in self.delta.items() if d]
        self.cursor.executemany(
            "UPDATE search_value SET total = total + %s WHERE code = %s", changes
        )
        self.cursor.execute(
            "UPDATE search_meta SET value = value + %s WHERE name = 'documents'",
            [self.documents],
        )


def _batches(docs: Iterable[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def index_documents(docs: Iterable[SearchDocument]) -> int:
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _Writer(cursor)
        for batch in _batches(docs, BATCH):
            latest = {doc.id: doc for doc in batch}  # the last version of an id wins
            writer.delete(list(latest))
            writer.insert(list(latest.values()))
            count += len(latest)
        writer.finish()
    return count


def remove_documents(ids: Iterable[int]) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        writer = _Writer(cursor)
        writer.delete(list(dict.fromkeys(int(i) for i in ids)))
        writer.finish()


def rebuild(docs: Iterable[SearchDocument]) -> int:
    """Truncate, COPY into a staging table, compute the tsvectors in one INSERT ... SELECT,
    then build the indexes once (much faster than maintaining GIN row by row)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_document'"
            " AND schemaname = current_schema() AND indexname <> 'search_document_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("TRUNCATE search_document")
        cursor.execute("TRUNCATE search_value RESTART IDENTITY")
        cursor.execute("UPDATE search_meta SET value = 0 WHERE name = 'documents'")
        cursor.execute(
            "CREATE TEMP TABLE search_stage (id bigint, date date, title text, body text,"
            " codes int4[]) ON COMMIT DROP"
        )
        # No query may run on the connection while COPY streams: codes are numbered here and
        # the value table is written afterwards.
        codes: dict[tuple[str, str], int] = {}
        totals: Counter[int] = Counter()
        count = 0
        # Callers' document generators query the same connection, so each batch is
        # materialised before its COPY starts.
        for batch in _batches(docs, 5000):
            with cursor.cursor.copy("COPY search_stage FROM STDIN") as copy:
                for doc in batch:
                    row = [codes.setdefault(pair, len(codes) + 1) for pair in facet_pairs(doc)]
                    totals.update(row)
                    row.append(_bucket_code(doc.id))
                    copy.write_row((doc.id, doc.date, doc.title or "", doc.text or "", row))
                    count += 1
        cursor.execute("SELECT set_config('maintenance_work_mem', '1GB', true)")
        cursor.execute(
            "INSERT INTO search_document (id, date, tsv, codes)"
            " SELECT id, date, setweight(to_tsvector('simple', search_fold(title)), 'A')"
            " || setweight(to_tsvector('simple', search_fold(body)), 'B'), codes"
            " FROM search_stage ORDER BY date, id"
        )
        for _, definition in indexes:
            cursor.execute(definition)
        cursor.executemany(
            "INSERT INTO search_value (code, facet, value, total) VALUES (%s, %s, %s, %s)",
            [(code, facet, value, totals[code]) for (facet, value), code in codes.items()],
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('search_value', 'code'), %s, %s)",
            [max(codes.values(), default=1), bool(codes)],
        )
        cursor.execute("UPDATE search_meta SET value = %s WHERE name = 'documents'", [count])
        cursor.execute("ANALYZE search_document")
        return count


def document_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM search_meta WHERE name = 'documents'")
        return cursor.fetchone()[0]


class _Search:
    """One query's SQL conditions, built once and reused for the page and each count."""

    def __init__(self, cursor, query: Query) -> None:
        self.cursor = cursor
        self.query = query
        self.catalog = _catalog(cursor)
        self.plan = build(query=query, catalog=self.catalog)
        self.tsquery, self.tsquery_params = self._tsquery(self.plan)
        self.where, self.params = self.condition(self.plan)

    def _common_words(self) -> frozenset[str]:
        """The most common lexemes of the statistics (empty before the first ANALYZE)."""
        self.cursor.execute(
            "SELECT most_common_elems::text::text[] FROM pg_stats"
            " WHERE schemaname = current_schema() AND tablename = 'search_document'"
            " AND attname = 'tsv'"
        )
        row = self.cursor.fetchone()
        return frozenset(row[0] or ()) if row else frozenset()

    def _tsquery(self, plan: Plan) -> tuple[str, list]:
        parts, params = [], []
        common = self._common_words() if any(t.prefix for t in plan.terms) else frozenset()
        for term in plan.terms:
            text = " ".join(term.words)
            if term.prefix and text not in common:
                # quote_literal makes the word one quoted lexeme: no tsquery syntax possible.
                parts.append("to_tsquery('simple', quote_literal(search_fold(%s)) || ':*')")
            elif len(term.words) > 1:
                parts.append("phraseto_tsquery('simple', search_fold(%s))")
            else:
                parts.append("plainto_tsquery('simple', search_fold(%s))")
            params.append(text)
        return ("(" + " && ".join(parts) + ")" if parts else ""), params

    def condition(self, plan: Plan) -> tuple[str, list]:
        parts, params = [], []
        if self.tsquery:
            parts.append(f"tsv @@ {self.tsquery}")
            params += self.tsquery_params
        for facet in FACETS:
            codes = plan.constraints.get(facet)
            if codes is None:
                continue
            if not codes:
                parts.append("false")
                continue
            parts.append(f"codes {OVERLAPS} %s::int4[]")
            params.append(sorted(codes))
        return " AND ".join(parts) or "true", params

    def total(self) -> int:
        if self.plan.is_everything:
            return document_count()
        self.cursor.execute(f"SELECT count(*) FROM search_document WHERE {self.where}", self.params)
        return self.cursor.fetchone()[0]

    def ids(self, *, offset: int, limit: int, total: int) -> list[int]:
        if limit <= 0 or offset >= total:
            return []
        if not (self.query.sort == "relevance" and self.tsquery):
            order = "ASC" if self.query.sort == "oldest" else "DESC"
            return self._by_date(offset=offset, limit=limit, order=order)
        window = min(total, RANK_WINDOW)
        ids = []
        if offset < window:
            # Rank outside the date-ordered subquery: ts_rank then runs on the window only.
            self.cursor.execute(
                "SELECT id FROM (SELECT id, date, tsv FROM search_document"
                f" WHERE {self.where} ORDER BY date DESC, id DESC LIMIT %s) w"
                f" ORDER BY ts_rank(tsv, {self.tsquery}) DESC, date DESC, id DESC"
                " LIMIT %s OFFSET %s",
                [*self.params, window, *self.tsquery_params, min(limit, window - offset), offset],
            )
            ids = [row[0] for row in self.cursor.fetchall()]
        if offset + limit > window and total > window:
            start = max(offset, window)
            ids += self._by_date(offset=start, limit=offset + limit - start, order="DESC")
        return ids

    def _by_date(self, *, offset: int, limit: int, order: str) -> list[int]:
        self.cursor.execute(
            f"SELECT id FROM search_document WHERE {self.where}"
            f" ORDER BY date {order}, id {order} LIMIT %s OFFSET %s",
            [*self.params, limit, offset],
        )
        return [row[0] for row in self.cursor.fetchall()]

    def stream(self, *, chunk: int) -> Iterator[int]:
        """Every matching id in page order, a chunk at a time (keyset paging, no OFFSET)."""
        order, op = ("ASC", ">") if self.query.sort == "oldest" else ("DESC", "<")
        last = None
        if self.query.sort == "relevance" and self.tsquery:
            window = self.ids(offset=0, limit=RANK_WINDOW, total=RANK_WINDOW)
            yield from window
            if len(window) < RANK_WINDOW:
                return
            self.cursor.execute(
                "SELECT date, id FROM search_document WHERE id = ANY(%s) ORDER BY date, id LIMIT 1",
                [window],
            )
            last = self.cursor.fetchone()  # the window is the newest RANK_WINDOW matches
        while True:
            where, params = self.where, list(self.params)
            if last is not None:
                where += f" AND (date, id) {op} (%s, %s)"
                params += list(last)
            self.cursor.execute(
                f"SELECT date, id FROM search_document WHERE {where}"
                f" ORDER BY date {order}, id {order} LIMIT %s",
                [*params, chunk],
            )
            rows = self.cursor.fetchall()
            yield from (pk for _, pk in rows)
            if len(rows) < chunk:
                return
            last = rows[-1]

    def counts(
        self, plan: Plan, *, size: int | None = None, only: str | None = None
    ) -> tuple[dict[int, int], bool]:
        """Documents per value code in the plan's result set (only one facet's codes), and
        whether they were counted exactly. `size` is the set's size when known; otherwise
        one bucket's count estimates it."""
        if plan.is_everything:
            return dict(self.catalog.totals), True
        where, params = self.condition(plan)
        if size is None:
            self.cursor.execute(
                f"SELECT count(*) FROM search_document WHERE {where}"
                f" AND codes {OVERLAPS} '{{-1}}'::int4[]",
                params,
            )
            size = self.cursor.fetchone()[0] * BUCKETS
        buckets = sample_buckets(size, scale_down=SLOWER_COUNTING)
        if buckets < BUCKETS:
            where += f" AND codes {OVERLAPS} %s::int4[]"
            params = [*params, [-1 - b for b in range(buckets)]]
        # unnest() in the select list (ProjectSet) is ~40% faster than a lateral join; the
        # facet is picked afterwards, as `c = ANY(...)` on a long array is a linear search.
        self.cursor.execute(
            "SELECT c, count(*) FROM (SELECT unnest(codes) AS c FROM search_document"
            f" WHERE {where}) AS v WHERE c > 0 GROUP BY c",
            params,
        )
        counts = dict(self.cursor.fetchall())
        if only is not None:
            counts = {
                c: n for c, n in counts.items() if self.catalog.values.get(c, ("",))[0] == only
            }
        return scale(counts, buckets), buckets == BUCKETS

    def facets(self, *, total: int) -> tuple[dict, bool]:
        base, exact = self.counts(self.plan, size=total) if total else ({}, True)
        result = {facet: [] for facet in FACETS}
        result.update(facet_result(counts=base, catalog=self.catalog))
        for facet in self.plan.constraints:
            counts, own_exact = self.counts(self.plan.without(facet), only=facet)
            result[facet] = facet_result(counts=counts, catalog=self.catalog).get(facet, [])
            exact = exact and own_exact
        return result, exact


def search(query: Query) -> Result:
    with transaction.atomic(), connection.cursor() as cursor:
        _session(cursor)
        run = _Search(cursor, query)
        total = run.total()
        ids = run.ids(offset=query.offset, limit=query.limit, total=total)
        facets, exact = run.facets(total=total) if query.facets else ({}, True)
    return Result(ids=ids, total=total, facets=facets, facets_exact=exact)


def matching_ids(query: Query, chunk: int = 5000) -> Iterator[int]:
    # No transaction here: a generator that a caller may abandon half-way must not hold an
    # atomic block open. Each chunk is a short keyset query of its own.
    with connection.cursor() as cursor:
        run = _Search(cursor, query)
        yield from run.stream(chunk=max(1, chunk))
