"""What waits for a user on the roster, as querysets for the start page to count in one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import (
    STALE_AFTER_YEARS,
    Assignment,
    Consultant,
    Declaration,
    ProfileChange,
    stale_cutoff,
)

ACTIVE = (Assignment.Status.PLANNED, Assignment.Status.STARTED)


def changes_to_validate(*, user) -> QuerySet[ProfileChange]:
    """Staff: consultants' own edits waiting for validation."""
    return ProfileChange.objects.filter(status=ProfileChange.Status.PENDING)


def declarations_to_review(*, user) -> QuerySet[Declaration]:
    """Staff: conflict-of-interest declarations waiting for review."""
    return Declaration.objects.filter(review=Declaration.Review.PENDING)


def declarations_to_sign(*, user) -> QuerySet[Assignment]:
    """A consultant: their planned or started assignments without a declaration."""
    return Assignment.objects.filter(
        consultant__user=user, status__in=ACTIVE, declaration__isnull=True
    )


def assignments(*, user) -> QuerySet[Assignment]:
    """A consultant: their planned or started assignments."""
    return Assignment.objects.filter(consultant__user=user, status__in=ACTIVE)


RENEWAL_NOTICE = dt.timedelta(days=90)


def renewal_due(*, user, today: dt.date) -> QuerySet[Consultant]:
    """A consultant: their profile, when it is stale or falls stale in the next 90 days."""
    return Consultant.objects.filter(
        user=user, listed=True, confirmed_on__lt=stale_cutoff(today + RENEWAL_NOTICE)
    )


def renewal_date(*, user) -> dt.date | None:
    """A consultant: the day their profile falls stale (four years after it was confirmed)."""
    confirmed = Consultant.objects.filter(user=user).values_list("confirmed_on", flat=True).first()
    if confirmed is None:
        return None
    try:
        return confirmed.replace(year=confirmed.year + STALE_AFTER_YEARS)
    except ValueError:  # 29 February
        return confirmed.replace(year=confirmed.year + STALE_AFTER_YEARS, day=28)
