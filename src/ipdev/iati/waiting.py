"""What waits for staff in the IATI imports: recent runs that ended with problems or failed."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from .models import ImportRun

RECENT = dt.timedelta(days=30)


def imports_with_problems(*, user, now: dt.datetime) -> QuerySet[ImportRun]:
    """Staff: imports of the last 30 days that ended with problems or failed."""
    return ImportRun.objects.filter(
        status__in=(ImportRun.Status.DONE_WITH_PROBLEMS, ImportRun.Status.FAILED),
        started_at__gte=now - RECENT,
    )
