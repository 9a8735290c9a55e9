"""Reads of surveys, their statistics, the personal-link form, and the yearly DA review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities.models import Activity
from ipdev.activities.rules import DELIVERED_STATUSES
from ipdev.activities.visibility import Viewer
from ipdev.core.bounds import in_year_range, year_error
from ipdev.planning.models import Actual, ActualStatus
from ipdev.reference.models import DACluster

from . import stats
from .models import Answer, Invitation, Question, Survey, SurveyStatus


@dataclass(frozen=True)
class SurveyRow:
    pk: int
    title: str
    kind: str
    kind_label: str
    activity_pk: int
    activity_title: str
    due_on: dt.date
    status: str
    invited: int
    responded: int
    response_rate: Decimal | None


@dataclass(frozen=True)
class QuestionResult:
    pk: int
    text: str
    kind: str
    answers: int
    result: Decimal | None
    distribution: dict[int, int]
    texts: list[str]
    indicator_pk: int | None
    indicator: str


@dataclass(frozen=True)
class SurveyDetail:
    row: SurveyRow
    audience: str
    months_after: int
    closes_on: dt.date | None
    questions: list[QuestionResult]
    pending: list[tuple[str, int]] = field(default_factory=list)  # (email, reminders)


def _require_staff(user) -> None:
    if not Viewer.of(user).staff:
        raise PermissionDenied(_("Only WIPO staff see surveys."))


def _surveys():
    return Survey.objects.select_related("activity").annotate(
        invited=Count("invitations", distinct=True),
        responded=Count(
            "invitations", filter=Q(invitations__responded_at__isnull=False), distinct=True
        ),
    )


def _row(s: Survey) -> SurveyRow:
    return SurveyRow(
        pk=s.pk,
        title=s.title,
        kind=s.kind,
        kind_label=str(s.get_kind_display()),
        activity_pk=s.activity_id,
        activity_title=s.activity.title,
        due_on=s.due_on,
        status=s.status,
        invited=s.invited,
        responded=s.responded,
        response_rate=stats.response_rate(s.invited, s.responded),
    )


def survey_list(*, user, activity: int | None = None) -> list[SurveyRow]:
    _require_staff(user)
    qs = _surveys()
    if activity is not None:
        qs = qs.filter(activity=activity)
    return [_row(s) for s in qs]


def survey_for_update(*, user, pk: int) -> Survey:
    _require_staff(user)
    try:
        return Survey.objects.get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No such survey.") from None


def survey_detail(*, user, pk: int) -> SurveyDetail:
    _require_staff(user)
    try:
        survey = _surveys().get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No such survey.") from None
    answers: dict[int, list[Answer]] = {}
    for answer in Answer.objects.filter(question__survey=survey):
        answers.setdefault(answer.question_id, []).append(answer)
    questions = []
    for q in survey.questions.select_related("indicator"):
        given = answers.get(q.pk, [])
        numbers = [a.number for a in given if a.number is not None]
        questions.append(
            QuestionResult(
                pk=q.pk,
                text=q.text,
                kind=q.kind,
                answers=len([a for a in given if a.number is not None or a.text]),
                result=stats.question_result(q.kind, numbers),
                distribution=stats.distribution(numbers) if q.kind == Question.Kind.RATING else {},
                texts=[a.text for a in given if a.text][:50],
                indicator_pk=q.indicator_id,
                indicator=q.indicator.name if q.indicator else "",
            )
        )
    pending = list(
        survey.invitations.filter(responded_at__isnull=True).values_list("email", "reminders")
    )
    return SurveyDetail(
        row=_row(survey),
        audience=survey.audience,
        months_after=survey.months_after,
        closes_on=survey.closes_on,
        questions=questions,
        pending=pending,
    )


@dataclass(frozen=True)
class FormQuestion:
    key: str
    text: str
    kind: str
    required: bool


@dataclass(frozen=True)
class SurveyForm:
    """What a person with a personal link sees: no other invitee's data."""

    title: str
    activity_title: str
    name: str
    open: bool
    answered: bool
    closes_on: dt.date | None
    questions: list[FormQuestion]
    opens_on: dt.date | None = None  # set while the survey is not open yet


def survey_form(*, token: str) -> SurveyForm:
    """The questionnaire behind a personal link (404 for an unknown token)."""
    invitation = Invitation.objects.select_related("survey__activity").filter(token=token).first()
    if invitation is None:
        raise Http404("This link is not valid.")
    survey = invitation.survey
    window = survey.window(timezone.localdate())
    return SurveyForm(
        title=survey.title,
        activity_title=survey.activity.title,
        name=invitation.name,
        open=window == "open",
        opens_on=survey.due_on if window == "early" else None,
        answered=invitation.responded_at is not None,
        closes_on=survey.closes_on,
        questions=[
            FormQuestion(f"q{q.pk}", q.text, q.kind, q.required) for q in survey.questions.all()
        ],
    )


@dataclass
class ReviewRow:
    """One Development Agenda recommendation (or cluster) in the year's review."""

    key: str
    label: str
    activities: int = 0
    cost: Decimal = Decimal(0)
    project_activities: int = 0  # of them, those serving a Development Agenda project
    approved_results: int = 0
    surveys: int = 0
    invited: int = 0
    responded: int = 0

    @property
    def response_rate(self) -> Decimal | None:
        return stats.response_rate(self.invited, self.responded)


