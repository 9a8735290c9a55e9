"""The one write path for a user's own settings: the language of their e-mails, how often."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff

from .models import LANGUAGES, Notify, User

SETTINGS = ("language", "notifications")


@transaction.atomic
def settings_update(*, user, language: str, notifications: str) -> User:
    """A signed-in user chooses the language of their e-mails and how often they get them."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied("Sign in to change your settings.")
    errors = {}
    codes = [code for code, _name in LANGUAGES]
    if language not in ("", *codes):
        errors["language"] = _("Choose one of: %(values)s.") % {"values": ", ".join(codes)}
    if notifications not in Notify.values:
        errors["notifications"] = _("Choose one of: %(values)s.") % {
            "values": ", ".join(Notify.values)
        }
    if errors:
        raise ValidationError(errors)
    row = User.objects.select_for_update().get(pk=user.pk)
    before = {name: getattr(row, name) for name in SETTINGS}
    row.language, row.notifications = language, notifications
    changes = diff(before, {name: getattr(row, name) for name in SETTINGS})
    if changes:
        row.save(update_fields=list(changes))
        audit_log(actor=user, action="accounts.settings_changed", obj=row, changes=changes)
    user.language, user.notifications = row.language, row.notifications
    return row


DIGEST_PERIODS = {Notify.DAILY: dt.timedelta(days=1), Notify.WEEKLY: dt.timedelta(days=7)}
# The scheduler's drift: a digest a little early is still the day's (or the week's).
DIGEST_SLACK = dt.timedelta(hours=1)


def digest_period(user) -> dt.timedelta | None:
    """How often this user's digests leave: a day, a week, or None (instant or off)."""
    return DIGEST_PERIODS.get(user.notifications)


def digest_due(user, *, now: dt.datetime) -> bool:
    """A daily digest leaves once a day, a weekly one once a week (an hour's slack for the
    scheduler's drift); instant and off users' leftovers leave at once."""
    period = digest_period(user)
    if period is None or user.digest_sent_at is None:
        return True
    return now - user.digest_sent_at >= period - DIGEST_SLACK


def digest_sent(*, user, now: dt.datetime) -> None:
    """Remember when the user's digest left (the next one waits a day or a week from then)."""
    User.objects.filter(pk=user.pk).update(digest_sent_at=now)
    user.digest_sent_at = now
