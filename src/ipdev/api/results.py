"""API v1 for country plans, strategy processes and the results framework.

Reads go through the planning selectors (who sees which plan and indicator is decided there);
writes through the planning services, which check the role (staff define, reporters report).
"""

from __future__ import annotations

import dataclasses

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.core.bounds import INT_MAX, parse_id, parse_year, whole_number
from ipdev.planning import selectors, services
from ipdev.planning.models import (
    Actual,
    ActualStatus,
    CountryPlan,
    DAProjectStatus,
    Indicator,
    IndicatorKind,
    PlanStatus,
)

from . import versions
from .parsers import BoundedJSONParser
from .permissions import IsWriter
from .schema import FORBIDDEN, INVALID, NOT_FOUND, UNAUTHENTICATED, WRITE_ERRORS

READ_ERRORS = {401: UNAUTHENTICATED, 403: FORBIDDEN}
VALUE = {"max_digits": 18, "decimal_places": 4, "allow_null": True}


class PlanRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    country = serializers.CharField(source="country_code")
    country_name = serializers.CharField()
    biennium = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=PlanStatus.choices)
    agreed_on = serializers.DateField(allow_null=True)
    lines = serializers.IntegerField()
    versions = serializers.IntegerField()


class LinkedActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    status = serializers.CharField()
    start_date = serializers.DateField()
    outside_reason = serializers.CharField(
        help_text="Why an activity outside the plan's biennium is linked (else empty)."
    )


class LineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    expected_result = serializers.CharField(source="expected_result_code")
    performance_indicators = serializers.CharField()
    year1_activities = serializers.CharField()
    year2_activities = serializers.CharField()
    sector = serializers.CharField()
    national_counterparts = serializers.CharField()
    international_counterparts = serializers.CharField()
    activities = LinkedActivitySerializer(many=True)


class ResultBlockSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    lines = LineSerializer(many=True)


class GoalBlockSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    results = ResultBlockSerializer(many=True)


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    note = serializers.CharField()
    created_on = serializers.DateField()
    created_by = serializers.CharField()


class PlanConsultationSerializer(serializers.Serializer):
    kind = serializers.CharField()
    held_on = serializers.DateField()
    participants = serializers.CharField()
    notes = serializers.CharField()


class PlanTextSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()


class PlanDetailSerializer(serializers.Serializer):
    plan = PlanRowSerializer(source="row")
    ip_policy = serializers.CharField()
    science_technology_policy = serializers.CharField()
    innovation_policy = serializers.CharField()
    culture_policy = serializers.CharField()
    context = serializers.SerializerMethodField(
        help_text="The template's planning context, every item (IP, science and technology,"
        " innovation, culture, development plan, vision statements, industrial strategies)."
    )
    contents = serializers.SerializerMethodField(
        help_text="What the plan identifies: needs, priorities, objectives, resources."
    )
    needs_assessment = serializers.CharField()
    validated_on = serializers.DateField(
        allow_null=True, help_text="Validated by the country's focal point."
    )
    consultations = PlanConsultationSerializer(many=True)
    matrix = GoalBlockSerializer(source="goals", many=True)
    versions = VersionSerializer(many=True)

    def _texts(self, rows) -> list[dict]:
        return PlanTextSerializer(
            [{"name": n, "label": label, "text": t} for n, label, t in rows], many=True
        ).data

    @extend_schema_field(PlanTextSerializer(many=True))
    def get_context(self, obj) -> list[dict]:
        return self._texts(obj.context)

    @extend_schema_field(PlanTextSerializer(many=True))
    def get_contents(self, obj) -> list[dict]:
        return self._texts(obj.contents)


class ChangeSerializer(serializers.Serializer):
    where = serializers.ChoiceField(choices=["plan", "line"])
    kind = serializers.ChoiceField(choices=["added", "removed", "changed"])
    line = serializers.CharField()
    label = serializers.CharField()
    field = serializers.CharField()
    before = serializers.CharField()
    after = serializers.CharField()


class StrategyRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    country = serializers.CharField(source="country_code")
    title = serializers.CharField()
    status = serializers.CharField()
    started_on = serializers.DateField()
    steps_done = serializers.IntegerField()
    steps_total = serializers.IntegerField()


class IndicatorRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=IndicatorKind.choices)
    unit = serializers.CharField()
    subject = serializers.CharField()
    subject_kind = serializers.CharField()
    latest_period = serializers.IntegerField(allow_null=True)
    latest_target = serializers.DecimalField(**VALUE)
    latest_actual = serializers.DecimalField(**VALUE)
    achievement = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)
    by_sex = serializers.BooleanField()
    latest_women = serializers.DecimalField(**VALUE, help_text="Women in the actual to date.")
    latest_men = serializers.DecimalField(**VALUE, help_text="Men in the actual to date.")


class SummarySerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The strategic goal's or expected result's code.")
    indicators = serializers.IntegerField()
    with_target = serializers.IntegerField()
    reported = serializers.IntegerField()
    met = serializers.IntegerField()
    mean_achievement = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    women = serializers.DecimalField(
        max_digits=22, decimal_places=4, allow_null=True,
        help_text="Women over the indicators disaggregated by sex that gave the split.",
    )  # fmt: skip
    men = serializers.DecimalField(max_digits=22, decimal_places=4, allow_null=True)
    by_sex = serializers.IntegerField(help_text="How many indicators gave the split.")


class PlanResultsSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    by_goal = SummarySerializer(many=True)
    by_result = SummarySerializer(many=True)
    indicators = IndicatorRowSerializer(many=True)


class PeriodRowSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    target = serializers.DecimalField(**VALUE)
    target_narrative = serializers.CharField()
    actual = serializers.DecimalField(**VALUE, help_text="Approved actuals only.")
    target_to_date = serializers.DecimalField(**VALUE)
    actual_to_date = serializers.DecimalField(**VALUE)
    achievement = serializers.DecimalField(max_digits=10, decimal_places=1, allow_null=True)
    women = serializers.DecimalField(**VALUE, help_text="Own, or rolled up from activities.")
    men = serializers.DecimalField(**VALUE)
    narrative = serializers.CharField()
    women_to_date = serializers.DecimalField(**VALUE)
    men_to_date = serializers.DecimalField(**VALUE)


class ActualSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    period = serializers.IntegerField()
    value = serializers.DecimalField(**VALUE)
    value_women = serializers.DecimalField(**VALUE)
    value_men = serializers.DecimalField(**VALUE)
    narrative = serializers.CharField()
    status = serializers.ChoiceField(choices=ActualStatus.choices)
    review_comment = serializers.CharField()
    entered_by = serializers.CharField()
    version = serializers.CharField(
        help_text="The actual's version: send it in `If-Match` to submit, approve or return it."
    )


class IndicatorDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    cumulative = serializers.BooleanField()
    by_sex = serializers.BooleanField()
    baseline_value = serializers.DecimalField(**VALUE)
    baseline_narrative = serializers.CharField()
    baseline_date = serializers.DateField(allow_null=True)
    subject = serializers.CharField()
    subject_kind = serializers.CharField()
    contributes_to = serializers.IntegerField(allow_null=True)
    periods = PeriodRowSerializer(source="rows", many=True)
    actuals = ActualSerializer(many=True)


class ActualWriteSerializer(serializers.Serializer):
    period = serializers.IntegerField(min_value=2000, max_value=2100)
    value = serializers.DecimalField(
        max_digits=18, decimal_places=4, required=False, allow_null=True
    )
    value_women = serializers.DecimalField(
        max_digits=18, decimal_places=4, required=False, allow_null=True
    )
    value_men = serializers.DecimalField(
        max_digits=18, decimal_places=4, required=False, allow_null=True
    )
    narrative = serializers.CharField(required=False, allow_blank=True, default="")


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(help_text="What needs revising.")


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PlanCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="plans_list",
        summary="Country plans",
        description="Everyone sees agreed plans; focal points also their countries' drafts; "
        "staff all.",
        parameters=[OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code.")],
        responses={200: PlanRowSerializer(many=True)},
    )
    def get(self, request):
        rows = selectors.plan_list(
            user=request.user, country=request.query_params.get("country", "").upper()
        )
        return Response(PlanRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data)


