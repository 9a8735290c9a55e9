"""API v1 for planning: requests for assistance. Reads through the planning selectors; writes
through the planning services, which check who may do what (staff review and decide)."""

from __future__ import annotations

import dataclasses

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.core.bounds import INT_MAX, parse_year
from ipdev.planning import selectors, services
from ipdev.planning.models import (
    ANSWERED_CRITERIA,
    DECISIONS,
    AssistanceRequest,
    RequestKind,
    RequestStatus,
)
from ipdev.planning.services.requests import LINKS

from . import versions
from .parsers import BoundedJSONParser
from .permissions import IsWriter
from .schema import FORBIDDEN, INVALID, NOT_FOUND, UNAUTHENTICATED, WRITE_ERRORS

READ_ERRORS = {401: UNAUTHENTICATED, 403: FORBIDDEN}


class RequestRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    country = serializers.CharField(source="country_code")
    country_name = serializers.CharField()
    institution = serializers.CharField()
    status = serializers.ChoiceField(choices=RequestStatus.choices)
    submitted_on = serializers.DateField()
    preferred_start = serializers.DateField()
    short_lead_time = serializers.BooleanField(
        help_text="The desired start is less than five months after filing."
    )
    routed_to = serializers.ListField(child=serializers.CharField(), help_text="Unit codes.")
    routed_names = serializers.ListField(child=serializers.CharField(), help_text="Unit names.")


class CriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    checked = serializers.BooleanField()


class ConsultationSerializer(serializers.Serializer):
    unit = serializers.CharField()
    partner = serializers.CharField()
    consulted_on = serializers.DateField()
    summary = serializers.CharField()
    recorded_by = serializers.CharField()


class RequestDetailSerializer(serializers.Serializer):
    request = RequestRowSerializer(source="row")
    assistance_type = serializers.CharField()
    delivery_mode = serializers.CharField()
    purpose = serializers.CharField()
    development_goals = serializers.CharField()
    expected_outcome = serializers.CharField()
    beneficiaries_number = serializers.IntegerField()
    beneficiaries_profile = serializers.CharField()
    preferred_end = serializers.DateField(allow_null=True)
    project = serializers.CharField()
    rationale = serializers.CharField()
    local_partners = serializers.CharField()
    readiness = serializers.CharField()
    letter_name = serializers.CharField()
    letter_size = serializers.IntegerField()
    decision_reason = serializers.CharField(help_text="The reason the requester sees.")
    decided_on = serializers.DateField(allow_null=True)
    activity = serializers.IntegerField(source="activity_id", allow_null=True)
    framework = serializers.ChoiceField(
        choices=["", "plan_line", "strategy", "da_project"],
        help_text="What the request is part of; empty when none is linked.",
    )
    framework_label = serializers.CharField()
    needs_assessment = serializers.CharField(help_text="The needs assessment justifying it.")
    lead_days_at_decision = serializers.IntegerField(
        allow_null=True, help_text="Days from the decision to the preferred start."
    )
    short_notice_at_decision = serializers.BooleanField(
        allow_null=True, help_text="Decided less than five months before the preferred start."
    )
    criteria = serializers.SerializerMethodField(help_text="Staff only; empty for requesters.")
    review_notes = serializers.CharField(help_text="Staff only.")
    consultations = ConsultationSerializer(many=True, help_text="Staff only.")
    consultation_waiver = serializers.CharField(help_text="Staff only.")
    no_framework_reason = serializers.CharField(help_text="Staff only.")

    def get_criteria(self, obj) -> list[dict]:
        rows = [{"name": n, "label": label, "checked": c} for n, label, c in obj.criteria]
        return CriterionSerializer(rows, many=True).data


class RequestFileSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    country = serializers.CharField(max_length=2)
    institution = serializers.CharField(max_length=300)
    title = serializers.CharField(max_length=300)
    assistance_type = serializers.CharField(help_text="Activity category code.")
    delivery_mode = serializers.CharField(required=False, allow_blank=True)
    purpose = serializers.CharField(required=False, allow_blank=True)
    development_goals = serializers.CharField(required=False, allow_blank=True)
    expected_outcome = serializers.CharField(required=False, allow_blank=True)
    beneficiaries_number = serializers.IntegerField(min_value=0)
    beneficiaries_profile = serializers.CharField(required=False, allow_blank=True)
    preferred_start = serializers.DateField()
    preferred_end = serializers.DateField(required=False, allow_null=True)
    project = serializers.CharField(required=False, allow_blank=True, max_length=300)
    rationale = serializers.CharField(required=False, allow_blank=True)
    local_partners = serializers.CharField(required=False, allow_blank=True)
    readiness = serializers.CharField(required=False, allow_blank=True)
    plan_line = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=INT_MAX,
        help_text="The line of the country's plan the request is part of.",
    )
    needs_assessment = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=INT_MAX,
        help_text="The country's needs assessment that justifies the request.",
    )
    letter = serializers.FileField(help_text="The official letter (PDF, office document, image).")


def _link(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=INT_MAX, help_text=help_text
    )


