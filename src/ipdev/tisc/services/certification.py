"""Staff certification: the TISC Foundation Course's three phases per participant, and the
certificate once all three are completed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.reference import models as ref

from ..models import Centre, Certification, Network
from ..permissions import require_manager, require_staff
from .values import date_value, raise_if, text

Phase = Certification.Phase


def snapshot(c: Certification) -> dict[str, Any]:
    data = {
        f: getattr(c, f) for f in ("name", "sex", "email", "certified_on", "certificate_number")
    }
    data["language"] = c.language_id
    data["centre"] = c.centre_id
    for p in Certification.PHASES:
        data[f"{p}_status"] = getattr(c, f"{p}_status")
        data[f"{p}_on"] = getattr(c, f"{p}_on")
    return data


@transaction.atomic
def participant_enrol(*, user, network: Network, data: Mapping[str, Any]) -> Certification:
    """Staff (or the network's coordinator) enrol one of the network's staff in the course."""
    require_manager(user, network.pk)
    unknown = set(data) - {"name", "sex", "email", "language", "centre"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    errors: dict[str, str] = {}
    c = Certification(network=network)
    c.name = text("name", data.get("name"), errors, limit=200, required=True)
    c.email = text("email", data.get("email"), errors, limit=200)
    sex = data.get("sex")
    if sex not in Certification.Sex.values:
        errors["sex"] = _("Choose one of: %(values)s.") % {
            "values": ", ".join(Certification.Sex.values)
        }
    c.sex = sex or ""
    language = ref.Language.objects.filter(pk=data.get("language") or "").first()
    if language is None:
        errors["language"] = _("Unknown language code '%(value)s'.") % {
            "value": data.get("language")
        }
    c.language = language
    centre = data.get("centre")
    if centre not in (None, ""):
        c.centre = Centre.objects.filter(
            pk=centre if str(centre).isdigit() else 0, network=network
        ).first()
        if c.centre is None:
            errors["centre"] = _("Choose a centre of this network.")
    raise_if(errors)
    c.full_clean(exclude=["network", "centre", "language"])
    c.save()
    audit_log(actor=user, action="tisc.participant_enrolled", obj=c, changes=diff({}, snapshot(c)))
    return c


@transaction.atomic
def phase_record(
    *, user, certification: Certification, phase: str, status: str, on=None
) -> Certification:
    """Staff record a phase's status (and the day it was completed); when all three are
    completed the participant is certified and gets a certificate number."""
    require_staff(user)
    errors: dict[str, str] = {}
    if phase not in Certification.PHASES:
        errors["phase"] = _("Choose one of: %(values)s.") % {
            "values": ", ".join(Certification.PHASES)
        }
    if status not in Phase.values:
        errors["status"] = _("Choose one of: %(values)s.") % {"values": ", ".join(Phase.values)}
    day = date_value("on", on, errors)
    if not errors and status == Phase.COMPLETED and day is None:
        errors["on"] = _("Give the day the phase was completed.")
    raise_if(errors)
    c = Certification.objects.select_for_update().get(pk=certification.pk)
    if c.certified_on:
        raise ValidationError({"status": _("This participant is already certified.")})
    before = snapshot(c)
    setattr(c, f"{phase}_status", status)
    setattr(c, f"{phase}_on", day if status == Phase.COMPLETED else None)
    if c.complete:
        c.certified_on = max(getattr(c, f"{p}_on") for p in Certification.PHASES)
        c.certificate_number = f"TISC-FC-{c.certified_on.year}-{c.pk:05d}"
    c.save()
    audit_log(actor=user, action="tisc.phase_recorded", obj=c, changes=diff(before, snapshot(c)))
    return c
