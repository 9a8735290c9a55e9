"""WIPO Match (IP-DMD): needs of seekers, offers of providers, and the matches between them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.core.bounds import date_in_range
from ipdev.core.translations import CONTENT_LANGUAGES, clean_translations
from ipdev.core.versions import version_of


class SupportType(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    TECHNICAL = "technical", _("Technical")
    PPP = "ppp", _("Public-private partnership")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for assessment")
    RETURNED = "returned", pgettext_lazy("need or offer state", "Returned for revision")
    PUBLISHED = "published", _("Published")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


# States in which the public sees a need or an offer.
PUBLIC_STATES = (State.PUBLISHED, State.MATCHED)
# States in which the owner may still edit.
EDITABLE_STATES = (State.DRAFT, State.RETURNED)
# Texts of a need or an offer that can be given in other languages.
TRANSLATABLE = ("title", "description")


class Listing(models.Model):
    """What needs and offers share: text, areas, languages, the WIPO assessment, contacts."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    text_language = models.CharField(
        _("language of the title and description"),
        max_length=3,
        default="en",
        choices=[(c, c) for c in CONTENT_LANGUAGES],
        help_text=_("ISO 639-1 code of the language the title and description are written in."),
    )
    translations = models.JSONField(
        _("translations of the title and description"),
        default=dict,
        blank=True,
        help_text=_('Per language code: {"fr": {"title": "...", "description": "..."}}.'),
    )
    support_types = models.JSONField(default=list, help_text=_("Types of support (a list)."))
    ip_areas = models.ManyToManyField(
        "reference.IPArea", blank=True, related_name="+", verbose_name=_("IP areas")
    )
    languages = models.ManyToManyField("reference.Language", blank=True, related_name="+")
    currency = models.ForeignKey(
        "reference.Currency", on_delete=models.PROTECT, default="CHF", related_name="+"
    )
    period_start = models.DateField(_("from"), null=True, blank=True, validators=[date_in_range])
    period_end = models.DateField(_("until"), null=True, blank=True, validators=[date_in_range])
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Private: the owner, staff, and the other party of a match in contact.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    assessment_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def version(self) -> str:
        """The listing's version (API ETag / If-Match): every write goes through save()."""
        return version_of(self._meta.model_name, self.pk, {"updated_at": self.updated_at})

    def clean(self) -> None:
        errors = {}
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("The end is before the start.")
        if self.text_language not in CONTENT_LANGUAGES:
            errors["text_language"] = _("Use one of %(codes)s.") % {
                "codes": ", ".join(CONTENT_LANGUAGES)
            }
        else:
            try:
                self.translations = clean_translations(
                    self.translations, fields=TRANSLATABLE, original_language=self.text_language
                )
            except ValidationError as exc:
                errors.update(exc.message_dict)
        chosen = self.support_types
        if not isinstance(chosen, list) or not chosen:
            errors["support_types"] = _("Choose at least one type of support.")
        elif any(t not in SupportType.values for t in chosen):
            errors["support_types"] = _("Known types: %s.") % ", ".join(SupportType.values)
        if errors:
            raise ValidationError(errors)


class Need(Listing):
    """A seeker's need: a member state's office or an institution asks for support."""

    country = models.ForeignKey("reference.Country", on_delete=models.PROTECT, related_name="+")
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    budget = models.DecimalField(
        _("estimated budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "-published_at"], name="need_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="need_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="need_period_in_order",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("The budget cannot be negative.")})


class Offer(Listing):
    """A provider's offer: a donor, an organisation, a company or an institution."""

    eligible_countries = models.ManyToManyField(
        "reference.Country", blank=True, related_name="+", help_text=_("Empty: any country.")
    )
    eligible_groups = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Country groups by development status (ldc, developing, transition)."),
    )
    ldc_transition_years = models.PositiveSmallIntegerField(
        _("years graduated LDCs stay eligible"),
        default=0,
        help_text=_(
            "For an offer open to least developed countries: how many years a country that "
            "has left the LDC list remains eligible (0: it is not)."
        ),
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    capacity = models.CharField(
        _("capacity"), max_length=300, blank=True, help_text=_("e.g. two experts for a week.")
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["state", "-published_at"], name="offer_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="offer_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(ldc_transition_years__lte=12), name="offer_ldc_transition_at_most_12"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="offer_period_in_order",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("The amount cannot be negative.")})
        groups = self.eligible_groups
        known = {"ldc", "developing", "transition", "developed"}
        if not isinstance(groups, list) or any(g not in known for g in groups):
            raise ValidationError(
                {"eligible_groups": _("Known groups: %s.") % ", ".join(sorted(known))}
            )
        if self.ldc_transition_years and "ldc" not in groups:
            raise ValidationError(
                {
                    "ldc_transition_years": _(
                        "A transition period applies only to an offer open to least developed "
                        "countries."
                    )
                }
            )
        if self.ldc_transition_years > 12:
            raise ValidationError({"ldc_transition_years": _("At most 12 years.")})


class Match(models.Model):
    """A need met by an offer, from the proposal to completion (or abandonment)."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        IN_CONTACT = "in_contact", _("In contact")
        AGREED = "agreed", pgettext_lazy("match state", "Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", pgettext_lazy("match state", "Completed")
        ABANDONED = "abandoned", _("Abandoned")

    class Type(models.TextChoices):
        SOUTH_SOUTH = "south_south", _("South-South cooperation")
        TRIANGULAR = "triangular", _("Triangular cooperation")
        NORTH_SOUTH = "north_south", _("North-South cooperation")
        MULTILATERAL = "multilateral", _("Multilateral support")
        OTHER = "other", _("Other")

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="matches")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PROPOSED)
    match_type = models.CharField(max_length=12, choices=Type.choices)
    facilitator = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A third party supporting South-South cooperation (triangular)."),
    )
    score = models.FloatField(null=True, blank=True, help_text=_("The suggestion's score."))
    reasons = models.JSONField(default=list, blank=True, help_text=_("Why it was suggested."))
    seeker_agreed_at = models.DateTimeField(null=True, blank=True)
    provider_agreed_at = models.DateTimeField(null=True, blank=True)
    agreement = models.TextField(_("agreement"), blank=True, help_text=_("What was agreed."))
    outcome = models.TextField(_("outcome"), blank=True)
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="matches")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["need", "offer"],
                condition=~Q(state="abandoned"),
                name="match_once_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.offer}"


class NotificationPreference(models.Model):
    """How a user hears about new suggestions and match changes."""

    class Mode(models.TextChoices):
        INSTANT = "instant", _("An email for each event")
        DAILY = "daily", _("A daily digest")
        OFF = "off", _("No emails")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_preference"
    )
    mode = models.CharField(max_length=8, choices=Mode.choices, default=Mode.INSTANT)
    threshold = models.FloatField(
        default=0.3, help_text=_("Only suggestions at least this relevant (0 to 1).")
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=0, threshold__lte=1), name="preference_threshold_0_1"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.mode}"


class Notification(models.Model):
    """One event for one user; sent at once or in the next daily digest."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("New suggestion")
        MATCH = "match", _("Match changed")
        CONSENT = "consent", _("Consent expiring")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_notifications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    digest = models.BooleanField(default=False, help_text=_("Waits for the daily digest."))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["digest", "sent_at"], name="notification_pending_idx")]

    def __str__(self) -> str:
        return self.subject
