"""Technical assistance activities (IP-TAD), their documents and the member states' consent."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ipdev.core.translations import clean_translations


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERREGIONAL = "interregional", _("Interregional")


class Source(models.TextChoices):
    IPDEV = "ipdev", _("Entered in ipdev")
    IATI = "iati", _("Imported from IATI")


class DetailGroup(models.TextChoices):
    """The groups of details that a member state consents to publish (DA recommendation 5)."""

    NARRATIVE = "narrative", _("Description, objectives, outcomes and lessons")
    PARTICIPANTS = "participants", _("Participants and beneficiary institutions")
    FINANCE = "finance", _("Cost")
    DOCUMENTS = "documents", _("Documents")
    CONSULTANTS = "consultants", _("Consultants")


DETAIL_FIELDS: dict[str, tuple[str, ...]] = {
    DetailGroup.NARRATIVE: ("description", "objectives", "outcomes", "lessons"),
    DetailGroup.PARTICIPANTS: (
        "participants_total",
        "participants_women",
        "participants_men",
        "beneficiary_institutions",
    ),
    DetailGroup.FINANCE: ("cost", "currency"),
    DetailGroup.DOCUMENTS: (),
    DetailGroup.CONSULTANTS: (),
}


# The fields of an activity that can be given in other languages than the original.
TRANSLATABLE = ("title", "summary")


class Activity(models.Model):
    """One technical assistance activity. General information is public; details need consent."""

    identifier = models.CharField(
        max_length=200, unique=True, blank=True, help_text=_("Unique, e.g. an IATI identifier.")
    )
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("public summary"), blank=True)
    text_language = models.CharField(
        _("language of the title and summary"),
        max_length=3,
        default="en",
        help_text=_("ISO 639-1 code of the language the title and summary are written in."),
    )
    translations = models.JSONField(
        _("translations of the title and summary"),
        default=dict,
        blank=True,
        help_text=_('Per language code: {"fr": {"title": "...", "summary": "..."}}.'),
    )

    # Details: public only with the beneficiary member state's consent.
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    beneficiary_institutions = models.TextField(_("beneficiary institutions"), blank=True)
    participants_total = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.ForeignKey(
        "reference.Currency", on_delete=models.PROTECT, default="CHF", related_name="+"
    )

    # Required for activities entered in ipdev; other publishers' IATI activities may lack them.
    category = models.ForeignKey(
        "reference.ActivityCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # (a partial index in Meta: most imported activities have none)
    )
    delivery_mode = models.ForeignKey(
        "reference.DeliveryMode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # (a partial index in Meta: most imported activities have none)
    )
    ip_areas = models.ManyToManyField(
        "reference.IPArea", blank=True, related_name="activities", verbose_name=_("IP areas")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    scope = models.CharField(max_length=14, choices=Scope.choices, default=Scope.NATIONAL)
    countries = models.ManyToManyField(
        "reference.Country",
        blank=True,
        related_name="activities",
        verbose_name=_("beneficiary countries"),
    )
    regions = models.ManyToManyField("reference.Region", blank=True, related_name="activities")
    implementing_unit = models.ForeignKey(
        "reference.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # (a partial index in Meta)
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="partner_activities"
    )
    da_recommendations = models.ManyToManyField(
        "reference.DARecommendation", blank=True, related_name="activities"
    )
    sdgs = models.ManyToManyField("reference.SDG", blank=True, related_name="activities")
    expected_results = models.ManyToManyField(
        "reference.ExpectedResult", blank=True, related_name="activities"
    )
    funding_source = models.ForeignKey(
        "reference.FundingSource",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        db_index=False,  # (a partial index in Meta: most imported activities have none)
    )
    languages = models.ManyToManyField("reference.Language", blank=True, related_name="+")
    reporting_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="reported_activities"
    )
    source = models.CharField(max_length=5, choices=Source.choices, default=Source.IPDEV)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name_plural = "activities"
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="activity_date_idx"),
            # The optional references are indexed where set: activities imported from other
            # publishers have none of them, and an index of NULLs only costs their inserts.
            # (A look-up by value, x = ... or x IN ..., implies x IS NOT NULL: it is used.)
            *(
                models.Index(
                    fields=[name],
                    name=f"activity_{name}_idx",
                    condition=Q(**{name + "__isnull": False}),
                )
                for name in ("category", "delivery_mode", "implementing_unit", "funding_source")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="activity_cost_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(participants_total__isnull=True)
                | Q(participants_women__isnull=True)
                | Q(participants_men__isnull=True)
                | Q(participants_total__gte=F("participants_women") + F("participants_men")),
                name="activity_participants_add_up",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier}: {self.title}" if self.identifier else self.title

    def clean(self) -> None:
        errors = {}
        if not re.fullmatch(r"[a-z]{2,3}", self.text_language or ""):
            errors["text_language"] = _("A language code of two or three small letters, e.g. fr.")
        else:
            try:
                self.translations = clean_translations(
                    self.translations,
                    fields=TRANSLATABLE,
                    original_language=self.text_language,
                )
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if self.cost is not None and self.cost < 0:
            errors["cost"] = _("The cost cannot be negative.")
        known = [n for n in (self.participants_women, self.participants_men) if n is not None]
        if self.participants_total is not None and sum(known) > self.participants_total:
            errors["participants_total"] = _(
                "Women and men together are more than the total number of participants."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def year(self) -> int:
        return self.start_date.year


def document_path(instance: ActivityDocument, filename: str) -> str:
    return f"activities/{instance.activity_id}/{dt.date.today():%Y%m}/{filename}"


class ActivityDocument(models.Model):
    """A document attached to an activity (agenda, report, presentation...). A detail."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda or programme")
        REPORT = "report", _("Report")
        PRESENTATION = "presentation", _("Presentation")
        PUBLICATION = "publication", _("Publication or study")
        OTHER = "other", _("Other")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(upload_to=document_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    language = models.ForeignKey(
        "reference.Language", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "title"]

    def __str__(self) -> str:
        return self.title


class Consent(models.Model):
    """A member state's consent to publish details, for one activity or as the country default.

    Without ``activity`` it is the country's default for all its activities. An activity-level
    consent, while in force, replaces the country default for that country and activity (its
    ``groups`` may be empty: a refusal). Consent ends when it expires or is revoked.
    """

    country = models.ForeignKey(
        "reference.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    groups = models.JSONField(default=list, blank=True, help_text="The detail groups made public.")
    granted_by = models.CharField(
        _("granted by"), max_length=300, help_text=_("The official or office who gave consent.")
    )
    granted_on = models.DateField(_("granted on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False) | Q(activity__isnull=False),
                name="consent_has_country_or_activity",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("granted_on")),
                name="consent_valid_after_granted",
            ),
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(activity__isnull=True, revoked_at__isnull=True),
                name="consent_one_country_default",
            ),
            models.UniqueConstraint(
                fields=["activity", "country"],
                condition=Q(activity__isnull=False, country__isnull=False, revoked_at__isnull=True),
                name="consent_one_per_activity_country",
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(country__isnull=True, revoked_at__isnull=True),
                name="consent_one_per_activity_without_country",
            ),
        ]

    def __str__(self) -> str:
        target = f"activity {self.activity_id}" if self.activity_id else "all activities"
        return f"Consent of {self.country_id or 'the recipients'} for {target}"

    def in_force(self, on: dt.date) -> bool:
        if self.revoked_at is not None or self.granted_on > on:
            return False
        return self.valid_until is None or self.valid_until >= on
