"""Background tasks of the activities app (discovered by ipdev.core.jobs)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _

from ipdev.core import jobs

from . import export_files

MAIL = "activities.details_request_mail"


@jobs.task(MAIL, max_attempts=5)
def details_request_mail(*, now: dt.datetime, subject: str, body: str, to: list[str]) -> str:
    """One e-mail about a request for details (to the focal points, or to the requester)."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return f"sent to {len(to)} address(es)"


@jobs.task("activities.saved_search_alerts", every=dt.timedelta(hours=1))
def saved_search_alerts(*, now: dt.datetime) -> str:
    """Hourly: the alerts of saved searches that are due (see alerts.send_alerts)."""
    from . import alerts

    return f"{alerts.send_alerts(now=now)} saved-search e-mails sent"


# One attempt: a download that failed says so on its page; the reader may ask again.
@jobs.task(
    export_files.TASK,
    max_attempts=1,
    timeout=dt.timedelta(hours=2),
    retry_refused=_("A download that failed is asked for again by its reader, not retried here."),
)
def build_export(*, now: dt.datetime, export: int) -> str:
    """Build the file of a large download of the activity search."""
    built = export_files.export_build(pk=export)
    if built is None:
        return f"download {export} was not waiting"
    return f"download {export}: {built.rows} rows, {built.size} bytes ({built.format})"


@jobs.task("activities.purge_exports", every=dt.timedelta(hours=1))
def purge_exports(*, now: dt.datetime) -> str:
    """Delete prepared downloads made more than a day ago."""
    return f"{export_files.export_purge(now=now)} prepared download(s) deleted"
