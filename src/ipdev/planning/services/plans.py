"""The one write path for country plans: the plan, its matrix lines, consultations, versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.activities.models import Activity
from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions
from ipdev.planning.models import (
    CountryPlan,
    PlanConsultation,
    PlanLine,
    PlanStatus,
    PlanVersion,
)
from ipdev.planning.snapshots import LINE_EDITABLE, plan_snapshot

from .fields import apply, require_text, snapshot

PLAN_EDITABLE = (
    "title",
    "ip_policy",
    "science_technology_policy",
    "innovation_policy",
    "culture_policy",
)


def _require_editor(user) -> None:
    permissions.require(permissions.can_edit_plan(user), "Only WIPO staff edit country plans.")


@transaction.atomic
def plan_create(*, user, data: Mapping[str, Any]) -> CountryPlan:
    """Start the plan of a country for a biennium (one per country and biennium)."""
    _require_editor(user)
    plan = CountryPlan()
    apply(plan, data, ("country", "biennium_start", *PLAN_EDITABLE))
    if plan.country_id is None:
        raise ValidationError({"country": _("This field is required.")})
    if (
        plan.biennium_start
        and CountryPlan.objects.filter(
            country=plan.country_id, biennium_start=plan.biennium_start
        ).exists()
    ):
        raise ValidationError(
            {
                "biennium_start": _("%(country_id)s already has a plan for %(biennium)s.")
                % {"country_id": plan.country_id, "biennium": plan.biennium}
            }
        )
    if not plan.title:
        plan.title = f"Country plan of {plan.country.name}, {plan.biennium}"
    plan.full_clean()
    plan.save()
    audit_log(
        actor=user,
        action="plan.created",
        obj=plan,
        changes=diff({}, snapshot(plan, ("country", "biennium_start", *PLAN_EDITABLE))),
    )
    return plan


@transaction.atomic
def plan_update(*, user, plan: CountryPlan, data: Mapping[str, Any]) -> CountryPlan:
    """Change the planning context or title."""
    _require_editor(user)
    plan = CountryPlan.objects.select_for_update().get(pk=plan.pk)
    before = snapshot(plan, PLAN_EDITABLE)
    apply(plan, data, PLAN_EDITABLE)
    plan.full_clean()
    plan.save()
    changes = diff(before, snapshot(plan, PLAN_EDITABLE))
    if changes:
        audit_log(actor=user, action="plan.updated", obj=plan, changes=changes)
    return plan


@transaction.atomic
def plan_consultation_add(
    *,
    user,
    plan: CountryPlan,
    kind: str,
    held_on: dt.date,
    participants: str = "",
    notes: str = "",
) -> PlanConsultation:
    """Record a step of the consultation process (country, internal, validation, others)."""
    _require_editor(user)
    consultation = PlanConsultation(
        plan=plan, kind=kind, held_on=held_on, participants=participants, notes=notes
    )
    consultation.full_clean()
    consultation.save()
    audit_log(
        actor=user,
        action="plan.consultation_added",
        obj=plan,
        changes={"consultations": [None, f"{kind} {held_on}"]},
    )
    return consultation


def _activities(plan: CountryPlan, values: Iterable[Any]) -> list[Activity]:
    if isinstance(values, str | bytes):
        raise ValidationError({"activities": _("Expected a list of activity ids.")})
    ids = []
    for value in values:
        pk = value.pk if isinstance(value, Activity) else value
        try:
            ids.append(int(pk))
        except (TypeError, ValueError):
            raise ValidationError(
                {"activities": _("'%(value)s' is not an activity id.") % {"value": value}}
            ) from None
    found = Activity.objects.in_bulk(ids)
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {"activities": _("Unknown activities: %(values)s.") % {"values": ", ".join(missing)}}
        )
    of_country = set(
        Activity.objects.filter(pk__in=ids, countries=plan.country_id).values_list("pk", flat=True)
    )
    foreign = [str(i) for i in ids if i not in of_country]
    if foreign:
        raise ValidationError(
            {
                "activities": _("Not activities of %(country_id)s: %(values)s.")
                % {"country_id": plan.country_id, "values": ", ".join(foreign)}
            }
        )
    return [found[i] for i in dict.fromkeys(ids)]


def _line_snapshot(line: PlanLine) -> dict[str, Any]:
    data = snapshot(line, LINE_EDITABLE)
    data["activities"] = sorted(line.activities.values_list("pk", flat=True)) if line.pk else []
    return data


@transaction.atomic
def plan_line_save(
    *, user, plan: CountryPlan, data: Mapping[str, Any], line: PlanLine | None = None
) -> PlanLine:
    """Add a line to the work-plan matrix, or change one; `activities` links TAD activities."""
    _require_editor(user)
    if line is not None and line.plan_id != plan.pk:
        raise ValidationError({"line": _("This line belongs to another plan.")})
    line = line or PlanLine(plan=plan, order=plan.lines.count() + 1)
    before = _line_snapshot(line) if line.pk else {}
    values = dict(data)
    activities = values.pop("activities", None)
    apply(line, values, LINE_EDITABLE)
    if not line.pk:
        require_text(
            {"performance_indicators": line.performance_indicators}, ["performance_indicators"]
        )
    line.full_clean(exclude=["plan"])
    linked = _activities(plan, activities) if activities is not None else None
    line.save()
    if linked is not None:
        line.activities.set(linked)
    changes = diff(before, _line_snapshot(line))
    if changes:
        action = "plan.line_changed" if before else "plan.line_added"
        audit_log(actor=user, action=action, obj=plan, changes=changes, message=f"line {line.pk}")
    return line


@transaction.atomic
def plan_line_remove(*, user, line: PlanLine) -> None:
    _require_editor(user)
    plan = line.plan
    before = _line_snapshot(line)
    pk = line.pk
    line.delete()
    audit_log(
        actor=user,
        action="plan.line_removed",
        obj=plan,
        changes=diff(before, {}),
        message=f"line {pk}",
    )


def _record_version(user, plan: CountryPlan, note: str) -> PlanVersion:
    number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan, number=number, note=note, snapshot=plan_snapshot(plan), created_by=user
    )
    return version


@transaction.atomic
def plan_agree(*, user, plan: CountryPlan, agreed_on: dt.date, note: str = "") -> PlanVersion:
    """The country and WIPO agree the plan: it is frozen as version 1."""
    _require_editor(user)
    plan = CountryPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft plan can be agreed.")})
    if not plan.lines.exists():
        raise ValidationError(
            {"lines": _("A plan needs at least one line in its work-plan matrix.")}
        )
    if agreed_on is None:
        raise ValidationError({"agreed_on": _("Give the date the plan was agreed.")})
    plan.status, plan.agreed_on = PlanStatus.AGREED, agreed_on
    plan.save(update_fields=["status", "agreed_on", "updated_at"])
    version = _record_version(user, plan, note or "Plan agreed.")
    audit_log(
        actor=user,
        action="plan.agreed",
        obj=plan,
        changes={"status": [PlanStatus.DRAFT, PlanStatus.AGREED], "agreed_on": [None, agreed_on]},
    )
    return version


@transaction.atomic
def plan_review(*, user, plan: CountryPlan, note: str) -> PlanVersion:
    """The annual review: the adjustments since the last version are kept as a new version."""
    _require_editor(user)
    plan = CountryPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.AGREED:
        raise ValidationError({"status": _("Only an agreed plan is reviewed; agree it first.")})
    require_text({"note": note}, ["note"])
    last = plan.versions.order_by("-number").first()
    if last is not None and last.snapshot == plan_snapshot(plan):
        raise ValidationError({"note": _("Nothing changed since the last version.")})
    version = _record_version(user, plan, note)
    audit_log(
        actor=user,
        action="plan.reviewed",
        obj=plan,
        changes={"version": [last.number if last else None, version.number]},
        message=note,
    )
    return version
