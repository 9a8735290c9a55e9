"""What coordinators and staff see in the workspace: their networks, each period's report and
its state, reporting rates, work plans, pending centre changes, the review queue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from ipdev.planning.models import Indicator, IndicatorKind

from ..models import (
    Centre,
    CentreChange,
    IndicatorFeed,
    Network,
    Report,
    WorkPlan,
    due_date,
    period_end,
)
from ..permissions import coordinated_ids, is_staff, may_manage
from ..rollup import Rate, rates
from ..services.reports import periods_of, report_data
from ..vocab import ReportStatus

SENT = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)


def managed_networks(*, user):
    """The networks a user manages: all for staff, their own for a coordinator."""
    if is_staff(user):
        return Network.objects.select_related("country", "bureau").order_by("name")
    return Network.objects.filter(pk__in=coordinated_ids(user)).select_related("country", "bureau")


def network_for_update(*, user, pk: int) -> Network:
    network = Network.objects.filter(pk=pk).select_related("country", "bureau").first()
    if network is None:
        raise Http404("No such network.")
    if not may_manage(user, pk):
        raise PermissionDenied
    return network


def agreement_file(*, user, pk: int):
    """The network's service-level agreement file, for staff and its coordinators only."""
    network = network_for_update(user=user, pk=pk)
    if not network.sla_file:
        raise Http404("No agreement document.")
    return network.sla_file, network.sla_file_type or "application/octet-stream"


def report_for_update(*, user, pk: int) -> Report:
    report = Report.objects.filter(pk=pk).select_related("network").first()
    if report is None:
        raise Http404("No such report.")
    if not may_manage(user, report.network_id):
        raise PermissionDenied
    return report


def change_for_review(*, user, pk: int) -> CentreChange:
    if not is_staff(user):
        raise PermissionDenied
    change = CentreChange.objects.filter(pk=pk).select_related("network", "centre").first()
    if change is None:
        raise Http404("No such change.")
    return change


def centre_for_update(*, user, pk: int) -> Centre:
    centre = Centre.objects.filter(pk=pk).select_related("network").first()
    if centre is None:
        raise Http404("No such centre.")
    if not may_manage(user, centre.network_id):
        raise PermissionDenied
    return centre


@dataclass(frozen=True)
class PeriodRow:
    year: int
    quarter: int
    label: str
    due_on: dt.date
    report_id: int | None
    status: str
    status_label: str
    on_time: bool | None
    overdue: bool


def periods(network: Network, today: dt.date) -> list[PeriodRow]:
    """Every period from the network's first reporting year to today, newest first."""
    reports = {(r.year, r.quarter): r for r in network.reports.all()}
    labels = dict(ReportStatus.choices)
    rows = []
    for year in range(network.reporting_since, today.year + 1):
        for quarter in periods_of(network, year):
            start = dt.date(year, (quarter - 1) * 3 + 1 if quarter else 1, 1)
            if start > today:
                continue
            report = reports.get((year, quarter))
            due = report.due_on if report else due_date(year, quarter)
            status = report.status if report else ""
            sent = report is not None and report.first_submitted_at is not None
            rows.append(
                PeriodRow(
                    year,
                    quarter,
                    f"{year}" if not quarter else f"{year} Q{quarter}",
                    due,
                    report.pk if report else None,
                    status,
                    str(labels.get(status, "")) if status else "",
                    report.on_time if sent else None,
                    status not in SENT and due < today,
                )
            )
    return rows[::-1]


def network_rates(network: Network, today: dt.date) -> list[Rate]:
    """Reporting rate and on-time rate per year (periods due by today)."""
    reports = {(r.year, r.quarter): r for r in network.reports.all()}
    rows = []
    for year in range(network.reporting_since, today.year + 1):
        for quarter in periods_of(network, year):
            report = reports.get((year, quarter))
            due = report.due_on if report else due_date(year, quarter)
            received = report is not None and report.status in SENT
            rows.append(
                (year, quarter, due < today, received, bool(report and received and report.on_time))
            )
    return rates(rows)


@dataclass(frozen=True)
class NetworkWork:
    network: Network
    periods: list[PeriodRow]
    rates: list[Rate]
    plans: list[WorkPlan]
    centres: list[Centre]
    changes: list[CentreChange]
    is_staff: bool
    feeds: list[IndicatorFeed]
    candidates: list[Indicator]  # indicators staff may link (none for a coordinator)


def network_work(*, user, pk: int, today: dt.date) -> NetworkWork:
    network = network_for_update(user=user, pk=pk)
    return NetworkWork(
        network,
        periods(network, today),
        network_rates(network, today),
        list(network.work_plans.all()),
        list(network.centres.order_by("name")),
        list(network.centre_changes.filter(status="pending").select_related("centre")),
        is_staff(user),
        network_feeds(network),
        feed_candidates(network) if is_staff(user) else [],
    )


def network_feeds(network: Network) -> list[IndicatorFeed]:
    """The results-framework indicators the network's approved reports feed."""
    return list(
        IndicatorFeed.objects.filter(network=network)
        .select_related("indicator__plan_line__plan__country", "indicator__da_project")
        .order_by("indicator__name", "pk")
    )


FEED_CHOICES = 300


def feed_candidates(network: Network) -> list[Indicator]:
    """Quantitative indicators a network may feed: its country plan's, Development Agenda
    projects', and those of activities tagged to it (the first 300, by name)."""
    where = Q(da_project__isnull=False) | Q(activity__tisc_tags__network=network)
    if network.country_id:
        where |= Q(plan_line__plan__country_id=network.country_id)
    return list(
        Indicator.objects.filter(where, kind=IndicatorKind.QUANTITATIVE)
        .distinct()
        .order_by("name", "pk")[:FEED_CHOICES]
    )


@dataclass(frozen=True)
class ReviewQueue:
    reports: list[Report]
    changes: list[CentreChange]


def review_queue(*, user) -> ReviewQueue | None:
    """Staff: reports waiting for review and centre changes waiting for validation."""
    if not is_staff(user):
        return None
    return ReviewQueue(
        list(
            Report.objects.filter(status=ReportStatus.SUBMITTED)
            .select_related("network")
            .order_by("submitted_at")
        ),
        list(
            CentreChange.objects.filter(status="pending")
            .select_related("network", "centre")
            .order_by("submitted_at")
        ),
    )


def report_view(*, user, pk: int) -> tuple[Report, dict]:
    report = report_for_update(user=user, pk=pk)
    return report, report_data(report)


def blank_period(network: Network, today: dt.date) -> tuple[int, int]:
    """The most recent period without a report sent for review (the one to file next)."""
    for row in periods(network, today):
        if row.status not in SENT and period_end(row.year, row.quarter) <= today + dt.timedelta(
            days=92
        ):
            return row.year, row.quarter
    return today.year, 0 if len(periods_of(network, today.year)) == 1 else 1
