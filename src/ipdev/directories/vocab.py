"""The small vocabularies of the directories, as translatable choices.

ST.27 is WIPO's standard for exchanging patent legal-status data (Handbook on Industrial Property
Information and Documentation, Part 3.27, revision approved by the CWS at its eighth session,
December 2020). Each event an office records belongs to one category, named by a letter; a
register file says which categories of events the register shows. The letters and English
titles below follow the standard (see ``directories/data/README.md`` for where each was checked);
the descriptions are short, in our own words.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ST27(models.TextChoices):
    A = "A", _("A: Filing")
    B = "B", _("B: Publication")
    C = "C", _("C: Application revival")
    D = "D", _("D: Search and examination")
    E = "E", _("E: Pre-grant review")
    F = "F", _("F: IP right grant")
    G = "G", _("G: Protection beyond IP right term")
    H = "H", _("H: IP right cessation")
    P = "P", _("P: Document modification")
    U = "U", _("U: Payment")
    W = "W", _("W: Other")


ST27_DESCRIPTIONS = {
    "A": _("The application is filed, or enters the national or regional phase."),
    "B": _("The application or the granted right is published."),
    "C": _("A discontinued application is revived, reinstated or restored."),
    "D": _("Searches, examination requests, office actions and replies."),
    "E": _("Third parties challenge the application before grant."),
    "F": _("The right is granted, registered or confirmed."),
    "G": _("Term adjustment or extension, or a supplementary protection certificate."),
    "H": _("The granted right ends: lapse, expiry, revocation or surrender."),
    "P": _("The application, the right or another document is changed or corrected."),
    "U": _("Fees are paid, or fall due unpaid: renewal, maintenance, designation."),
    "W": _("Events that fit no other category."),
}


class Field(models.TextChoices):
    """Technology fields of landscape reports (broad, after WIPO's technology sectors)."""

    ELECTRICAL = "electrical", _("Electrical engineering and ICT")
    INSTRUMENTS = "instruments", _("Instruments")
    CHEMISTRY = "chemistry", _("Chemistry and materials")
    HEALTH = "health", _("Health and medicine")
    AGRICULTURE = "agriculture", _("Agriculture and food")
    ENERGY = "energy", _("Energy and environment")
    MECHANICAL = "mechanical", _("Mechanical engineering and transport")
    OTHER = "other", _("Other fields")


class Interface(models.TextChoices):
    WEB = "web", _("Web search")
    API = "api", _("API")
    BULK = "bulk", _("Bulk data")
