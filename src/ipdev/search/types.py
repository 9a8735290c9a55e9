"""The search contract: what callers index and ask, independent of the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

# The facets of an activity, in display order. Values are codes (strings).
FACETS: tuple[str, ...] = (
    "country",  # ISO alpha-2
    "group",  # development status of a beneficiary country: ldc, developing, transition, developed
    "bureau",  # WIPO regional bureau code
    "region",  # UN M49 codes: the countries' regions and the activity's own regions
    "year",  # start year
    "category",
    "mode",
    "ip_area",
    "da",  # DA recommendation number
    "cluster",  # DA cluster letter
    "sdg",
    "funding",
    "status",
    "unit",
    "reporter",  # reporting organisation id
)

Sort = Literal["relevance", "newest", "oldest"]


@dataclass(frozen=True)
class SearchDocument:
    """What the index keeps of one activity: public text only, and its facet values."""

    id: int
    title: str
    text: str
    date: dt.date
    facets: Mapping[str, Sequence[str]]
    # The words of title and text, split by ``text.split_words`` already (a bulk import does
    # it where it reads, in another process); None: the engine splits them itself.
    words: Words | None = None


@dataclass(frozen=True)
class Words:
    """A document's words: those of its title, and how often each is used in title and text.

    Pickled compactly (an import sends a million of them from its reader processes to the
    writer): the words as one string, the counts as bytes, capped at 255 (the index keeps
    whether a word is used once, twice or more). Words never hold white space.
    """

    title: frozenset[str]
    uses: Mapping[str, int]

    def __reduce__(self):
        counts = bytes(n if n < 255 else 255 for n in self.uses.values())
        return _words, (" ".join(self.uses), counts, " ".join(self.title))


def _words(uses: str, counts: bytes, title: str) -> Words:
    names = uses.split(" ") if uses else []
    in_title = frozenset(title.split(" ")) if title else frozenset()
    return Words(in_title, dict(zip(names, counts, strict=True)))


@dataclass(frozen=True)
class Query:
    """Free text plus filters. Values within one facet are OR-ed; facets are AND-ed."""

    text: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    year_from: int | None = None
    year_to: int | None = None
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass
class Result:
    ids: list[int]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
