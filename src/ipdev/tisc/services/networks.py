"""Networks: staff create and edit them, name their coordinators and rate their maturity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.core.audit import audit_log, diff
from ipdev.core.lookups import resolve
from ipdev.reference import models as ref

from ..documents import check_agreement
from ..models import LevelAssessment, Network
from ..permissions import is_staff, require_manager, require_staff
from ..vocab import AgreementStatus, Frequency, Level, Wave
from .values import date_value, raise_if, text, whole

# What each level asks for, cumulatively: level 2 is level 1 plus basic search, and so on.
CRITERIA = {
    "sla": gettext_lazy("Service-level agreement with WIPO"),
    "host_agreements": gettext_lazy("Agreements with the host institutions"),
    "yearly_report": gettext_lazy("At least a yearly report"),
    "basic_search": gettext_lazy("Basic patent search services"),
    "value_added": gettext_lazy("Value-added services (patent analytics, landscape reports)"),
}
LEVEL_CRITERIA = {
    1: ("sla", "host_agreements", "yearly_report"),
    2: ("sla", "host_agreements", "yearly_report", "basic_search"),
    3: ("sla", "host_agreements", "yearly_report", "basic_search", "value_added"),
}
NETWORK_FIELDS = (
    "name",
    "country",
    "bureau",
    "coordinating_institution",
    "description",
    "website",
    "public_email",
    "sla_status",
    "sla_signed_on",
    "sla_document",
    "wave",
    "frequency",
    "reporting_since",
)
# What a coordinator may change on their own network (the rest is WIPO's).
COORDINATOR_FIELDS = frozenset({"description", "website", "public_email"})


def snapshot(network: Network) -> dict[str, Any]:
    data = {f: getattr(network, Network._meta.get_field(f).attname) for f in NETWORK_FIELDS}
    data["level"] = network.level
    data["sla_file"] = network.sla_file.name
    if network.pk:
        data["coordinators"] = sorted(network.coordinators.values_list("username", flat=True))
    return data


def _choice(key: str, value, choices, errors: dict):
    if value not in choices.values:
        errors[key] = _("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)}
        return None
    return value


def _apply(network: Network, data: Mapping[str, Any], allowed) -> list | None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    errors: dict[str, str] = {}
    coordinators = None
    for name, value in data.items():
        if name == "country":
            network.country = resolve(ref.Country, name, value)
        elif name == "bureau":
            network.bureau = resolve(ref.Bureau, name, value)
        elif name == "sla_status":
            network.sla_status = _choice(name, value, AgreementStatus, errors)
        elif name == "wave":
            network.wave = _choice(name, value, Wave, errors)
        elif name == "frequency":
            network.frequency = _choice(name, value, Frequency, errors)
        elif name == "sla_signed_on":
            network.sla_signed_on = date_value(name, value, errors)
        elif name == "reporting_since":
            network.reporting_since = whole(name, value, errors) or None
        elif name == "coordinators":
            coordinators = _users(value, errors)
        elif name in ("description",):
            network.description = text(name, value, errors, limit=5000)
        else:
            setattr(network, name, text(name, value, errors, limit=300, required=name == "name"))
    if network.sla_status == AgreementStatus.SIGNED and not network.sla_signed_on:
        errors.setdefault("sla_signed_on", _("Give the date the agreement was signed."))
    raise_if(errors)
    if network.country_id and not network.bureau_id:
        network.bureau_id = network.country.bureau_id
    return coordinators


def _users(value, errors: dict) -> list | None:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list | tuple):
        errors["coordinators"] = _("Expected a list of user names.")
        return None
    users = list(get_user_model().objects.filter(username__in=value, is_active=True))
    missing = sorted(set(value) - {u.username for u in users})
    if missing:
        errors["coordinators"] = _("Unknown user(s): %(values)s.") % {
            "values": ", ".join(missing[:10])
        }
    return users


def _check(network: Network) -> None:
    errors = {}
    if not network.bureau_id:
        errors["bureau"] = _("This field is required.")
    if not network.reporting_since:
        errors["reporting_since"] = _("This field is required.")
    qs = Network.objects.filter(country_id=network.country_id).exclude(pk=network.pk)
    if network.country_id and qs.exists():
        errors["country"] = _("This country already has a network.")
    raise_if(errors)
    network.full_clean(exclude=["country", "bureau"])


@transaction.atomic
def network_create(*, user, data: Mapping[str, Any]) -> Network:
    """Staff register a national (or regional) network."""
    require_staff(user)
    network = Network()
    coordinators = _apply(network, data, (*NETWORK_FIELDS, "coordinators"))
    _check(network)
    network.save()
    if coordinators is not None:
        network.coordinators.set(coordinators)
    audit_log(
        actor=user, action="tisc.network_created", obj=network, changes=diff({}, snapshot(network))
    )
    return network


@transaction.atomic
def network_update(*, user, network: Network, data: Mapping[str, Any]) -> Network:
    """Staff change anything; a coordinator their network's description and public contacts."""
    require_manager(user, network.pk)

    allowed = (*NETWORK_FIELDS, "coordinators") if is_staff(user) else COORDINATOR_FIELDS
    network = Network.objects.select_for_update().get(pk=network.pk)
    before = snapshot(network)
    coordinators = _apply(network, data, allowed)
    _check(network)
    network.save()
    if coordinators is not None:
        network.coordinators.set(coordinators)
    changes = diff(before, snapshot(network))
    if changes:
        audit_log(actor=user, action="tisc.network_updated", obj=network, changes=changes)
    return network


