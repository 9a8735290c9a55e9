"""Surveys attached to activities, personal invitations (no login), responses and answers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range, year_in_range
from ipdev.core.versions import snapshot_of, version_of

VALUE = {"max_digits": 18, "decimal_places": 4}


class SurveyKind(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediate participant survey")
    FOLLOW_UP = "follow_up", _("Delayed follow-up survey")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Invitations recorded, to be sent on the due date (by the `evaluation.surveys_due` task).
    SCHEDULED = "scheduled", _("Scheduled")
    OPEN = "open", pgettext_lazy("survey status", "Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    """A questionnaire about one activity: right after it, or months later (e.g. 6 or 12)."""

    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, related_name="surveys"
    )
    kind = models.CharField(max_length=9, choices=SurveyKind.choices)
    title = models.CharField(max_length=300)
    audience = models.CharField(
        max_length=300, blank=True, help_text=_("e.g. participants, the requesting authority")
    )
    months_after = models.PositiveSmallIntegerField(
        default=0, help_text=_("For a follow-up: months after the activity ended.")
    )
    due_on = models.DateField(
        help_text=_("When the survey is to be sent."), validators=[date_in_range]
    )
    closes_on = models.DateField(null=True, blank=True, validators=[date_in_range])
    status = models.CharField(
        max_length=9, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When it went out."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="immediate", months_after=0)
                | Q(kind="follow_up", months_after__gt=0),
                name="survey_follow_up_has_delay",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=F("due_on")),
                name="survey_closes_after_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def version(self) -> str:
        """The survey's version with its questions': a question added from a page showing an
        older questionnaire is refused (someone else changed it since)."""
        state = snapshot_of(self)
        state["questions"] = [snapshot_of(q) for q in self.questions.order_by("order", "pk")]
        return version_of("survey", self.pk, state)

    def window(self, today: dt.date) -> str:
        """Whether its personal links take answers on `today`: "early" (before the due date),
        "open", or "closed" (closed by staff, or after its closing date)."""
        if self.status in (SurveyStatus.DRAFT, SurveyStatus.CLOSED):
            return "closed" if self.status == SurveyStatus.CLOSED else "early"
        if today < self.due_on:
            return "early"
        if self.closes_on is not None and today > self.closes_on:
            return "closed"
        return "open"


class Question(models.Model):
    """One question; a rating, yes/no or number question may feed an indicator."""

    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("Number")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=6, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(default=True)
    indicator = models.ForeignKey(
        "planning.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_questions",
        help_text=_("The indicator this question's result feeds."),
    )

    class Meta:
        ordering = ["survey", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Invitation(models.Model):
    """A personal invitation: the link carries a token, so answering needs no account."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    name = models.CharField(max_length=200, blank=True)
    token = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "email"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email"], name="invitation_once_per_survey")
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.survey_id})"


class Answer(models.Model):
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.DecimalField(**VALUE, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invitation", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number if self.number is not None else self.text}"


class SurveyFeed(models.Model):
    """A record that a question's result was sent to its indicator for a period."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="feeds")
    period = models.PositiveSmallIntegerField(validators=[year_in_range])
    value = models.DecimalField(**VALUE)
    fed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    fed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fed_at"]

    def __str__(self) -> str:
        return f"{self.question_id} -> {self.period}: {self.value}"
