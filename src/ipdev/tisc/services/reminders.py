"""Reminders to coordinators before and after a report's due date (the scheduler runs
`reminders_send` daily). Each reminder is recorded so that it is sent once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.core.language_urls import site_link

from ..models import Network, ReminderSent, Report, due_date
from ..vocab import ReportStatus
from .reports import periods_of

# Days from the due date: a week before, the day after, two weeks after.
SCHEDULE = {"before": -7, "overdue-1": 1, "overdue-14": 14}
SENT = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def _message(network: Network, label: str, due: dt.date, kind: str) -> tuple[str, str]:
    if kind == "before":
        subject = _("TISC report for %(period)s due on %(due)s") % {"period": label, "due": due}
    else:
        subject = _("TISC report for %(period)s overdue since %(due)s") % {
            "period": label,
            "due": due,
        }
    body = _(
        "The report of %(network)s for %(period)s is due on %(due)s. File it in your "
        "workspace: %(url)s"
    ) % {
        "network": network.name,
        "period": label,
        "due": due,
        "url": site_link("/workspace/tisc/"),
    }
    return subject, body


@transaction.atomic
def reminders_send(*, today: dt.date) -> int:
    """Send the reminders due today (or missed on earlier days, within the window) for every
    period whose report has not been sent for review; return how many were sent."""
    sent = 0
    done = {
        (r.network_id, r.year, r.quarter)
        for r in Report.objects.filter(status__in=SENT).only("network", "year", "quarter")
    }
    already = set(ReminderSent.objects.values_list("network", "year", "quarter", "kind"))
    networks = Network.objects.prefetch_related("coordinators").exclude(coordinators=None)
    for network in networks:
        emails = [u.email for u in network.coordinators.all() if u.email and u.is_active]
        for year in (today.year - 1, today.year):
            if year < network.reporting_since:
                continue
            for quarter in periods_of(network, year):
                if (network.pk, year, quarter) in done:
                    continue
                due = due_date(year, quarter)
                label = f"{year}" if not quarter else f"{year} Q{quarter}"
                for kind, offset in SCHEDULE.items():
                    day = due + dt.timedelta(days=offset)
                    # Within a week of its day, so a missed run catches up, never earlier.
                    if not (day <= today < day + dt.timedelta(days=7)):
                        continue
                    if (network.pk, year, quarter, kind) in already:
                        continue
                    subject, body = _message(network, label, due, kind)
                    if emails:
                        transaction.on_commit(
                            lambda s=subject, b=body, to=emails: send_mail(
                                s, b, settings.DEFAULT_FROM_EMAIL, to
                            )
                        )
                    ReminderSent.objects.create(
                        network=network,
                        year=year,
                        quarter=quarter,
                        kind=kind,
                        sent_on=today,
                        recipients=len(emails),
                    )
                    sent += 1
    return sent
