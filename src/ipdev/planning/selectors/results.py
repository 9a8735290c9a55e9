"""Reads of the results framework: indicators with targets and actuals, roll-ups, the queue.

Staff see every indicator; a focal point sees the indicators of their countries' plan lines and
activities. Only approved actuals count in the achieved figures and the roll-ups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from ipdev.activities.visibility import Viewer
from ipdev.core.versions import version_for
from ipdev.planning import permissions
from ipdev.planning.models import Actual, ActualStatus, Indicator
from ipdev.planning.rollup import (
    Bar,
    IndicatorResult,
    Split,
    Summary,
    achievement,
    chart_bars,
    combine_split,
    split_to_date,
    summarise,
    to_date,
)


def _indicators(user) -> QuerySet[Indicator]:
    viewer = Viewer.of(user)
    qs = Indicator.objects.select_related(
        "plan_line__plan__country", "plan_line__expected_result", "activity", "da_project"
    ).prefetch_related("targets", "actuals", "contributions__actuals")
    if viewer.staff:
        return qs
    if not viewer.countries:
        return qs.none()
    return qs.filter(
        Q(plan_line__plan__country__in=viewer.countries)
        | Q(activity__countries__in=viewer.countries)
    ).distinct()


@dataclass(frozen=True)
class PeriodRow:
    period: int
    target: Decimal | None
    target_narrative: str
    actual: Decimal | None  # approved (own, or rolled up from contributing activities)
    actual_to_date: Decimal | None
    target_to_date: Decimal | None
    achievement: Decimal | None
    women: Decimal | None  # of this period's actual (own, or rolled up)
    men: Decimal | None
    narrative: str
    women_to_date: Decimal | None = None
    men_to_date: Decimal | None = None


@dataclass(frozen=True)
class ActualRow:
    pk: int
    period: int
    value: Decimal | None
    value_women: Decimal | None
    value_men: Decimal | None
    narrative: str
    status: str
    status_label: str
    review_comment: str
    entered_by: str
    version: str = ""


@dataclass(frozen=True)
class IndicatorDetail:
    pk: int
    name: str
    kind: str
    unit: str
    quantitative: bool
    cumulative: bool
    by_sex: bool
    baseline_value: Decimal | None
    baseline_narrative: str
    baseline_date: dt.date | None
    subject: str
    subject_kind: str
    subject_pk: int | str
    plan_pk: int | None
    contributes_to: int | None
    contributions: int
    rows: list[PeriodRow]
    actuals: list[ActualRow]
    bars: list[Bar]
    chart_width: int
    can_define: bool
    can_report: bool
    can_review: bool


def _approved(indicator: Indicator) -> dict[int, Split]:
    return {
        a.period: Split(a.value, a.value_women, a.value_men)
        for a in indicator.actuals.all()
        if a.status == ActualStatus.APPROVED and a.value is not None
    }


def approved_split(indicator: Indicator) -> dict[int, Split]:
    """Approved values per period with women and men: the indicator's own, else those rolled
    up from its activities' indicators."""
    return combine_split(
        _approved(indicator), [_approved(c) for c in indicator.contributions.all()]
    )


def approved_series(indicator: Indicator) -> dict[int, Decimal]:
    """Approved values per period: the indicator's own, else those rolled up from activities."""
    return {p: v.value for p, v in approved_split(indicator).items()}


def _subject(indicator: Indicator) -> tuple[str, str, int | str, int | None]:
    if indicator.plan_line_id:
        line = indicator.plan_line
        return str(line.expected_result), "plan_line", line.pk, line.plan_id
    if indicator.activity_id:
        return indicator.activity.title, "activity", indicator.activity_id, None
    return str(indicator.da_project), "da_project", indicator.da_project_id, None


def _rows(indicator: Indicator) -> list[PeriodRow]:
    targets = {t.period: t for t in indicator.targets.all()}
    approved = {a.period: a for a in indicator.actuals.all() if a.status == ActualStatus.APPROVED}
    series = approved_split(indicator)
    target_values = {p: t.value for p, t in targets.items() if t.value is not None}
    rows = []
    for period in sorted(set(targets) | set(series) | set(approved)):
        target = targets.get(period)
        reached = split_to_date(series, period, cumulative=indicator.cumulative)
        target_to_date = to_date(target_values, period, cumulative=indicator.cumulative)
        own = approved.get(period)
        this_period = series.get(period)
        rows.append(
            PeriodRow(
                period=period,
                target=target.value if target else None,
                target_narrative=target.narrative if target else "",
                actual=this_period.value if this_period else None,
                actual_to_date=reached.value if reached else None,
                target_to_date=target_to_date,
                achievement=achievement(target_to_date, reached.value if reached else None),
                women=this_period.women if this_period else None,
                men=this_period.men if this_period else None,
                narrative=own.narrative if own else "",
                women_to_date=reached.women if reached else None,
                men_to_date=reached.men if reached else None,
            )
        )
    return rows


