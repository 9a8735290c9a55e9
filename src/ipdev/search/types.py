"""The search contract: what callers index and ask, independent of the engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
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


@dataclass(frozen=True, eq=False)
class Words:
    """A document's distinct words, its title's first, and how often each is used in title and
    text, capped at 255 (the index keeps whether a word is used once, twice or more).

    Laid out for the writer, which packs a whole batch of them at once (``store.Writer.rows``):
    ``names[:titled]`` are the title's words, ``counts[i]`` the uses of ``names[i]``. Pickled
    compactly, should they cross between processes: the names as one string (words never hold
    white space), the counts as they are.
    """

    names: tuple[str, ...]
    counts: bytes
    titled: int

    @classmethod
    def of(cls, title: Iterable[str], uses: Mapping[str, int]) -> Words:
        """From the title's words and the uses of every word (a title word not in ``uses`` is
        used once)."""
        first = dict.fromkeys(title)
        names = [*first, *(w for w in uses if w not in first)]
        counts = bytes(min(max(uses.get(w, 1), 1), 255) for w in names)
        return cls(tuple(names), counts, len(first))

    @property
    def title(self) -> frozenset[str]:
        return frozenset(self.names[: self.titled])

    @property
    def uses(self) -> dict[str, int]:
        return dict(zip(self.names, self.counts, strict=True))

    def __eq__(self, other: object) -> bool:  # the same words, whatever their order
        if not isinstance(other, Words):
            return NotImplemented
        return self.title == other.title and self.uses == other.uses

    def __hash__(self) -> int:
        return hash((self.title, frozenset(self.uses.items())))

    def __reduce__(self):
        return _words, (" ".join(self.names), self.counts, self.titled)


def _words(names: str, counts: bytes, titled: int) -> Words:
    return Words(tuple(names.split(" ")) if names else (), counts, titled)


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
    # When nothing matches: how many would without each filter ("q": without the text).
    relaxed: dict[str, int] = field(default_factory=dict)
