"""A set of reports' totals (the figures work plans target and indicators are fed with)."""

from __future__ import annotations

from django.db.models import Sum

from .models import ReportCount, ReportEvent, StaffTraining


def report_totals(reports) -> dict[str, int]:
    """Totals over a queryset of reports: inquiries, deliveries, events, participants, staff
    trained, partnerships (each a whole number; 0 when there is nothing)."""
    ids = reports.values("pk")
    counts = dict(
        ReportCount.objects.filter(report__in=ids, measure__in=("inquiry_user", "delivery"))
        .values("measure")
        .annotate(total=Sum("value"))
        .values_list("measure", "total")
    )
    events = ReportEvent.objects.filter(report__in=ids).aggregate(
        events=Sum("events"), women=Sum("women"), men=Sum("men")
    )
    trained = StaffTraining.objects.filter(report__in=ids).aggregate(
        women=Sum("women"), men=Sum("men")
    )
    return {
        "inquiries": counts.get("inquiry_user") or 0,
        "deliveries": counts.get("delivery") or 0,
        "events": events["events"] or 0,
        "participants": (events["women"] or 0) + (events["men"] or 0),
        "staff_trained": (trained["women"] or 0) + (trained["men"] or 0),
        "partnerships": reports.aggregate(n=Sum("partnerships"))["n"] or 0,
    }
