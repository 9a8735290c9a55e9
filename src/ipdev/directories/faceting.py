"""Filters and facet counts over a directory's entries, held in memory as plain rows.

The directories hold hundreds to a few thousand entries (46 database reports, some 200 register
files, 740 policies), so each list is read in two or three queries and filtered here: every field
can be a filter without an index per field. A facet's counts are those of the entries matching
every other filter, so a chosen option never hides the others of its facet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ipdev.search.text import parse, words

MAX_VALUES = 50
PER_PAGE = 25


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: Callable[[Any], Iterable[str]]  # the entry's values of this facet
    labels: Callable[[], Mapping[str, str]]  # every allowed value and its label
    every: bool = False  # several values chosen: an entry needs all of them (features)
    by_count: bool = True  # options ordered by count; otherwise in the order of `labels`


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Query:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_pairs(self) -> list[tuple[str, str]]:
        pairs = [("q", self.text)] if self.text else []
        return pairs + [(k, v) for k, vs in self.filters.items() for v in vs]


def parse_query(params, facets: Sequence[Facet]) -> Query:
    """Read q, page and the facets' values; a bad value is an error naming its field."""
    query = Query(text=(params.get("q") or "").strip()[:200])
    for facet in facets:
        values = [v for v in params.getlist(facet.name) if v][:MAX_VALUES]
        if not values:
            continue
        allowed = facet.labels()
        bad = [v for v in values if v not in allowed]
        if bad:
            query.errors[facet.name] = _("Unknown value: %(value)s.") % {"value": bad[0][:40]}
        kept = [v for v in values if v in allowed]
        if kept:
            query.filters[facet.name] = list(dict.fromkeys(kept))
    page = params.get("page") or "1"
    if not str(page).isdigit() or int(page) < 1:
        query.errors["page"] = _("Enter a whole number from 1.")
    else:
        query.page = int(page)
    return query


def _keeps(facet: Facet, entry: Any, chosen: list[str]) -> bool:
    have = set(facet.values(entry))
    return set(chosen) <= have if facet.every else bool(have.intersection(chosen))


def apply(
    entries: Sequence[Any], facets: Sequence[Facet], filters: Mapping[str, list[str]]
) -> tuple[list[Any], dict[str, list[Option]]]:
    """The entries passing every filter (in their order), and each facet's options."""
    active = [f for f in facets if filters.get(f.name)]
    passes = {
        f.name: [_keeps(f, e, filters[f.name]) for e in entries] for f in active
    }  # per facet, per entry
    matching = [e for i, e in enumerate(entries) if all(passes[f.name][i] for f in active)]
    options = {}
    for facet in facets:
        others = [f for f in active if f.name != facet.name]
        counts: Counter[str] = Counter()
        for i, entry in enumerate(entries):
            if all(passes[f.name][i] for f in others):
                counts.update(set(facet.values(entry)))
        labels = facet.labels()
        chosen = set(filters.get(facet.name, []))
        values = [v for v in labels if counts[v] or v in chosen]
        if facet.by_count:
            values.sort(key=lambda v: (-counts[v], str(labels[v])))
        options[facet.name] = [Option(v, str(labels[v]), counts[v], v in chosen) for v in values]
    return matching, options


def text_matcher(text: str) -> Callable[[str], bool] | None:
    """A test of whether a text holds every word and phrase typed (accents and case aside), with
    the platform's query parser; None when nothing was typed."""
    terms = parse(text)
    if not terms:
        return None

    def matches(haystack: str) -> bool:
        folded = " " + " ".join(_words(haystack)) + " "
        for term in terms:
            needle = " " + " ".join(term.words) + ("" if term.prefix else " ")
            if needle not in folded:
                return False
        return True

    return matches


def _words(text: str) -> list[str]:
    return words(text)


def page_of(items: Sequence[Any], page: int, per_page: int = PER_PAGE) -> tuple[list[Any], int]:
    pages = max(1, -(-len(items) // per_page))
    page = min(page, pages)
    return list(items[(page - 1) * per_page : page * per_page]), pages