@transaction.atomic
def agreement_upload(*, user, network: Network, upload) -> Network:
    """Staff keep the signed service-level agreement (PDF or DOCX) with the network; a new
    file replaces the old one (deleted once the change is committed)."""
    require_staff(user)
    name, content_type, _size = check_agreement(upload)
    network = Network.objects.select_for_update().get(pk=network.pk)
    old = network.sla_file.name
    network.sla_file.save(name, upload, save=False)
    network.sla_file_type = content_type
    try:
        network.save(update_fields=["sla_file", "sla_file_type", "updated_at"])
    except Exception:
        network.sla_file.delete(save=False)
        raise
    if old and old != network.sla_file.name:
        storage = network.sla_file.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_log(
        actor=user,
        action="tisc.agreement_uploaded",
        obj=network,
        changes={"sla_file": [old or None, network.sla_file.name]},
    )
    return network


@transaction.atomic
def agreement_remove(*, user, network: Network) -> Network:
    """Staff take the agreement's file away (the reference and status stay)."""
    require_staff(user)
    network = Network.objects.select_for_update().get(pk=network.pk)
    old = network.sla_file.name
    if not old:
        raise ValidationError({"sla_file": _("There is no agreement document to remove.")})
    storage = network.sla_file.storage
    network.sla_file = ""
    network.sla_file_type = ""
    network.save(update_fields=["sla_file", "sla_file_type", "updated_at"])
    transaction.on_commit(lambda: storage.delete(old))
    audit_log(
        actor=user, action="tisc.agreement_removed", obj=network, changes={"sla_file": [old, None]}
    )
    return network


@transaction.atomic
def level_assess(
    *, user, network: Network, level: Any, criteria: Mapping[str, str], decided_on=None
) -> LevelAssessment:
    """Staff rate the network's maturity, with the evidence for each criterion of the level."""
    require_staff(user)
    errors: dict[str, str] = {}
    number = whole("level", level, errors)
    if not errors and number not in Level.values:
        errors["level"] = _("Choose a level from 0 to 3.")
    day = date_value("decided_on", decided_on, errors) or timezone.localdate()
    raise_if(errors)
    if not isinstance(criteria, Mapping):
        raise ValidationError({"criteria": _("Expected the evidence for each criterion.")})
    unknown = set(criteria) - set(CRITERIA)
    if unknown:
        raise ValidationError(
            {
                "criteria": _("Unknown criteria: %(values)s.")
                % {"values": ", ".join(sorted(unknown))}
            }
        )
    evidence = {}
    for code in LEVEL_CRITERIA.get(number, ()):
        value = text(f"criteria.{code}", criteria.get(code), errors, limit=2000, required=True)
        evidence[code] = value
    raise_if(errors)
    network = Network.objects.select_for_update().get(pk=network.pk)
    old = network.level
    network.level = number
    network.save(update_fields=["level", "updated_at"])
    assessment = LevelAssessment.objects.create(
        network=network, level=number, decided_on=day, criteria=evidence, decided_by=user
    )
    audit_log(
        actor=user,
        action="tisc.level_assessed",
        obj=network,
        changes={"level": [old, number]},
        message="; ".join(f"{k}: {v}" for k, v in evidence.items())[:2000],
    )
    return assessment
