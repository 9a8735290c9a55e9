"""The knowledge directories: patent registers by jurisdiction, patent database reports, patent
landscape reports, institutional IP policies and national models, suggestions and use figures.

Every entry carries the date it was last verified; curation goes through ``services``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipdev.reference.models import Localized, names_key

# An entry not verified for this long is flagged for review.
STALE_AFTER = dt.timedelta(days=730)


class Curated(models.Model):
    """What every directory entry has: when it was last verified, whether it is demo data."""

    last_verified = models.DateField(_("last verified"))
    demo = models.BooleanField(
        _("demo entry"), default=False, help_text=_("Example data loaded by `ipdev demo`.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def is_stale(self, today: dt.date) -> bool:
        """Not verified for two years: flagged for review."""
        return today - self.last_verified > STALE_AFTER


class Jurisdiction(Localized):
    """A WIPO ST.3 code: a country (ISO 3166-1 alpha-2) or a regional or international office."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country or territory")
        REGIONAL = "regional", _("Regional office")
        INTERNATIONAL = "international", _("International office")

    code = models.CharField(max_length=2, primary_key=True, help_text="WIPO ST.3 code")
    kind = models.CharField(max_length=13, choices=Kind.choices)
    short_name = models.CharField(max_length=40, blank=True, default="")
    description = models.TextField(blank=True, default="")
    descriptions = models.JSONField(
        default=dict, blank=True, help_text="Description per language code."
    )
    country = models.OneToOneField(
        "reference.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["code"]

    @property
    def localized_description(self) -> str:
        return self.descriptions.get(names_key()) or self.description


class Availability(models.TextChoices):
    YES = "yes", _("Available")
    PARTIAL = "partial", _("In part")
    NO = "no", _("Not available")
    UNKNOWN = "unknown", _("Not known")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    REGISTRATION = "registration", _("Free with registration")
    PAID = "paid", _("Paid")
    UNKNOWN = "unknown", _("Not known")


class ResourceKind(models.TextChoices):
    REGISTER = "register", _("Online register")
    FILE_INSPECTION = "file_inspection", _("File inspection")
    GAZETTE = "gazette", _("Gazette")
    SPC = "spc", _("Supplementary protection certificates")
    PUBLICATIONS = "publications", _("Publications")
    BULK = "bulk", _("Legal-status data in bulk or by API")


class Register(Curated):
    """The patent register file of one jurisdiction."""

    jurisdiction = models.OneToOneField(
        Jurisdiction, on_delete=models.PROTECT, related_name="register"
    )
    office = models.CharField(_("office"), max_length=300)
    legal_status = models.JSONField(
        _("legal-status information"),
        default=list,
        blank=True,
        help_text=_("The WIPO ST.27 categories the register shows."),
    )
    search_tips = models.TextField(_("search tips"), blank=True, default="")
    sample_numbers = models.CharField(_("sample numbers"), max_length=300, blank=True, default="")

    class Meta:
        ordering = ["jurisdiction_id"]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.office}"


