"""Users, their roles and the organisations they belong to."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """An organisation: a publisher of activities, a partner, a donor, an institution."""

    class Type(models.TextChoices):
        INTERGOVERNMENTAL = "40", _("Multilateral / intergovernmental")
        GOVERNMENT = "10", _("Government")
        IP_OFFICE = "15", _("IP office or other public sector")
        NGO = "22", _("Non-governmental organisation")
        ACADEMIC = "80", _("Academic, training and research")
        PRIVATE = "70", _("Private sector")
        FOUNDATION = "60", _("Foundation")
        OTHER = "90", _("Other")

    ref = models.CharField(
        max_length=200, blank=True, default="", help_text="IATI organisation identifier, if any."
    )
    name = models.CharField(max_length=300)
    type = models.CharField(max_length=2, choices=Type.choices, default=Type.OTHER)
    country = models.ForeignKey(
        "reference.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ref"], condition=~models.Q(ref=""), name="organisation_ref_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PUBLIC = "public", _("Public user")
    FOCAL_POINT = "focal_point", _("Country focal point")
    STAFF = "staff", _("WIPO staff")
    CONSULTANT = "consultant", _("Consultant")
    PROVIDER = "provider", _("Provider (donor)")
    ADMIN = "admin", _("Administrator")


# The interface languages (Django's codes), for a user's e-mails.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]


class Notify(models.TextChoices):
    """How a user hears about what concerns them (WIPO Match suggestions, match changes...)."""

    INSTANT = "instant", _("An e-mail for each event")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    OFF = "off", _("No e-mails")


class User(AbstractUser):
    """A person who signs in. Anonymous visitors are the public and need no account."""

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PUBLIC)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=LANGUAGES,
        blank=True,
        default="",
        help_text=_("The language of the e-mails this user receives (blank: the site's)."),
    )
    notifications = models.CharField(
        _("e-mail notifications"), max_length=8, choices=Notify.choices, default=Notify.INSTANT
    )
    digest_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When this user's last digest e-mail left.")
    )
    bureau = models.ForeignKey(
        "reference.Bureau",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For staff: the bureau they work in.",
    )
    unit = models.ForeignKey(
        "reference.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For staff: their sector, division or department.",
    )
    countries = models.ManyToManyField(
        "reference.Country",
        blank=True,
        related_name="focal_points",
        help_text="For focal points: the countries they speak for.",
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )

    def email_language(self) -> str:
        """The language of this user's e-mails: their own, else the site's default."""
        from django.conf import settings

        return self.language or settings.LANGUAGE_CODE

    @property
    def is_wipo_staff(self) -> bool:
        """Staff and administrators see and edit every activity."""
        return self.is_active and (self.role in {Role.STAFF, Role.ADMIN} or self.is_superuser)

    def focal_country_codes(self) -> frozenset[str]:
        """The countries this user is a focal point for (cached on the instance)."""
        if not self.is_active or self.role != Role.FOCAL_POINT:
            return frozenset()
        cached = getattr(self, "_focal_codes", None)
        if cached is None:
            cached = frozenset(self.countries.values_list("code", flat=True))
            self._focal_codes = cached
        return cached
