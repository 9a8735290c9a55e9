"""The one write path for activities, documents and consent: each call, one audited transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.accounts.models import Organisation
from ipdev.core.audit import audit_log, diff
from ipdev.core.versions import require_version

from . import indexing, rules
from .documents import check_upload
from .models import Activity, ActivityDocument, Consent, DetailGroup, Status
from .permissions import can_manage_consent, require_edit
from .versions import M2M_FIELDS, SCALAR_FIELDS
from .versions import snapshot as _snapshot

EDITABLE = frozenset(SCALAR_FIELDS) | frozenset(M2M_FIELDS)

# Allowed status changes: a cancelled or completed activity can be reopened only to ongoing.
TRANSITIONS: dict[str, set[str]] = {
    Status.PLANNED: {Status.ONGOING, Status.COMPLETED, Status.CANCELLED},
    Status.ONGOING: {Status.COMPLETED, Status.CANCELLED, Status.PLANNED},
    Status.COMPLETED: {Status.ONGOING},
    Status.CANCELLED: {Status.PLANNED},
}


def default_reporting_org() -> Organisation:
    """This instance's own publisher (created on first use from the settings)."""
    org, _created = Organisation.objects.get_or_create(
        ref=settings.IPDEV_REPORTING_ORG_REF,
        defaults={
            "name": settings.IPDEV_REPORTING_ORG_NAME,
            "type": Organisation.Type.INTERGOVERNMENTAL,
        },
    )
    return org


def _resolve(field: models.Field, value: Any) -> Any:
    """Accept a model instance or a primary key for a relation; name the field if unknown."""
    model = field.related_model
    if value is None or value == "" or isinstance(value, model):
        return value or None
    try:
        return model.objects.get(pk=value)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise ValidationError(
            {field.name: _("Unknown code '%(value)s'.") % {"value": value}}
        ) from None


def _resolve_many(field: models.Field, values: Iterable[Any]) -> list:
    model = field.related_model
    if isinstance(values, str | bytes):
        raise ValidationError({field.name: _("Expected a list of codes.")})
    items, keys = [], []
    for value in values:
        if isinstance(value, model):
            items.append(value)
        else:
            keys.append(value)
    if keys:
        try:
            found = model.objects.in_bulk(keys)
        except (ValueError, TypeError, ValidationError):
            raise ValidationError({field.name: _("Codes have the wrong type.")}) from None
        normalised = {str(k): v for k, v in found.items()}
        missing = [str(k) for k in keys if str(k) not in normalised]
        if missing:
            raise ValidationError(
                {field.name: _("Unknown code(s): %(values)s.") % {"values": ", ".join(missing)}}
            )
        items.extend(normalised[str(k)] for k in keys)
    return list(dict.fromkeys(items))


def _apply(activity: Activity, data: Mapping[str, Any]) -> dict[str, list]:
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    m2m: dict[str, list] = {}
    for name, value in data.items():
        field = Activity._meta.get_field(name)
        if name in M2M_FIELDS:
            m2m[name] = _resolve_many(field, value or [])
        elif field.is_relation:
            setattr(activity, name, _resolve(field, value))
        else:
            setattr(activity, name, value)
    return m2m


def _validate(activity: Activity, m2m: Mapping[str, list]) -> None:
    """The rules of ``activities.rules`` (those the IATI import's triage applies too): the
    row's own through ``full_clean``, then those over its relations."""
    exclude = ["identifier"] if not activity.identifier else []
    activity.full_clean(exclude=exclude, validate_unique=True)
    missing = rules.required_errors(
        activity.source, activity.category_id, activity.delivery_mode_id
    )
    if missing:
        raise ValidationError(missing)
    if activity.da_project_id:
        project = activity.da_project
        errors = rules.da_project_errors(activity.start_date, project.start_year, project.end_year)
        if errors:
            raise ValidationError(errors)
    saved = activity.pk is not None
    countries = m2m.get("countries", list(activity.countries.all()) if saved else [])
    regions = m2m.get("regions", list(activity.regions.all()) if saved else [])
    validate_scope(scope=activity.scope, countries=countries, regions=regions)


def validate_scope(*, scope: str, countries: list, regions: list) -> None:
    """A national activity has one country; a regional one names its region or countries."""
    errors = rules.scope_errors(scope, countries, regions)
    if errors:
        raise ValidationError(errors)


def _save(activity: Activity, m2m: Mapping[str, list]) -> None:
    activity.save()
    for name, items in m2m.items():
        getattr(activity, name).set(items)
    if not activity.identifier:
        activity.identifier = f"{activity.reporting_org.ref or 'IPDEV'}-TAD-{activity.pk:07d}"
        activity.save(update_fields=["identifier"])
    indexing.reindex([activity.pk])


