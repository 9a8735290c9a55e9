"""Reads of requests for assistance: the queue, one request, the requested-vs-delivered report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from ipdev.activities.models import Status
from ipdev.activities.visibility import Viewer
from ipdev.planning import permissions, routing
from ipdev.planning.dates import days_between
from ipdev.planning.models import CRITERIA, AssistanceRequest, RequestStatus


@dataclass(frozen=True)
class RequestRow:
    pk: int
    reference: str
    title: str
    kind: str
    kind_label: str
    country_code: str
    country_name: str
    institution: str
    status: str
    status_label: str
    submitted_on: dt.date
    preferred_start: dt.date
    short_lead_time: bool
    routed_to: tuple[str, ...]
    routed_names: tuple[str, ...]


@dataclass(frozen=True)
class ConsultationRow:
    unit: str
    partner: str
    consulted_on: dt.date
    summary: str
    recorded_by: str


@dataclass(frozen=True)
class RequestDetail:
    row: RequestRow
    assistance_type: str
    delivery_mode: str
    purpose: str
    development_goals: str
    expected_outcome: str
    beneficiaries_number: int
    beneficiaries_profile: str
    preferred_end: dt.date | None
    project: str
    rationale: str
    local_partners: str
    readiness: str
    letter_name: str
    letter_size: int
    decision_reason: str
    decided_on: dt.date | None
    activity_id: int | None
    # What the request is part of (a plan line, a strategy, a project) and what justifies it.
    framework: str = ""
    framework_label: str = ""
    plan_pk: int | None = None
    strategy_pk: int | None = None
    needs_assessment: str = ""
    lead_days_at_decision: int | None = None
    short_notice_at_decision: bool | None = None
    # For staff only (empty for the requester): the internal review.
    staff_view: bool = False
    criteria: list[tuple[str, str, bool]] = field(default_factory=list)
    missing_criteria: list[str] = field(default_factory=list)
    review_notes: str = ""
    consultations: list[ConsultationRow] = field(default_factory=list)
    short_lead_time_now: bool = False
    no_framework_reason: str = ""
    consultation_waiver: str = ""
    unanswered_criteria: list[str] = field(default_factory=list)
    unanswered_keys: list[str] = field(default_factory=list)

    @property
    def decided(self) -> bool:
        return self.row.status in (
            RequestStatus.APPROVED,
            RequestStatus.DEFERRED,
            RequestStatus.DECLINED,
        )

    @property
    def open(self) -> bool:
        return self.row.status not in (RequestStatus.APPROVED, RequestStatus.DECLINED)


def _visible(user) -> QuerySet[AssistanceRequest]:
    viewer = Viewer.of(user)
    qs = AssistanceRequest.objects.select_related("country").prefetch_related("routed_to")
    if viewer.staff:
        return qs
    if viewer.countries:
        return qs.filter(country__in=viewer.countries)
    return qs.none()


def _row(r: AssistanceRequest) -> RequestRow:
    return RequestRow(
        pk=r.pk,
        reference=r.reference,
        title=r.title,
        kind=r.kind,
        kind_label=str(r.get_kind_display()),
        country_code=r.country_id,
        country_name=r.country.localized_name,
        institution=r.institution,
        status=r.status,
        status_label=str(r.get_status_display()),
        submitted_on=r.submitted_on,
        preferred_start=r.preferred_start,
        short_lead_time=r.short_lead_time(),
        routed_to=tuple(u.pk for u in sorted(r.routed_to.all(), key=lambda u: u.order)),
        routed_names=tuple(
            u.localized_name for u in sorted(r.routed_to.all(), key=lambda u: u.order)
        ),
    )


def request_list(
    *, user, status: str = "", mine: bool = False, country: str = ""
) -> list[RequestRow]:
    """Requests the user may see; `mine` narrows staff to those routed to their units."""
    qs = _visible(user)
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(country=country)
    if mine and Viewer.of(user).staff:
        units = routing.staff_units(bureau=user.bureau_id, unit=user.unit_id)
        qs = qs.filter(routed_to__in=units).distinct()
    return [_row(r) for r in qs[:500]]


def request_for_update(*, user, pk: int) -> AssistanceRequest:
    """The model row, for a service call by someone who may see it (404 otherwise)."""
    try:
        return _visible(user).get(pk=pk)
    except AssistanceRequest.DoesNotExist:
        raise Http404("No such request.") from None


def _framework_label(r: AssistanceRequest) -> str:
    if r.plan_line_id:
        line = r.plan_line
        return f"{line.expected_result_id} — {line.plan.title or line.plan}"
    if r.strategy_id:
        return r.strategy.title
    if r.da_project_id:
        return str(r.da_project)
    return ""


def request_detail(*, user, pk: int) -> RequestDetail:
    r = request_for_update(user=user, pk=pk)
    if not permissions.can_see_request(user, r.country_id):
        raise PermissionDenied
    staff = permissions.can_review(user)
    extra = {}
    if staff:
        consultations = r.consultations.select_related("unit", "recorded_by")
        answered = {**r.criteria, "in_plan": bool(r.framework)}
        extra = {
            "criteria": [(k, str(v), bool(answered.get(k))) for k, v in CRITERIA.items()],
            "unanswered_criteria": [str(CRITERIA[m]) for m in r.unanswered_criteria()],
            "unanswered_keys": r.unanswered_criteria(),
            "no_framework_reason": r.no_framework_reason,
            "consultation_waiver": r.consultation_waiver,
            "missing_criteria": [str(CRITERIA[m]) for m in r.missing_criteria()],
            "review_notes": r.review_notes,
            "consultations": [
                ConsultationRow(
                    unit=c.unit.name if c.unit else "",
                    partner=c.partner,
                    consulted_on=c.consulted_on,
                    summary=c.summary,
                    recorded_by=c.recorded_by.get_username() if c.recorded_by else "",
                )
                for c in consultations
            ],
            "short_lead_time_now": r.short_lead_time(on=timezone.localdate()),
        }
    return RequestDetail(
        row=_row(r),
        assistance_type=r.assistance_type.localized_name,
        delivery_mode=r.delivery_mode.localized_name if r.delivery_mode else "",
        purpose=r.purpose,
        development_goals=r.development_goals,
        expected_outcome=r.expected_outcome,
        beneficiaries_number=r.beneficiaries_number,
        beneficiaries_profile=r.beneficiaries_profile,
        preferred_end=r.preferred_end,
        project=r.project,
        rationale=r.rationale,
        local_partners=r.local_partners,
        readiness=r.readiness,
        letter_name=r.letter.name.rsplit("/", 1)[-1],
        letter_size=r.letter_size,
        decision_reason=r.decision_reason if r.status != RequestStatus.IN_REVIEW else "",
        decided_on=timezone.localdate(r.decided_at) if r.decided_at else None,
        activity_id=r.activity_id,
        framework=r.framework,
        framework_label=_framework_label(r),
        plan_pk=r.plan_line.plan_id if r.plan_line_id else None,
        strategy_pk=r.strategy_id,
        needs_assessment=str(r.needs_assessment) if r.needs_assessment_id else "",
        lead_days_at_decision=r.lead_days_at_decision,
        short_notice_at_decision=r.short_notice_at_decision,
        staff_view=staff,
        **extra,
    )


@dataclass
class RequestsReportRow:
    """Requested vs delivered for one country and year (of filing)."""

    country_code: str
    country_name: str
    year: int
    requested: int = 0
    approved: int = 0
    deferred: int = 0
    declined: int = 0
    pending: int = 0
    delivered: int = 0
    lead_days: list[int] = field(default_factory=list)
    decision_days: list[int] = field(default_factory=list)

    @staticmethod
    def _mean(values: list[int]) -> Decimal | None:
        if not values:
            return None
        return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"))

    @property
    def mean_lead_days(self) -> Decimal | None:
        """Days from filing to the activity's start (approved requests)."""
        return self._mean(self.lead_days)

    @property
    def mean_decision_days(self) -> Decimal | None:
        """Days from filing to the decision."""
        return self._mean(self.decision_days)


