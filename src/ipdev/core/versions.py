"""Versions of objects, so that an edit based on an old state is refused (no lost update).

A version is a keyed hash (the site's secret key) of an object's audited snapshot: it changes
whenever a field changes, whoever changed it (back office, API, importer), and it says nothing
about the values themselves, so it can be sent to anyone who may read the object (an API
``ETag``) even where some of its fields are withheld from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .audit import jsonable


def version_of(kind: str, pk: Any, snapshot: Mapping[str, Any]) -> str:
    """The version of one object: 20 hex digits, stable across processes and engines."""
    body = orjson.dumps(jsonable(dict(snapshot)), option=orjson.OPT_SORT_KEYS)
    return salted_hmac(f"ipdev.version.{kind}.{pk}", body, algorithm="sha256").hexdigest()[:20]


class StaleVersion(ValidationError):
    """The edit was based on a version that is no longer the current one.

    Carries the current version and snapshot so that an interface can show what changed since
    (a form) or answer 412 Precondition Failed (the API).
    """

    def __init__(self, *, current: str, snapshot: Mapping[str, Any]):
        super().__init__(
            {
                "version": _(
                    "Someone else changed this since you opened it; your changes were not saved."
                )
            },
            code="stale",
        )
        self.current = current
        self.snapshot = dict(snapshot)


def require_version(
    based_on: str | None, *, kind: str, pk: Any, snapshot: Mapping[str, Any]
) -> None:
    """Raise StaleVersion unless ``based_on`` is absent or the current version."""
    if based_on is None:
        return
    current = version_of(kind, pk, snapshot)
    if based_on != current:
        raise StaleVersion(current=current, snapshot=snapshot)


def snapshot_of(obj: models.Model) -> dict[str, Any]:
    """Every stored field of an object as plain values (files by name), and the ids of its
    many-to-many relations: the state a version is taken of, when the model has no own one."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        data[field.name] = value.name if isinstance(value, FieldFile) else value
    if obj.pk is not None:
        for field in obj._meta.many_to_many:
            data[field.name] = sorted(
                str(pk) for pk in getattr(obj, field.name).values_list("pk", flat=True)
            )
    return data


def version_for(obj: models.Model) -> str:
    """The version of any object: its model's own (``version``, as activities and listings
    define it) or a keyed hash of all its stored fields."""
    if isinstance(getattr(type(obj), "version", None), property):
        return obj.version
    return version_of(obj._meta.label_lower, obj.pk, snapshot_of(obj))
