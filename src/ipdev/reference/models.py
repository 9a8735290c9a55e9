"""The shared vocabulary: countries, regions, Development Agenda, SDGs, strategic goals, IP areas.

Loaded by migrations from the JSON files in ``reference/data``; read-only at run time.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ipdev.core.translations import language_key

# The keys of `names` in the data files are ISO 639-1: the interface's "zh-hans" reads "zh".
names_key = language_key


class Localized(models.Model):
    """A coded entry with an English name and its names in the other UN languages."""

    name = models.CharField(max_length=300)
    names = models.JSONField(default=dict, blank=True, help_text="Name per language code.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return self.names.get(names_key()) or self.name


class Bureau(Localized):
    """A WIPO regional bureau (or the department for transition and developed countries)."""

    code = models.SlugField(max_length=40, primary_key=True)
    short_name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]


class Region(Localized):
    """A UN M49 region, sub-region or intermediate region."""

    code = models.CharField(max_length=3, primary_key=True, help_text="UN M49 code")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]


class DevelopmentStatus(models.TextChoices):
    LDC = "ldc", _("Least developed country")
    DEVELOPING = "developing", _("Developing country")
    TRANSITION = "transition", _("Country in transition")
    DEVELOPED = "developed", _("Developed country")


class Country(Localized):
    """A country or territory (ISO 3166-1), its development status and WIPO regional bureau."""

    code = models.CharField(max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2")
    iso3 = models.CharField(max_length=3, unique=True)
    numeric = models.CharField(max_length=3)
    status = models.CharField(max_length=12, choices=DevelopmentStatus.choices)
    bureau = models.ForeignKey(Bureau, on_delete=models.PROTECT, related_name="countries")
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="countries"
    )
    ldc_since = models.PositiveSmallIntegerField(null=True, blank=True)
    # The day the country left the LDC list (graduated), if it was on it and left.
    ldc_graduated = models.DateField(null=True, blank=True)
    # Technical assistance can go to it: a developing, least developed or transition state
    # (not a territory, not a developed country).
    beneficiary = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"


def beneficiary_countries():
    """The countries technical assistance can go to, for pickers and lists."""
    return Country.objects.filter(beneficiary=True)


class DACluster(Localized):
    """One of the six clusters (A-F) of the Development Agenda."""

    code = models.CharField(max_length=1, primary_key=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "Development Agenda cluster"


class DARecommendation(Localized):
    """One of the 45 Development Agenda recommendations (name: a short title in our words)."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    cluster = models.ForeignKey(DACluster, on_delete=models.PROTECT, related_name="recommendations")
    description = models.TextField()

    class Meta:
        ordering = ["number"]
        verbose_name = "Development Agenda recommendation"

    def __str__(self) -> str:
        return f"{self.number}. {self.localized_name}"


class SDG(Localized):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField(primary_key=True)
    description = models.TextField()

    class Meta:
        ordering = ["number"]
        verbose_name = "Sustainable Development Goal"

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.localized_name}"


class StrategicGoal(Localized):
    """A WIPO strategic goal, as used in the country plan template."""

    code = models.CharField(max_length=8, primary_key=True, help_text="Roman numeral, e.g. III")
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"SG {self.code}: {self.localized_name}"


class ExpectedResult(Localized):
    """An expected result under a strategic goal (country plan work-plan matrix)."""

    code = models.CharField(max_length=10, primary_key=True, help_text="e.g. III.2")
    goal = models.ForeignKey(
        StrategicGoal, on_delete=models.PROTECT, related_name="expected_results"
    )
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["goal__order", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.localized_name}"


class CodedEntry(Localized):
    """A short coded list entry with a description."""

    code = models.SlugField(max_length=40, primary_key=True)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]


class IPArea(CodedEntry):
    class Meta(CodedEntry.Meta):
        verbose_name = "IP area"


class ActivityCategory(CodedEntry):
    class Meta(CodedEntry.Meta):
        verbose_name_plural = "activity categories"


class DeliveryMode(CodedEntry):
    pass


class FundingSource(CodedEntry):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular budget")
        FUNDS_IN_TRUST = "fit", _("Funds-in-trust")
        VOLUNTARY = "voluntary", _("Other voluntary contribution")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    donor = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )


class Unit(CodedEntry):
    """A WIPO sector, division or department that implements activities."""

    sector = models.CharField(max_length=200, blank=True)


class Language(Localized):
    code = models.CharField(max_length=3, primary_key=True, help_text="ISO 639-1 (or 639-3)")

    class Meta:
        ordering = ["name"]


class Currency(Localized):
    code = models.CharField(max_length=3, primary_key=True, help_text="ISO 4217")

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "currencies"
