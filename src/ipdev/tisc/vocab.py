"""The TISC programme's fixed lists: services, host types, what a report counts, courses.

Codes are stable (they are the keys in reports, spreadsheets and the API); labels translate.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Service(models.TextChoices):
    DATABASES = "databases", _("Access to patent and non-patent databases")
    SEARCH_ASSISTANCE = "search_assistance", _("Search assistance")
    DATABASE_TRAINING = "database_training", _("Training in database search")
    STATE_OF_ART = "state_of_art", _("State-of-the-art searches")
    NOVELTY = "novelty", _("Novelty searches")
    FTO = "fto", _("Freedom-to-operate searches")
    INFRINGEMENT = "infringement", _("Infringement searches")
    MONITORING = "monitoring", _("Technology and competitor monitoring")
    ANALYTICS = "analytics", _("Patent analytics and landscape reports")
    IP_MANAGEMENT = "ip_management", _("Advice on IP management")
    COMMERCIALIZATION = "commercialization", _("Advice on commercialization and licensing")


# Level 2 asks for basic patent search services; level 3 for value-added services.
BASIC_SERVICES = frozenset({"search_assistance", "state_of_art", "novelty"})
VALUE_ADDED_SERVICES = frozenset({"analytics", "monitoring", "fto"})


class HostType(models.TextChoices):
    UNIVERSITY = "university", _("University")
    RESEARCH = "research", _("Research centre")
    IP_OFFICE = "ip_office", _("IP office")
    CHAMBER = "chamber", _("Chamber of commerce")
    LIBRARY = "library", _("Library")
    TECH_PARK = "tech_park", _("Technology park or incubator")
    OTHER = "other", _("Other")


class CentreStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    CLOSED = "closed", _("Closed")


class Level(models.IntegerChoices):
    NONE = 0, _("Not yet rated")
    ONE = 1, _("Level 1: agreements and yearly reporting")
    TWO = 2, _("Level 2: basic patent search services")
    THREE = 3, _("Level 3: value-added services")


class Wave(models.TextChoices):
    PILOT = "pilot", _("TPPM pilot (2022)")
    SECOND = "second", _("Second wave (2023)")
    GENERAL = "general", _("General roll-out")
    NOT_YET = "not_yet", _("Not yet on TPPM")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class AgreementStatus(models.TextChoices):
    NONE = "none", _("None")
    NEGOTIATING = "negotiating", _("Under negotiation")
    SIGNED = "signed", _("Signed")
    EXPIRED = "expired", _("Expired")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for revision")


# What a report counts: (measure, code) pairs, each a whole number.
INQUIRY_TYPES = {
    "patent_search": _("Patent search"),
    "ip_information": _("General IP information"),
    "protection": _("Filing and protection"),
    "commercialization": _("Commercialization and licensing"),
    "other_type": _("Other inquiries"),
}
USER_CATEGORIES = {
    "inventors": _("Individual inventors"),
    "smes": _("SMEs"),
    "universities": _("Universities and researchers"),
    "students": _("Students"),
    "companies": _("Companies"),
    "others": _("Others"),
}
DELIVERIES = {
    "state_of_art": _("State-of-the-art searches"),
    "novelty": _("Novelty searches"),
    "fto": _("Freedom-to-operate searches"),
    "infringement": _("Infringement searches"),
    "monitoring": _("Monitoring reports"),
    "landscape": _("Patent landscape and analytics reports"),
}
EVENTS = {
    "training": _("Training events"),
    "awareness": _("Awareness events"),
}
MEASURES = {
    "inquiry_type": INQUIRY_TYPES,
    "inquiry_user": USER_CATEGORIES,
    "delivery": DELIVERIES,
}

# WIPO Academy courses TISC staff follow (the certification's foundation course is its own).
COURSES = {
    "DL101": _("DL-101 General course on IP"),
    "DL177": _("DL-177 e-Tutorial on using patent information"),
    "DL301": _("DL-301 Patents"),
    "DL318": _("DL-318 Patent search"),
    "DL320": _("DL-320 Patent drafting"),
    "DL450": _("DL-450 IP management"),
    "OTHER": _("Other course"),
}

# Figures a work plan sets a target for and an indicator can be fed with (a year's total).
TOTALS = {
    "inquiries": _("Inquiries"),
    "deliveries": _("Searches and reports delivered"),
    "events": _("Training and awareness events"),
    "participants": _("Event participants"),
    "staff_trained": _("Staff trained"),
    "partnerships": _("Partnerships"),
}
