"""What waits for staff in the directories: suggestions to decide and entries not verified for
two years. Querysets for the start page (counted in its one query) and rows for the curation
pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from .models import (
    STALE_AFTER,
    DatabaseReport,
    Institution,
    LandscapeReport,
    NationalModel,
    Policy,
    Register,
    Suggestion,
)

# The curated models, by the key the curation pages use for them.
CURATED = {
    "register": Register,
    "database": DatabaseReport,
    "landscape": LandscapeReport,
    "institution": Institution,
    "policy": Policy,
    "national_model": NationalModel,
}


def suggestions_to_decide(*, user=None) -> QuerySet[Suggestion]:
    """Suggestions waiting for staff, oldest first."""
    return Suggestion.objects.filter(status=Suggestion.Status.PENDING).order_by("created_at", "pk")


def _stale(model, today: dt.date) -> QuerySet:
    return model.objects.filter(last_verified__lt=today - STALE_AFTER)


def entries_to_verify(*, today: dt.date) -> tuple[QuerySet, ...]:
    """Entries of every directory not verified for two years (one queryset per kind)."""
    return tuple(_stale(model, today) for model in CURATED.values())


@dataclass(frozen=True)
class DueEntry:
    kind: str  # a key of CURATED
    pk: int
    title: str
    last_verified: dt.date
    public: tuple[str, tuple] | None  # URL name and arguments of its public page


def _public(kind: str, entry) -> tuple[str, tuple] | None:
    if kind == "register":
        return "directories:register", (entry.jurisdiction_id,)
    if kind == "database":
        return "directories:database", (entry.pk,)
    if kind == "policy":
        return "directories:policy", (entry.pk,)
    return None


def due_entries(*, today: dt.date, limit: int = 100) -> list[DueEntry]:
    """The longest-unverified entries first, at most `limit` of each kind."""
    rows = []
    for kind, model in CURATED.items():
        for entry in _stale(model, today).order_by("last_verified", "pk")[:limit]:
            public = _public(kind, entry)
            rows.append(DueEntry(kind, entry.pk, str(entry), entry.last_verified, public))
    return sorted(rows, key=lambda r: (r.last_verified, r.kind, r.pk))
