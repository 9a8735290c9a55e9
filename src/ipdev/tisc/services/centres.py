"""Centres: staff add and edit them directly; coordinators propose new centres and changes,
which stay out of the public directory until WIPO staff validate them (as consultants' do)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff, jsonable
from ipdev.reference import models as ref

from ..models import Centre, CentreChange, Network
from ..permissions import require_manager, require_staff
from ..vocab import AgreementStatus, CentreStatus, HostType, Service
from .values import ROR, coordinate, date_value, raise_if, text

CENTRE_FIELDS = (
    "name",
    "host_institution",
    "host_type",
    "city",
    "latitude",
    "longitude",
    "services",
    "languages",
    "website",
    "public_email",
    "public_phone",
    "contact_name",
    "contact_email",
    "contact_phone",
    "status",
    "ror",
    "agreement_status",
    "agreement_signed_on",
)
REQUIRED = ("name", "host_institution", "host_type", "city")


def snapshot(centre: Centre) -> dict[str, Any]:
    data = {f: getattr(centre, f) for f in CENTRE_FIELDS if f != "languages"}
    data["languages"] = sorted(centre.languages.values_list("pk", flat=True)) if centre.pk else []
    return jsonable(data)


def _clean(data: Mapping[str, Any], base: Mapping[str, Any]) -> dict[str, Any]:
    """The full set of centre values after applying `data` over `base`, checked, JSON-safe."""
    unknown = set(data) - set(CENTRE_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    values = {**base, **data}
    errors: dict[str, str] = {}
    out: dict[str, Any] = {}
    for name in ("name", "host_institution", "city", "contact_name"):
        out[name] = text(name, values.get(name), errors, limit=300, required=name in REQUIRED)
    for name in ("public_phone", "contact_phone"):
        out[name] = text(name, values.get(name), errors, limit=40)
    for name, choices in (
        ("host_type", HostType),
        ("status", CentreStatus),
        ("agreement_status", AgreementStatus),
    ):
        value = values.get(name) or ("" if name == "host_type" else choices.values[0])
        if value not in choices.values:
            errors[name] = _("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)}
        out[name] = value
    out["latitude"] = coordinate("latitude", values.get("latitude"), errors, 90)
    out["longitude"] = coordinate("longitude", values.get("longitude"), errors, 180)
    if (out["latitude"] is None) != (out["longitude"] is None):
        errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
    services = values.get("services") or []
    if isinstance(services, str):
        services = [services]
    bad = [s for s in services if s not in Service.values]
    if not isinstance(services, list | tuple) or bad:
        errors["services"] = _("Unknown service(s): %(values)s.") % {
            "values": ", ".join(map(str, bad[:10]))
        }
    out["services"] = [s for s in Service.values if s in services]
    languages = values.get("languages") or []
    if isinstance(languages, str):
        languages = [languages]
    known = set(ref.Language.objects.filter(pk__in=list(languages)).values_list("pk", flat=True))
    missing = [str(code) for code in languages if code not in known]
    if missing:
        errors["languages"] = _("Unknown code(s): %(values)s.") % {"values": ", ".join(missing)}
    out["languages"] = sorted(known)
    ror = text("ror", values.get("ror"), errors, limit=40).lower()
    ror = ror.removeprefix("https://ror.org/")
    if ror and not ROR.match(ror):
        errors["ror"] = _("A ROR identifier is 9 characters, e.g. 02mhbdp94.")
    out["ror"] = ror
    signed = date_value("agreement_signed_on", values.get("agreement_signed_on"), errors)
    if out["agreement_status"] == AgreementStatus.SIGNED and signed is None:
        errors.setdefault("agreement_signed_on", _("Give the date the agreement was signed."))
    out["agreement_signed_on"] = signed
    for name in ("website", "public_email", "contact_email"):
        out[name] = text(name, values.get(name), errors, limit=200)
    raise_if(errors)
    probe = Centre(**{k: v for k, v in out.items() if k != "languages"}, network_id=0)
    probe.full_clean(exclude=["network"], validate_constraints=False)
    return jsonable(out)


def _write(centre: Centre, values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        if name != "languages":
            setattr(centre, name, value)
    centre.full_clean(exclude=["network"])
    centre.save()
    centre.languages.set(values["languages"])


@transaction.atomic
def centre_create(*, user, network: Network, data: Mapping[str, Any]) -> Centre:
    """Staff add a centre; it is validated (public) at once."""
    require_staff(user)
    values = _clean(data, {})
    centre = Centre(network=network, validated=True)
    _write(centre, values)
    audit_log(actor=user, action="tisc.centre_created", obj=centre, changes=diff({}, values))
    return centre


@transaction.atomic
def centre_update(*, user, centre: Centre, data: Mapping[str, Any]) -> Centre:
    """Staff change a centre directly."""
    require_staff(user)
    centre = Centre.objects.select_for_update().get(pk=centre.pk)
    before = snapshot(centre)
    _write(centre, _clean(data, before))
    changes = diff(before, snapshot(centre))
    if changes:
        audit_log(actor=user, action="tisc.centre_updated", obj=centre, changes=changes)
    return centre


@transaction.atomic
def centre_change_submit(
    *, user, network: Network, data: Mapping[str, Any], centre: Centre | None = None
) -> CentreChange:
    """A coordinator (or staff) proposes a new centre or a change; it waits for validation.

    A new proposal for the same centre replaces the pending one."""
    require_manager(user, network.pk)
    if centre is not None and centre.network_id != network.pk:
        raise ValidationError({"centre": _("This centre belongs to another network.")})
    base = snapshot(centre) if centre is not None else {}
    values = _clean(data, base)
    proposal = {k: v for k, v in values.items() if centre is None or base.get(k) != v}
    if centre is not None and not proposal:
        raise ValidationError({"__all__": _("Nothing was changed.")})
    if centre is not None:
        for old in CentreChange.objects.select_for_update().filter(
            centre=centre, status=CentreChange.Status.PENDING
        ):
            old.status = CentreChange.Status.REJECTED
            old.comment = "Replaced by a newer proposal."
            old.reviewed_at = timezone.now()
            old.save(update_fields=["status", "comment", "reviewed_at"])
    change = CentreChange.objects.create(
        network=network, centre=centre, data=proposal, submitted_by=user
    )
    audit_log(
        actor=user,
        action="tisc.centre_change_submitted",
        obj=centre or network,
        changes={k: [base.get(k), v] for k, v in proposal.items()},
    )
    return change


def _pending(change: CentreChange) -> CentreChange:
    change = CentreChange.objects.select_for_update().get(pk=change.pk)
    if change.status != CentreChange.Status.PENDING:
        raise ValidationError({"status": _("This change was already reviewed.")})
    return change


@transaction.atomic
def centre_change_approve(*, user, change: CentreChange, comment: str = "") -> Centre:
    """Staff validate a proposal: it is applied and becomes public."""
    require_staff(user)
    change = _pending(change)
    if change.centre_id:
        centre = Centre.objects.select_for_update().get(pk=change.centre_id)
    else:
        centre = Centre(network_id=change.network_id)
    before = snapshot(centre) if centre.pk else {}
    _write(centre, _clean(change.data, before))
    if not centre.validated:
        centre.validated = True
        centre.save(update_fields=["validated"])
    change.centre = centre
    change.status = CentreChange.Status.APPROVED
    change.reviewed_by, change.reviewed_at, change.comment = user, timezone.now(), comment
    change.save()
    audit_log(
        actor=user,
        action="tisc.centre_change_approved",
        obj=centre,
        changes=diff(before, snapshot(centre)),
        message=comment,
    )
    return centre


@transaction.atomic
def centre_change_reject(*, user, change: CentreChange, comment: str) -> CentreChange:
    """Staff refuse a proposal, saying why; the public directory stays as it was."""
    require_staff(user)
    if not (comment or "").strip():
        raise ValidationError({"comment": _("Say why the change is refused.")})
    change = _pending(change)
    change.status = CentreChange.Status.REJECTED
    change.reviewed_by, change.reviewed_at = user, timezone.now()
    change.comment = comment.strip()
    change.save(update_fields=["status", "reviewed_by", "reviewed_at", "comment"])
    audit_log(
        actor=user,
        action="tisc.centre_change_rejected",
        obj=change.centre or change.network,
        changes={"change": [change.pk, None]},
        message=change.comment,
    )
    return change
