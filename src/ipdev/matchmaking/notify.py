"""Email notifications of WIPO Match: new suggestions above a user's threshold and changes of
match state. Each user chooses an email per event, a daily digest, or none. Services call
these inside their transaction; instant emails leave after the commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from . import suggest
from .data import need_data, offer_data
from .models import (
    Listing,
    Match,
    Need,
    Notification,
    NotificationPreference,
    Offer,
)

DEFAULT = NotificationPreference(mode=NotificationPreference.Mode.INSTANT, threshold=0.3)


def preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or DEFAULT


def _send(pk: int) -> None:
    n = Notification.objects.select_related("user").get(pk=pk)
    send_mail(n.subject, n.body, settings.DEFAULT_FROM_EMAIL, [n.user.email])
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now())


def queue(*, users: Iterable, kind: str, subject: str, body: str, score: float | None = None):
    """One notification per user who wants it (has an email, not off, above the threshold)."""
    made = []
    for user in {u.pk: u for u in users if u is not None}.values():
        pref = preference(user)
        if not user.email or pref.mode == NotificationPreference.Mode.OFF:
            continue
        if score is not None and score < pref.threshold:
            continue
        n = Notification.objects.create(
            user=user,
            kind=kind,
            subject=subject[:200],
            body=body,
            digest=pref.mode == NotificationPreference.Mode.DAILY,
        )
        if not n.digest:
            transaction.on_commit(lambda pk=n.pk: _send(pk))
        made.append(n)
    return made


def _path(listing: Listing) -> str:
    return f"/match/{'needs' if isinstance(listing, Need) else 'offers'}/{listing.pk}/"


def match_changed(*, match: Match, actor) -> None:
    """Tell both sides (not the one who acted) that a match moved."""
    users = [u for u in (match.need.created_by, match.offer.created_by) if u != actor]
    label = Match.State(match.state).label
    queue(
        users=users,
        kind=Notification.Kind.MATCH,
        subject=f"WIPO Match: {match.need.title} - {label}",
        body=f"The match between the need '{match.need.title}' and the offer "
        f"'{match.offer.title}' is now: {label}.\n\n/workspace/matches/{match.pk}/\n",
    )


def listing_published(*, listing: Listing) -> None:
    """Rank the other side for a newly published listing; tell both owners of good pairs."""
    if isinstance(listing, Need):
        found = suggest.offer_index().rank(need_data(listing), limit=20)
        others = Offer.objects.select_related("created_by").in_bulk([s.id for s in found])
    else:
        found = suggest.need_index().rank(offer_data(listing), limit=20)
        others = Need.objects.select_related("created_by").in_bulk([s.id for s in found])
    for s in found:
        other = others[s.id]
        why = "; ".join(s.reasons)
        for owner, mine, theirs in (
            (other.created_by, other, listing),
            (listing.created_by, listing, other),
        ):
            queue(
                users=[owner],
                kind=Notification.Kind.SUGGESTION,
                subject=f"WIPO Match suggests: {theirs.title}",
                body=f"For '{mine.title}', WIPO Match suggests '{theirs.title}' "
                f"(relevance {s.score:.2f}).\nWhy: {why}\n\n{_path(theirs)}\n",
                score=s.score,
            )


def send_digests() -> int:
    """One email per user with their waiting digest notifications; returns emails sent."""
    pending = Notification.objects.filter(digest=True, sent_at__isnull=True).select_related("user")
    by_user = defaultdict(list)
    for n in pending:
        by_user[n.user].append(n)
    now = timezone.now()
    for user, items in by_user.items():
        body = "\n\n".join(f"{n.subject}\n{n.body}" for n in items)
        send_mail(
            f"WIPO Match: {len(items)} updates", body, settings.DEFAULT_FROM_EMAIL, [user.email]
        )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(sent_at=now)
    return len(by_user)
