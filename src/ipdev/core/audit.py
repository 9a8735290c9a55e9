"""Write and read audit entries. Services call `audit_log` inside their transaction.

What an entry holds is decided once, by ``entry``: the services save one at a time
(``audit_log``); the IATI import builds the same entries and inserts them a batch at a time
(``rows``, for its plain ``executemany``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models, transaction

from .models import AuditEntry

_PLAIN = frozenset({type(None), bool, int, float, str})


def jsonable(value: Any) -> Any:
    """A JSON-safe rendering of a field value for the change record."""
    kind = type(value)
    if kind in _PLAIN:  # (exact types first: an import builds thousands of entries a second)
        return value
    if kind is dict:
        return {
            (k if type(k) is str else str(k)): (v if type(v) in _PLAIN else jsonable(v))
            for k, v in value.items()
        }
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as field -> [before, after]."""
    changes = {}
    for key in sorted(set(before) | set(after)):
        old, new = jsonable(before.get(key)), jsonable(after.get(key))
        if old != new:
            changes[key] = [old, new]
    return changes


class Entry(NamedTuple):
    """One audit entry before it is written (the columns of ``AuditEntry`` but its time)."""

    actor_id: int | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]
    message: str


# The fields of ``AuditEntry`` that ``rows`` fills, in order (for bulk inserts).
ENTRY_FIELDS = ("actor", *Entry._fields[1:], "created_at")


def entry(
    *,
    actor,
    action: str,
    object_type: str,
    object_id: Any,
    object_repr: str,
    changes: Mapping[str, list[Any]] | None = None,
    message: str = "",
) -> Entry:
    """What an audit entry says: who (an authenticated user, else no one: the system or an
    anonymous caller), what, of which object, the changes as JSON data."""
    actor = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return Entry(
        actor.pk if actor else None,
        actor.get_username() if actor else "",
        action,
        object_type,
        str(object_id),
        str(object_repr)[:300],
        jsonable(changes) if changes else {},
        message,
    )


def entry_of(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: Mapping[str, list[Any]] | None = None,
    message: str = "",
) -> Entry:
    """The entry of a change to a model instance."""
    return entry(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        object_repr=str(obj),
        changes=changes,
        message=message,
    )


def rows(entries: Iterable[Entry], at, dumps) -> list[tuple]:
    """The entries as rows of ``ENTRY_FIELDS`` for a bulk insert: ``at`` the time, ready for
    the database, ``dumps`` turning the changes into JSON text."""
    return [(*e[:6], dumps(e.changes), e.message, at) for e in entries]


def audit_log(
    *,
    actor,
    action: str,
    obj: models.Model,
    changes: Mapping[str, list[Any]] | None = None,
    message: str = "",
) -> AuditEntry:
    """Record one change. Must run inside the service's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_log must be called inside the service's transaction")
    built = entry_of(actor=actor, action=action, obj=obj, changes=changes, message=message)
    return AuditEntry.objects.create(**built._asdict())


def audit_history(obj: models.Model):
    """The audit entries of one object, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def latest_entry_column() -> str:
    """SQL expression of `latest_entry_id`, for a query that reads it beside other figures."""
    return f"(SELECT max(id) FROM {AuditEntry._meta.db_table})"


def latest_entry_id() -> int:
    """The newest entry's id: every audited write moves it (one look-up in the primary key)."""
    return AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
