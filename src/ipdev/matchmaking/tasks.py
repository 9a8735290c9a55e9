"""Scheduled work of WIPO Match: the digest e-mails."""

from __future__ import annotations

import datetime as dt

from ipdev.core import jobs

from . import notify


@jobs.task("matchmaking.send_digests", every=dt.timedelta(hours=1))
def send_digests(*, now: dt.datetime) -> str:
    """Hourly: each user whose daily or weekly digest is due gets it (see notify.send_digests)."""
    return f"{notify.send_digests(now=now)} digest e-mails sent"
