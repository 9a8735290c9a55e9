"""Reads of Development Agenda projects: public, as the CDIP documents are. The project, its
countries, budget, progress reports, the committee's reviews and its activities (general
information only, which is public for every activity)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from ipdev.activities import selectors as activity_selectors
from ipdev.activities.rules import DELIVERED_STATUSES
from ipdev.activities.selectors import ActivitySummary
from ipdev.planning.models import DAProject


@dataclass(frozen=True)
class ProjectRow:
    code: str
    title: str
    status: str
    status_label: str
    start_year: int | None
    end_year: int | None
    budget: Decimal | None
    activities: int
    delivered: int


@dataclass(frozen=True)
class ReportRow:
    pk: int
    kind: str
    kind_label: str
    period: int
    document: str
    progress: str
    submitted_on: dt.date


@dataclass(frozen=True)
class ReviewRow:
    pk: int
    session: str
    reviewed_on: dt.date
    decision: str
    decision_label: str
    comments: str
    report: int | None


@dataclass
class ProjectDetail:
    row: ProjectRow
    summary: str
    document: str
    recommendations: list[tuple[int, str]]
    countries: list[tuple[str, str]]
    reports: list[ReportRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    activities: list[ActivitySummary] = field(default_factory=list)


def _projects():
    delivered = Q(
        activities__status__in=DELIVERED_STATUSES,
        activities__start_date__lte=timezone.localdate(),
    )
    return DAProject.objects.annotate(
        n_activities=Count("activities", distinct=True),
        n_delivered=Count("activities", filter=delivered, distinct=True),
    )


def _row(p: DAProject) -> ProjectRow:
    return ProjectRow(
        code=p.code,
        title=p.title,
        status=p.status,
        status_label=str(p.get_status_display()),
        start_year=p.start_year,
        end_year=p.end_year,
        budget=p.budget,
        activities=p.n_activities,
        delivered=p.n_delivered,
    )


def da_project_list() -> list[ProjectRow]:
    """Every DA project with how many activities it has and how many were delivered."""
    return [_row(p) for p in _projects().order_by("code")]


def da_project_detail(*, code: str) -> ProjectDetail:
    """One project (404 for an unknown code)."""
    found = _projects().filter(pk=str(code)[:40]).first()
    if found is None:
        raise Http404("No such project.")
    ids = list(found.activities.order_by("-start_date", "-id").values_list("pk", flat=True)[:200])
    return ProjectDetail(
        row=_row(found),
        summary=found.summary,
        document=found.document,
        recommendations=[(r.number, str(r)) for r in found.recommendations.order_by("number")],
        countries=[(c.code, c.localized_name) for c in found.countries.order_by("name")],
        reports=[
            ReportRow(
                r.pk,
                r.kind,
                str(r.get_kind_display()),
                r.period,
                r.document,
                r.progress,
                r.submitted_on,
            )
            for r in found.reports.all()
        ],
        reviews=[
            ReviewRow(
                r.pk,
                r.session,
                r.reviewed_on,
                r.decision,
                str(r.get_decision_display()),
                r.comments,
                r.report_id,
            )
            for r in found.reviews.all()
        ],
        activities=activity_selectors.summaries(ids),
    )
