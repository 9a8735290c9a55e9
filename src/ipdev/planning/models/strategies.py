"""National IP strategy processes, followed step by step as the manual lists them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipdev.core.bounds import date_in_range


class StrategyStep(models.TextChoices):
    NEEDS_ASSESSMENT = "needs_assessment", _("Needs assessment and steering committee")
    VALIDATION_FORUM = "validation_forum", _("Stakeholders' forum validating the assessment")
    DRAFTING = "drafting", _("Drafting of the policy and strategy")
    WIPO_COMMENTS = "wipo_comments", _("WIPO review and comments on the draft")
    FINAL_VALIDATION = "final_validation", _("Final draft and validation forum")
    SUBMISSION = "submission", _("Submission to the government for cabinet approval")
    ADOPTION = "adoption", _("Adoption and awareness forum with implementation plan")
    FOLLOW_UP = "follow_up", _("Follow-up consultations and partners")


STEP_ORDER = list(StrategyStep.values)
# The strategy is adopted when the cabinet approves it: this step is never skipped.
CABINET_APPROVAL = StrategyStep.SUBMISSION


class StepStatus(models.TextChoices):
    PENDING = "pending", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    SKIPPED = "skipped", _("Skipped")


class StrategyProcess(models.Model):
    """One country's process of formulating a national IP strategy."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        ADOPTED = "adopted", _("Adopted")
        SUSPENDED = "suspended", _("Suspended")

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="ip_strategies"
    )
    title = models.CharField(max_length=300)
    status = models.CharField(max_length=11, choices=Status.choices, default=Status.IN_PROGRESS)
    started_on = models.DateField(validators=[date_in_range])
    plan = models.ForeignKey(
        "planning.CountryPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["country__name", "-started_on"]
        verbose_name_plural = "strategy processes"

    def __str__(self) -> str:
        return f"{self.country_id}: {self.title}"


class StrategyStepRecord(models.Model):
    """The state of one step of a strategy process."""

    process = models.ForeignKey(StrategyProcess, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=20, choices=StrategyStep.choices)
    order = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=11, choices=StepStatus.choices, default=StepStatus.PENDING)
    started_on = models.DateField(null=True, blank=True, validators=[date_in_range])
    completed_on = models.DateField(null=True, blank=True, validators=[date_in_range])
    notes = models.TextField(blank=True)
    skip_reason = models.TextField(_("why the step is skipped"), blank=True)

    class Meta:
        ordering = ["process", "order"]
        constraints = [
            models.UniqueConstraint(fields=["process", "step"], name="strategy_step_unique"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="strategy_step_completed_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="skipped") | Q(skip_reason__gt=""),
                name="strategy_step_skip_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.get_step_display()


class CommitteeMember(models.Model):
    """A member of a strategy's steering or drafting committee, and their institution."""

    class Committee(models.TextChoices):
        STEERING = "steering", _("Steering committee")
        DRAFTING = "drafting", _("Drafting committee")

    process = models.ForeignKey(
        StrategyProcess, on_delete=models.CASCADE, related_name="committee_members"
    )
    committee = models.CharField(_("committee"), max_length=8, choices=Committee.choices)
    name = models.CharField(_("name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=300)
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        ordering = ["process", "committee", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "committee", "name", "institution"],
                name="committee_member_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.institution})"


def strategy_document_path(instance: StrategyDocument, filename: str) -> str:
    return f"strategies/{instance.step.process_id}/{dt.date.today():%Y%m}/{filename}"


class StrategyDocument(models.Model):
    """A document of a step: the assessment report, a draft, WIPO's comments, the adopted text."""

    step = models.ForeignKey(StrategyStepRecord, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=strategy_document_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["step", "title"]

    def __str__(self) -> str:
        return self.title
