"""API v1 for the country's side of a plan, strategy processes and needs assessments.

Reads go through the planning selectors, writes through the planning services (the focal point
validates a plan; staff follow strategy steps in order, record committees and assessments)."""

from __future__ import annotations

import dataclasses

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.planning import selectors, services
from ipdev.planning.models import CommitteeMember, StepStatus, StrategyStepRecord

from .parsers import BoundedJSONParser
from .permissions import IsWriter
from .results import PlanDetailSerializer, StrategyRowSerializer
from .schema import FORBIDDEN, NOT_FOUND, UNAUTHENTICATED, WRITE_ERRORS

READ_ERRORS = {401: UNAUTHENTICATED, 403: FORBIDDEN}


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class PlanValidateSerializer(serializers.Serializer):
    validated_on = serializers.DateField(help_text="Date of the validation consultation.")
    participants = serializers.CharField(help_text="Who took part.")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class PlanValidate(APIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Validate a draft plan (the country's focal point)",
        description="Records the validation consultation. WIPO staff agree the plan after it.",
        request=PlanValidateSerializer,
        responses={200: PlanDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        plan = selectors.plan_for_update(user=request.user, pk=pk)
        data = _valid(PlanValidateSerializer, request)
        services.plan_validate(user=request.user, plan=plan, **data)
        return Response(PlanDetailSerializer(selectors.plan_detail(user=request.user, pk=pk)).data)


class StepSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    order = serializers.IntegerField()
    step = serializers.CharField()
    label = serializers.CharField()
    status = serializers.ChoiceField(choices=StepStatus.choices)
    started_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    notes = serializers.CharField()
    skip_reason = serializers.CharField()
    waiting_for = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Earlier steps still open: this one cannot be done before them.",
    )


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    institution = serializers.CharField()
    role = serializers.CharField()


class CommitteeSerializer(serializers.Serializer):
    committee = serializers.ChoiceField(choices=CommitteeMember.Committee.choices)
    label = serializers.CharField()
    members = MemberSerializer(many=True)


class StrategyDetailSerializer(serializers.Serializer):
    strategy = StrategyRowSerializer(source="row")
    plan = serializers.IntegerField(source="plan_pk", allow_null=True)
    steps = StepSerializer(many=True)
    committees = CommitteeSerializer(many=True)


def _strategy(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    detail = selectors.strategy_detail(user=request.user, pk=pk)
    return Response(StrategyDetailSerializer(detail).data, status=code)


class StrategyItem(APIView):
    permission_classes = [IsWriter]

    @extend_schema(
        summary="One strategy process: its eight steps in order and its committees",
        responses={200: StrategyDetailSerializer, **READ_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _strategy(request, pk)


class StepWriteSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=StepStatus.choices)
    started_on = serializers.DateField(required=False, allow_null=True)
    completed_on = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    skip_reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required to skip a step."
    )


class StrategyStepUpdate(APIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Update a step (staff), in the manual's order",
        description="A step is done only after the earlier ones are done or skipped with a"
        " reason; the cabinet's approval (step 6) adopts the strategy and is never skipped.",
        request=StepWriteSerializer,
        responses={200: StrategyDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int, step_pk: int):
        process = selectors.strategy_for_update(user=request.user, pk=pk)
        data = _valid(StepWriteSerializer, request)
        try:
            step = StrategyStepRecord.objects.get(pk=step_pk, process=process)
        except StrategyStepRecord.DoesNotExist:
            return Response({"detail": "No such step."}, status=status.HTTP_404_NOT_FOUND)
        services.strategy_step_update(user=request.user, step=step, **data)
        return _strategy(request, pk)


class MemberWriteSerializer(serializers.Serializer):
    committee = serializers.ChoiceField(choices=CommitteeMember.Committee.choices)
    name = serializers.CharField(max_length=200)
    institution = serializers.CharField(max_length=300)
    role = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class StrategyMembers(APIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Add a member to the steering or drafting committee (staff)",
        request=MemberWriteSerializer,
        responses={201: StrategyDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        process = selectors.strategy_for_update(user=request.user, pk=pk)
        data = _valid(MemberWriteSerializer, request)
        services.committee_member_add(user=request.user, process=process, **data)
        return _strategy(request, pk, status.HTTP_201_CREATED)


class NeedsAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    country = serializers.CharField(source="country_code")
    country_name = serializers.CharField()
    version = serializers.IntegerField()
    assessed_on = serializers.DateField()
    title = serializers.CharField()
    findings = serializers.CharField()
    priorities = serializers.CharField()
    risks = serializers.CharField()
    preparedness = serializers.CharField()
    national_committee = serializers.CharField()
    plans = serializers.ListField(child=serializers.IntegerField(), help_text="Plan ids.")
    requests = serializers.ListField(child=serializers.IntegerField(), help_text="Request ids.")


class AssessmentWriteSerializer(serializers.Serializer):
    country = serializers.CharField(max_length=2)
    assessed_on = serializers.DateField()
    title = serializers.CharField(max_length=300)
    findings = serializers.CharField()
    priorities = serializers.CharField()
    risks = serializers.CharField()
    preparedness = serializers.CharField()
    national_committee = serializers.CharField(help_text="Members and their institutions.")


class AssessmentCollection(APIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="needs_assessments_list",
        summary="Needs assessments, every version",
        description="Staff see all; focal points their countries'.",
        parameters=[OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code.")],
        responses={200: NeedsAssessmentSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request):
        rows = selectors.needs_assessment_list(
            user=request.user, country=request.query_params.get("country", "").upper()[:2]
        )
        rows = [dataclasses.asdict(r) for r in rows]
        return Response(NeedsAssessmentSerializer(rows, many=True).data)

    @extend_schema(
        summary="Record a needs assessment as the country's next version (staff)",
        request=AssessmentWriteSerializer,
        responses={201: NeedsAssessmentSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = _valid(AssessmentWriteSerializer, request)
        data["country"] = data["country"].upper()
        made = services.needs_assessment_record(user=request.user, data=data)
        row = selectors.needs_assessment_detail(user=request.user, pk=made.pk)
        return Response(NeedsAssessmentSerializer(row).data, status=status.HTTP_201_CREATED)
