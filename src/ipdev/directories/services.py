"""The one write path of the directories: staff curate entries, anyone suggests, pages count use.

Each function is keyword-only, checks permission, validates with errors keyed by field name,
writes its audit entry in the same transaction, and writes nothing when it fails. The shared
checks are in ``checks``; suggestions (submitted by anyone, decided by staff) in
``suggestions``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff

from . import checks, fulltext
from .checks import audited, codes, date, integer, languages, save, snapshot, staff, verified
from .models import (
    Availability,
    Cost,
    DatabaseReport,
    Directory,
    Institution,
    Jurisdiction,
    LandscapeReport,
    NationalModel,
    Policy,
    PolicyType,
    Register,
    Resource,
    ResourceKind,
    UseCount,
)
from .vocab import ST27, Field, Interface

ROR = re.compile(r"^0[a-hj-km-np-tv-z0-9]{6}[0-9]{2}$")


def _st3():
    return Jurisdiction.objects.values_list("code", flat=True)


# Registers --------------------------------------------------------------------------------
REGISTER_FIELDS = ("office", "search_tips", "sample_numbers")
RESOURCE_FIELDS = ("availability", "url", "languages", "cost", "coverage_from", "notes")


def _resources(errors: dict, value: Any, languages: set[str]) -> dict[str, dict]:
    """{kind: fields} from a list of resource dicts; errors keyed resources.<i>.<field>."""
    if value is None:
        return {}
    if not isinstance(value, list | tuple):
        errors["resources"] = [_("Give a list of resources.")]
        return {}
    out: dict[str, dict] = {}
    for i, item in enumerate(value):
        key = f"resources.{i}"
        if not isinstance(item, Mapping):
            errors[key] = [_("Each resource is an object with its fields.")]
            continue
        kind = str(item.get("kind", ""))
        if kind not in ResourceKind.values:
            errors[f"{key}.kind"] = [_("Choose one of: %s.") % ", ".join(ResourceKind.values)]
            continue
        if kind in out:
            errors[f"{key}.kind"] = [_("This resource is given twice.")]
            continue
        fields = {"availability": str(item.get("availability") or Availability.UNKNOWN)}
        if fields["availability"] not in Availability.values:
            errors[f"{key}.availability"] = [
                _("Choose one of: %s.") % ", ".join(Availability.values)
            ]
        fields["cost"] = str(item.get("cost") or Cost.UNKNOWN)
        if fields["cost"] not in Cost.values:
            errors[f"{key}.cost"] = [_("Choose one of: %s.") % ", ".join(Cost.values)]
        fields["url"] = str(item.get("url") or "")
        fields["notes"] = str(item.get("notes") or "")
        fields["languages"] = codes(errors, f"{key}.languages", item.get("languages"), languages)
        since = item.get("coverage_from")
        fields["coverage_from"] = checks.year(errors, f"{key}.coverage_from", since)
        probe = Resource(kind=kind, **fields)
        try:
            probe.clean_fields(exclude=["register", "languages"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[f"{key}.{name}"] = messages
        out[kind] = fields
    return out


@transaction.atomic
def register_save(*, user, jurisdiction: str, data: Mapping[str, Any]) -> Register:
    """Create or update the register file of a jurisdiction (ST.3 code) with its resources.

    ``data``: office, legal_status (ST.27 categories), search_tips, sample_numbers,
    last_verified (default today), resources (a list of {kind, availability, url, languages,
    cost, coverage_from, notes}; the kinds given replace theirs, the others are kept).
    """
    staff(user)
    errors: dict[str, list[str]] = {}
    place = Jurisdiction.objects.filter(code=str(jurisdiction).upper()).first()
    if place is None:
        raise ValidationError({"jurisdiction": [_("Not a WIPO ST.3 code: %s.") % jurisdiction]})
    register = Register.objects.filter(jurisdiction=place).first()
    created = register is None
    register = register or Register(jurisdiction=place, last_verified=timezone.localdate())
    before_status = list(register.legal_status)
    if "legal_status" in data:
        register.legal_status = codes(errors, "legal_status", data["legal_status"], ST27.values)
    if "last_verified" in data or created:
        register.last_verified = date(
            errors, "last_verified", data.get("last_verified"), timezone.localdate()
        )
    if "demo" in data:
        register.demo = bool(data["demo"])
    resources = _resources(errors, data.get("resources"), languages())
    changes = save(user=user, obj=register, data=data, plain=REGISTER_FIELDS, errors=errors)
    if before_status != register.legal_status:
        changes["legal_status"] = [before_status, register.legal_status]
    for kind, fields in resources.items():
        old = Resource.objects.filter(register=register, kind=kind).first()
        before = snapshot(old, RESOURCE_FIELDS) if old else {}
        Resource.objects.update_or_create(register=register, kind=kind, defaults=fields)
        for name, pair in diff(before, fields).items():
            changes[f"{kind}.{name}"] = pair
    audited(user=user, noun="register", obj=register, created=created, changes=changes)
    return register


# Database reports ----------------------------------------------------------------------------
DATABASE_FIELDS = (
    "name",
    "provider",
    "kind",
    "access",
    "aspi_partner",
    "url",
    "full_text",
    "boolean_search",
    "semantic_search",
    "classification_search",
    "chemical_search",
    "sequence_search",
    "crosslingual_search",
    "export",
    "analytics",
    "summary",
    "demo",
)


@transaction.atomic
def database_save(
    *, user, data: Mapping[str, Any], report: DatabaseReport | None = None
) -> DatabaseReport:
    """Create (report None) or update a patent database report."""
    staff(user)
    errors: dict[str, list[str]] = {}
    created = report is None
    report = report or DatabaseReport(last_verified=timezone.localdate())
    lists = {}
    if "coverage_countries" in data:
        lists["coverage_countries"] = codes(
            errors, "coverage_countries", data["coverage_countries"], _st3()
        )
    if "languages" in data:
        lists["languages"] = codes(errors, "languages", data["languages"], languages())
    if "interfaces" in data:
        lists["interfaces"] = codes(errors, "interfaces", data["interfaces"], Interface.values)
    before_lists = {name: getattr(report, name) for name in lists}
    for name, value in lists.items():
        setattr(report, name, value)
    if "coverage_from" in data:
        report.coverage_from = checks.year(errors, "coverage_from", data["coverage_from"])
    report.reviewed_on = date(
        errors, "reviewed_on", data.get("reviewed_on"), report.reviewed_on or None
    )
    if report.reviewed_on is None and "reviewed_on" not in errors:
        errors["reviewed_on"] = [_("This field is required.")]
    verified(errors, data, report)
    changes = save(user=user, obj=report, data=data, plain=DATABASE_FIELDS, errors=errors)
    changes.update(diff(before_lists, lists))
    audited(user=user, noun="database", obj=report, created=created, changes=changes)
    return report


# Landscape reports --------------------------------------------------------------------------
LANDSCAPE_FIELDS = ("title", "publisher_kind", "publisher", "series", "summary", "url", "demo")


@transaction.atomic
def landscape_save(
    *, user, data: Mapping[str, Any], report: LandscapeReport | None = None, document=None
) -> LandscapeReport:
    """Create or update a patent landscape report; `document` an optional PDF of it."""
    staff(user)
    errors: dict[str, list[str]] = {}
    created = report is None
    report = report or LandscapeReport(last_verified=timezone.localdate())
    if "field" in data:
        report.field = str(data["field"] or "")
        if report.field not in Field.values:
            errors["field"] = [_("Choose one of: %s.") % ", ".join(Field.values)]
    elif created:
        errors["field"] = [_("This field is required.")]
    if "countries" in data:
        report.countries = codes(errors, "countries", data["countries"], _st3())
    if "languages" in data:
        report.languages = codes(errors, "languages", data["languages"], languages())
    if "year" in data or created:
        report.year = checks.year(errors, "year", data.get("year"), required=True)
    verified(errors, data, report)
    checked = checks.document(errors, document)
    changes = save(user=user, obj=report, data=data, plain=LANDSCAPE_FIELDS, errors=errors)
    if checked is not None:
        report.document.save(checked.name, document, save=True)
        changes["document"] = [None, checked.name]
    audited(user=user, noun="landscape", obj=report, created=created, changes=changes)
    return report


# Institutions, policies and national models ---------------------------------------------------
INSTITUTION_FIELDS = ("name", "type", "url", "demo")


@transaction.atomic
def institution_save(
    *, user, data: Mapping[str, Any], institution: Institution | None = None
) -> Institution:
    staff(user)
    errors: dict[str, list[str]] = {}
    created = institution is None
    institution = institution or Institution(last_verified=timezone.localdate())
    checks.country(errors, data, institution, created)
    if "ror" in data:
        ror = str(data["ror"] or "").strip().removeprefix("https://ror.org/")
        if ror and not ROR.match(ror):
            errors["ror"] = [_("A ROR identifier is 9 characters, such as 05gq02987.")]
        institution.ror = ror
    verified(errors, data, institution)
    changes = save(user=user, obj=institution, data=data, plain=INSTITUTION_FIELDS, errors=errors)
    audited(user=user, noun="institution", obj=institution, created=created, changes=changes)
    if not created:  # the institution's name is part of its policies' searchable text
        for policy in institution.policies.all():
            _index(policy)
    return institution


POLICY_FIELDS = ("title", "url", "demo")


def _index(policy: Policy) -> None:
    fulltext.index(
        policy.pk, f"{policy.title} {policy.institution.name}", policy.text or policy.title
    )


@transaction.atomic
def policy_save(
    *, user, data: Mapping[str, Any], policy: Policy | None = None, document=None
) -> Policy:
    """Create or update an institutional IP policy; `document` a PDF or DOCX upload whose text
    is extracted and indexed for the keyword search. A policy needs a document or a link."""
    staff(user)
    errors: dict[str, list[str]] = {}
    created = policy is None
    policy = policy or Policy(last_verified=timezone.localdate())
    if "institution" in data or created:
        found = Institution.objects.filter(pk=integer(data.get("institution"))).first()
        if found is None:
            errors["institution"] = [_("Choose an institution of the directory.")]
        else:
            policy.institution = found
    if "types" in data or created:
        policy.types = codes(errors, "types", data.get("types"), PolicyType.values)
        if not policy.types and "types" not in errors:
            errors["types"] = [_("Choose at least one policy type.")]
    if "year" in data or created:
        policy.year = checks.year(errors, "year", data.get("year"), required=True)
    if "language" in data or created:
        policy.language = str(data.get("language") or "")
        if policy.language not in languages():
            errors["language"] = [_("Unknown language code: %s.") % (policy.language or "none")]
    verified(errors, data, policy)
    checked = checks.document(errors, document)
    url = data.get("url", policy.url)
    if not url and checked is None and not policy.document and "document" not in errors:
        errors["document"] = [_("Upload the policy (PDF or DOCX) or give its address.")]
    changes = save(user=user, obj=policy, data=data, plain=POLICY_FIELDS, errors=errors)
    if checked is not None:
        if policy.document:
            policy.document.delete(save=False)
        policy.document.save(checked.name, document, save=False)
        policy.document_type, policy.document_size = checked.content_type, checked.size
        policy.text = checked.text
        policy.save(update_fields=["document", "document_type", "document_size", "text"])
        changes["document"] = [None, checked.name]
    _index(policy)
    audited(user=user, noun="policy", obj=policy, created=created, changes=changes)
    return policy


@transaction.atomic
def policy_delete(*, user, policy: Policy) -> None:
    staff(user)
    audit_log(actor=user, action="directories.policy.deleted", obj=policy)
    fulltext.remove(policy.pk)
    if policy.document:
        name, storage = policy.document.name, policy.document.storage
        transaction.on_commit(lambda: storage.delete(name))
    policy.delete()


NATIONAL_MODEL_FIELDS = ("title", "status", "url", "demo")


@transaction.atomic
def national_model_save(
    *, user, data: Mapping[str, Any], model: NationalModel | None = None
) -> NationalModel:
    staff(user)
    errors: dict[str, list[str]] = {}
    created = model is None
    model = model or NationalModel(last_verified=timezone.localdate())
    checks.country(errors, data, model, created)
    if "year" in data:
        model.year = checks.year(errors, "year", data["year"])
    if "languages" in data:
        model.languages = codes(errors, "languages", data["languages"], languages())
    verified(errors, data, model)
    changes = save(user=user, obj=model, data=data, plain=NATIONAL_MODEL_FIELDS, errors=errors)
    audited(user=user, noun="national_model", obj=model, created=created, changes=changes)
    return model


# Curation ---------------------------------------------------------------------------------
@transaction.atomic
def entry_verify(*, user, entry: models.Model, on: dt.date | None = None) -> models.Model:
    """Record that staff checked an entry (any directory's) on a day (today by default)."""
    staff(user)
    errors: dict[str, list[str]] = {}
    day = date(errors, "last_verified", on, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    before = entry.last_verified
    entry.last_verified = day
    entry.save(update_fields=["last_verified", "updated_at"])
    audit_log(
        actor=user,
        action="directories.verified",
        obj=entry,
        changes={"last_verified": [before.isoformat(), day.isoformat()]},
    )
    return entry


# Use figures ------------------------------------------------------------------------------
def use_record(*, directory: str, kinds: Iterable[str], country: str, year: int) -> None:
    """Add one to the counters of a directory's use (no audit entry: a page view changes no
    entry, and nothing about the visitor is kept, only the sums by year and country)."""
    if directory not in Directory.values:
        raise ValueError(f"unknown directory {directory!r}")
    country = country if len(country) == 2 and country.isalpha() else ""
    for kind in kinds:
        updated = UseCount.objects.filter(
            directory=directory, kind=kind, year=year, country=country
        ).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    UseCount.objects.create(
                        directory=directory, kind=kind, year=year, country=country, count=1
                    )
            except IntegrityError:  # another request created it first
                UseCount.objects.filter(
                    directory=directory, kind=kind, year=year, country=country
                ).update(count=F("count") + 1)
