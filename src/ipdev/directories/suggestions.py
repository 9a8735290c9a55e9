"""Suggestions, part of the directories' write path: anyone proposes a correction or a new entry,
with the values to change; staff edit those values and accept them (applied through the entry's
own service, so with its checks and audit entry, and the entry counts as verified today) or
decline the suggestion with a reason. A suggester who left an e-mail address is told, by a
background job.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipdev.core import jobs
from ipdev.core.audit import audit_log
from ipdev.core.language_urls import site_link

from . import services
from .checks import integer, staff
from .models import DatabaseReport, Directory, LandscapeReport, Policy, Register, Suggestion

MAIL = "directories.suggestion_mail"
MAX_VALUE = 5000


def _plain(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in names if n != "demo")


# The fields a suggestion may propose, per directory: the names the entry services take.
FIELDS: dict[str, tuple[str, ...]] = {
    Directory.REGISTERS: ("jurisdiction", *services.REGISTER_FIELDS, "legal_status"),
    Directory.DATABASES: (
        *_plain(services.DATABASE_FIELDS),
        *("coverage_countries", "coverage_from", "languages", "interfaces", "reviewed_on"),
    ),
    Directory.LANDSCAPES: (
        *_plain(services.LANDSCAPE_FIELDS),
        *("field", "countries", "year", "languages"),
    ),
    Directory.POLICIES: (
        "institution",
        *_plain(services.POLICY_FIELDS),
        *("year", "types", "language"),
    ),
}


def _proposed(errors: dict, directory: str, value: Any) -> dict[str, Any]:
    """{field: text or list of texts}, each field one the directory's entries have."""
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        errors["proposed"] = [_("Give the proposed values by field name.")]
        return {}
    allowed = FIELDS.get(directory, ())
    unknown = [str(k) for k in value if k not in allowed]
    if unknown and directory in FIELDS:
        errors["proposed"] = [
            _("Unknown field(s): %(names)s. The fields are: %(allowed)s.")
            % {"names": ", ".join(unknown[:10]), "allowed": ", ".join(allowed)}
        ]
        return {}
    out = {}
    for name, item in value.items():
        items = item if isinstance(item, list) else [item]
        if not all(isinstance(i, str | int | float | bool) for i in items):
            errors[f"proposed.{name}"] = [_("Give a text or a list of texts.")]
            continue
        if sum(len(str(i)) for i in items) > MAX_VALUE:
            errors[f"proposed.{name}"] = [_("Keep each value under 5,000 characters.")]
            continue
        out[str(name)] = [str(i) for i in items] if isinstance(item, list) else str(item)
    return out


@transaction.atomic
def suggestion_submit(*, user, data: Mapping[str, Any], language: str = "") -> Suggestion:
    """Anyone, signed in or not, suggests a correction (entry given) or a new entry."""
    errors: dict[str, list[str]] = {}
    suggestion = Suggestion(
        directory=str(data.get("directory") or ""),
        entry=str(data.get("entry") or "").strip(),
        message=str(data.get("message") or "").strip(),
        source=str(data.get("source") or "").strip(),
        contact=str(data.get("contact") or "").strip(),
        language=(language or translation.get_language() or "")[:10],
        user=user if getattr(user, "is_authenticated", False) else None,
    )
    if suggestion.directory not in Directory.values:
        errors["directory"] = [_("Choose one of: %s.") % ", ".join(Directory.values)]
    suggestion.proposed = _proposed(errors, suggestion.directory, data.get("proposed"))
    if len(suggestion.message) < 10:
        errors["message"] = [_("Say what should change, in at least 10 characters.")]
    if len(suggestion.message) > 5000:
        errors["message"] = [_("Keep the suggestion under 5,000 characters.")]
    try:
        suggestion.full_clean(exclude=[*errors, "user", "decided_by", "proposed"])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)
    suggestion.save()
    audit_log(actor=user, action="directories.suggestion.submitted", obj=suggestion)
    return suggestion


def entry_of(suggestion: Suggestion) -> models.Model | None:
    """The entry a suggestion corrects, or None for a new entry (or one that no longer exists)."""
    if not suggestion.entry:
        return None
    if suggestion.directory == Directory.REGISTERS:
        return Register.objects.filter(jurisdiction_id=suggestion.entry.upper()).first()
    model = {
        Directory.DATABASES: DatabaseReport,
        Directory.LANDSCAPES: LandscapeReport,
        Directory.POLICIES: Policy,
    }.get(suggestion.directory)
    pk = integer(suggestion.entry)
    if model is None or pk is None or not 0 < pk < 2**31:
        return None
    return model.objects.filter(pk=pk).first()


