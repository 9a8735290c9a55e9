"""Country plans: one per country and biennium, with the work-plan matrix and its versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    CLOSED = "closed", _("Closed")


class CountryPlan(models.Model):
    """The two-year plan of cooperation agreed between a country and WIPO."""

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="country_plans"
    )
    biennium_start = models.PositiveSmallIntegerField(help_text=_("First year of the biennium."))
    title = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=6, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Planning context: the national policies the plan builds on.
    ip_policy = models.TextField(_("national IP policy and strategy"), blank=True)
    science_technology_policy = models.TextField(_("science and technology policy"), blank=True)
    innovation_policy = models.TextField(_("innovation policy"), blank=True)
    culture_policy = models.TextField(_("culture policy"), blank=True)
    agreed_on = models.DateField(_("date agreed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__name", "-biennium_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "biennium_start"], name="plan_one_per_country_biennium"
            ),
            models.CheckConstraint(
                condition=Q(biennium_start__gte=2000) & Q(biennium_start__lte=2100),
                name="plan_biennium_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(status="agreed") | Q(agreed_on__isnull=False),
                name="plan_agreed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.biennium}"

    @property
    def biennium(self) -> str:
        return f"{self.biennium_start}-{self.biennium_start + 1}"

    @property
    def years(self) -> tuple[int, int]:
        return (self.biennium_start, self.biennium_start + 1)


class PlanConsultation(models.Model):
    """One step of the consultation process behind a plan, with its date."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Consultation with the country")
        INTERNAL = "internal", _("Internal consultation within WIPO")
        VALIDATION = "validation", _("Validation")
        OTHER_ORGANISATIONS = "other_orgs", _("Consultation with other organisations")

    plan = models.ForeignKey(CountryPlan, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    held_on = models.DateField()
    participants = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class PlanLine(models.Model):
    """One row of the work-plan matrix: goal, result, indicators, activities, sector, partners."""

    plan = models.ForeignKey(CountryPlan, on_delete=models.CASCADE, related_name="lines")
    expected_result = models.ForeignKey(
        "reference.ExpectedResult", on_delete=models.PROTECT, related_name="+"
    )
    performance_indicators = models.TextField(_("country-specific performance indicators"))
    year1_activities = models.TextField(_("activities and deliverables, year 1"), blank=True)
    year2_activities = models.TextField(_("activities and deliverables, year 2"), blank=True)
    sector = models.ForeignKey(
        "reference.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("implementing sector"),
    )
    national_counterparts = models.TextField(blank=True)
    international_counterparts = models.TextField(blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="plan_lines"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.plan} / {self.expected_result_id}"

    @property
    def strategic_goal_id(self) -> str:
        return self.expected_result.goal_id


class PlanVersion(models.Model):
    """A frozen copy of a plan: the agreed plan and each annual review's adjustments."""

    plan = models.ForeignKey(CountryPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    note = models.TextField(_("what changed and why"))
    snapshot = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"
