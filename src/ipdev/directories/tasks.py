"""Background tasks of the directories (discovered by ipdev.core.jobs)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail

from ipdev.core import jobs

from .suggestions import MAIL


@jobs.task(MAIL, max_attempts=5)
def suggestion_mail(*, now: dt.datetime, subject: str, body: str, to: list[str]) -> str:
    """One e-mail to a suggester: their suggestion was accepted or declined."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    return f"sent to {len(to)} address(es)"