def _apply(*, user, suggestion: Suggestion, values: dict, document) -> models.Model:
    """Write the values through the entry's own service (a new entry when there is none)."""
    entry = entry_of(suggestion)
    if suggestion.entry and entry is None:
        raise ValidationError({"entry": [_("The entry of this suggestion no longer exists.")]})
    directory = suggestion.directory
    if directory == Directory.REGISTERS:
        code = entry.jurisdiction_id if entry else values.pop("jurisdiction", "")
        values.pop("jurisdiction", None)
        return services.register_save(user=user, jurisdiction=str(code or ""), data=values)
    if directory == Directory.DATABASES:
        return services.database_save(user=user, report=entry, data=values)
    if directory == Directory.LANDSCAPES:
        return services.landscape_save(user=user, report=entry, data=values, document=document)
    return services.policy_save(user=user, policy=entry, data=values, document=document)


def _decided(suggestion: Suggestion, *, user, status: str, note: str) -> None:
    suggestion.status = status
    suggestion.staff_note = note
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.save()


def _pending(suggestion: Suggestion) -> Suggestion:
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != Suggestion.Status.PENDING:
        raise ValidationError({"status": [_("This suggestion has already been decided.")]})
    return locked


@transaction.atomic
def suggestion_accept(
    *, user, suggestion: Suggestion, values: Mapping[str, Any], note: str = "", document=None
) -> models.Model:
    """Apply the (staff-edited) values to the suggestion's entry, or create the new entry it
    proposes, through that entry's service; the entry is verified today. Returns the entry."""
    staff(user)
    suggestion = _pending(suggestion)
    data = dict(values)
    data.setdefault("last_verified", timezone.localdate())
    entry = _apply(user=user, suggestion=suggestion, values=data, document=document)
    if not suggestion.entry:
        suggestion.entry = entry.jurisdiction_id if isinstance(entry, Register) else str(entry.pk)
    _decided(suggestion, user=user, status=Suggestion.Status.ACCEPTED, note=note.strip())
    audit_log(
        actor=user,
        action="directories.suggestion.accepted",
        obj=suggestion,
        changes={"status": [Suggestion.Status.PENDING, suggestion.status]},
        message=suggestion.staff_note,
    )
    _tell(suggestion, accepted=True)
    return entry


@transaction.atomic
def suggestion_reject(*, user, suggestion: Suggestion, reason: str) -> Suggestion:
    """Decline a suggestion, saying why (the suggester is told the reason)."""
    staff(user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the suggestion is declined.")]})
    suggestion = _pending(suggestion)
    _decided(suggestion, user=user, status=Suggestion.Status.REJECTED, note=reason)
    audit_log(
        actor=user,
        action="directories.suggestion.rejected",
        obj=suggestion,
        changes={"status": [Suggestion.Status.PENDING, suggestion.status]},
        message=reason,
    )
    _tell(suggestion, accepted=False)
    return suggestion


def entry_path(suggestion: Suggestion) -> str:
    """The public page of the suggestion's entry (the directory's list when there is none)."""
    directory, key = suggestion.directory, suggestion.entry
    if directory == Directory.REGISTERS and key:
        return reverse("directories:register", args=[key.upper()])
    single = {Directory.DATABASES: "database", Directory.POLICIES: "policy"}
    if directory in single and integer(key):
        return reverse(f"directories:{single[directory]}", args=[integer(key)])
    return reverse(f"directories:{directory}")


def _tell(suggestion: Suggestion, *, accepted: bool) -> None:
    """E-mail the suggester (when they left an address), in their language, after the commit."""
    if not suggestion.contact:
        return
    with translation.override(suggestion.language or settings.LANGUAGE_CODE):
        link = site_link(entry_path(suggestion))
        if accepted:
            subject = _("Your suggestion for the directories was accepted")
            body = _(
                "Thank you. WIPO staff checked your suggestion and changed the directory.\n\n"
                "Your suggestion: %(message)s\n\nThe entry: %(link)s\n"
            ) % {"message": suggestion.message, "link": link}
            if suggestion.staff_note:
                body += "\n" + _("Note from staff: %(note)s") % {"note": suggestion.staff_note}
        else:
            subject = _("Your suggestion for the directories was declined")
            body = _(
                "Thank you. WIPO staff checked your suggestion and did not change the "
                "directory.\n\nYour suggestion: %(message)s\n\nReason: %(reason)s\n"
            ) % {"message": suggestion.message, "reason": suggestion.staff_note}
        jobs.enqueue(MAIL, subject=str(subject), body=body, to=[suggestion.contact])
