"""Scheduled TISC work: report reminders to coordinators, daily."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ipdev.core import jobs

from .services import reminders_send


@jobs.task("tisc.send_report_reminders", every=dt.timedelta(days=1))
def send_report_reminders(*, now: dt.datetime) -> str:
    sent = reminders_send(today=timezone.localdate(now))
    return f"{sent} TISC report reminder(s) sent"
