"""What waits for a user on WIPO Match, as querysets for the start page to count in one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from ipdev.accounts.models import Role

from .models import Match, Need, Notification, Offer, State

OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.RETURNED, State.PUBLISHED)
MOVING = (Match.State.PROPOSED, Match.State.IN_CONTACT)
NEW_FOR = dt.timedelta(days=14)


def _own_needs(user) -> Q:
    own = Q(created_by=user)
    if user.role == Role.FOCAL_POINT:
        own |= Q(country__in=user.countries.values("code"))
    return own


def _own_offers(user) -> Q:
    own = Q(created_by=user)
    if user.organisation_id and user.role == Role.PROVIDER:
        own |= Q(organisation_id=user.organisation_id)
    return own


def to_assess(*, user) -> tuple[QuerySet[Need], QuerySet[Offer]]:
    """Staff: needs and offers submitted for assessment."""
    return Need.objects.filter(state=State.SUBMITTED), Offer.objects.filter(state=State.SUBMITTED)


def own_open(*, user) -> tuple[QuerySet[Need], QuerySet[Offer]]:
    """The needs and offers this user speaks for that are not closed or matched."""
    return (
        Need.objects.filter(_own_needs(user), state__in=OPEN_STATES),
        Offer.objects.filter(_own_offers(user), state__in=OPEN_STATES),
    )


def own_returned(*, user) -> tuple[QuerySet[Need], QuerySet[Offer]]:
    """Their needs and offers returned for revision by WIPO."""
    return (
        Need.objects.filter(_own_needs(user), state=State.RETURNED),
        Offer.objects.filter(_own_offers(user), state=State.RETURNED),
    )


def new_suggestions(*, user, now: dt.datetime) -> QuerySet[Notification]:
    """Suggestions WIPO Match made to this user in the last two weeks."""
    return Notification.objects.filter(
        user=user, kind=Notification.Kind.SUGGESTION, created_at__gte=now - NEW_FOR
    )


def matches_awaiting_move(*, user) -> QuerySet[Match]:
    """Proposed or in-contact matches where the user's side has not yet agreed."""
    seeker = Q(need__in=Need.objects.filter(_own_needs(user)), seeker_agreed_at__isnull=True)
    provider = Q(offer__in=Offer.objects.filter(_own_offers(user)), provider_agreed_at__isnull=True)
    return Match.objects.filter(seeker | provider, state__in=MOVING)


def own_listings(*, user, limit: int = 8) -> list[tuple[str, int, str, str]]:
    """(kind, id, title, state label) of the user's open needs and offers, newest first."""
    needs, offers = own_open(user=user)
    rows = [
        *(("need", *r) for r in needs.values_list("pk", "title", "state", "updated_at")[:limit]),
        *(("offer", *r) for r in offers.values_list("pk", "title", "state", "updated_at")[:limit]),
    ]
    rows.sort(key=lambda r: r[4], reverse=True)
    return [(kind, pk, title, str(State(state).label)) for kind, pk, title, state, _at in rows]
