"""What an imported activity becomes before it is written: a Draft, and the codes it may use."""

from __future__ import annotations

import datetime as dt
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

    def problem(self, severity: str, xpath: str, message: str) -> None:
        self.problems.append(Problem(severity, xpath, message, self.identifier))

    @property
    def importable(self) -> bool:
        return not any(p.severity == CRITICAL for p in self.problems)

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
