"""The one write path for country plans: the plan, its matrix lines, consultations, versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities.models import Activity
from ipdev.core.audit import audit_log, diff
from ipdev.planning import dates, permissions
from ipdev.planning.models import (
    CountryPlan,
    PlanConsultation,
    PlanLine,
    PlanLineActivity,
    PlanStatus,
    PlanVersion,
)
from ipdev.planning.snapshots import LINE_EDITABLE, plan_snapshot

from .fields import apply, require_text, snapshot

# The planning context of the template: the national policies and plans the plan builds on.
CONTEXT = (
    "ip_policy",
    "science_technology_policy",
    "innovation_policy",
    "culture_policy",
    "development_plan",
    "vision_statements",
    "industrial_strategy",
)
# What the plan identifies.
CONTENTS = ("needs", "priorities", "objectives", "resources")
PLAN_EDITABLE = ("title", *CONTEXT, *CONTENTS, "needs_assessment")


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
    _check_assessment(plan)
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
    _check_assessment(plan)
    plan.full_clean()
    plan.save()
    changes = diff(before, snapshot(plan, PLAN_EDITABLE))
    if changes:
        audit_log(actor=user, action="plan.updated", obj=plan, changes=changes)
        _void_validation(user, plan)
    return plan


def _check_assessment(plan: CountryPlan) -> None:
    assessment = plan.needs_assessment
    if assessment is not None and assessment.country_id != plan.country_id:
        raise ValidationError(
            {"needs_assessment": _("This needs assessment is of another country.")}
        )


def _void_validation(user, plan: CountryPlan) -> None:
    """A draft changed after the country validated it goes back to the country to validate."""
    if plan.status != PlanStatus.DRAFT or plan.validated_on is None:
        return
    before = plan.validated_on
    CountryPlan.objects.filter(pk=plan.pk).update(validated_on=None, validated_by=None)
    plan.validated_on = plan.validated_by = None
    audit_log(
        actor=user,
        action="plan.validation_voided",
        obj=plan,
        changes={"validated_on": [before, None]},
        message="The draft changed after the country validated it.",
    )


def _missing_contents(plan: CountryPlan) -> dict[str, str]:
    """The template's items a plan must hold before the country validates it."""
    errors = {
        name: _("The plan must state this before it is validated.")
        for name in (*CONTENTS, *CONTEXT)
        if not str(getattr(plan, name) or "").strip()
    }
    if not plan.lines.exists():
        errors["lines"] = _("A plan needs at least one line in its work-plan matrix.")
    return errors