@transaction.atomic
def activity_create(*, user, data: Mapping[str, Any]) -> Activity:
    """Create an activity from field values (instances or codes for relations)."""
    activity = Activity()
    m2m = _apply(activity, data)
    if activity.reporting_org_id is None:
        activity.reporting_org = default_reporting_org()
    m2m.setdefault("countries", [])
    _validate(activity, m2m)
    require_edit(user, [c.pk for c in m2m["countries"]])
    _save(activity, m2m)
    audit_log(
        actor=user, action="activity.created", obj=activity, changes=diff({}, _snapshot(activity))
    )
    return activity


@transaction.atomic
def activity_update(
    *, user, activity: Activity, data: Mapping[str, Any], based_on: str | None = None
) -> Activity:
    """Change some fields of an activity; the audit entry lists what changed.

    ``based_on`` is the version the change was made from (a form's, an API If-Match): if the
    activity changed since, nothing is written and StaleVersion says what it is now."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    before = _snapshot(activity)
    require_edit(user, before["countries"])
    _require_version(activity, before, based_on)
    if "status" in data and data["status"] != activity.status:
        _check_transition(activity.status, data["status"])
    m2m = _apply(activity, data)
    _validate(activity, m2m)
    if "countries" in m2m:
        require_edit(user, [c.pk for c in m2m["countries"]])
    _save(activity, m2m)
    changes = diff(before, _snapshot(activity))
    if changes:
        audit_log(actor=user, action="activity.updated", obj=activity, changes=changes)
    return activity


def _require_version(activity: Activity, state: dict | None, based_on: str | None) -> None:
    if based_on is not None:
        state = _snapshot(activity) if state is None else state
        require_version(based_on, kind="activity", pk=activity.pk, snapshot=state)


def _check_transition(old: str, new: str) -> None:
    if new not in Status.values:
        raise ValidationError({"status": _("Unknown status '%(new)s'.") % {"new": new}})
    if new not in TRANSITIONS[old]:
        raise ValidationError(
            {
                "status": _("An activity cannot go from %(old)s to %(new)s.")
                % {"old": old, "new": new}
            }
        )


@transaction.atomic
def activity_change_status(
    *, user, activity: Activity, status: str, reason: str = "", based_on: str | None = None
) -> Activity:
    """Move an activity through its life cycle (planned, ongoing, completed, cancelled)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require_edit(user, activity.countries.values_list("pk", flat=True))
    _require_version(activity, None, based_on)
    old = activity.status
    if status == old:
        return activity
    _check_transition(old, status)
    errors = rules.time_frame_errors(status, activity.end_date)
    if errors:
        raise ValidationError(errors)
    activity.status = status
    activity.save(update_fields=["status", "updated_at"])
    indexing.reindex([activity.pk])
    audit_log(
        actor=user,
        action="activity.status_changed",
        obj=activity,
        changes={"status": [old, status]},
        message=reason,
    )
    return activity


