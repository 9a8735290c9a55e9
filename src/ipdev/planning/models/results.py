"""The results framework: indicators with baselines and targets, actuals per period."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range, year_in_range
from ipdev.core.versions import snapshot_of, version_of

from .projects import DAProject

VALUE = {"max_digits": 18, "decimal_places": 4}


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class Indicator(models.Model):
    """A measure of a plan line, an activity or a DA project (exactly one of them)."""

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=IndicatorKind.choices)
    unit = models.CharField(max_length=60, blank=True, help_text=_("e.g. applications, people"))
    baseline_value = models.DecimalField(**VALUE, null=True, blank=True)
    baseline_narrative = models.TextField(blank=True)
    baseline_date = models.DateField(null=True, blank=True, validators=[date_in_range])
    cumulative = models.BooleanField(
        default=False, help_text=_("Targets and actuals add up over the periods.")
    )
    by_sex = models.BooleanField(_("disaggregated by sex"), default=False)
    plan_line = models.ForeignKey(
        "planning.PlanLine",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    activity = models.ForeignKey(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    da_project = models.ForeignKey(
        DAProject, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    contributes_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text=_("The plan line's indicator that this activity's indicator rolls up into."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(plan_line__isnull=False, activity__isnull=True, da_project__isnull=True)
                    | Q(plan_line__isnull=True, activity__isnull=False, da_project__isnull=True)
                    | Q(plan_line__isnull=True, activity__isnull=True, da_project__isnull=False)
                ),
                name="indicator_has_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(kind="quantitative") | Q(baseline_value__isnull=True, by_sex=False),
                name="indicator_qualitative_has_no_numbers",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def version(self) -> str:
        """The indicator's version with its actuals': recording or correcting an actual based
        on an old one is refused (the API's If-Match on its actuals)."""
        state = snapshot_of(self)
        state["actuals"] = [snapshot_of(a) for a in self.actuals.order_by("period", "pk")]
        return version_of("indicator", self.pk, state)

    @property
    def quantitative(self) -> bool:
        return self.kind == IndicatorKind.QUANTITATIVE

    def subject_countries(self) -> list[str]:
        """The countries whose focal points may report on this indicator."""
        if self.plan_line_id:
            return [self.plan_line.plan.country_id]
        if self.activity_id:
            return list(self.activity.countries.values_list("pk", flat=True))
        return []


class Target(models.Model):
    """What an indicator should reach in one period (a year)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period = models.PositiveSmallIntegerField(validators=[year_in_range])
    value = models.DecimalField(**VALUE, null=True, blank=True)
    narrative = models.TextField(blank=True)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value}"


class ActualStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", pgettext_lazy("result report status", "Returned for revision")


class Actual(models.Model):
    """What an indicator reached in one period, reviewed before it counts."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    period = models.PositiveSmallIntegerField(validators=[year_in_range])
    value = models.DecimalField(**VALUE, null=True, blank=True)
    value_women = models.DecimalField(**VALUE, null=True, blank=True)
    value_men = models.DecimalField(**VALUE, null=True, blank=True)
    narrative = models.TextField(blank=True)
    status = models.CharField(
        max_length=9, choices=ActualStatus.choices, default=ActualStatus.DRAFT
    )
    review_comment = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="actual_one_per_period"),
            models.CheckConstraint(
                condition=~Q(status="returned") | Q(review_comment__gt=""),
                name="actual_returned_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.period}: {self.value}"
