"""Turn the codes or ids that a service receives into rows, with an error naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def resolve(model, field: str, value: Any):
    """The row of `model` whose key is `value` (or None for an empty value)."""
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    try:
        return model.objects.get(pk=value)
    except (model.DoesNotExist, ValueError, TypeError):
        raise ValidationError({field: _("Unknown code '%(value)s'.") % {"value": value}}) from None


def resolve_many(model, field: str, values) -> list:
    """The rows of `model` for a list of keys, in the list's order, each once."""
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise ValidationError({field: _("Expected a list of codes.")})
    keys = [str(v.pk) if isinstance(v, model) else str(v) for v in values]
    found = {str(k): v for k, v in model.objects.in_bulk(keys).items()}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError(
            {field: _("Unknown code(s): %(values)s.") % {"values": ", ".join(missing[:20])}}
        )
    return list(dict.fromkeys(found[k] for k in keys))
