"""Consents that expire soon: which reminder is due for each (60, 30 and 7 days before the
last day, once each), and who hears of it (the focal points of its countries, and staff)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from ipdev.accounts.models import Role

from .models import Consent, ConsentReminder

DAYS = (60, 30, 7)


@dataclass(frozen=True)
class Due:
    consent: Consent
    days: int  # the reminder due: 60, 30 or 7
    left: int  # days until the last day in force


def reminders_due(*, today: dt.date) -> list[Due]:
    """Consents in force, not renewed, whose last day is at most 60 days away and whose
    reminder for that distance has not gone out. A consent first seen at 20 days gets the
    30-day reminder only (the 60-day one is not sent late)."""
    consents = (
        Consent.objects.filter(
            revoked_at__isnull=True,
            replaced_on__isnull=True,
            granted_on__lte=today,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=max(DAYS)),
        )
        .select_related("country", "activity")
        .prefetch_related("reminders")
        .order_by("valid_until", "pk")
    )
    due = []
    for consent in consents:
        left = (consent.valid_until - today).days
        days = min(d for d in DAYS if left <= d)
        if days not in {r.days for r in consent.reminders.all()}:
            due.append(Due(consent, days, left))
    return due


@transaction.atomic
def reminder_sent(*, due: Due, now: dt.datetime) -> bool:
    """Record the reminder (and the longer ones it stands for); False if already recorded."""
    made = False
    for days in (d for d in DAYS if d >= due.days):
        _row, created = ConsentReminder.objects.get_or_create(
            consent=due.consent, days=days, defaults={"sent_at": now}
        )
        made = made or (created and days == due.days)
    return made


def focal_points(consent: Consent) -> list:
    """The active focal points of the consent's country (or of its activity's countries)."""
    codes = (
        [consent.country_id]
        if consent.country_id
        else list(consent.activity.countries.values_list("pk", flat=True))
        if consent.activity_id
        else []
    )
    users = get_user_model().objects.filter(
        is_active=True, role=Role.FOCAL_POINT, countries__in=codes
    )
    return list(users.distinct().order_by("pk"))


def staff() -> list:
    users = get_user_model().objects.filter(is_active=True, role__in=[Role.STAFF, Role.ADMIN])
    return list(users.order_by("pk"))
