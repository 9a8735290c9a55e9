"""Scheduled work of the web pages: uploads kept for failed forms are not kept for ever;
focal points and staff hear of consents that expire soon."""

from __future__ import annotations

import datetime as dt

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipdev.activities import consent_reminders
from ipdev.activities.models import DetailGroup
from ipdev.core import jobs
from ipdev.matchmaking import notify
from ipdev.matchmaking.models import Notification

from .uploads import purge_held


@jobs.task("backoffice.purge_held_uploads", every=dt.timedelta(hours=6))
def purge_held_uploads(*, now: dt.datetime) -> str:
    """Delete uploads kept for a form more than a day ago (never sent again)."""
    return f"{purge_held(now=now)} kept uploads deleted"


@jobs.task("backoffice.consent_expiry_reminders", every=dt.timedelta(days=1))
def consent_expiry_reminders(*, now: dt.datetime) -> str:
    """Daily: 60, 30 and 7 days before a consent's last day, its country's focal points are
    told (in their language, at their rhythm: at once or in their digest), and staff in their
    digest. Each reminder goes once."""
    sent = 0
    for due in consent_reminders.reminders_due(today=timezone.localdate(now)):
        if not consent_reminders.reminder_sent(due=due, now=now):
            continue
        compose = _composer(due)
        kind = Notification.Kind.CONSENT
        notify.queue(users=consent_reminders.focal_points(due.consent), kind=kind, compose=compose)
        notify.queue(users=consent_reminders.staff(), kind=kind, compose=compose, digest=True)
        sent += 1
    return f"{sent} consent expiry reminder(s) queued"


def _composer(due: consent_reminders.Due):
    consent = due.consent

    def compose() -> tuple[str, str]:
        """Called in each reader's language."""
        country = consent.country.name if consent.country_id else _("the recipient countries")
        subject = ngettext(
            "Consent of %(country)s ends in %(days)d day",
            "Consent of %(country)s ends in %(days)d days",
            due.left,
        ) % {"country": country, "days": due.left}
        scope = (
            _("the activity “%(title)s”") % {"title": consent.activity.title}
            if consent.activity_id
            else _("all its activities")
        )
        groups = ", ".join(str(DetailGroup(g).label) for g in consent.groups if g in DetailGroup)
        lines = [
            _(
                "The consent of %(country)s to publish details of %(scope)s is in force until "
                "%(date)s. After that day these details are withheld again: %(groups)s."
            )
            % {
                "country": country,
                "scope": scope,
                "date": formats.date_format(consent.valid_until, "DATE_FORMAT"),
                "groups": groups or "—",
            },
            _("Reference: %(reference)s") % {"reference": consent.reference or "—"},
            _("Renew it, or let it end, on the consent page:"),
            notify.link(f"/backoffice/work/consent/{consent.country_id or ''}/"),
        ]
        return subject, "\n".join(lines) + "\n"

    return compose
