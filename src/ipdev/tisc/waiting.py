"""What waits for TISC coordinators and staff, as querysets for the start page to count in
one query (see ipdev.backoffice.waiting)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from .models import CentreChange, ReminderSent, Report, due_date
from .permissions import coordinated_ids
from .vocab import ReportStatus

# A report is "due" from a week before its due date (when the first reminder goes out).
DUE_SOON = dt.timedelta(days=7)
SENT = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def _same_period(model=Report):
    return model.objects.filter(
        network=OuterRef("network"), year=OuterRef("year"), quarter=OuterRef("quarter")
    )


def reports_due(*, user, today: dt.date) -> tuple[QuerySet, QuerySet]:
    """A coordinator: drafts due within a week or overdue, and periods they were reminded of
    (by the daily reminders) that have no report at all. Counted as one number."""
    mine = coordinated_ids(user)
    drafts = Report.objects.filter(
        network__in=mine, status=ReportStatus.DRAFT, due_on__lte=today + DUE_SOON
    )
    first_reminder = Subquery(_same_period(ReminderSent).order_by("sent_on", "pk").values("pk")[:1])
    missing = ReminderSent.objects.filter(network__in=mine, pk=first_reminder).exclude(
        Exists(_same_period())
    )
    return drafts, missing


def due_entries(*, user, today: dt.date) -> list[tuple[int, int, int, str, dt.date]]:
    """The periods behind `reports_due`: (network, year, quarter, network name, due date)."""
    drafts, missing = reports_due(user=user, today=today)
    rows = [
        (r.network_id, r.year, r.quarter, r.network.name, r.due_on)
        for r in drafts.select_related("network")[:10]
    ]
    rows += [
        (m.network_id, m.year, m.quarter, m.network.name, due_date(m.year, m.quarter))
        for m in missing.select_related("network")[:10]
    ]
    return sorted(rows, key=lambda r: r[4])[:10]


def reports_returned(*, user) -> QuerySet[Report]:
    """A coordinator: their reports returned by WIPO with comments, to correct."""
    return Report.objects.filter(network__in=coordinated_ids(user), status=ReportStatus.RETURNED)


def own_changes_pending(*, user) -> QuerySet[CentreChange]:
    """A coordinator: their network's centre changes waiting for WIPO's validation."""
    return CentreChange.objects.filter(
        network__in=coordinated_ids(user), status=CentreChange.Status.PENDING
    )


def reports_to_review(*, user) -> QuerySet[Report]:
    """Staff: reports submitted and waiting for review."""
    return Report.objects.filter(status=ReportStatus.SUBMITTED)


def changes_to_validate(*, user) -> QuerySet[CentreChange]:
    """Staff: coordinators' new centres and changes waiting for validation."""
    return CentreChange.objects.filter(status=CentreChange.Status.PENDING)
