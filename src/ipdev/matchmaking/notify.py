"""E-mail notifications of WIPO Match: new suggestions above a user's threshold and changes of
match state. Each user chooses (accounts: `User.notifications`) an e-mail per event, a daily or
a weekly digest, or none, and the language of their e-mails. Services call these inside their
transaction; instant e-mails leave after the commit. Links carry the site's address."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipdev.accounts import services as account_services
from ipdev.accounts.models import Notify
from ipdev.core.language_urls import site_link

from . import reasons, suggest
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
DIGESTS = (Notify.DAILY, Notify.WEEKLY)


def preference(user) -> NotificationPreference:
    return NotificationPreference.objects.filter(user=user).first() or DEFAULT


def link(path: str) -> str:
    """An absolute link for an e-mail: the site's address and the path, under the prefix of
    the language the e-mail is composed in (the recipient's)."""
    return site_link(path)


def _send(pk: int) -> None:
    n = Notification.objects.select_related("user").get(pk=pk)
    send_mail(n.subject, n.body, settings.DEFAULT_FROM_EMAIL, [n.user.email])
    Notification.objects.filter(pk=pk).update(sent_at=timezone.now())


def queue(
    *,
    users: Iterable,
    kind: str,
    compose: Callable[[], tuple[str, str]],
    score: float | None = None,
    digest: bool | None = None,
):
    """One notification per user who wants it (has an e-mail, not off, above the threshold),
    its subject and body composed in the user's language; ``digest=True`` keeps it for the
    user's next digest whatever their rhythm."""
    made = []
    for user in {u.pk: u for u in users if u is not None}.values():
        if not user.email or user.notifications == Notify.OFF:
            continue
        if score is not None and score < preference(user).threshold:
            continue
        with translation.override(user.email_language()):
            subject, body = compose()
        n = Notification.objects.create(
            user=user,
            kind=kind,
            subject=subject[:200],
            body=body,
            digest=user.notifications in DIGESTS if digest is None else digest,
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

    def compose() -> tuple[str, str]:
        names = {"need": match.need.title, "offer": match.offer.title}
        state = str(Match.State(match.state).label)
        subject = _("WIPO Match: %(need)s - %(state)s") % {**names, "state": state}
        body = _(
            "The match between the need '%(need)s' and the offer '%(offer)s' is now: %(state)s."
        ) % {**names, "state": state}
        return subject, f"{body}\n\n{link(f'/workspace/matches/{match.pk}/')}\n"

    queue(users=users, kind=Notification.Kind.MATCH, compose=compose)


def listing_published(*, listing: Listing) -> None:
    """Rank the other side for a newly published listing; tell both owners of good pairs."""
    today = timezone.localdate()
    if isinstance(listing, Need):
        found = suggest.offer_index().rank(need_data(listing), limit=20, today=today)
        others = Offer.objects.select_related("created_by").in_bulk([s.id for s in found])
    else:
        found = suggest.need_index().rank(offer_data(listing), limit=20, today=today)
        others = Need.objects.select_related("created_by").in_bulk([s.id for s in found])
    names = reasons.Names()
    for s in found:
        other = others[s.id]
        why = "; ".join(reasons.describe(s.reasons, names))
        for owner, mine, theirs in (
            (other.created_by, other, listing),
            (listing.created_by, listing, other),
        ):

            def compose(mine=mine, theirs=theirs, score=s.score, why=why) -> tuple[str, str]:
                subject = _("WIPO Match suggests: %(title)s") % {"title": theirs.title}
                body = _(
                    "For '%(mine)s', WIPO Match suggests '%(theirs)s' (relevance %(score)s)."
                ) % {"mine": mine.title, "theirs": theirs.title, "score": f"{score:.2f}"}
                reasons = _("Why: %(reasons)s") % {"reasons": why}
                return subject, f"{body}\n{reasons}\n\n{link(_path(theirs))}\n"

            queue(
                users=[owner],
                kind=Notification.Kind.SUGGESTION,
                compose=compose,
                score=s.score,
            )


def send_digests(*, now: dt.datetime | None = None) -> int:
    """One e-mail per user whose digest is due (daily: a day after the last, weekly: a week),
    with their waiting notifications, in their language; returns the e-mails sent."""
    now = now or timezone.now()
    pending = Notification.objects.filter(digest=True, sent_at__isnull=True).select_related("user")
    by_user = defaultdict(list)
    for n in pending:
        by_user[n.user].append(n)
    sent = 0
    for user, items in by_user.items():
        if not account_services.digest_due(user, now=now):
            continue
        if user.email and user.notifications != Notify.OFF:
            with translation.override(user.email_language()):
                subject = ngettext(
                    "WIPO Match: %(count)d update", "WIPO Match: %(count)d updates", len(items)
                ) % {"count": len(items)}
                footer = _("Choose how often you hear from us: %(link)s") % {
                    "link": link("/workspace/settings/")
                }
            body = "\n\n".join(f"{n.subject}\n{n.body}" for n in items) + f"\n--\n{footer}\n"
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            sent += 1
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(sent_at=now)
        account_services.digest_sent(user=user, now=now)
    return sent
