"""Technical assistance activities (IP-TAD), their documents and the member states' consent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range
from ipdev.core.translations import clean_translations


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", pgettext_lazy("activity status", "Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Scope(models.TextChoices):
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERREGIONAL = "interregional", _("Interregional")


class Source(models.TextChoices):
    IPDEV = "ipdev", _("Entered in ipdev")
    IATI = "iati", _("Imported from IATI")
    # This instance's own organisation's activity, arriving by import: consent rule applies.
    IATI_OWN = "own", _("Imported from IATI, of this organisation")


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


# The columns ``rules.row_errors`` checks.
ROW_RULE_FIELDS = (
    "participants_total",
    "participants_women",
    "participants_men",
    "cost",
    "start_date",
    "end_date",
    "status",
)

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
    start_date = models.DateField(_("start date"), validators=[date_in_range])
    end_date = models.DateField(_("end date"), null=True, blank=True, validators=[date_in_range])
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
    da_project = models.ForeignKey(
        "planning.DAProject",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("Development Agenda project"),
        db_index=False,  # (a partial index in Meta: most activities belong to none)
    )
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
            models.Index(fields=["updated_at"], name="activity_updated_idx"),
            # The optional references are indexed where set: activities imported from other
            # publishers have none of them, and an index of NULLs only costs their inserts.
            # (A look-up by value, x = ... or x IN ..., implies x IS NOT NULL: it is used.)
            *(
                models.Index(
                    fields=[name],
                    name=f"activity_{name}_idx",
                    condition=Q(**{name + "__isnull": False}),
                )
                for name in (
                    "category",
                    "delivery_mode",
                    "implementing_unit",
                    "funding_source",
                    "da_project",
                )
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
        from .rules import language_errors, row_errors  # (the rules import this module)

        errors = dict(language_errors(self.text_language))
        if not errors:
            try:
                self.translations = clean_translations(
                    self.translations,
                    fields=TRANSLATABLE,
                    original_language=self.text_language,
                )
            except ValidationError as exc:
                errors.update(exc.message_dict)
        errors.update(row_errors({name: getattr(self, name) for name in ROW_RULE_FIELDS}))
        if errors:
            raise ValidationError(errors)

    @property
    def version(self) -> str:
        """The activity's version (an API ETag, the version an edit form is based on)."""
        from .versions import version

        return version(self)

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
    granted_on = models.DateField(_("granted on"), validators=[date_in_range])
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, validators=[date_in_range]
    )
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
    # A later consent for the same target, dated in the future when it was recorded, ends this
    # one on its date: until then this one stays in force.
    replaced_on = models.DateField(_("replaced on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces"
    )

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
                condition=Q(
                    activity__isnull=True, revoked_at__isnull=True, replaced_on__isnull=True
                ),
                name="consent_one_country_default",
            ),
            models.UniqueConstraint(
                fields=["activity", "country"],
                condition=Q(
                    activity__isnull=False,
                    country__isnull=False,
                    revoked_at__isnull=True,
                    replaced_on__isnull=True,
                ),
                name="consent_one_per_activity_country",
            ),
            models.UniqueConstraint(
                fields=["activity"],
                condition=Q(
                    country__isnull=True, revoked_at__isnull=True, replaced_on__isnull=True
                ),
                name="consent_one_per_activity_without_country",
            ),
        ]

    def __str__(self) -> str:
        target = f"activity {self.activity_id}" if self.activity_id else "all activities"
        return f"Consent of {self.country_id or 'the recipients'} for {target}"

    def in_force(self, on: dt.date) -> bool:
        if self.revoked_at is not None or self.granted_on > on:
            return False
        if self.replaced_on is not None and self.replaced_on <= on:
            return False
        return self.valid_until is None or self.valid_until >= on

    def ends_on(self) -> dt.date | None:
        """The last day in force (None: open-ended), whether it expires or is replaced."""
        ends = [d for d in (self.valid_until,) if d is not None]
        if self.replaced_on is not None:
            ends.append(self.replaced_on - dt.timedelta(days=1))
        return min(ends) if ends else None


class DetailsRequest(models.Model):
    """A visitor's request for the withheld details of an activity ("on request", DA
    recommendation 5). The focal points of its countries grant it (a consent for that activity
    and those groups) or decline it with a reason; the requester is told either way."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting a decision")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="details_requests"
    )
    groups = models.JSONField(_("details asked for"), default=list)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"))
    reason = models.TextField(_("reason"))
    language = models.CharField(max_length=10, default="en")
    # A keyed hash of the sender's address: enough to slow a flood, nothing to identify them.
    client_key = models.CharField(max_length=64, db_index=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    consents = models.ManyToManyField(Consent, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="details_request_open_idx")]

    def __str__(self) -> str:
        return f"Request {self.pk} for the details of activity {self.activity_id}"


class SavedSearch(models.Model):
    """A signed-in user's named activity search (its query string), and when they were last
    told of new activities matching it. E-mails follow the user's own rhythm and language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("query"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Activities added after this moment are the new ones of the next alert.
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ExportFile(models.Model):
    """A large download of the activity search, built by a background job (``export_files``).

    ``key`` says what the file holds: the search, the language, the format, the visibility
    context it was built for (``audience``: public, staff, or the focal point's countries), the
    day and the data's generation. A file is handed only to a reader of the same audience.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    token = models.CharField(max_length=43, unique=True)
    key = models.CharField(max_length=64, db_index=True)
    audience = models.TextField()
    format = models.CharField(max_length=4)
    language = models.CharField(max_length=10)
    query = models.JSONField(help_text="The search, as the filters' parser reads it.")
    about = models.JSONField(default=dict, help_text="What the file says about itself.")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    rows = models.PositiveIntegerField(null=True, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("prepared download")
        verbose_name_plural = _("prepared downloads")

    def __str__(self) -> str:
        return f"Download {self.pk} ({self.format}, {self.state})"


class ConsentReminder(models.Model):
    """A reminder that a consent expires soon, sent once for each of 60, 30 and 7 days before."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="reminders")
    days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consent", "days"], name="consent_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.consent}: {self.days} days"
