"""Roster writes about a consultant's own profile: creation, staff edits, proposed changes
and their review, the CV, the code of ethics. Each call, one audited transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities.documents import check_upload
from ipdev.core.audit import audit_log, diff, jsonable
from ipdev.core.lookups import resolve, resolve_many
from ipdev.reference import models as ref

from ..models import (
    ETHICS_VERSION,
    Consultant,
    ConsultantLanguage,
    Level,
    ProfileChange,
)
from ..permissions import require_own, require_own_or_staff, require_staff

SCALAR_FIELDS = (
    "name",
    "nationality",
    "gender",
    "residence",
    "biography",
    "skills",
    "availability",
    "email",
    "phone",
    "address",
    "daily_fee",
    "fee_currency",
)
M2M_FIELDS = ("ip_areas", "regions", "countries")
# What a consultant may propose; staff may also set these directly.
EDITABLE = frozenset(SCALAR_FIELDS) | frozenset(M2M_FIELDS) | {"languages"}
STAFF_ONLY = frozenset({"listed", "user", "confirmed_on"})
MAX_SKILLS = 30


def clean_languages(value) -> list[tuple[ref.Language, str]]:
    """[{"language": "en", "level": "fluent"}, ...] -> [(Language, level)]."""
    if not isinstance(value, list | tuple):
        raise ValidationError({"languages": _("Expected a list of {language, level}.")})
    out: dict[str, tuple[ref.Language, str]] = {}
    for item in value:
        if not isinstance(item, Mapping) or "language" not in item or "level" not in item:
            raise ValidationError({"languages": _("Each language needs a language and a level.")})
        level = item["level"]
        if level not in Level.values:
            raise ValidationError(
                {
                    "languages": _("Unknown level '%(level)s' (known: %(values)s).")
                    % {"level": level, "values": ", ".join(Level.values)}
                }
            )
        language = resolve(ref.Language, "languages", item["language"])
        if language is None:
            raise ValidationError({"languages": _("Each language needs a language code.")})
        out[language.pk] = (language, level)
    return list(out.values())


def _clean_skills(value) -> list[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValidationError({"skills": _("Expected a list of skills.")})
    skills = [str(s).strip()[:100] for s in value if str(s).strip()]
    if len(skills) > MAX_SKILLS:
        raise ValidationError(
            {"skills": _("At most %(MAX_SKILLS)s skills.") % {"MAX_SKILLS": MAX_SKILLS}}
        )
    return list(dict.fromkeys(skills))


def _apply(consultant: Consultant, data: Mapping[str, Any], *, staff: bool) -> dict[str, Any]:
    """Set scalar fields on the (unsaved) instance; return the resolved relations to set."""
    allowed = EDITABLE | STAFF_ONLY if staff else EDITABLE
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    related: dict[str, Any] = {}
    for name, value in data.items():
        if name in M2M_FIELDS:
            model = Consultant._meta.get_field(name).related_model
            related[name] = resolve_many(model, name, value or [])
        elif name == "languages":
            related[name] = clean_languages(value or [])
        elif name == "skills":
            consultant.skills = _clean_skills(value or [])
        elif name == "daily_fee":
            consultant.daily_fee = _decimal(value, "daily_fee")
        elif name in {"nationality", "residence", "fee_currency", "user"}:
            model = Consultant._meta.get_field(name).related_model
            setattr(consultant, name, resolve(model, name, value))
        elif name == "confirmed_on" and isinstance(value, str):
            consultant.confirmed_on = _date(value, name)
        else:
            setattr(consultant, name, value)
    return related


def _decimal(value, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({field: _("Enter a number.")}) from None


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError({field: _("Enter a date as YYYY-MM-DD.")}) from None


def _validate(consultant: Consultant) -> None:
    missing = {
        name: "This field is required."
        for name in ("nationality", "residence")
        if getattr(consultant, f"{name}_id") is None
    }
    if missing:
        raise ValidationError(missing)
    consultant.full_clean(exclude=["cv", "user"])


def _save(consultant: Consultant, related: Mapping[str, Any]) -> None:
    consultant.save()
    for name in M2M_FIELDS:
        if name in related:
            getattr(consultant, name).set(related[name])
    if "languages" in related:
        consultant.languages.all().delete()
        ConsultantLanguage.objects.bulk_create(
            ConsultantLanguage(consultant=consultant, language=lang, level=level)
            for lang, level in related["languages"]
        )


def snapshot(consultant: Consultant) -> dict[str, Any]:
    """Field values for the audit record (private ones included: the log is staff-only)."""
    data = {
        name: getattr(consultant, Consultant._meta.get_field(name).attname)
        for name in SCALAR_FIELDS
    }
    data["listed"] = consultant.listed
    data["confirmed_on"] = consultant.confirmed_on
    if consultant.pk:
        for name in M2M_FIELDS:
            data[name] = sorted(
                str(pk) for pk in getattr(consultant, name).values_list("pk", flat=True)
            )
        data["languages"] = sorted(
            f"{c}:{lvl}" for c, lvl in consultant.languages.values_list("language_id", "level")
        )
    return data


@transaction.atomic
def consultant_create(*, user, data: Mapping[str, Any]) -> Consultant:
    """Staff put a consultant on the roster; a staff-entered profile is validated at once."""
    require_staff(user)
    consultant = Consultant(confirmed_on=timezone.localdate())
    related = _apply(consultant, data, staff=True)
    _validate(consultant)
    _save(consultant, related)
    audit_log(
        actor=user,
        action="roster.consultant_created",
        obj=consultant,
        changes=diff({}, snapshot(consultant)),
    )
    return consultant


@transaction.atomic
def consultant_update(*, user, consultant: Consultant, data: Mapping[str, Any]) -> Consultant:
    """Staff change a profile directly (it stays validated; the confirmation date is kept)."""
    require_staff(user)
    consultant = Consultant.objects.select_for_update().get(pk=consultant.pk)
    before = snapshot(consultant)
    related = _apply(consultant, data, staff=True)
    _validate(consultant)
    _save(consultant, related)
    changes = diff(before, snapshot(consultant))
    if changes:
        audit_log(actor=user, action="roster.consultant_updated", obj=consultant, changes=changes)
    return consultant


def _proposal(consultant: Consultant, data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a proposed change against a copy of the profile; return it as JSON-safe codes."""
    copy = Consultant.objects.get(pk=consultant.pk)
    related = _apply(copy, data, staff=False)
    _validate(copy)
    clean: dict[str, Any] = {}
    for name in data:
        if name in M2M_FIELDS:
            clean[name] = [obj.pk for obj in related[name]]
        elif name == "languages":
            clean[name] = [{"language": lang.pk, "level": lvl} for lang, lvl in related[name]]
        else:
            clean[name] = jsonable(getattr(copy, Consultant._meta.get_field(name).attname))
            if name in {"nationality", "residence", "fee_currency"}:
                clean[name] = getattr(copy, f"{name}_id")
    return clean


