"""TISC networks and centres, maturity levels, work plans and periodic reports (TPPM),
certification of staff, and the links to activities, surveys, indicators and WIPO Match."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .vocab import (
    TOTALS,
    AgreementStatus,
    CentreStatus,
    Frequency,
    HostType,
    Level,
    ReportStatus,
    Wave,
)

User = settings.AUTH_USER_MODEL


def agreement_path(instance: Network, filename: str) -> str:
    return f"tisc/agreements/{instance.pk}/{filename}"


class Network(models.Model):
    """A national TISC network (or a regional one), run by its national coordinator(s)."""

    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        "reference.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for a regional network."),
    )
    bureau = models.ForeignKey(
        "reference.Bureau", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    coordinating_institution = models.CharField(_("coordinating institution"), max_length=300)
    coordinators = models.ManyToManyField(
        User, blank=True, related_name="tisc_networks", verbose_name=_("national coordinators")
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    sla_status = models.CharField(
        _("service-level agreement"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NONE,
    )
    sla_signed_on = models.DateField(_("agreement signed on"), null=True, blank=True)
    sla_document = models.CharField(
        _("agreement reference"), max_length=200, blank=True, help_text=_("WIPO's reference.")
    )
    # Not public: staff and the network's coordinators download it through the workspace or
    # the API (never from MEDIA_URL).
    sla_file = models.FileField(
        _("agreement document"), upload_to=agreement_path, max_length=300, blank=True
    )
    sla_file_type = models.CharField(max_length=100, blank=True)
    level = models.PositiveSmallIntegerField(
        _("maturity level"), choices=Level.choices, default=Level.NONE
    )
    wave = models.CharField(
        _("TPPM roll-out"), max_length=8, choices=Wave.choices, default=Wave.NOT_YET
    )
    frequency = models.CharField(
        _("reporting frequency"), max_length=9, choices=Frequency.choices, default=Frequency.YEARLY
    )
    reporting_since = models.PositiveSmallIntegerField(
        _("reports from year"), help_text=_("The first year reported on the platform.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country"], condition=Q(country__isnull=False), name="tisc_one_per_country"
            ),
            models.CheckConstraint(condition=Q(level__lte=3), name="tisc_level_0_to_3"),
            models.CheckConstraint(
                condition=~Q(sla_status="signed") | Q(sla_signed_on__isnull=False),
                name="tisc_signed_sla_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class LevelAssessment(models.Model):
    """One decision on a network's maturity level, with the evidence for each criterion."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="assessments")
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    decided_on = models.DateField()
    criteria = models.JSONField(default=dict, help_text="criterion code -> evidence text")
    decided_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["network", "-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.network_id}: level {self.level} ({self.decided_on})"


class Centre(models.Model):
    """A TISC hosted by an institution. Public once staff have validated it."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="centres")
    name = models.CharField(_("name"), max_length=300)
    host_institution = models.CharField(_("host institution"), max_length=300)
    host_type = models.CharField(_("host type"), max_length=12, choices=HostType.choices)
    city = models.CharField(_("city"), max_length=120)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    services = models.JSONField(_("services"), default=list)
    languages = models.ManyToManyField(
        "reference.Language", blank=True, related_name="+", verbose_name=_("languages")
    )
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    public_phone = models.CharField(_("public telephone"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CentreStatus.choices, default=CentreStatus.ACTIVE
    )
    ror = models.CharField(
        _("ROR identifier"), max_length=9, blank=True, help_text=_("e.g. 02mhbdp94")
    )
    agreement_status = models.CharField(
        _("host agreement"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.NONE,
    )
    agreement_signed_on = models.DateField(_("host agreement signed on"), null=True, blank=True)
    validated = models.BooleanField(default=False, help_text="Validated by WIPO staff: public.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="tisc_centre_latitude",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="tisc_centre_longitude",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CentreChange(models.Model):
    """A coordinator's proposed new centre or change, held until WIPO staff validate it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending validation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Refused")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="centre_changes")
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    data = models.JSONField(default=dict)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre"],
                condition=Q(status="pending", centre__isnull=False),
                name="tisc_centre_one_pending_change",
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id}/{self.centre_id or 'new'} ({self.status})"


