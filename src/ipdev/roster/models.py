"""The roster of consultants (IP-ROC): profiles, their validated changes, assignments, ethics."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range

# Profiles not confirmed for this long leave the public roster until renewed.
STALE_AFTER_YEARS = 4
ETHICS_VERSION = "2025-1"


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefers not to say")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    LIMITED = "limited", _("Limited availability")
    UNAVAILABLE = "unavailable", _("Not available")


class Level(models.TextChoices):
    BASIC = "basic", _("Basic")
    WORKING = "working", _("Working knowledge")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


def stale_cutoff(today: dt.date) -> dt.date:
    """Profiles confirmed before this day are stale (four years, 29 February safe)."""
    try:
        return today.replace(year=today.year - STALE_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year - STALE_AFTER_YEARS, day=28)


def cv_path(instance: Consultant, filename: str) -> str:
    return f"roster/{instance.pk or 'new'}/{dt.date.today():%Y%m}/{filename}"


class Consultant(models.Model):
    """A consultant on the roster. Contacts, fee, CV and evaluations are private."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultant_profile",
        help_text=_("The consultant's own login, to keep the profile up to date."),
    )
    name = models.CharField(_("name"), max_length=200)
    nationality = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    gender = models.CharField(max_length=12, choices=Gender.choices)
    residence = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name="residence"
    )
    biography = models.TextField(_("biography"), blank=True)
    ip_areas = models.ManyToManyField(
        "reference.IPArea", blank=True, related_name="consultants", verbose_name=_("IP areas")
    )
    skills = models.JSONField(default=list, blank=True, help_text=_("Free skills (a list)."))
    regions = models.ManyToManyField("reference.Region", blank=True, related_name="consultants")
    countries = models.ManyToManyField(
        "reference.Country",
        blank=True,
        related_name="consultants",
        verbose_name=_("countries of experience"),
    )
    availability = models.CharField(
        max_length=12, choices=Availability.choices, default=Availability.AVAILABLE
    )
    # Private: staff and the consultant only.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    address = models.TextField(blank=True)
    daily_fee = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    fee_currency = models.ForeignKey(
        "reference.Currency", on_delete=models.PROTECT, default="CHF", related_name="+"
    )
    cv = models.FileField(upload_to=cv_path, max_length=300, blank=True)
    cv_content_type = models.CharField(max_length=100, blank=True)
    cv_size = models.PositiveBigIntegerField(null=True, blank=True)

    listed = models.BooleanField(default=True, help_text=_("Off: withdrawn from the roster."))
    confirmed_on = models.DateField(
        help_text=_("When the profile was last validated as current."), validators=[date_in_range]
    )
    ethics_accepted_at = models.DateTimeField(null=True, blank=True)
    ethics_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(daily_fee__isnull=True) | Q(daily_fee__gte=0),
                name="consultant_fee_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.daily_fee is not None and self.daily_fee < 0:
            raise ValidationError({"daily_fee": _("The fee cannot be negative.")})

    def is_stale(self, today: dt.date) -> bool:
        return self.confirmed_on < stale_cutoff(today)

    @property
    def ethics_accepted(self) -> bool:
        return self.ethics_accepted_at is not None


class ConsultantLanguage(models.Model):
    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey("reference.Language", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=8, choices=Level.choices)

    class Meta:
        ordering = ["language__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultant", "language"], name="consultant_language_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language_id} ({self.level})"


class ProfileChange(models.Model):
    """A consultant's own edit, held until staff validate it. Empty `data`: a renewal."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending validation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    consultant = models.ForeignKey(Consultant, on_delete=models.CASCADE, related_name="changes")
    data = models.JSONField(default=dict, blank=True, help_text=_("Proposed values, by field."))
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultant"],
                condition=Q(status="pending"),
                name="profile_change_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.consultant} ({self.status})"


class Assignment(models.Model):
    """A consultant's work on a TAD activity. The evaluation and the fee are private."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", pgettext_lazy("assignment status", "Started")
        COMPLETED = "completed", pgettext_lazy("assignment status", "Completed")
        CANCELLED = "cancelled", _("Cancelled")

    consultant = models.ForeignKey(Consultant, on_delete=models.PROTECT, related_name="assignments")
    # Deleting an activity (staff only, audited) takes its assignments with it, as it does its
    # documents; the audit log keeps what they were.
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=200)
    start_date = models.DateField(validators=[date_in_range])
    end_date = models.DateField(null=True, blank=True, validators=[date_in_range])
    deliverables = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    fee = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # The staff evaluation: private.
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    evaluation = models.TextField(blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="assignment_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="assignment_fee_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultant}: {self.role} ({self.activity_id})"

    def clean(self) -> None:
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.fee is not None and self.fee < 0:
            errors["fee"] = _("The fee cannot be negative.")
        if errors:
            raise ValidationError(errors)


class Declaration(models.Model):
    """The consultant's conflict-of-interest declaration for one assignment, reviewed by staff."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        CLEARED = "cleared", _("Cleared")
        REFUSED = "refused", _("Conflict: not cleared")

    assignment = models.OneToOneField(
        Assignment, on_delete=models.CASCADE, related_name="declaration"
    )
    has_conflict = models.BooleanField(help_text=_("The consultant declares an interest."))
    statement = models.TextField(blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now_add=True)
    review = models.CharField(max_length=8, choices=Review.choices, default=Review.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Declaration for {self.assignment} ({self.review})"
