"""What waits on consent, for the start pages: querysets counted there in one statement."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .consents import EXPIRY_WINDOW, _awaiting, _requests_for
from .models import Consent, DetailsRequest
from .visibility import Viewer


def details_requests_open(*, user) -> QuerySet:
    """Requests for details this user decides on (staff: all) that wait for an answer."""
    return _requests_for(user).filter(status=DetailsRequest.Status.OPEN)


def consents_expiring(*, user, today: dt.date) -> QuerySet:
    """Consents of the user's countries (staff: all) ending within 60 days, not yet renewed."""
    viewer = Viewer.of(user)
    qs = Consent.objects.filter(
        revoked_at__isnull=True,
        replaced_on__isnull=True,
        granted_on__lte=today,
        valid_until__gte=today,
        valid_until__lte=today + dt.timedelta(days=EXPIRY_WINDOW),
    )
    if viewer.staff:
        return qs
    return qs.filter(country__in=viewer.countries) if viewer.countries else qs.none()


def awaiting_decision(*, user, today: dt.date) -> tuple[QuerySet, ...]:
    """Per country of a focal point: activities whose details are withheld, awaiting consent."""
    codes = sorted(Viewer.of(user).countries)
    if not codes:
        return (Consent.objects.none(),)
    return tuple(_awaiting(code, today)[0] for code in codes)