def indicator_for_update(*, user, pk: int) -> Indicator:
    try:
        return _indicators(user).get(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404("No such indicator.") from None


def actual_for_update(*, user, pk: int) -> Actual:
    indicator_ids = _indicators(user).values("pk")
    try:
        return Actual.objects.select_related("indicator").get(pk=pk, indicator__in=indicator_ids)
    except Actual.DoesNotExist:
        raise Http404("No such actual.") from None


def indicator_detail(*, user, pk: int) -> IndicatorDetail:
    indicator = indicator_for_update(user=user, pk=pk)
    rows = _rows(indicator)
    bars, width = (
        chart_bars((r.period, r.target_to_date, r.actual_to_date) for r in rows)
        if indicator.quantitative
        else ([], 0)
    )
    subject, kind, subject_pk, plan_pk = _subject(indicator)
    return IndicatorDetail(
        pk=indicator.pk,
        name=indicator.name,
        kind=str(indicator.get_kind_display()),
        unit=indicator.unit,
        quantitative=indicator.quantitative,
        cumulative=indicator.cumulative,
        by_sex=indicator.by_sex,
        baseline_value=indicator.baseline_value,
        baseline_narrative=indicator.baseline_narrative,
        baseline_date=indicator.baseline_date,
        subject=subject,
        subject_kind=kind,
        subject_pk=subject_pk,
        plan_pk=plan_pk,
        contributes_to=indicator.contributes_to_id,
        contributions=len(indicator.contributions.all()),
        rows=rows,
        actuals=[_actual_row(a) for a in sorted(indicator.actuals.all(), key=lambda a: a.period)],
        bars=bars,
        chart_width=width,
        can_define=permissions.can_edit_plan(user),
        can_report=permissions.can_report_results(user, indicator.subject_countries()),
        can_review=permissions.can_review(user),
    )


def _actual_row(a: Actual) -> ActualRow:
    return ActualRow(
        pk=a.pk,
        period=a.period,
        value=a.value,
        value_women=a.value_women,
        value_men=a.value_men,
        narrative=a.narrative,
        status=a.status,
        status_label=str(a.get_status_display()),
        review_comment=a.review_comment,
        entered_by=a.entered_by.get_username() if a.entered_by else "",
        version=version_for(a),
    )


@dataclass(frozen=True)
class IndicatorRow:
    pk: int
    name: str
    kind: str
    unit: str
    subject: str
    subject_kind: str
    goal: str
    result: str
    latest_period: int | None
    latest_target: Decimal | None
    latest_actual: Decimal | None
    achievement: Decimal | None
    by_sex: bool = False
    latest_women: Decimal | None = None
    latest_men: Decimal | None = None


def _indicator_row(indicator: Indicator, period: int | None) -> IndicatorRow:
    rows = _rows(indicator)
    chosen = next((r for r in rows if r.period == period), None) if period else None
    if chosen is None and rows and period is None:
        chosen = rows[-1]
    subject, kind, _pk, _plan = _subject(indicator)
    line = indicator.plan_line
    return IndicatorRow(
        pk=indicator.pk,
        name=indicator.name,
        kind=indicator.kind,
        unit=indicator.unit,
        subject=subject,
        subject_kind=kind,
        goal=line.expected_result.goal_id if line else "",
        result=line.expected_result_id if line else "",
        latest_period=chosen.period if chosen else None,
        latest_target=chosen.target_to_date if chosen else None,
        latest_actual=chosen.actual_to_date if chosen else None,
        achievement=chosen.achievement if chosen else None,
        by_sex=indicator.by_sex,
        latest_women=chosen.women_to_date if chosen else None,
        latest_men=chosen.men_to_date if chosen else None,
    )


def indicator_list(
    *, user, plan: int | None = None, activity: int | None = None, da_project: str = ""
) -> list[IndicatorRow]:
    qs = _indicators(user)
    if plan is not None:
        qs = qs.filter(plan_line__plan=plan)
    if activity is not None:
        qs = qs.filter(activity=activity)
    if da_project:
        qs = qs.filter(da_project=da_project)
    return [_indicator_row(i, None) for i in qs.order_by("id")]


@dataclass(frozen=True)
class PlanResults:
    period: int
    indicators: list[IndicatorRow]
    by_goal: list[Summary]
    by_result: list[Summary]


def plan_results(*, user, plan: int, period: int) -> PlanResults:
    """A plan's indicators in one period, rolled up by expected result and strategic goal."""
    qs = _indicators(user).filter(plan_line__plan=plan).order_by("plan_line__order", "id")
    rows = [_indicator_row(i, period) for i in qs]
    results = [
        IndicatorResult(
            goal=r.goal,
            result=r.result,
            target=r.latest_target,
            actual=r.latest_actual,
            women=r.latest_women,
            men=r.latest_men,
        )
        for r in rows
        if r.kind == "quantitative"
    ]
    return PlanResults(
        period=period,
        indicators=rows,
        by_goal=summarise(results, by="goal"),
        by_result=summarise(results, by="result"),
    )


@dataclass(frozen=True)
class QueueRow:
    actual: ActualRow
    indicator_pk: int
    indicator: str
    subject: str


def actuals_queue(*, user, status: str = ActualStatus.SUBMITTED) -> list[QueueRow]:
    """Actuals waiting for a step: submitted ones for staff, returned ones for reporters."""
    ids = _indicators(user).values("pk")
    qs = Actual.objects.filter(indicator__in=ids, status=status).select_related(
        "indicator__plan_line__expected_result",
        "indicator__activity",
        "indicator__da_project",
        "entered_by",
    )
    return [
        QueueRow(_actual_row(a), a.indicator_id, a.indicator.name, _subject(a.indicator)[0])
        for a in qs.order_by("indicator_id", "period")
    ]
