"""The one write path for the results framework: indicators, targets and actuals.

Actuals go draft -> submitted -> approved, or submitted -> returned (with a comment) -> draft.
Only approved actuals count in roll-ups and reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions
from ipdev.planning.models import Actual, ActualStatus, Indicator, IndicatorKind, Target

from .fields import apply, snapshot

INDICATOR_FIELDS = (
    "name",
    "kind",
    "unit",
    "baseline_value",
    "baseline_narrative",
    "baseline_date",
    "cumulative",
    "by_sex",
    "plan_line",
    "activity",
    "da_project",
    "contributes_to",
)
SUBJECTS = ("plan_line", "activity", "da_project")
MAX_VALUE = Decimal("1e13")


def decimal_value(name: str, value: Any) -> Decimal | None:
    """A Decimal from a Decimal, int or numeric string; anything else names the field."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str | float):
        raise ValidationError({name: _("Enter a number.")})
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(
            {name: _("'%(value)s' is not a number.") % {"value": value}}
        ) from None
    if not number.is_finite():
        raise ValidationError({name: _("Enter a finite number.")})
    if abs(number) >= MAX_VALUE:
        raise ValidationError({name: _("The number is too large.")})
    return number


def _require_definer(user) -> None:
    permissions.require(permissions.can_edit_plan(user), "Only WIPO staff define indicators.")