class ReviewSerializer(serializers.Serializer):
    criteria = serializers.DictField(
        child=serializers.BooleanField(),
        help_text="Each answered true or false: "
        f"{', '.join(ANSWERED_CRITERIA)}. 'in_plan' is not given: it follows from the links.",
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    plan_line = _link("Id of the plan line the request is part of.")
    strategy = _link("Id of the national IP strategy process it is part of.")
    da_project = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=40,
        help_text="Code of the WIPO or Development Agenda project it is part of.",
    )
    needs_assessment = _link("Id of the needs assessment that justifies it.")


class ConsultationWriteSerializer(serializers.Serializer):
    unit = serializers.CharField(required=False, allow_blank=True, help_text="WIPO unit code.")
    partner = serializers.CharField(required=False, allow_blank=True, max_length=300)
    consulted_on = serializers.DateField()
    summary = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[(d.value, d.label) for d in DECISIONS])
    reason = serializers.CharField(help_text="Seen by the requester.")
    consultation_waiver = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when no consultation was recorded: why none was needed.",
    )
    no_framework_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Required to approve a request linked to no plan line, strategy or project.",
    )
    delivery_mode = serializers.CharField(required=False, allow_blank=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)


class ReportRowSerializer(serializers.Serializer):
    country = serializers.CharField(source="country_code")
    country_name = serializers.CharField()
    year = serializers.IntegerField()
    requested = serializers.IntegerField()
    approved = serializers.IntegerField()
    deferred = serializers.IntegerField()
    declined = serializers.IntegerField()
    pending = serializers.IntegerField()
    delivered = serializers.IntegerField()
    mean_lead_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)
    mean_decision_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    detail = selectors.request_detail(user=request.user, pk=pk)
    return Response(RequestDetailSerializer(detail).data, status=code)


class RequestCollection(APIView):
    permission_classes = [IsWriter]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="requests_list",
        summary="Requests for assistance",
        description="Staff see all requests; focal points their countries'.",
        parameters=[
            OpenApiParameter("status", str, enum=RequestStatus.values),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code."),
            OpenApiParameter("mine", bool, description="Staff: only those routed to their units."),
        ],
        responses={200: RequestRowSerializer(many=True), **READ_ERRORS},
    )
    def get(self, request):
        params = request.query_params
        rows = selectors.request_list(
            user=request.user,
            status=params.get("status", ""),
            country=params.get("country", "").upper(),
            mine=params.get("mine") in {"1", "true"},
        )
        return Response(RequestRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data)

    @extend_schema(
        summary="File a request for assistance (multipart, with the official letter)",
        request={"multipart/form-data": RequestFileSerializer},
        responses={201: RequestDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = _valid(RequestFileSerializer, request)
        letter = data.pop("letter")
        filed = services.request_file(user=request.user, data=data, letter=letter)
        return _detail(request, filed.pk, status.HTTP_201_CREATED)


class RequestItem(versions.Versioned, APIView):
    versioned = AssistanceRequest
    permission_classes = [IsWriter]

    @extend_schema(
        summary="One request",
        description="The requester sees the decision and its reason; the review is staff only.",
        responses={200: RequestDetailSerializer, **READ_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _detail(request, pk)


class RequestReview(versions.Versioned, APIView):
    versioned = AssistanceRequest
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Record the approval criteria and what the request is part of (staff)",
        request=ReviewSerializer,
        responses={200: RequestDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        filed = selectors.request_for_update(user=request.user, pk=pk)
        data = _valid(ReviewSerializer, request)
        links = {k: data.pop(k) for k in LINKS if k in data}
        services.request_review(user=request.user, request=filed, links=links, **data)
        return _detail(request, pk)


class RequestConsultations(APIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Record a consultation with another unit or a partner (staff)",
        request=ConsultationWriteSerializer,
        responses={201: RequestDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        filed = selectors.request_for_update(user=request.user, pk=pk)
        data = _valid(ConsultationWriteSerializer, request)
        services.consultation_record(user=request.user, request=filed, **data)
        return _detail(request, pk, status.HTTP_201_CREATED)


class RequestDecision(versions.Versioned, APIView):
    versioned = AssistanceRequest
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Approve, defer or decline (staff); approval plans a TAD activity",
        request=DecisionSerializer,
        responses={200: RequestDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        filed = selectors.request_for_update(user=request.user, pk=pk)
        data = _valid(DecisionSerializer, request)
        activity = {
            k: data.pop(k) for k in ("delivery_mode", "start_date", "end_date") if k in data
        }
        services.request_decide(user=request.user, request=filed, activity=activity, **data)
        return _detail(request, pk)


class RequestReport(APIView):
    permission_classes = [IsWriter]

    @extend_schema(
        summary="Requested vs delivered per country and year (staff)",
        parameters=[
            OpenApiParameter("year", int, description="Year of filing."),
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code."),
        ],
        responses={200: ReportRowSerializer(many=True), 400: INVALID, **READ_ERRORS},
    )
    def get(self, request):
        rows = selectors.requests_report(
            user=request.user,
            year=parse_year(request.query_params.get("year"), field="year"),
            country=request.query_params.get("country", "").upper(),
        )
        return Response(ReportRowSerializer(rows, many=True).data)
