"""Development Agenda projects approved by the CDIP: status, budget, countries, the progress
reports put to the committee and the committee's reviews. Activities link to one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range, year_in_range


class DAProjectStatus(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("DA project status", "Approved")
    ONGOING = "ongoing", _("Under implementation")
    COMPLETED = "completed", pgettext_lazy("DA project status", "Completed")
    MAINSTREAMED = "mainstreamed", _("Mainstreamed into regular work")


class DAProject(models.Model):
    """A Development Agenda project approved by the CDIP, which indicators can measure."""

    code = models.CharField(max_length=40, primary_key=True, help_text="e.g. DA_1_10_01")
    title = models.CharField(max_length=300)
    recommendations = models.ManyToManyField(
        "reference.DARecommendation", blank=True, related_name="projects"
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[year_in_range])
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, validators=[year_in_range])
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DAProjectStatus.choices,
        default=DAProjectStatus.APPROVED,
    )
    summary = models.TextField(_("summary"), blank=True)
    budget = models.DecimalField(
        _("budget (CHF)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    countries = models.ManyToManyField(
        "reference.Country", blank=True, related_name="da_projects", verbose_name=_("countries")
    )
    document = models.CharField(
        _("project document"), max_length=60, blank=True, help_text=_("e.g. CDIP/22/8")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "Development Agenda project"
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="daproject_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=F("start_year")),
                name="daproject_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class DAProjectReport(models.Model):
    """A progress (or completion) report of a project, put to the CDIP."""

    class Kind(models.TextChoices):
        PROGRESS = "progress", _("Progress report")
        COMPLETION = "completion", _("Completion report")
        EVALUATION = "evaluation", _("Evaluation report")

    project = models.ForeignKey(DAProject, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    period = models.PositiveSmallIntegerField(_("year covered"), validators=[year_in_range])
    document = models.CharField(_("document"), max_length=60, blank=True)
    progress = models.TextField(_("progress"))
    submitted_on = models.DateField(_("submitted on"), validators=[date_in_range])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["project", "-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.period}"


class DAProjectReview(models.Model):
    """What the committee (CDIP) decided on a project at one of its sessions."""

    class Decision(models.TextChoices):
        NOTED = "noted", _("Took note")
        EXTENDED = "extended", _("Extended")
        REVISED = "revised", _("Asked for a revision")
        CLOSED = "closed", _("Closed the project")
        MAINSTREAMED = "mainstreamed", _("Mainstreamed")

    project = models.ForeignKey(DAProject, on_delete=models.CASCADE, related_name="reviews")
    report = models.ForeignKey(
        DAProjectReport, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    session = models.CharField(_("session"), max_length=20, help_text=_("e.g. CDIP/22"))
    reviewed_on = models.DateField(_("reviewed on"), validators=[date_in_range])
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    comments = models.TextField(_("the committee's comments"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["project", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.session}: {self.decision}"