class PlanItem(versions.Versioned, APIView):
    versioned = CountryPlan
    permission_classes = [AllowAny]

    @extend_schema(
        summary="One country plan with its work-plan matrix",
        responses={200: PlanDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return Response(PlanDetailSerializer(selectors.plan_detail(user=request.user, pk=pk)).data)


class PlanCompare(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Differences between two versions of a plan",
        parameters=[
            OpenApiParameter("a", int, required=True, description="A version number."),
            OpenApiParameter("b", int, required=True, description="Another (0: as it is now)."),
        ],
        responses={200: ChangeSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        params = request.query_params
        a, b = whole_number(params.get("a")), whole_number(params.get("b"))
        bad = {
            n: ["A version number."] for n, v in (("a", a), ("b", b)) if v is None or v > INT_MAX
        }
        if bad:
            raise serializers.ValidationError(bad)
        changes = selectors.version_compare(user=request.user, pk=pk, a=a, b=b)
        return Response(ChangeSerializer([dataclasses.asdict(c) for c in changes], many=True).data)


class PlanResults(APIView):
    permission_classes = [IsWriter]

    @extend_schema(
        operation_id="plan_results",
        summary="A plan's results in one year, rolled up by expected result and strategic goal, "
        "with women and men",
        parameters=[
            OpenApiParameter("period", int, description="The year (default: the biennium's first).")
        ],
        responses={200: PlanResultsSerializer, 400: INVALID, **READ_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        plan = selectors.plan_detail(user=request.user, pk=pk)
        period = parse_year(
            request.query_params.get("period"), field="period", default=plan.row.biennium_start
        )
        results = selectors.plan_results(user=request.user, plan=pk, period=period)
        return Response(PlanResultsSerializer(dataclasses.asdict(results)).data)


class StrategyCollection(APIView):
    permission_classes = [IsWriter]

    @extend_schema(
        operation_id="strategies_list",
        summary="National IP strategy processes",
        responses={200: StrategyRowSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request):
        rows = selectors.strategy_list(user=request.user)
        return Response(
            StrategyRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data
        )


class IndicatorCollection(APIView):
    permission_classes = [IsWriter]

    @extend_schema(
        operation_id="indicators_list",
        summary="Indicators of the results framework",
        parameters=[
            OpenApiParameter("plan", int, description="Country plan id."),
            OpenApiParameter("activity", int, description="Activity id."),
        ],
        responses={200: IndicatorRowSerializer(many=True), 400: INVALID, **READ_ERRORS},
    )
    def get(self, request):
        params = request.query_params
        rows = selectors.indicator_list(
            user=request.user,
            plan=parse_id(params.get("plan"), field="plan"),
            activity=parse_id(params.get("activity"), field="activity"),
        )
        return Response(
            IndicatorRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data
        )


def _indicator(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    detail = selectors.indicator_detail(user=request.user, pk=pk)
    return Response(IndicatorDetailSerializer(detail).data, status=code)


class IndicatorItem(versions.Versioned, APIView):
    versioned = Indicator
    permission_classes = [IsWriter]

    @extend_schema(
        summary="One indicator: baseline, target vs actual per period, reported actuals",
        responses={200: IndicatorDetailSerializer, **READ_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _indicator(request, pk)


class IndicatorActuals(versions.Versioned, APIView):
    versioned = Indicator
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Record or correct the actual of a period (saved as a draft)",
        request=ActualWriteSerializer,
        responses={201: IndicatorDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        indicator = selectors.indicator_for_update(user=request.user, pk=pk)
        services.actual_save(
            user=request.user, indicator=indicator, **_valid(ActualWriteSerializer, request)
        )
        return _indicator(request, pk, status.HTTP_201_CREATED)


def _step_view(step: str, summary: str, body=None):
    class ActualStep(versions.Versioned, APIView):
        versioned = Actual
        permission_classes = [IsWriter]
        parser_classes = [BoundedJSONParser]

        @extend_schema(
            operation_id=f"actuals_{step}",
            summary=summary,
            request=body,
            responses={200: IndicatorDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
        )
        def post(self, request, pk: int):
            actual = selectors.actual_for_update(user=request.user, pk=pk)
            if step == "submit":
                services.actual_submit(user=request.user, actual=actual)
            elif step == "approve":
                services.actual_approve(user=request.user, actual=actual)
            else:
                comment = _valid(ReturnSerializer, request)["comment"]
                services.actual_return(user=request.user, actual=actual, comment=comment)
            return _indicator(request, actual.indicator_id)

    ActualStep.__name__ = f"Actual{step.title()}"
    return ActualStep


ActualSubmit = _step_view("submit", "Submit a draft actual for review")
ActualApprove = _step_view("approve", "Approve a submitted actual (staff)")
ActualReturn = _step_view(
    "return", "Return a submitted actual for revision (staff)", ReturnSerializer
)


class DAProjectRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=DAProjectStatus.choices)
    start_year = serializers.IntegerField(allow_null=True)
    end_year = serializers.IntegerField(allow_null=True)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    activities = serializers.IntegerField()
    delivered = serializers.IntegerField(help_text="Activities ongoing or completed, started.")


class DAProjectReportSerializer(serializers.Serializer):
    kind = serializers.CharField()
    period = serializers.IntegerField()
    document = serializers.CharField()
    progress = serializers.CharField()
    submitted_on = serializers.DateField()


class DAProjectReviewSerializer(serializers.Serializer):
    session = serializers.CharField()
    reviewed_on = serializers.DateField()
    decision = serializers.CharField()
    comments = serializers.CharField()
    report = serializers.IntegerField(allow_null=True)


class ProjectActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    start_date = serializers.DateField()


class DAProjectDetailSerializer(serializers.Serializer):
    project = DAProjectRowSerializer(source="row")
    summary = serializers.CharField()
    document = serializers.CharField()
    recommendations = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    reports = DAProjectReportSerializer(many=True)
    reviews = DAProjectReviewSerializer(many=True)
    activities = ProjectActivitySerializer(many=True)

    def get_recommendations(self, obj) -> list[int]:
        return [number for number, _label in obj.recommendations]

    def get_countries(self, obj) -> list[str]:
        return [code for code, _name in obj.countries]


class DAProjectCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="da_projects_list",
        summary="Development Agenda projects (public)",
        responses={200: DAProjectRowSerializer(many=True)},
    )
    def get(self, request):
        rows = selectors.da_project_list()
        return Response(
            DAProjectRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data
        )


class DAProjectItem(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="One Development Agenda project: countries, reports, reviews, activities",
        responses={200: DAProjectDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, code: str):
        return Response(DAProjectDetailSerializer(selectors.da_project_detail(code=code)).data)