def requests_report(*, user, year: int | None = None, country: str = "") -> list[RequestsReportRow]:
    """Per country and year: requests filed, their decisions, activities delivered, lead times."""
    permissions.require(permissions.can_review(user), "Only WIPO staff see the request report.")
    qs = AssistanceRequest.objects.select_related("country", "activity")
    if year:
        qs = qs.filter(submitted_on__year=year)
    if country:
        qs = qs.filter(country=country)
    rows: dict[tuple[str, int], RequestsReportRow] = {}
    for r in qs.order_by("country__name", "submitted_on"):
        key = (r.country_id, r.submitted_on.year)
        row = rows.get(key) or rows.setdefault(
            key, RequestsReportRow(r.country_id, r.country.localized_name, key[1])
        )
        _count(row, r)
    return sorted(rows.values(), key=lambda row: (row.year, row.country_name))


def _count(row: RequestsReportRow, r: AssistanceRequest) -> None:
    row.requested += 1
    if r.status in (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW):
        row.pending += 1
    else:
        setattr(row, r.status, getattr(row, r.status) + 1)
    if r.decided_at:
        row.decision_days.append(days_between(r.submitted_on, timezone.localdate(r.decided_at)))
    if r.activity is not None:
        row.lead_days.append(days_between(r.submitted_on, r.activity.start_date))
        if r.activity.status == Status.COMPLETED:
            row.delivered += 1


def requests_by_year() -> list[RequestsReportRow]:
    """Public: requests filed per year in all countries together, their decisions and the
    activities delivered. Per-country figures stay in the staff report (who asked is not public)."""
    rows: dict[int, RequestsReportRow] = {}
    for r in AssistanceRequest.objects.select_related("activity").order_by("submitted_on", "id"):
        year = r.submitted_on.year
        _count(rows.setdefault(year, RequestsReportRow("", "", year)), r)
    return [rows[y] for y in sorted(rows)]
