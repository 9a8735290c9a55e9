"""Reads of country plans and national IP strategy processes.

Who sees what: staff see every plan; a focal point sees the plans of their countries, drafts
included; everyone else sees agreed (or closed) plans only. Linked activities show their general
information, which is public for every activity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ipdev.activities.visibility import Viewer
from ipdev.planning.dates import outside_biennium
from ipdev.planning.models import (
    CommitteeMember,
    CountryPlan,
    PlanLineActivity,
    PlanStatus,
    PlanVersion,
    StepStatus,
    StrategyDocument,
    StrategyProcess,
)
from ipdev.planning.snapshots import plan_snapshot
from ipdev.planning.versions import Change, compare
from ipdev.reference.models import ExpectedResult, Unit


@dataclass(frozen=True)
class PlanRow:
    pk: int
    country_code: str
    country_name: str
    biennium: str
    biennium_start: int
    title: str
    status: str
    status_label: str
    agreed_on: dt.date | None
    lines: int
    versions: int


@dataclass(frozen=True)
class LinkedActivity:
    pk: int
    title: str
    status: str
    start_date: dt.date
    outside_reason: str = ""
    # The activity's present dates miss the plan's two years (they may have moved since it was
    # linked): the link needs a reason, and the plan page asks for one while it has none.
    outside: bool = False


@dataclass(frozen=True)
class LineRow:
    pk: int
    expected_result_code: str
    expected_result: str
    performance_indicators: str
    year1_activities: str
    year2_activities: str
    sector: str
    national_counterparts: str
    international_counterparts: str
    activities: list[LinkedActivity]


@dataclass(frozen=True)
class ResultBlock:
    code: str
    name: str
    lines: list[LineRow]


@dataclass(frozen=True)
class GoalBlock:
    code: str
    name: str
    results: list[ResultBlock]


@dataclass(frozen=True)
class VersionRow:
    number: int
    note: str
    created_on: dt.date
    created_by: str


@dataclass(frozen=True)
class ConsultationStep:
    kind: str
    held_on: dt.date
    participants: str
    notes: str


@dataclass(frozen=True)
class PlanDetail:
    row: PlanRow
    ip_policy: str
    science_technology_policy: str
    innovation_policy: str
    culture_policy: str
    consultations: list[ConsultationStep]
    goals: list[GoalBlock]
    versions: list[VersionRow]
    strategies: list[StrategyRow] = field(default_factory=list)
    editable: bool = False
    # The template's planning context and what the plan identifies, as (name, label, text).
    context: list[tuple[str, str, str]] = field(default_factory=list)
    contents: list[tuple[str, str, str]] = field(default_factory=list)
    needs_assessment: str = ""
    needs_assessment_pk: int | None = None
    validated_on: dt.date | None = None
    validated_by: str = ""
    # The viewer is a focal point of the country and the draft awaits their validation.
    validatable: bool = False


@dataclass(frozen=True)
class StrategyStepRow:
    pk: int
    step: str
    label: str
    status: str
    status_label: str
    started_on: dt.date | None
    completed_on: dt.date | None
    notes: str
    documents: list[tuple[int, str, int]]
    order: int = 0
    skip_reason: str = ""
    # The earlier steps still open: this one cannot be done until they are done or skipped.
    waiting_for: tuple[int, ...] = ()


@dataclass(frozen=True)
class MemberRow:
    pk: int
    name: str
    institution: str
    role: str


@dataclass(frozen=True)
class CommitteeRow:
    committee: str
    label: str
    members: list[MemberRow]


@dataclass(frozen=True)
class StrategyRow:
    pk: int
    country_code: str
    country_name: str
    title: str
    status: str
    status_label: str
    started_on: dt.date
    steps_done: int
    steps_total: int


@dataclass(frozen=True)
class StrategyDetail:
    row: StrategyRow
    steps: list[StrategyStepRow]
    plan_pk: int | None
    committees: list[CommitteeRow] = field(default_factory=list)


def _plans(user) -> QuerySet[CountryPlan]:
    viewer = Viewer.of(user)
    qs = CountryPlan.objects.select_related("country").annotate(
        line_count=Count("lines", distinct=True), version_count=Count("versions", distinct=True)
    )
    if viewer.staff:
        return qs
    public = Q(status__in=[PlanStatus.AGREED, PlanStatus.CLOSED])
    if viewer.countries:
        return qs.filter(public | Q(country__in=viewer.countries))
    return qs.filter(public)


def _plan_row(plan: CountryPlan) -> PlanRow:
    return PlanRow(
        pk=plan.pk,
        country_code=plan.country_id,
        country_name=plan.country.localized_name,
        biennium=plan.biennium,
        biennium_start=plan.biennium_start,
        title=plan.title,
        status=plan.status,
        status_label=str(plan.get_status_display()),
        agreed_on=plan.agreed_on,
        lines=plan.line_count,
        versions=plan.version_count,
    )


def plan_list(*, user, country: str = "") -> list[PlanRow]:
    qs = _plans(user)
    if country:
        qs = qs.filter(country=country)
    return [_plan_row(p) for p in qs.order_by("country__name", "-biennium_start")]


def visible_plan_ids(*, user, ids: list[int]) -> set[int]:
    """Those of these plans this user may see, by the rule of `plan_list` (other apps ask before
    naming a plan)."""
    return set(_plans(user).filter(pk__in=ids[:1000]).values_list("pk", flat=True))


def plan_for_update(*, user, pk: int) -> CountryPlan:
    try:
        return _plans(user).get(pk=pk)
    except CountryPlan.DoesNotExist:
        raise Http404("No such plan.") from None


def _matrix(plan: CountryPlan) -> list[GoalBlock]:
    links = PlanLineActivity.objects.select_related("activity")
    lines = plan.lines.select_related("expected_result__goal", "sector").prefetch_related(
        Prefetch("planlineactivity_set", queryset=links)
    )
    goals: dict[str, tuple[str, dict[str, tuple[str, list[LineRow]]]]] = {}
    ordered = sorted(
        lines, key=lambda x: (x.expected_result.goal.order, x.expected_result.order, x.order)
    )
    for line in ordered:
        result = line.expected_result
        goal = goals.setdefault(result.goal_id, (str(result.goal), {}))
        block = goal[1].setdefault(result.code, (str(result), []))
        block[1].append(
            LineRow(
                pk=line.pk,
                expected_result_code=result.code,
                expected_result=str(result),
                performance_indicators=line.performance_indicators,
                year1_activities=line.year1_activities,
                year2_activities=line.year2_activities,
                sector=line.sector.localized_name,
                national_counterparts=line.national_counterparts,
                international_counterparts=line.international_counterparts,
                activities=[
                    LinkedActivity(
                        link.activity.pk,
                        link.activity.title,
                        link.activity.status,
                        link.activity.start_date,
                        link.outside_reason,
                        outside_biennium(
                            plan.years, link.activity.start_date, link.activity.end_date
                        ),
                    )
                    for link in sorted(
                        line.planlineactivity_set.all(), key=lambda x: x.activity.start_date
                    )
                ],
            )
        )
    return [
        GoalBlock(code, name, [ResultBlock(rc, rn, rl) for rc, (rn, rl) in results.items()])
        for code, (name, results) in goals.items()
    ]


CONTEXT_LABELS = {
    "ip_policy": _lazy("National IP policy and strategy"),
    "science_technology_policy": _lazy("Science and technology policy"),
    "innovation_policy": _lazy("Innovation policy"),
    "culture_policy": _lazy("Culture policy"),
    "development_plan": _lazy("Medium-term national development plan"),
    "vision_statements": _lazy("National vision statements"),
    "industrial_strategy": _lazy("Industrial strategies"),
}
CONTENT_LABELS = {
    "needs": _lazy("Needs identified"),
    "priorities": _lazy("Priorities"),
    "objectives": _lazy("Objectives"),
    "resources": _lazy("Resources"),
}


def plan_detail(*, user, pk: int) -> PlanDetail:
    plan = plan_for_update(user=user, pk=pk)
    versions = plan.versions.select_related("created_by")
    viewer = Viewer.of(user)
    assessment = plan.needs_assessment
    return PlanDetail(
        context=[(n, str(label), getattr(plan, n)) for n, label in CONTEXT_LABELS.items()],
        contents=[(n, str(label), getattr(plan, n)) for n, label in CONTENT_LABELS.items()],
        needs_assessment=str(assessment) if assessment else "",
        needs_assessment_pk=assessment.pk if assessment else None,
        validated_on=plan.validated_on,
        validated_by=plan.validated_by.get_username() if plan.validated_by else "",
        validatable=plan.status == PlanStatus.DRAFT and plan.country_id in viewer.countries,
        row=_plan_row(plan),
        ip_policy=plan.ip_policy,
        science_technology_policy=plan.science_technology_policy,
        innovation_policy=plan.innovation_policy,
        culture_policy=plan.culture_policy,
        consultations=[
            ConsultationStep(str(c.get_kind_display()), c.held_on, c.participants, c.notes)
            for c in plan.consultations.all()
        ],
        goals=_matrix(plan),
        versions=[
            VersionRow(
                v.number,
                v.note,
                v.created_at.date(),
                v.created_by.get_username() if v.created_by else "",
            )
            for v in versions
        ],
        strategies=strategy_list(user=user, plan=plan.pk),
        editable=Viewer.of(user).staff,
    )


FIELD_LABELS = {
    "title": "Title",
    "status": "Status",
    "ip_policy": "National IP policy",
    "science_technology_policy": "Science and technology policy",
    "innovation_policy": "Innovation policy",
    "culture_policy": "Culture policy",
    "development_plan": "Medium-term development plan",
    "vision_statements": "Vision statements",
    "industrial_strategy": "Industrial strategies",
    "needs": "Needs",
    "priorities": "Priorities",
    "objectives": "Objectives",
    "resources": "Resources",
    "needs_assessment": "Needs assessment",
    "validated_on": "Date validated by the country",
    "agreed_on": "Date agreed",
    "expected_result": "Expected result",
    "performance_indicators": "Performance indicators",
    "year1_activities": "Activities, year 1",
    "year2_activities": "Activities, year 2",
    "sector": "Implementing sector",
    "national_counterparts": "National counterparts",
    "international_counterparts": "International counterparts",
    "activities": "Linked activities",
    "order": "Order",
}


@dataclass(frozen=True)
class ChangeRow:
    where: str
    kind: str
    line: str
    label: str
    field: str
    before: str
    after: str


def _shown(name: str, value, results: dict[str, str], units: dict[str, str]) -> str:
    if value is None or value == "":
        return ""
    if name == "expected_result":
        return results.get(value, str(value))
    if name == "sector":
        return units.get(value, str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def version_compare(*, user, pk: int, a: int, b: int) -> list[ChangeRow]:
    """The differences from version `a` to version `b` of a plan (0 = the plan as it is now)."""
    plan = plan_for_update(user=user, pk=pk)
    snapshots = {v.number: v.snapshot for v in PlanVersion.objects.filter(plan=plan)}
    snapshots[0] = plan_snapshot(plan)
    for name, number in (("a", a), ("b", b)):
        if number not in snapshots:
            raise ValidationError(
                {name: _("The plan has no version %(number)s.") % {"number": number}}
            )
    changes: list[Change] = compare(snapshots[a], snapshots[b])
    results = {r.code: str(r) for r in ExpectedResult.objects.all()}
    units = {u.code: u.localized_name for u in Unit.objects.all()}
    return [
        ChangeRow(
            where=c.where,
            kind=c.kind,
            line=c.line,
            label=results.get(c.label, c.label),
            field=FIELD_LABELS.get(c.field, c.field),
            before=_shown(c.field, c.before, results, units),
            after=_shown(c.field, c.after, results, units),
        )
        for c in changes
    ]


def _strategies(user) -> QuerySet[StrategyProcess]:
    viewer = Viewer.of(user)
    qs = StrategyProcess.objects.select_related("country").annotate(
        steps_total=Count("steps"),
    )
    if viewer.staff:
        return qs
    return qs.filter(country__in=viewer.countries) if viewer.countries else qs.none()


def _strategy_row(p: StrategyProcess) -> StrategyRow:
    done = sum(1 for s in p.steps.all() if s.status == StepStatus.DONE)
    return StrategyRow(
        pk=p.pk,
        country_code=p.country_id,
        country_name=p.country.localized_name,
        title=p.title,
        status=p.status,
        status_label=str(p.get_status_display()),
        started_on=p.started_on,
        steps_done=done,
        steps_total=p.steps_total,
    )


def strategy_list(*, user, plan: int | None = None, country: str = "") -> list[StrategyRow]:
    """Strategy processes: staff see all, focal points their countries'."""
    qs = _strategies(user).prefetch_related("steps")
    if plan is not None:
        qs = qs.filter(plan=plan)
    if country:
        qs = qs.filter(country=country)
    return [_strategy_row(p) for p in qs]