class WorkPlan(models.Model):
    """A network's plan for a year: objectives, planned activities and a target per figure."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="work_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    objectives = models.TextField(_("objectives"))
    planned_activities = models.TextField(_("planned activities"), blank=True)
    targets = models.JSONField(default=dict, help_text="total code -> target (whole number)")
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="tisc_one_plan_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}"


class Report(models.Model):
    """A network's periodic report (a quarter, or quarter 0 for a yearly report), reviewed."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, help_text=_("1 to 4; 0 for a yearly report.")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=9, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    centres_reporting = models.PositiveIntegerField(_("centres reporting"), default=0)
    partnerships = models.PositiveIntegerField(_("partnerships"), default=0)
    narrative = models.TextField(_("narrative"), blank=True)
    review_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "quarter"], name="tisc_one_report_a_period"
            ),
            models.CheckConstraint(condition=Q(quarter__lte=4), name="tisc_quarter_0_to_4"),
            models.CheckConstraint(
                condition=~Q(status="returned") | Q(review_comment__gt=""),
                name="tisc_returned_report_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.year}" if not self.quarter else f"{self.year} Q{self.quarter}"

    @property
    def on_time(self) -> bool:
        """First sent for review by the end of its due date (UTC)."""
        sent = self.first_submitted_at
        return sent is not None and sent.date() <= self.due_on


class ReportCount(models.Model):
    """One figure of a report: inquiries by type or user category, deliveries by kind."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="counts")
    measure = models.CharField(max_length=12)
    code = models.CharField(max_length=20)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "measure", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "measure", "code"], name="tisc_one_count_per_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure}.{self.code}: {self.value}"


class ReportEvent(models.Model):
    """Training or awareness events of a report, with participants by sex."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10)
    events = models.PositiveIntegerField(default=0)
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="tisc_one_event_row_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.events}"


class StaffTraining(models.Model):
    """TISC staff trained in the period, by course, language and sex."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=10)
    language = models.ForeignKey("reference.Language", on_delete=models.PROTECT, related_name="+")
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["report", "course", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "course", "language"], name="tisc_one_training_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.language_id})"


class SuccessStory(models.Model):
    """A success story told in a report; the public sees it once the report is approved."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("story"))
    public = models.BooleanField(_("may be published"), default=False)

    class Meta:
        ordering = ["report", "id"]
        verbose_name_plural = "success stories"

    def __str__(self) -> str:
        return self.title


class ReminderSent(models.Model):
    """A reminder about one period's report, kept so that each is sent once."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12)  # "before", "overdue-1", "overdue-14"
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "quarter", "kind"], name="tisc_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year}/{self.quarter} {self.kind}"


class NetworkActivity(models.Model):
    """A TAD activity tagged to a network (a national workshop, a regional meeting...)."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National TISC meeting or workshop")
        REGIONAL = "regional", _("Regional TISC meeting")
        TRAINING = "training", _("Training of TISC staff")
        OTHER = "other", _("Other support")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activity_tags")
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.CASCADE, related_name="tisc_tags"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["network", "activity"]
        constraints = [
            models.UniqueConstraint(fields=["network", "activity"], name="tisc_tag_once")
        ]

    def __str__(self) -> str:
        return f"{self.network_id} - {self.activity_id} ({self.kind})"


class IndicatorFeed(models.Model):
    """A results-framework indicator fed each year with a total of the network's approved
    reports (through planning.services)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="feeds")
    indicator = models.ForeignKey(
        "planning.Indicator", on_delete=models.CASCADE, related_name="tisc_feeds"
    )
    total = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "indicator"], name="tisc_feed_once")
        ]

    def __str__(self) -> str:
        return f"{self.network_id} -> {self.indicator_id} ({self.total})"

    @property
    def total_label(self) -> str:
        return str(TOTALS.get(self.total, self.total))


class CentreSurvey(models.Model):
    """A survey of a centre's users, run by the evaluation app."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="surveys")
    survey = models.OneToOneField(
        "evaluation.Survey", on_delete=models.CASCADE, related_name="tisc_centre"
    )

    def __str__(self) -> str:
        return f"{self.centre_id} - {self.survey_id}"


class NetworkNeed(models.Model):
    """A WIPO Match need filed for a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="needs")
    need = models.OneToOneField(
        "matchmaking.Need", on_delete=models.CASCADE, related_name="tisc_network"
    )

    def __str__(self) -> str:
        return f"{self.network_id} - {self.need_id}"


class Certification(models.Model):
    """One participant's way through the TISC Foundation Course's three phases."""

    class Sex(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")

    class Phase(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="certifications")
    centre = models.ForeignKey(
        Centre, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.ForeignKey(
        "reference.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    distance_status = models.CharField(max_length=11, choices=Phase.choices, default="not_started")
    distance_on = models.DateField(null=True, blank=True)
    instructor_status = models.CharField(
        max_length=11, choices=Phase.choices, default="not_started"
    )
    instructor_on = models.DateField(null=True, blank=True)
    practice_status = models.CharField(max_length=11, choices=Phase.choices, default="not_started")
    practice_on = models.DateField(null=True, blank=True)
    certified_on = models.DateField(null=True, blank=True)
    certificate_number = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    PHASES = ("distance", "instructor", "practice")

    class Meta:
        ordering = ["network", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="tisc_certificate_number_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def complete(self) -> bool:
        return all(getattr(self, f"{p}_status") == self.Phase.COMPLETED for p in self.PHASES)


def period_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter, or of the year for quarter 0."""
    if quarter == 0 or quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


# A report is due this many days after the end of its period.
DUE_AFTER = dt.timedelta(days=30)


def due_date(year: int, quarter: int) -> dt.date:
    return period_end(year, quarter) + DUE_AFTER
