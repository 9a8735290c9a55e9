"""What an imported activity becomes before it is written: a Draft, and the codes it may use."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal

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


@dataclass(frozen=True)
class OrgRef:
    ref: str
    name: str
    type: str

    def key(self) -> tuple[str, str]:
        return (self.ref, "") if self.ref else ("", self.name)


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
    partners: list[OrgRef] = field(default_factory=list)
    m2m: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in M2M})
    dates: dict[str, dt.date] = field(default_factory=dict)
    budgets: list[tuple[str, Decimal, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    not_kept: dict[str, int] = field(default_factory=dict)
    sealed: tuple[dict, str, str, str] | None = None

    def problem(self, severity: str, xpath: str, message: str) -> None:
        self.problems.append(Problem(severity, xpath, message, self.identifier))

    @property
    def importable(self) -> bool:
        return not any(p.severity == CRITICAL for p in self.problems)

    def seal(self) -> tuple[dict, str, str, str]:
        """The content, its canonical JSON, the SHA-256 of that (the change check) and the
        audit's changes of a creation as JSON; computed once, by the reader process when the
        import has one (it takes work off the writing process)."""
        if self.sealed is None:
            content = self.content()
            raw = json.dumps(content, sort_keys=True, separators=(",", ":"))
            digest = hashlib.sha256(raw.encode()).hexdigest()
            # diff({}, content), without re-encoding values that are JSON already.
            changes = {
                k: [None, v] for k, v in sorted(content.items()) if v is not None and v != ""
            }
            self.sealed = (content, raw, digest, json.dumps(changes, ensure_ascii=False))
        return self.sealed

    def content(self) -> dict:
        """The mapped values as plain JSON data: what is hashed and what audit entries show."""
        data = {k: _plain(v) for k, v in sorted(self.fields.items())}
        org = self.reporting_org
        data["reporting_org"] = [org.ref, org.name, org.type] if org else None
        data["partners"] = sorted([p.ref, p.name, p.type] for p in self.partners)
        for name in M2M:
            data[name] = sorted(set(self.m2m[name]))
        return data


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
