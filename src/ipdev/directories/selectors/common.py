"""What the directories' selectors share: names of reference data, verification, a page."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language

from ..faceting import Option, Query, apply, page_of


def _today() -> dt.date:
    return timezone.localdate()


@functools.lru_cache(maxsize=64)
def _cached_names(model, language: str) -> dict[str, str]:
    return {row.code: row.localized_name for row in model.objects.all()}


def _names(model) -> dict[str, str]:
    """Code -> name in the active language, of reference data that is read-only at run time
    (countries, languages, ST.3 jurisdictions), read once per process and language."""
    return dict(_cached_names(model, get_language() or ""))


def _choices(choices) -> callable:
    return lambda: {value: str(label) for value, label in choices.choices}


def _named(codes: Iterable[str], names: dict[str, str]) -> list[Named]:
    return [Named(c, names.get(c, c)) for c in codes]


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass(frozen=True)
class Verified:
    last_verified: dt.date
    stale: bool
    demo: bool


def _verified(entry) -> Verified:
    return Verified(entry.last_verified, entry.is_stale(_today()), entry.demo)


@dataclass
class Listing:
    """A page of any directory: its entries, total, pages and facet options."""

    items: list
    total: int
    page: int
    pages: int
    facets: dict[str, list[Option]]
    titles: dict[str, str] = field(default_factory=dict)
    all_items: list = field(default_factory=list, repr=False)


def _listing(entries, facets, query: Query, per_page: int | None = None) -> Listing:
    matching, options = apply(entries, facets, query.filters)
    items, pages = page_of(matching, query.page, per_page or 25)
    titles = {f.name: str(f.title) for f in facets}
    page = min(query.page, pages)
    return Listing(items, len(matching), page, pages, options, titles, matching)
