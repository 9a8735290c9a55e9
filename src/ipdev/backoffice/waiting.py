"""What waits for each signed-in user: a small registry of providers, counted in one query.

A provider (`Waiting`) says for whom it is (audiences: the user's role), its label, the rows
that wait (one queryset, or several whose counts add up), where to go to deal with them, and
optionally a few entries to list under it. `waiting_for(user)` counts every provider that
concerns the user in ONE SQL statement (each count a scalar subquery), so the start page and
the header's number stay cheap however many providers there are. Adding an item is one call:

    register(Waiting("consents_expiring", _("Consents expiring"), {STAFF},
                     rows=consent_waiting.expiring, link="/backoffice/activities/consent/"))

The rows functions are selectors of the domain apps; they are called as rows(user=, now=) and
must build querysets without evaluating them.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import F, Func, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ipdev.accounts.models import Role, User
from ipdev.tisc.permissions import coordinated_ids

STAFF = "staff"
FOCAL_POINT = "focal_point"
CONSULTANT = "consultant"
PROVIDER = "provider"
SEEKER = "seeker"  # a focal point posting needs on WIPO Match
TISC_COORDINATOR = "tisc_coordinator"  # named among a TISC network's coordinators


def audiences(user) -> frozenset[str]:
    """The audiences a user belongs to, from their role, and TISC coordinator when they are
    named on a network (one small query, kept on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_wipo_staff:
        return frozenset({STAFF})
    mine = {
        Role.FOCAL_POINT: {FOCAL_POINT, SEEKER},
        Role.CONSULTANT: {CONSULTANT},
        Role.PROVIDER: {PROVIDER},
    }.get(user.role, set())
    if coordinated_ids(user):
        mine = mine | {TISC_COORDINATOR}
    return frozenset(mine)


@dataclass(frozen=True)
class Entry:
    """One row listed under an item: a title, its link and a note (its state, a date)."""

    text: str
    link: str
    note: str = ""


@dataclass(frozen=True)
class Waiting:
    key: str
    label: str
    audience: Iterable[str]
    rows: Callable[..., QuerySet | tuple[QuerySet, ...]]
    link: str | Callable[..., str]
    # A few rows to show under the item (called only when something waits, or always with
    # `always_list`); one query of its own each.
    entries: Callable[..., list[Entry]] | None = None
    always_list: bool = False
    # Counted into the header's number of things waiting (off for what is only information).
    counts: bool = True
    help: str = ""


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    count: int
    link: str
    entries: list[Entry] = field(default_factory=list)
    counts: bool = True
    help: str = ""


REGISTRY: dict[str, Waiting] = {}


def register(provider: Waiting) -> Waiting:
    """Add (or replace, by key) a provider of waiting items."""
    REGISTRY[provider.key] = provider
    return provider


def _call(function: Callable, *, user, now: dt.datetime):
    """Call a selector with the keyword arguments it takes (user, now, today)."""
    accepted = inspect.signature(function).parameters
    given = {"user": user, "now": now, "today": timezone.localdate(now)}
    return function(**{k: v for k, v in given.items() if k in accepted})


class CountRows(Func):
    """COUNT(DISTINCT pk) of a queryset, as the one column of a scalar subquery."""

    template = "COUNT(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _counted(qs: QuerySet) -> Coalesce:
    inner = qs.order_by().annotate(_waiting=CountRows(F("pk"))).values("_waiting")
    return Coalesce(Subquery(inner, output_field=IntegerField()), Value(0))


def providers_for(user) -> list[Waiting]:
    mine = audiences(user)
    return [p for p in REGISTRY.values() if mine.intersection(p.audience)]


def counts(user, providers: list[Waiting], *, now: dt.datetime) -> dict[str, int]:
    """Every provider's count in one query."""
    if not providers:
        return {}
    columns = {}
    for provider in providers:
        rows = _call(provider.rows, user=user, now=now)
        parts = rows if isinstance(rows, tuple) else (rows,)
        total = _counted(parts[0])
        for part in parts[1:]:
            total = total + _counted(part)
        columns[f"w_{provider.key}"] = total
    values = User.objects.filter(pk=user.pk).annotate(**columns).values(*columns).first() or {}
    return {key[2:]: int(value or 0) for key, value in values.items()}


def waiting_for(user, *, now: dt.datetime | None = None, with_entries: bool = True) -> list[Item]:
    """The items waiting for this user, in the registry's order."""
    now = now or timezone.now()
    providers = providers_for(user)
    numbers = counts(user, providers, now=now)
    items = []
    for p in providers:
        count = numbers.get(p.key, 0)
        entries = []
        if with_entries and p.entries and (count or p.always_list):
            entries = _call(p.entries, user=user, now=now)
        link = p.link if isinstance(p.link, str) else _call(p.link, user=user, now=now)
        items.append(Item(p.key, str(p.label), count, link, entries, p.counts, str(p.help)))
    return items


def total_waiting(user, *, now: dt.datetime | None = None) -> int:
    """The header's number: everything that waits for the user's move."""
    return sum(i.count for i in waiting_for(user, now=now, with_entries=False) if i.counts)
