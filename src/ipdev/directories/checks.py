"""Checks the directories' services share: permission, codes, years, dates, documents, and
saving a row with its errors keyed by field (nothing written when anything is wrong)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.reference.models import Country, Language

from . import documents

FIRST_YEAR = 1700  # older than any patent document a directory lists


def staff(user) -> None:
    if not getattr(user, "is_wipo_staff", False):
        raise PermissionDenied(_("Only WIPO staff curate the directories."))


def codes(errors: dict, field: str, values: Any, allowed: Iterable[str]) -> list[str]:
    """A list of distinct codes, each one of `allowed`; problems go to errors[field]."""
    if values in (None, ""):
        return []
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    if not isinstance(values, list | tuple):
        errors[field] = [_("Give a list of codes.")]
        return []
    allowed = set(allowed)
    bad = [str(v) for v in values if str(v) not in allowed]
    if bad:
        errors[field] = [_("Unknown code(s): %(codes)s.") % {"codes": ", ".join(bad[:10])}]
    return list(dict.fromkeys(str(v) for v in values if str(v) in allowed))


def year(errors: dict, field: str, value: Any, *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            errors[field] = [_("This field is required.")]
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        errors[field] = [_("Enter a year, such as 2023.")]
        return None
    latest = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= latest:
        errors[field] = [
            _("Enter a year from %(low)s to %(high)s.") % {"low": FIRST_YEAR, "high": latest}
        ]
        return None
    return year


def date(errors: dict, field: str, value: Any, default: dt.date | None) -> dt.date | None:
    if value in (None, ""):
        return default
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            errors[field] = [_("Enter a date as YYYY-MM-DD.")]
            return None
    if not isinstance(value, dt.date):
        errors[field] = [_("Enter a date as YYYY-MM-DD.")]
        return None
    if value > timezone.localdate():
        errors[field] = [_("The date cannot be in the future.")]
        return None
    return value


def languages() -> set[str]:
    return set(Language.objects.values_list("code", flat=True))


def snapshot(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def save(
    *, user, obj: models.Model, data: Mapping[str, Any], plain: Iterable[str], errors: dict
) -> dict[str, list[Any]]:
    """Set the plain fields from `data`, validate the row, save; returns the changes."""
    plain = [name for name in plain if name in data]
    before = snapshot(obj, plain) if obj.pk else {}
    for name in plain:
        value = data[name]
        setattr(obj, name, "" if value is None and name not in nullable(obj) else value)
    try:
        obj.full_clean(exclude=[*errors, "document"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({"__all__": [_("An equal entry already exists.")]}) from exc
    return diff(before, snapshot(obj, plain))


def nullable(obj: models.Model) -> set[str]:
    return {f.name for f in obj._meta.concrete_fields if f.null}


def integer(value: Any) -> int | None:
    try:
        return int(value.pk if hasattr(value, "pk") else value)
    except (TypeError, ValueError):
        return None


def country(errors: dict, data: Mapping[str, Any], obj: models.Model, created: bool) -> None:
    """Set obj.country_id from data["country"] (an ISO code known to the reference table)."""
    if "country" in data or created:
        code = str(data.get("country") or "").upper()
        if not Country.objects.filter(code=code).exists():
            errors["country"] = [_("Unknown country code: %s.") % (code or "none")]
        else:
            obj.country_id = code


def document(errors: dict, upload) -> documents.Checked | None:
    """The checked upload (PDF or DOCX), or None; its problems go to errors["document"]."""
    if upload is None:
        return None
    try:
        return documents.check(upload, "document")
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return None


def verified(errors: dict, data: Mapping[str, Any], obj: models.Model) -> None:
    obj.last_verified = date(errors, "last_verified", data.get("last_verified"), obj.last_verified)


def audited(*, user, noun: str, obj: models.Model, created: bool, changes: dict) -> None:
    audit_log(
        actor=user,
        action=f"directories.{noun}." + ("created" if created else "updated"),
        obj=obj,
        changes=changes,
    )