@transaction.atomic
def profile_change_submit(
    *, user, consultant: Consultant, data: Mapping[str, Any]
) -> ProfileChange:
    """The consultant proposes changes (or, with no data, confirms the profile is current).

    Nothing becomes public until staff approve it. A new proposal replaces a pending one.
    """
    require_own_or_staff(user, consultant)
    proposal = _proposal(consultant, data)
    pending = ProfileChange.objects.select_for_update().filter(
        consultant=consultant, status=ProfileChange.Status.PENDING
    )
    for old in pending:
        old.status = ProfileChange.Status.REJECTED
        old.comment = "Replaced by a newer proposal."
        old.reviewed_at = timezone.now()
        old.save(update_fields=["status", "comment", "reviewed_at"])
    change = ProfileChange.objects.create(consultant=consultant, data=proposal, submitted_by=user)
    audit_log(
        actor=user,
        action="roster.change_submitted",
        obj=consultant,
        changes={name: [None, value] for name, value in proposal.items()},
        message="Renewal: the profile is still current." if not proposal else "",
    )
    return change


def _pending(change: ProfileChange) -> ProfileChange:
    change = ProfileChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ProfileChange.Status.PENDING:
        raise ValidationError(
            {"status": _("This change was already %(status)s.") % {"status": change.status}}
        )
    return change


@transaction.atomic
def profile_change_approve(*, user, change: ProfileChange, comment: str = "") -> Consultant:
    """Staff validate a proposed change: it is applied and the profile counts as renewed."""
    require_staff(user)
    change = _pending(change)
    consultant = Consultant.objects.select_for_update().get(pk=change.consultant_id)
    before = snapshot(consultant)
    related = _apply(consultant, change.data, staff=False)
    consultant.confirmed_on = timezone.localdate()
    _validate(consultant)
    _save(consultant, related)
    change.status = ProfileChange.Status.APPROVED
    change.reviewed_by, change.reviewed_at, change.comment = user, timezone.now(), comment
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
    audit_log(
        actor=user,
        action="roster.change_approved",
        obj=consultant,
        changes=diff(before, snapshot(consultant)),
        message=comment,
    )
    return consultant


@transaction.atomic
def profile_change_reject(*, user, change: ProfileChange, comment: str) -> ProfileChange:
    """Staff refuse a proposed change, saying why; the public profile stays as it was."""
    require_staff(user)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the change is refused.")})
    change = _pending(change)
    change.status = ProfileChange.Status.REJECTED
    change.reviewed_by, change.reviewed_at, change.comment = user, timezone.now(), comment.strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
    audit_log(
        actor=user,
        action="roster.change_rejected",
        obj=change.consultant,
        changes={"change": [change.pk, None]},
        message=change.comment,
    )
    return change


@transaction.atomic
def cv_upload(*, user, consultant: Consultant, upload) -> Consultant:
    """Replace the consultant's CV with a checked upload (size, type, content)."""
    require_own_or_staff(user, consultant)
    name, content_type, size = check_upload(upload)
    consultant = Consultant.objects.select_for_update().get(pk=consultant.pk)
    old = consultant.cv.name if consultant.cv else ""
    consultant.cv.save(name, upload, save=False)
    consultant.cv_content_type, consultant.cv_size = content_type, size
    consultant.save(update_fields=["cv", "cv_content_type", "cv_size", "updated_at"])
    if old:
        storage = consultant.cv.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_log(
        actor=user,
        action="roster.cv_uploaded",
        obj=consultant,
        changes={"cv": [old or None, consultant.cv.name]},
        message=f"{name} ({size:,} bytes)",
    )
    return consultant


@transaction.atomic
def ethics_accept(*, user, consultant: Consultant) -> Consultant:
    """The consultant accepts the code of ethics (the current version), themself."""
    require_own(user, consultant)
    consultant = Consultant.objects.select_for_update().get(pk=consultant.pk)
    before = consultant.ethics_version
    consultant.ethics_accepted_at = timezone.now()
    consultant.ethics_version = ETHICS_VERSION
    consultant.save(update_fields=["ethics_accepted_at", "ethics_version", "updated_at"])
    audit_log(
        actor=user,
        action="roster.ethics_accepted",
        obj=consultant,
        changes={"ethics_version": [before or None, ETHICS_VERSION]},
    )
    return consultant