def strategy_for_update(*, user, pk: int) -> StrategyProcess:
    try:
        return _strategies(user).get(pk=pk)
    except StrategyProcess.DoesNotExist:
        raise Http404("No such strategy process.") from None


def strategy_detail(*, user, pk: int) -> StrategyDetail:
    process = strategy_for_update(user=user, pk=pk)
    steps = list(process.steps.prefetch_related("documents"))
    finished = (StepStatus.DONE, StepStatus.SKIPPED)
    members = list(process.committee_members.all())
    return StrategyDetail(
        row=_strategy_row(process),
        steps=[
            StrategyStepRow(
                pk=s.pk,
                step=s.step,
                label=str(s.get_step_display()),
                status=s.status,
                status_label=str(s.get_status_display()),
                started_on=s.started_on,
                completed_on=s.completed_on,
                notes=s.notes,
                documents=[(d.pk, d.title, d.size) for d in s.documents.all()],
                order=s.order,
                skip_reason=s.skip_reason,
                waiting_for=tuple(
                    o.order for o in steps if o.order < s.order and o.status not in finished
                ),
            )
            for s in steps
        ],
        plan_pk=process.plan_id,
        committees=[
            CommitteeRow(
                committee=value,
                label=str(label),
                members=[
                    MemberRow(m.pk, m.name, m.institution, m.role)
                    for m in members
                    if m.committee == value
                ],
            )
            for value, label in CommitteeMember.Committee.choices
        ],
    )


def strategy_document_for_download(*, user, pk: int, document_pk: int):
    process = strategy_for_update(user=user, pk=pk)
    try:
        return StrategyDocument.objects.get(pk=document_pk, step__process=process)
    except StrategyDocument.DoesNotExist:
        raise Http404("No such document.") from None