@transaction.atomic
def activity_delete(*, user, activity: Activity, based_on: str | None = None) -> None:
    """Remove an activity (staff only); the audit entry keeps what it was."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    require_edit(user, activity.countries.values_list("pk", flat=True))
    _require_version(activity, None, based_on)
    if not getattr(user, "is_wipo_staff", False):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only staff may delete activities."))
    snapshot = _snapshot(activity)
    audit_log(actor=user, action="activity.deleted", obj=activity, changes=diff(snapshot, {}))
    from ipdev.search import engine

    engine.remove_documents([activity.pk])
    activity.delete()


@transaction.atomic
def document_attach(
    *,
    user,
    activity: Activity,
    upload,
    title: str = "",
    kind: str = ActivityDocument.Kind.OTHER,
    language: str | None = None,
) -> ActivityDocument:
    """Attach a checked upload (size and type) to an activity."""
    require_edit(user, activity.countries.values_list("pk", flat=True))
    name, content_type, size = check_upload(upload)
    if kind not in ActivityDocument.Kind.values:
        raise ValidationError({"kind": _("Unknown kind '%(kind)s'.") % {"kind": kind}})
    document = ActivityDocument(
        activity=activity,
        title=(title or name)[:300],
        kind=kind,
        content_type=content_type,
        size=size,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if language:
        document.language = _resolve(ActivityDocument._meta.get_field("language"), language)
    document.file.save(name, upload, save=False)
    try:
        document.full_clean(exclude=["file"])
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    audit_log(
        actor=user,
        action="activity.document_attached",
        obj=activity,
        changes={"documents": [None, document.title]},
        message=f"{name} ({size:,} bytes)",
    )
    return document


@transaction.atomic
def document_remove(*, user, document: ActivityDocument) -> None:
    activity = document.activity
    require_edit(user, activity.countries.values_list("pk", flat=True))
    title = document.title
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.delete(save=False))
    audit_log(
        actor=user,
        action="activity.document_removed",
        obj=activity,
        changes={"documents": [title, None]},
    )


def _clean_groups(groups: Iterable[str]) -> list[str]:
    if isinstance(groups, str):
        raise ValidationError({"groups": _("Expected a list of detail groups.")})
    chosen = list(dict.fromkeys(groups))
    unknown = [g for g in chosen if g not in DetailGroup.values]
    if unknown:
        raise ValidationError(
            {
                "groups": _("Unknown detail group(s): %(values)s. Known: %(values2)s.")
                % {"values": ", ".join(map(str, unknown)), "values2": ", ".join(DetailGroup.values)}
            }
        )
    return chosen


@transaction.atomic
def consent_grant(
    *,
    user,
    country=None,
    activity: Activity | None = None,
    groups: Iterable[str],
    granted_by: str,
    granted_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    reference: str = "",
) -> Consent:
    """Record a member state's consent; it replaces the one in force for the same target."""
    from django.core.exceptions import PermissionDenied

    country = _resolve(Consent._meta.get_field("country"), country)
    if country is None and activity is None:
        raise ValidationError({"country": _("Name the country, the activity, or both.")})
    if (
        activity is not None
        and country is not None
        and not activity.countries.filter(pk=country.pk).exists()
    ):
        raise ValidationError(
            {
                "country": _("%(country)s is not a beneficiary of this activity.")
                % {"country": country}
            }
        )
    if activity is not None and country is None and activity.countries.exists():
        raise ValidationError({"country": _("Name which beneficiary country consents.")})
    if not can_manage_consent(user, country.pk if country else None):
        raise PermissionDenied(_("You may not record consent for this country."))
    consent = Consent(
        country=country,
        activity=activity,
        groups=_clean_groups(groups),
        granted_by=(granted_by or "").strip(),
        granted_on=granted_on or timezone.localdate(),
        valid_until=valid_until,
        reference=reference,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if not consent.granted_by:
        raise ValidationError({"granted_by": _("Say who gave consent.")})
    if valid_until and valid_until < consent.granted_on:
        raise ValidationError({"valid_until": _("Consent cannot end before it was granted.")})
    consent.full_clean(validate_constraints=False)
    replaced = _supersede(consent, user)
    consent.validate_constraints()
    consent.save()
    if replaced:
        Consent.objects.filter(pk__in=replaced).update(replaced_by=consent)
    target = activity or country
    audit_log(
        actor=user,
        action="consent.granted",
        obj=target,
        changes={
            "consent": [
                None,
                {
                    "country": country.pk if country else None,
                    "groups": consent.groups,
                    "valid_until": valid_until,
                },
            ]
        },
        message=f"Granted by {consent.granted_by} on {consent.granted_on}",
    )
    return consent


def _supersede(consent: Consent, user) -> list[int]:
    """Make way for a new consent. One taking effect today (or dated in the past) replaces the
    consents of its target at once; one dated in the future leaves the one in force until its
    date (DA recommendation 5: a renewal must not hide the details in between). A consent
    still to come that is dated on or after the new one is superseded by it."""
    today = timezone.localdate()
    others = (
        Consent.objects.select_for_update()
        .filter(country=consent.country, activity=consent.activity, revoked_at__isnull=True)
        .exclude(pk=consent.pk)
        .filter(Q(replaced_on__isnull=True) | Q(replaced_on__gt=consent.granted_on))
        .order_by("granted_on", "id")
    )
    replaced = []
    for old in others:
        if consent.granted_on <= today or old.granted_on >= consent.granted_on:
            _revoke(old, user, "Replaced by a new consent.")
        else:
            old.replaced_on = consent.granted_on
            old.save(update_fields=["replaced_on"])
            replaced.append(old.pk)
    return replaced


def _revoke(consent: Consent, user, reason: str) -> None:
    consent.revoked_at = timezone.now()
    consent.revoked_by = user if getattr(user, "is_authenticated", False) else None
    consent.revoke_reason = reason
    consent.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])


@transaction.atomic
def consent_revoke(*, user, consent: Consent, reason: str = "") -> Consent:
    """Withdraw a consent; its details stop being public at once."""
    from django.core.exceptions import PermissionDenied

    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.revoked_at is not None:
        raise ValidationError({"consent": _("This consent was already revoked.")})
    if not can_manage_consent(user, consent.country_id):
        raise PermissionDenied(_("You may not revoke consent for this country."))
    _revoke(consent, user, reason)
    if consent.granted_on > timezone.localdate():
        # Withdrawn before it took effect: what it was to replace stays in force.
        consent.replaces.filter(revoked_at__isnull=True).update(replaced_on=None, replaced_by=None)
    audit_log(
        actor=user,
        action="consent.revoked",
        obj=consent.activity or consent.country,
        changes={"consent": [{"country": consent.country_id, "groups": consent.groups}, None]},
        message=reason,
    )
    return consent


# Requests for details "on request" are written by their own module of this write path.
from .details_requests import (  # noqa: E402, F401 (re-exported)
    details_request_decline,
    details_request_file,
    details_request_grant,
)
