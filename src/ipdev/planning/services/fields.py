"""Setting model fields from plain values, with errors that name the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _


def resolve(field: models.Field, value: Any) -> Any:
    """A model instance or a primary key for a relation; an unknown code names the field."""
    model = field.related_model
    if value is None or value == "" or isinstance(value, model):
        return value or None
    try:
        return model.objects.get(pk=value)
    except (model.DoesNotExist, ValueError, TypeError, OverflowError, ValidationError):
        raise ValidationError(
            {field.name: _("Unknown code '%(value)s'.") % {"value": value}}
        ) from None


def apply(instance: models.Model, data: Mapping[str, Any], editable: Iterable[str]) -> None:
    """Set scalar and foreign-key fields; a field outside `editable` is an error naming it."""
    allowed = set(editable)
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("This field cannot be set.")))
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            setattr(instance, name, resolve(field, value))
        else:
            setattr(instance, name, value)


def snapshot(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, instance._meta.get_field(name).attname) for name in names}


def require_text(values: Mapping[str, Any], names: Iterable[str]) -> None:
    missing = {n: "This field is required." for n in names if not str(values.get(n) or "").strip()}
    if missing:
        raise ValidationError(missing)
