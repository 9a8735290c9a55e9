"""What an imported activity becomes before it is written: a Draft, and the codes it may use."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

import orjson

from ipdev.core.translations import all_texts
from ipdev.search.text import split_words
from ipdev.search.types import Words

from .triage import CRITICAL, Problem


@dataclass(frozen=True)
class Vocabulary:
    """The ipdev codes an import may use (from the reference tables), loaded once per run."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    currencies: frozenset[str] = frozenset()
    sdgs: frozenset[str] = frozenset()
    ip_areas: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    da_recommendations: frozenset[str] = frozenset()
    expected_results: frozenset[str] = frozenset()
    own_ref: str = ""  # this instance's organisation (IPDEV_REPORTING_ORG_REF)


@dataclass(frozen=True)
class OrgRef:
    ref: str
    name: str
    type: str

    def key(self) -> tuple[str, str]:
        return (self.ref, "") if self.ref else ("", self.name)


NO_VOCABULARY = Vocabulary()
M2M = ("countries", "regions", "sdgs", "ip_areas", "da_recommendations", "expected_results")


@dataclass
class Draft:
    """An activity as read so far, with its problems and what was not kept."""

    vocab: Vocabulary
    lang: str = "en"
    currency: str = ""
    identifier: str = ""
    last_updated: dt.datetime | None = None
    fields: dict = field(default_factory=dict)
    reporting_org: OrgRef | None = None
    source: str = "iati"  # or "own" (``activities.rules.import_source``)
    partners: list[OrgRef] = field(default_factory=list)
    m2m: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in M2M})
    dates: dict[str, dt.date] = field(default_factory=dict)
    budgets: list[tuple[str, Decimal, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    not_kept: dict[str, int] = field(default_factory=dict)
    sealed: tuple[str, str] | None = None
    words: Words | None = None  # for the search index, split by ``pack``

    def problem(self, severity: str, xpath: str, message: str) -> None:
        self.problems.append(Problem(severity, xpath, message, self.identifier))

    @property
    def importable(self) -> bool:
        return not any(p.severity == CRITICAL for p in self.problems)

    def seal(self) -> tuple[str, str]:
        """The content as canonical JSON (sorted keys, no spaces, UTF-8) and the SHA-256 of
        that (the change check); computed once, when the draft is packed."""
        if self.sealed is None:
            org = self.reporting_org
            data = {
                **self.fields,
                "reporting_org": (org.ref, org.name, org.type) if org else None,
                "partners": sorted((p.ref, p.name, p.type) for p in self.partners),
            }
            for name in M2M:
                data[name] = sorted(self.m2m[name])  # (unique since ``finish``)
            raw = orjson.dumps(data, default=_plain, option=orjson.OPT_SORT_KEYS)
            self.sealed = (raw.decode(), hashlib.sha256(raw).hexdigest())
        return self.sealed

    def pack(self) -> None:
        """Seal, and drop what only reading needed, before the draft waits for its batch:
        its problems and what was not kept are in the chunk already."""
        self.seal()
        f = self.fields
        texts = (self.identifier, f["summary"], *all_texts(f["translations"]))
        self.words = split_words(f["title"], texts)
        self.vocab = NO_VOCABULARY
        self.dates, self.budgets, self.problems, self.not_kept = {}, [], [], {}

    def content(self) -> dict:
        """The mapped values as plain JSON data: what is hashed and what audit entries show."""
        return json.loads(self.seal()[0])


def _plain(value):
    """What orjson cannot write itself (it writes dates as ISO 8601, as ``isoformat``)."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
