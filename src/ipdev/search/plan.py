"""What both engines do with a Query before touching their own tables.

A query becomes a Plan: the parsed text terms, and for each filtered facet the set of value
codes it allows (values within a facet are OR-ed, facets AND-ed). The year range is folded into
the `year` facet, so it is one more filter and its counts ignore it like any facet's own filter.
Value codes are small integers from the engines' value table (search_value).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .text import Term, parse
from .types import FACETS, FacetValue, Query, SearchDocument

FACET_SET = frozenset(FACETS)
# The last word is matched as a prefix while it is typed, unless it is a common word already:
# a prefix query merges every doclist it covers, and for a word in most documents that costs
# ~3x the word itself (90 ms instead of 35 ms at 1M documents) for little gain. SQLite counts
# "common" as more than COMMON_WORD_DOCS documents; PostgreSQL uses its statistics' most
# common lexemes, which is about the same share of a large index.
COMMON_WORD_DOCS = 1000
# Relevance ranks the newest RANK_WINDOW matches by bm25/ts_rank; older matches follow newest
# first. Ranking costs ~2 µs a row in both engines, so this bounds a page of a query that
# matches half the index (measured in bench/search.py) while every query narrower than the
# window is ranked exactly.
RANK_WINDOW = 2_000
# Facet counting costs ~1 µs a document on SQLite and ~5 µs on PostgreSQL (heap visits and
# unnest), so a set larger than an engine's exact limit is counted on a sample of about its
# sample size, taken by hashed id: each document is in one of BUCKETS buckets that both engines
# index next to the facet values. The defaults are SQLite's; postgres.py passes its own.
EXACT_COUNT_LIMIT = 20_000
SAMPLE_SIZE = 10_000
BUCKETS = 64
# Activity ids share a 64-bit sort key with their date: (date ordinal << 32) | id.
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1


@dataclass(frozen=True)
class Catalog:
    """The engine's value table: every (facet, value) ever indexed, with its code and total."""

    codes: Mapping[tuple[str, str], int]
    values: Mapping[int, tuple[str, str]]
    totals: Mapping[int, int]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, str, int]]) -> Catalog:
        codes, values, totals = {}, {}, {}
        for code, facet, value, total in rows:
            codes[facet, value] = code
            values[code] = (facet, value)
            totals[code] = total
        return cls(codes=codes, values=values, totals=totals)


@dataclass(frozen=True)
class Plan:
    terms: tuple[Term, ...]
    # facet -> allowed codes; an empty set means the filter can match nothing.
    constraints: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def is_everything(self) -> bool:
        return not self.terms and not self.constraints

    def without(self, facet: str) -> Plan:
        """The plan for counting `facet`: every filter but the facet's own."""
        rest = {f: c for f, c in self.constraints.items() if f != facet}
        return Plan(terms=self.terms, constraints=rest)


def check_facets(names: Iterable[str]) -> None:
    for name in names:
        if name not in FACET_SET:
            raise ValueError(f"unknown facet {name!r}: use one of {', '.join(FACETS)}")


def build(*, query: Query, catalog: Catalog) -> Plan:
    """Validate the query and turn its filters into code sets."""
    check_facets(query.filters)
    if query.offset < 0 or query.limit < 0:
        raise ValueError("offset and limit must not be negative")
    constraints: dict[str, frozenset[int]] = {}
    for facet, values in query.filters.items():
        if not values:
            continue
        wanted = {str(v) for v in values}
        constraints[facet] = frozenset(
            code for v in wanted if (code := catalog.codes.get((facet, v))) is not None
        )
    if query.year_from is not None or query.year_to is not None:
        low = query.year_from if query.year_from is not None else -(10**9)
        high = query.year_to if query.year_to is not None else 10**9
        in_range = frozenset(
            code
            for (facet, value), code in catalog.codes.items()
            if facet == "year" and value.lstrip("-").isdigit() and low <= int(value) <= high
        )
        constraints["year"] = constraints.get("year", in_range) & in_range
    return Plan(terms=tuple(parse(query.text)), constraints=constraints)


def facet_result(
    *, counts: Mapping[int, int], catalog: Catalog, only: str | None = None
) -> dict[str, list[FacetValue]]:
    """Group code counts by facet, sorted by count (descending) then value."""
    grouped: dict[str, list[FacetValue]] = {}
    for code, count in counts.items():
        if count <= 0 or code not in catalog.values:
            continue
        facet, value = catalog.values[code]
        if only is None or facet == only:
            grouped.setdefault(facet, []).append(FacetValue(value=value, count=count))
    for values in grouped.values():
        values.sort(key=lambda fv: (-fv.count, fv.value))
    return grouped


def facet_pairs(doc: SearchDocument) -> list[tuple[str, str]]:
    """The (facet, value) pairs of a document, without duplicates, after checking it.

    Both engines accept the same ids (1 .. 2**32-1) so that an index can move between them.
    """
    if not 0 < doc.id <= ID_MASK:
        raise ValueError(f"search document id {doc.id} is outside 1..{ID_MASK}")
    check_facets(doc.facets)
    pairs = []
    for facet in FACETS:
        for value in dict.fromkeys(str(v) for v in doc.facets.get(facet, ())):
            pairs.append((facet, value))
    return pairs


def bucket_of(doc_id: int) -> int:
    """The sample bucket of a document: a multiplicative hash, so ids in a row spread out."""
    return ((doc_id * 0x9E3779B1) & ID_MASK) * BUCKETS >> ID_BITS


def sample_buckets(size: int, *, scale_down: int = 1) -> int:
    """How many of the BUCKETS to count for a set of about `size` documents (all: exact).

    `scale_down` divides both limits for an engine that counts more slowly.
    """
    if size <= EXACT_COUNT_LIMIT // scale_down:
        return BUCKETS
    sample = SAMPLE_SIZE // scale_down
    return max(1, min(BUCKETS, -(-sample * BUCKETS // size)))


def scale(counts: Mapping[int, int], buckets: int) -> dict[int, int]:
    """Sample counts scaled up to the whole set."""
    if buckets >= BUCKETS:
        return dict(counts)
    return {code: round(n * BUCKETS / buckets) for code, n in counts.items()}


def sort_key(*, doc_id: int, date: dt.date) -> int:
    """The 64-bit key ordering documents by date, then id: newest is the largest."""
    return (date.toordinal() << ID_BITS) | doc_id