@transaction.atomic
def plan_validate(
    *, user, plan: CountryPlan, validated_on: dt.date, participants: str = "", notes: str = ""
) -> PlanConsultation:
    """The country's focal point validates the draft; the validation consultation is recorded."""
    permissions.require(
        permissions.can_validate_plan(user, plan.country_id),
        "Only a focal point of the plan's country validates it.",
    )
    plan = CountryPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError({"status": _("Only a draft plan is validated.")})
    errors = _missing_contents(plan)
    if validated_on is None:
        errors["validated_on"] = _("Give the date of the validation consultation.")
    elif validated_on > timezone.localdate():
        errors["validated_on"] = _("The validation cannot be dated in the future.")
    if not (participants or "").strip():
        errors["participants"] = _("Name who took part in the validation consultation.")
    if errors:
        raise ValidationError(errors)
    consultation = PlanConsultation(
        plan=plan,
        kind=PlanConsultation.Kind.VALIDATION,
        held_on=validated_on,
        participants=participants.strip(),
        notes=(notes or "").strip(),
    )
    consultation.full_clean()
    consultation.save()
    before = plan.validated_on
    plan.validated_on, plan.validated_by = validated_on, user
    plan.save(update_fields=["validated_on", "validated_by", "updated_at"])
    audit_log(
        actor=user,
        action="plan.validated",
        obj=plan,
        changes={"validated_on": [before, validated_on]},
        message=consultation.participants[:500],
    )
    return consultation


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
    """Record a step of the consultation process (country, internal, other organisations).

    The validation is the country's: its focal point records it by validating the plan."""
    _require_editor(user)
    if kind == PlanConsultation.Kind.VALIDATION:
        raise ValidationError(
            {"kind": _("The country's focal point records the validation by validating the plan.")}
        )
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
    links = PlanLineActivity.objects.filter(line=line) if line.pk else []
    data["activities"] = sorted(link.activity_id for link in links)
    data["outside_reasons"] = {
        str(link.activity_id): link.outside_reason for link in links if link.outside_reason
    }
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
    reasons = _reasons(values.pop("outside_reasons", None), values.pop("outside_reason", ""))
    apply(line, values, LINE_EDITABLE)
    if not line.pk:
        require_text(
            {"performance_indicators": line.performance_indicators}, ["performance_indicators"]
        )
    line.full_clean(exclude=["plan"])
    linked = _activities(plan, activities) if activities is not None else None
    if linked is not None:
        reasons = _outside_reasons(plan, linked, reasons)
    line.save()
    if linked is not None:
        _link(line, linked, reasons)
    changes = diff(before, _line_snapshot(line))
    if changes:
        action = "plan.line_changed" if before else "plan.line_added"
        audit_log(actor=user, action=action, obj=plan, changes=changes, message=f"line {line.pk}")
        _void_validation(user, plan)
    return line


def _reasons(by_activity: Mapping[Any, str] | None, for_all: str) -> dict[Any, str]:
    """Reasons by activity id; `for_all` (one reason typed in a form) covers every activity."""
    if by_activity is not None and not isinstance(by_activity, Mapping):
        raise ValidationError({"outside_reasons": _("Expected reasons by activity id.")})
    reasons: dict[Any, str] = {"*": str(for_all or "").strip()}
    for key, value in (by_activity or {}).items():
        reasons[str(key)] = str(value or "").strip()
    return reasons


def outside_biennium(plan: CountryPlan, activity: Activity) -> bool:
    """The activity's dates do not meet the plan's two years at all."""
    return dates.outside_biennium(plan.years, activity.start_date, activity.end_date)


def _outside_reasons(plan: CountryPlan, linked: list[Activity], reasons: dict) -> dict[int, str]:
    out, missing = {}, []
    for activity in linked:
        if not outside_biennium(plan, activity):
            continue
        reason = reasons.get(str(activity.pk)) or reasons["*"]
        if not reason:
            missing.append(f"{activity.pk} ({activity.start_date:%Y})")
        out[activity.pk] = reason
    if missing:
        raise ValidationError(
            {
                "outside_reason": _(
                    "These activities fall outside %(biennium)s; say why they belong to this"
                    " plan: %(values)s."
                )
                % {"biennium": plan.biennium, "values": ", ".join(missing)}
            }
        )
    return out


def _link(line: PlanLine, linked: list[Activity], reasons: dict[int, str]) -> None:
    PlanLineActivity.objects.filter(line=line).exclude(activity__in=linked).delete()
    existing = {link.activity_id: link for link in PlanLineActivity.objects.filter(line=line)}
    for activity in linked:
        reason = reasons.get(activity.pk, "")
        link = existing.get(activity.pk)
        if link is None:
            PlanLineActivity.objects.create(line=line, activity=activity, outside_reason=reason)
        elif link.outside_reason != reason:
            link.outside_reason = reason
            link.save(update_fields=["outside_reason"])


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
    _void_validation(user, plan)


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
    if plan.validated_on is None:
        raise ValidationError(
            {
                "validated_on": _(
                    "The country's focal point validates the plan before WIPO agrees it."
                )
            }
        )
    if agreed_on < plan.validated_on:
        raise ValidationError(
            {
                "agreed_on": _("The plan is agreed on or after its validation (%(date)s).")
                % {"date": plan.validated_on.isoformat()}
            }
        )
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
