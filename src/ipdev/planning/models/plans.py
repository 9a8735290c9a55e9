"""Country plans: one per country and biennium, with the work-plan matrix and its versions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range, year_in_range


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", pgettext_lazy("country plan status", "Agreed")
    CLOSED = "closed", _("Closed")


class CountryPlan(models.Model):
    """The two-year plan of cooperation agreed between a country and WIPO."""

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="country_plans"
    )
    biennium_start = models.PositiveSmallIntegerField(
        help_text=_("First year of the biennium."), validators=[year_in_range]
    )
    title = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=6, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    # Planning context: the national policies the plan builds on.
    ip_policy = models.TextField(_("national IP policy and strategy"), blank=True)
    science_technology_policy = models.TextField(_("science and technology policy"), blank=True)
    innovation_policy = models.TextField(_("innovation policy"), blank=True)
    culture_policy = models.TextField(_("culture policy"), blank=True)
    development_plan = models.TextField(_("medium-term national development plan"), blank=True)
    vision_statements = models.TextField(_("national vision statements"), blank=True)
    industrial_strategy = models.TextField(_("industrial strategies"), blank=True)
    # What the plan identifies: the country's needs, priorities, objectives and resources.
    needs = models.TextField(_("needs identified"), blank=True)
    priorities = models.TextField(_("priorities"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    resources = models.TextField(_("resources (national and WIPO)"), blank=True)
    needs_assessment = models.ForeignKey(
        "planning.NeedsAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("needs assessment"),
    )
    # Both sides agree: the focal point validates the plan, then WIPO staff agree it.
    validated_on = models.DateField(
        _("date validated by the country"), null=True, blank=True, validators=[date_in_range]
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreed_on = models.DateField(
        _("date agreed"), null=True, blank=True, validators=[date_in_range]
    )
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
            models.CheckConstraint(
                condition=Q(agreed_on__isnull=True) | Q(validated_on__isnull=False),
                name="plan_agreed_after_validation",
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
    held_on = models.DateField(validators=[date_in_range])
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
        "activities.Activity", blank=True, related_name="plan_lines", through="PlanLineActivity"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.plan} / {self.expected_result_id}"

    @property
    def strategic_goal_id(self) -> str:
        return self.expected_result.goal_id


class PlanLineActivity(models.Model):
    """A TAD activity linked to a plan line; one outside the plan's biennium says why."""

    line = models.ForeignKey(PlanLine, on_delete=models.CASCADE, db_column="planline_id")
    activity = models.ForeignKey("activities.Activity", on_delete=models.CASCADE)
    outside_reason = models.TextField(_("why it falls outside the biennium"), blank=True)

    class Meta:
        # The table Django made for the plain link, kept as it is (its unique pair included).
        db_table = "planning_planline_activities"
        unique_together = [("line", "activity")]

    def __str__(self) -> str:
        return f"{self.line_id} / {self.activity_id}"


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
