"""Checking values that reach the TISC services, each error keyed by the field it names."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_COUNT = 10_000_000
ROR = re.compile(r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$")


def whole(key: str, value: Any, errors: dict, *, default: int = 0) -> int:
    """A whole number from 0 to MAX_COUNT, from an int or a string of digits."""
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        errors[key] = _("Enter a whole number.")
        return default
    if isinstance(value, float | Decimal):
        if value != int(value):
            errors[key] = _("Enter a whole number.")
            return default
        value = int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text.isdigit():
            errors[key] = _("'%(value)s' is not a whole number.") % {"value": text[:40]}
            return default
        value = int(text)
    if not isinstance(value, int):
        errors[key] = _("Enter a whole number.")
        return default
    if value < 0:
        errors[key] = _("Cannot be negative.")
        return default
    if value > MAX_COUNT:
        errors[key] = _("The number is too large.")
        return default
    return value


def date_value(key: str, value: Any, errors: dict) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[key] = _("Enter a date as YYYY-MM-DD.")
        return None


def coordinate(key: str, value: Any, errors: dict, limit: int) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors[key] = _("Enter a number.")
        return None
    if not number.is_finite() or abs(number) > limit:
        errors[key] = _("Enter a number from -%(limit)s to %(limit)s.") % {"limit": limit}
        return None
    return number.quantize(Decimal("0.00001"))


def text(key: str, value: Any, errors: dict, *, limit: int, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[key] = _("Enter text.")
        return ""
    value = value.strip()
    if required and not value:
        errors[key] = _("This field is required.")
    elif len(value) > limit:
        errors[key] = _("At most %(limit)s characters.") % {"limit": limit}
    return value


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
