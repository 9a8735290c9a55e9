"""What both engines do with a Query before touching the index.

A query becomes a Plan: the parsed text terms, and for each filtered facet the set of value
codes it allows (values within a facet are OR-ed, facets AND-ed). The year range is folded into
the `year` facet, so it is one more filter and its counts ignore it like any facet's own filter.
Value codes are small integers from the value table (search_value).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .index import ID_BITS, ID_MASK
from .text import Term, parse_query
from .types import FACETS, FacetValue, Query, SearchDocument

FACET_SET = frozenset(FACETS)


@dataclass(frozen=True)
class Plan:
    terms: tuple[Term, ...]
    # facet -> allowed codes; an empty set means the filter can match nothing.
    constraints: Mapping[str, frozenset[int]] = field(default_factory=dict)
    # The text's terms AND-ed in groups, OR-ed within one (`terms` when None: each alone),
    # and those a match must not hold (see text.parse_query).
    groups: tuple[tuple[Term, ...], ...] | None = None
    excluded: tuple[Term, ...] = ()

    @property
    def and_groups(self) -> tuple[tuple[Term, ...], ...]:
        return self.groups if self.groups is not None else tuple((t,) for t in self.terms)

    @property
    def has_text(self) -> bool:
        return bool(self.terms or self.excluded)

    @property
    def all_terms(self) -> tuple[Term, ...]:
        return (*self.terms, *self.excluded)


def check_facets(names: Iterable[str]) -> None:
    for name in names:
        if name not in FACET_SET:
            raise ValueError(f"unknown facet {name!r}: use one of {', '.join(FACETS)}")


def build(*, query: Query, codes: Mapping[tuple[str, str], int]) -> Plan:
    """Validate the query and turn its filters into code sets (`codes`: (facet, value) -> code)."""
    check_facets(query.filters)
    if query.offset < 0 or query.limit < 0:
        raise ValueError("offset and limit must not be negative")
    constraints: dict[str, frozenset[int]] = {}
    for facet, values in query.filters.items():
        if not values:
            continue
        wanted = {str(v) for v in values}
        constraints[facet] = frozenset(
            code for v in wanted if (code := codes.get((facet, v))) is not None
        )
    if query.year_from is not None or query.year_to is not None:
        low = query.year_from if query.year_from is not None else -(10**9)
        high = query.year_to if query.year_to is not None else 10**9
        in_range = frozenset(
            code
            for (facet, value), code in codes.items()
            if facet == "year" and value.lstrip("-").isdigit() and low <= int(value) <= high
        )
        constraints["year"] = constraints.get("year", in_range) & in_range
    parsed = parse_query(query.text)
    return Plan(
        terms=parsed.terms,
        constraints=constraints,
        groups=parsed.groups,
        excluded=parsed.excluded,
    )


def facet_result(
    *, counts: Mapping[str, Mapping[int, int]], values: Mapping[int, tuple[str, str]]
) -> dict[str, list[FacetValue]]:
    """Facet values with their counts, sorted by count (descending) then value; zeros dropped."""
    grouped: dict[str, list[FacetValue]] = {facet: [] for facet in FACETS}
    for facet, by_code in counts.items():
        grouped[facet] = sorted(
            (FacetValue(value=values[code][1], count=n) for code, n in by_code.items() if n > 0),
            key=lambda fv: (-fv.count, fv.value),
        )
    return grouped


def facet_pairs(doc: SearchDocument) -> list[tuple[str, str]]:
    """The (facet, value) pairs of a document, without duplicates, after checking it.

    Both engines accept the same ids (1 .. 2**32-1) so that an index can move between them.
    """
    if not 0 < doc.id <= ID_MASK:
        raise ValueError(f"search document id {doc.id} is outside 1..{ID_MASK}")
    check_facets(doc.facets)
    pairs = []
    get = doc.facets.get
    for facet in FACETS:
        values = get(facet)
        if not values:
            continue
        if len(values) == 1:  # most facets of most documents: no duplicates to drop
            pairs.append((facet, str(values[0])))
        else:
            pairs += [(facet, value) for value in dict.fromkeys(map(str, values))]
    return pairs


def sort_key(*, doc_id: int, date: dt.date) -> int:
    """The 64-bit key ordering documents by date, then id: newest is the largest."""
    return (date.toordinal() << ID_BITS) | doc_id