def _validate_indicator(indicator: Indicator) -> None:
    errors = {}
    chosen = [s for s in SUBJECTS if getattr(indicator, f"{s}_id")]
    if len(chosen) != 1:
        errors["subject"] = _("Attach the indicator to one plan line, activity or DA project.")
    if indicator.kind == IndicatorKind.QUALITATIVE:
        if indicator.baseline_value is not None:
            errors["baseline_value"] = _("A qualitative indicator has a narrative baseline.")
        if indicator.by_sex:
            errors["by_sex"] = _("Only a quantitative indicator is disaggregated by sex.")
    parent = indicator.contributes_to
    if parent is not None:
        if not indicator.activity_id:
            errors["contributes_to"] = _(
                "Only an activity's indicator rolls up into a plan line's."
            )
        elif not parent.plan_line_id:
            errors["contributes_to"] = _("It must roll up into an indicator of a plan line.")
        elif parent.kind != indicator.kind or parent.unit != indicator.unit:
            errors["contributes_to"] = _("It must be of the same kind and unit.")
        elif parent.by_sex and not indicator.by_sex:
            # Otherwise the women and men of the plan's indicator could not be rolled up.
            errors["by_sex"] = _(
                "The plan line's indicator is disaggregated by sex: this one must be too."
            )
        elif not indicator.activity.countries.filter(pk=parent.plan_line.plan.country_id).exists():
            errors["contributes_to"] = _("The activity is not in the plan's country.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, user, data: Mapping[str, Any]) -> Indicator:
    """Define an indicator of a plan line, an activity or a DA project."""
    _require_definer(user)
    values = dict(data)
    values["baseline_value"] = decimal_value("baseline_value", values.get("baseline_value"))
    indicator = Indicator()
    apply(indicator, values, INDICATOR_FIELDS)
    indicator.name = (indicator.name or "").strip()
    _validate_indicator(indicator)
    indicator.full_clean(exclude=[*SUBJECTS, "contributes_to"])
    indicator.save()
    audit_log(
        actor=user,
        action="indicator.created",
        obj=indicator,
        changes=diff({}, snapshot(indicator, INDICATOR_FIELDS)),
    )
    return indicator


@transaction.atomic
def target_set(
    *, user, indicator: Indicator, period: int, value: Any = None, narrative: str = ""
) -> Target:
    """Set (or change) the target of a period; quantitative targets are numbers."""
    _require_definer(user)
    number = decimal_value("value", value)
    narrative = (narrative or "").strip()
    if indicator.quantitative and number is None:
        raise ValidationError({"value": _("A quantitative indicator's target is a number.")})
    if not indicator.quantitative and (number is not None or not narrative):
        raise ValidationError({"narrative": _("A qualitative indicator's target is a narrative.")})
    target, created = Target.objects.select_for_update().get_or_create(
        indicator=indicator, period=period, defaults={"value": number, "narrative": narrative}
    )
    before = {} if created else {"value": target.value, "narrative": target.narrative}
    target.value, target.narrative = number, narrative
    target.full_clean()
    target.save()
    audit_log(
        actor=user,
        action="indicator.target_set",
        obj=indicator,
        changes=diff(before, {"value": number, "narrative": narrative}),
        message=f"period {period}",
    )
    return target


def _require_reporter(user, indicator: Indicator) -> None:
    permissions.require(
        permissions.can_report_results(user, indicator.subject_countries()),
        "You may not report results of this indicator.",
    )


ACTUAL_FIELDS = ("value", "value_women", "value_men", "narrative")


@transaction.atomic
def actual_save(
    *,
    user,
    indicator: Indicator,
    period: int,
    value: Any = None,
    value_women: Any = None,
    value_men: Any = None,
    narrative: str = "",
) -> Actual:
    """Record or correct the actual of a period, as a draft (a returned one becomes a draft)."""
    _require_reporter(user, indicator)
    number = decimal_value("value", value)
    women = decimal_value("value_women", value_women)
    men = decimal_value("value_men", value_men)
    narrative = (narrative or "").strip()
    errors = {}
    if indicator.quantitative:
        if number is None:
            errors["value"] = _("Enter the value reached.")
        elif number < 0 and (women is not None or men is not None):
            errors["value"] = _("A value disaggregated by sex cannot be negative.")
        if not indicator.by_sex and (women is not None or men is not None):
            errors["value_women"] = _("This indicator is not disaggregated by sex.")
        if indicator.by_sex:
            # The split is what a disaggregated indicator is for: an actual without it is refused.
            if women is None:
                errors["value_women"] = _(
                    "This indicator is disaggregated by sex: give the number of women."
                )
            if men is None:
                errors["value_men"] = _(
                    "This indicator is disaggregated by sex: give the number of men."
                )
        for name, part in (("value_women", women), ("value_men", men)):
            if part is not None and part < 0:
                errors[name] = _("Cannot be negative.")
        if number is not None and women is not None and men is not None and women + men > number:
            errors.setdefault("value_women", _("Women and men together are more than the total."))
    else:
        if number is not None or women is not None or men is not None:
            errors["value"] = _("A qualitative indicator is reported as a narrative.")
        if not narrative:
            errors["narrative"] = _("Describe what was achieved.")
    if errors:
        raise ValidationError(errors)
    actual, created = Actual.objects.select_for_update().get_or_create(
        indicator=indicator, period=period, defaults={"entered_by": user}
    )
    if actual.status in (ActualStatus.SUBMITTED, ActualStatus.APPROVED):
        raise ValidationError(
            {
                "status": _("This actual is %(status)s; it can be changed only when returned.")
                % {"status": actual.get_status_display().lower()}
            }
        )
    before = {} if created else snapshot(actual, (*ACTUAL_FIELDS, "status"))
    actual.value, actual.value_women, actual.value_men = number, women, men
    actual.narrative = narrative
    actual.status = ActualStatus.DRAFT
    actual.entered_by = user
    actual.full_clean()
    actual.save()
    audit_log(
        actor=user,
        action="actual.saved",
        obj=indicator,
        changes=diff(before, snapshot(actual, (*ACTUAL_FIELDS, "status"))),
        message=f"period {period}",
    )
    return actual


def _move(user, actual: Actual, expected: str, new: str, comment: str = "") -> Actual:
    actual = Actual.objects.select_for_update().select_related("indicator").get(pk=actual.pk)
    if actual.status != expected:
        raise ValidationError(
            {
                "status": _(
                    "Only a %(expected)s actual can become %(new)s; this one is %(status)s."
                )
                % {"expected": expected, "new": new, "status": actual.status}
            }
        )
    old = actual.status
    actual.status = new
    now = timezone.now()
    if new == ActualStatus.SUBMITTED:
        actual.submitted_at = now
        actual.review_comment = ""
    else:
        actual.reviewed_by, actual.reviewed_at = user, now
        actual.review_comment = comment
    actual.save()
    audit_log(
        actor=user,
        action=f"actual.{new}",
        obj=actual.indicator,
        changes={"status": [old, new]},
        message=f"period {actual.period}" + (f": {comment}" if comment else ""),
    )
    return actual


@transaction.atomic
def actual_submit(*, user, actual: Actual) -> Actual:
    """Send a draft for review."""
    _require_reporter(user, actual.indicator)
    return _move(user, actual, ActualStatus.DRAFT, ActualStatus.SUBMITTED)


@transaction.atomic
def actual_approve(*, user, actual: Actual) -> Actual:
    """Staff accept a submitted actual; from now on it counts."""
    permissions.require(permissions.can_review(user), "Only WIPO staff approve results.")
    return _move(user, actual, ActualStatus.SUBMITTED, ActualStatus.APPROVED)


@transaction.atomic
def actual_return(*, user, actual: Actual, comment: str) -> Actual:
    """Staff send a submitted actual back for revision, saying why."""
    permissions.require(permissions.can_review(user), "Only WIPO staff review results.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs revising.")})
    return _move(user, actual, ActualStatus.SUBMITTED, ActualStatus.RETURNED, comment)
