"""Requests for assistance from member states, their routing, review and decision."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ipdev.core.bounds import date_in_range
from ipdev.planning.dates import add_months

# The manual asks for requests five to six months before the desired date of delivery.
LEAD_TIME_MONTHS = 5


class RequestKind(models.TextChoices):
    ASSISTANCE = "assistance", _("Technical assistance")
    PROJECT = "project", _("Joining a new or ongoing project")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    DEFERRED = "deferred", _("Deferred")
    DECLINED = "declined", _("Declined")


DECISIONS = (RequestStatus.APPROVED, RequestStatus.DEFERRED, RequestStatus.DECLINED)

# The approval criteria of the manual, in its order. "in_plan" is not ticked: it follows from the
# request's link to a plan line, a strategy or a DA project (or the justified "none").
CRITERIA: dict[str, str] = {
    "formal_request": _("A formal request has been received"),
    "in_plan": _("Part of the country plan, national IP strategy or a WIPO project"),
    "addresses_needs": _("Addresses the country's needs and development goals"),
    "readiness": _("The recipient is ready to receive the support at an agreed time"),
    "resources": _("Resources are available"),
}
# Answered by staff in the review (yes or no); readiness and resources must be answered.
ANSWERED_CRITERIA = ("formal_request", "addresses_needs", "readiness", "resources")
REQUIRED_CRITERIA = ("formal_request", "addresses_needs", "readiness", "resources")


def letter_path(instance: AssistanceRequest, filename: str) -> str:
    return f"requests/{instance.country_id}/{dt.date.today():%Y%m}/{filename}"


class AssistanceRequest(models.Model):
    """A member state's (or an institution's) request for technical assistance."""

    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="assistance_requests"
    )
    institution = models.CharField(_("requesting institution"), max_length=300)
    title = models.CharField(_("title"), max_length=300)
    assistance_type = models.ForeignKey(
        "reference.ActivityCategory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("type of assistance"),
    )
    delivery_mode = models.ForeignKey(
        "reference.DeliveryMode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("preferred form of delivery"),
    )
    purpose = models.TextField(_("purpose"))
    development_goals = models.TextField(_("link to the country's development goals"), blank=True)
    expected_outcome = models.TextField(_("expected outcome or benefits"))
    beneficiaries_number = models.PositiveIntegerField(_("number of beneficiaries"))
    beneficiaries_profile = models.TextField(_("profile of the beneficiaries"))
    preferred_start = models.DateField(_("preferred start"), validators=[date_in_range])
    preferred_end = models.DateField(
        _("preferred end"), null=True, blank=True, validators=[date_in_range]
    )
    # The variant for joining a project.
    project = models.CharField(_("project concerned"), max_length=300, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    local_partners = models.TextField(_("possible local partners"), blank=True)
    readiness = models.TextField(_("readiness for the support"), blank=True)
    # The framework the request is part of: a plan line, a strategy or a DA project, or none.
    plan_line = models.ForeignKey(
        "planning.PlanLine",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name=_("line of the country plan"),
    )
    strategy = models.ForeignKey(
        "planning.StrategyProcess",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name=_("national IP strategy"),
    )
    da_project = models.ForeignKey(
        "planning.DAProject",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name=_("WIPO or Development Agenda project"),
    )
    needs_assessment = models.ForeignKey(
        "planning.NeedsAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        verbose_name=_("needs assessment justifying the request"),
    )
    no_framework_reason = models.TextField(
        _("why it is approved outside any plan, strategy or project"), blank=True
    )
    consultation_waiver = models.TextField(_("why no consultation was needed"), blank=True)
    lead_days_at_decision = models.IntegerField(
        _("days from the decision to the preferred start"), null=True, blank=True
    )

    letter = models.FileField(_("official letter"), upload_to=letter_path, max_length=300)
    letter_content_type = models.CharField(max_length=100)
    letter_size = models.PositiveBigIntegerField()

    routed_to = models.ManyToManyField("reference.Unit", related_name="assistance_requests")
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    criteria = models.JSONField(default=dict, blank=True, help_text="Approval criteria checked.")
    review_notes = models.TextField(_("internal review notes"), blank=True)
    decision_reason = models.TextField(_("reason (seen by the requester)"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    activity = models.OneToOneField(
        "activities.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assistance_request",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(validators=[date_in_range])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(preferred_end__isnull=True)
                | Q(preferred_end__gte=models.F("preferred_start")),
                name="request_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(decision_reason__gt=""),
                name="request_decision_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country_id}: {self.title}"

    @property
    def reference(self) -> str:
        return f"RQ-{self.submitted_on:%Y}-{self.pk:05d}" if self.pk else ""

    @property
    def decided(self) -> bool:
        return self.status in DECISIONS

    def short_lead_time(self, on: dt.date | None = None) -> bool:
        """The desired date is less than five months away (from `on`, or the filing date)."""
        start = on or self.submitted_on
        return self.preferred_start < add_months(start, LEAD_TIME_MONTHS)

    @property
    def framework(self) -> str:
        """What the request is part of: "plan_line", "strategy", "da_project" or ""."""
        for name in ("plan_line", "strategy", "da_project"):
            if getattr(self, f"{name}_id"):
                return name
        return ""

    def unanswered_criteria(self) -> list[str]:
        return [name for name in ANSWERED_CRITERIA if name not in self.criteria]

    def missing_criteria(self) -> list[str]:
        return [name for name in REQUIRED_CRITERIA if not self.criteria.get(name)]

    @property
    def short_notice_at_decision(self) -> bool | None:
        """Recorded with the decision: was the start less than five months after it?"""
        if self.lead_days_at_decision is None or self.decided_at is None:
            return None
        decided = self.decided_at.date()
        return self.preferred_start < add_months(decided, LEAD_TIME_MONTHS)


class Consultation(models.Model):
    """A consultation with another WIPO unit or a partner institution about a request."""

    request = models.ForeignKey(
        AssistanceRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    unit = models.ForeignKey(
        "reference.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partner = models.CharField(_("partner institution"), max_length=300, blank=True)
    consulted_on = models.DateField(validators=[date_in_range])
    summary = models.TextField(_("advice given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consulted_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | Q(partner__gt=""),
                name="consultation_names_unit_or_partner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id or self.partner} on {self.consulted_on}"