@dataclass(frozen=True)
class DAReview:
    year: int
    clusters: list[tuple[ReviewRow, list[ReviewRow]]]
    totals: ReviewRow


def da_review(*, user, year: int) -> DAReview:
    """Per DA recommendation and cluster: the year's activities, costs, approved results and
    evaluations (recommendation 33). Staff only: costs are details under the consent rule."""
    _require_staff(user)
    if not in_year_range(year):
        raise ValidationError({"year": year_error()})
    # Delivered activities only (ongoing or completed, and started): not planned or future ones.
    activities = Activity.objects.filter(
        start_date__year=year,
        status__in=DELIVERED_STATUSES,
        start_date__lte=timezone.localdate(),
    )
    per_rec = activities.values("da_recommendations").annotate(
        n=Count("id", distinct=True),
        cost=Sum("cost"),
        in_projects=Count("id", filter=Q(da_project__isnull=False), distinct=True),
    )
    results = (
        Actual.objects.filter(
            status=ActualStatus.APPROVED, period=year, indicator__activity__in=activities
        )
        .values("indicator__activity__da_recommendations")
        .annotate(n=Count("id"))
    )
    surveys = (
        Survey.objects.filter(activity__in=activities)
        .values("activity__da_recommendations")
        .annotate(
            n=Count("id", distinct=True),
            invited=Count("invitations", distinct=True),
            responded=Count(
                "invitations", filter=Q(invitations__responded_at__isnull=False), distinct=True
            ),
        )
    )
    rows: dict[int, ReviewRow] = {}
    clusters = list(DACluster.objects.prefetch_related("recommendations"))
    for cluster in clusters:
        for rec in cluster.recommendations.all():
            rows[rec.number] = ReviewRow(str(rec.number), str(rec))
    for item in per_rec:
        if item["da_recommendations"] in rows:
            row = rows[item["da_recommendations"]]
            row.activities, row.cost = item["n"], item["cost"] or Decimal(0)
            row.project_activities = item["in_projects"]
    for item in results:
        if item["indicator__activity__da_recommendations"] in rows:
            rows[item["indicator__activity__da_recommendations"]].approved_results = item["n"]
    for item in surveys:
        if item["activity__da_recommendations"] in rows:
            row = rows[item["activity__da_recommendations"]]
            row.surveys, row.invited, row.responded = item["n"], item["invited"], item["responded"]
    out = []
    for cluster in clusters:
        members = [rows[r.number] for r in cluster.recommendations.all()]
        # An activity may serve several recommendations of a cluster: count it once.
        ids = activities.filter(da_recommendations__cluster=cluster.code).values("pk")
        total = _totals(cluster.code, str(cluster), year, ids)
        out.append((total, members))
    grand = _totals("all", "All activities of the year", year, activities.values("pk"))
    return DAReview(year=year, clusters=out, totals=grand)


def _totals(key: str, label: str, year: int, ids) -> ReviewRow:
    """Figures over a set of activities, each counted once."""
    row = ReviewRow(key, label)
    figures = Activity.objects.filter(pk__in=ids).aggregate(
        n=Count("id"), cost=Sum("cost"), in_projects=Count("id", filter=Q(da_project__isnull=False))
    )
    row.activities, row.cost = figures["n"], figures["cost"] or Decimal(0)
    row.project_activities = figures["in_projects"]
    row.approved_results = Actual.objects.filter(
        status=ActualStatus.APPROVED, period=year, indicator__activity__in=ids
    ).count()
    survey_figures = Survey.objects.filter(activity__in=ids).aggregate(
        n=Count("id", distinct=True),
        invited=Count("invitations", distinct=True),
        responded=Count(
            "invitations", filter=Q(invitations__responded_at__isnull=False), distinct=True
        ),
    )
    row.surveys = survey_figures["n"]
    row.invited, row.responded = survey_figures["invited"], survey_figures["responded"]
    return row


@dataclass(frozen=True)
class ActivityEvaluation:
    """An activity's survey in figures only (no free text, no invitee): its evaluation."""

    title: str
    kind_label: str
    invited: int
    responded: int
    response_rate: Decimal | None
    results: list[tuple[str, str, Decimal]]  # (question, kind, result)


def activity_evaluation(*, activity: int, narrative_visible: bool) -> list[ActivityEvaluation]:
    """The evaluation figures of an activity. They are part of its results, a detail under the
    consent rule: callers pass whether the viewer may see the activity's narrative."""
    if not narrative_visible:
        return []
    surveys = list(
        _surveys()
        .filter(activity=activity)
        .exclude(status=SurveyStatus.DRAFT)
        .prefetch_related("questions")
    )
    if not surveys:
        return []
    numbers: dict[int, list[Decimal]] = {}
    for question_id, number in Answer.objects.filter(
        question__survey__activity=activity, number__isnull=False
    ).values_list("question_id", "number"):
        numbers.setdefault(question_id, []).append(number)
    out = []
    for s in surveys:
        results = []
        for q in s.questions.all():
            value = stats.question_result(q.kind, numbers.get(q.pk, []))
            if value is not None:
                results.append((q.text, q.kind, value))
        out.append(
            ActivityEvaluation(
                title=s.title,
                kind_label=str(s.get_kind_display()),
                invited=s.invited,
                responded=s.responded,
                response_rate=stats.response_rate(s.invited, s.responded),
                results=results,
            )
        )
    return out