class Resource(models.Model):
    """One resource of a register file: does it exist, where, in which languages, at what cost."""

    register = models.ForeignKey(Register, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    availability = models.CharField(
        max_length=8, choices=Availability.choices, default=Availability.UNKNOWN
    )
    url = models.URLField(max_length=500, blank=True, default="")
    languages = models.JSONField(default=list, blank=True)
    cost = models.CharField(max_length=12, choices=Cost.choices, default=Cost.UNKNOWN)
    coverage_from = models.PositiveSmallIntegerField(null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["register", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["register", "kind"], name="resource_kind_once"),
            models.CheckConstraint(
                condition=models.Q(availability__in=Availability.values),
                name="resource_availability_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register.jurisdiction_id} {self.kind}"


class DatabaseReport(Curated):
    """A structured review of a patent database, so a user can judge which suits a search."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("National or regional office")
        INTERNATIONAL = "international", _("International organisation")
        COMMERCIAL = "commercial", _("Commercial")
        ACADEMIC = "academic", _("Academic or non-profit")

    class Access(models.TextChoices):
        FREE = "free", _("Free")
        FREEMIUM = "freemium", _("Free with paid options")
        PAID = "paid", _("Paid")

    name = models.CharField(_("name"), max_length=200, unique=True)
    provider = models.CharField(_("provider"), max_length=300)
    kind = models.CharField(_("kind"), max_length=13, choices=Kind.choices)
    access = models.CharField(_("access"), max_length=8, choices=Access.choices)
    aspi_partner = models.BooleanField(_("ASPI partner"), default=False)
    url = models.URLField(_("address"), max_length=500, blank=True, default="")
    coverage_countries = models.JSONField(_("countries covered"), default=list, blank=True)
    coverage_from = models.PositiveSmallIntegerField(_("coverage from"), null=True, blank=True)
    full_text = models.BooleanField(_("full text"), default=False)
    languages = models.JSONField(_("interface languages"), default=list, blank=True)
    interfaces = models.JSONField(_("interfaces"), default=list, blank=True)
    boolean_search = models.BooleanField(_("Boolean search"), default=False)
    semantic_search = models.BooleanField(_("semantic search"), default=False)
    classification_search = models.BooleanField(_("IPC/CPC classification"), default=False)
    chemical_search = models.BooleanField(_("chemical structure"), default=False)
    sequence_search = models.BooleanField(_("sequence search"), default=False)
    crosslingual_search = models.BooleanField(_("cross-lingual search"), default=False)
    export = models.BooleanField(_("export"), default=False)
    analytics = models.BooleanField(_("analytics"), default=False)
    summary = models.TextField(_("summary"), blank=True, default="")
    reviewed_on = models.DateField(_("review date"))

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LandscapeReport(Curated):
    """A patent landscape report (or a WIPO Technology Trends report)."""

    class Publisher(models.TextChoices):
        WIPO = "wipo", _("WIPO")
        OTHER = "other", _("Other organisation")

    class Series(models.TextChoices):
        PLR = "plr", _("Patent landscape report")
        WITT = "witt", _("WIPO Technology Trends")

    title = models.CharField(_("title"), max_length=400)
    publisher_kind = models.CharField(_("publisher"), max_length=5, choices=Publisher.choices)
    publisher = models.CharField(_("publisher name"), max_length=300)
    series = models.CharField(_("series"), max_length=4, choices=Series.choices, default="plr")
    field = models.CharField(_("technology field"), max_length=20)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True, default="")
    url = models.URLField(_("address"), max_length=500, blank=True, default="")
    document = models.FileField(_("file"), upload_to="directories/landscapes/", blank=True)

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class Institution(Curated):
    """A university or research institution that has IP policies."""

    class Type(models.TextChoices):
        UNIVERSITY = "university", _("University")
        RESEARCH = "research", _("Research institution")
        HOSPITAL = "hospital", _("Hospital or health institute")
        PARK = "park", _("Science or technology park")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    type = models.CharField(_("institution type"), max_length=10, choices=Type.choices)
    ror = models.CharField(_("ROR identifier"), max_length=9, blank=True, default="")
    url = models.URLField(_("address"), max_length=500, blank=True, default="")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="institution_once"),
            models.UniqueConstraint(
                fields=["ror"], condition=~models.Q(ror=""), name="institution_ror_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PolicyType(models.TextChoices):
    IP = "ip", _("IP ownership and management")
    CONSULTING = "consulting", _("Consulting")
    COPYRIGHT = "copyright", _("Copyright")
    CONFLICT = "conflict", _("Conflict of interest")
    SOFTWARE = "software", _("Software")
    OPEN_ACCESS = "open_access", _("Open access")
    SPINOFF = "spinoff", _("Spin-offs")


class Policy(Curated):
    """An institutional IP policy: a document (PDF or DOCX) and/or a link."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="policies")
    title = models.CharField(_("title"), max_length=400)
    year = models.PositiveSmallIntegerField(_("year"))
    types = models.JSONField(_("policy types"), default=list)
    language = models.CharField(_("language"), max_length=3)
    url = models.URLField(_("address"), max_length=500, blank=True, default="")
    document = models.FileField(_("document"), upload_to="directories/policies/", blank=True)
    document_type = models.CharField(max_length=100, blank=True, default="")
    document_size = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True, default="", help_text="Extracted from the document.")

    class Meta:
        ordering = ["-year", "title"]
        verbose_name_plural = "policies"

    def __str__(self) -> str:
        return self.title


class NationalModel(Curated):
    """A national model of institutional IP policy, built on WIPO's IP Policy Toolkit."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        IN_DEVELOPMENT = "development", _("In development")

    country = models.ForeignKey(
        "reference.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    title = models.CharField(_("title"), max_length=400)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=11, choices=Status.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True, default="")

    class Meta:
        ordering = ["country__name", "-year"]

    def __str__(self) -> str:
        return self.title


class Directory(models.TextChoices):
    REGISTERS = "registers", _("Patent registers")
    DATABASES = "databases", _("Patent database reports")
    LANDSCAPES = "landscapes", _("Patent landscape reports")
    POLICIES = "policies", _("Institutional IP policies")


class Suggestion(models.Model):
    """A correction or a new entry suggested by anyone; it waits for staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Declined")

    directory = models.CharField(_("directory"), max_length=10, choices=Directory.choices)
    entry = models.CharField(
        _("entry"), max_length=40, blank=True, default="", help_text=_("Empty for a new entry.")
    )
    message = models.TextField(_("suggestion"))
    proposed = models.JSONField(
        _("proposed values"),
        default=dict,
        blank=True,
        help_text=_("The values the suggester proposes, by field name; staff may edit them."),
    )
    source = models.URLField(_("source"), max_length=500, blank=True, default="")
    contact = models.EmailField(_("e-mail for a reply"), blank=True, default="")
    language = models.CharField(max_length=10, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    staff_note = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_directory_display()}: {self.message[:60]}"


class UseCount(models.Model):
    """How often a directory was used in a year from a country: no visitor is kept, only sums."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Page views")
        DOWNLOAD = "download", _("Downloads")
        VISITOR = "visitor", _("Users")

    directory = models.CharField(max_length=10, choices=Directory.choices)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    country = models.CharField(max_length=2, blank=True, default="", help_text="'' = unknown")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["directory", "kind", "year", "country"], name="use_count_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.directory} {self.kind} {self.year} {self.country or '--'}: {self.count}"
