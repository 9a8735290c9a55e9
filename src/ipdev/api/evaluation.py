"""API v1 for evaluation: surveys with their statistics, answering by personal link, and the
yearly Development Agenda review. Staff only, except answering, where the token is the key."""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.activities.visibility import Viewer
from ipdev.core.bounds import parse_id, parse_year
from ipdev.evaluation import selectors, services
from ipdev.evaluation.models import Survey

from . import versions
from .parsers import BoundedJSONParser
from .schema import FORBIDDEN, INVALID, NOT_FOUND, UNAUTHENTICATED, error

STAFF_ERRORS = {401: UNAUTHENTICATED, 403: FORBIDDEN}


class IsStaff(BasePermission):
    message = "Only WIPO staff may do this."

    def has_permission(self, request, view) -> bool:
        return (
            bool(request.user and request.user.is_authenticated) and Viewer.of(request.user).staff
        )


class SurveyRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField()
    activity = serializers.IntegerField(source="activity_pk")
    activity_title = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    invited = serializers.IntegerField()
    responded = serializers.IntegerField()
    response_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()
    kind = serializers.CharField()
    answers = serializers.IntegerField()
    result = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    distribution = serializers.DictField(child=serializers.IntegerField())
    indicator = serializers.IntegerField(source="indicator_pk", allow_null=True)


class SurveyDetailSerializer(serializers.Serializer):
    survey = SurveyRowSerializer(source="row")
    audience = serializers.CharField()
    months_after = serializers.IntegerField()
    closes_on = serializers.DateField(allow_null=True)
    questions = QuestionResultSerializer(many=True)


class ReviewRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    activities = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=18, decimal_places=2)
    project_activities = serializers.IntegerField(
        help_text="Of the activities, those serving a Development Agenda project."
    )
    approved_results = serializers.IntegerField()
    surveys = serializers.IntegerField()
    invited = serializers.IntegerField()
    responded = serializers.IntegerField()
    response_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class ClusterSerializer(serializers.Serializer):
    cluster = ReviewRowSerializer()
    recommendations = ReviewRowSerializer(many=True)


class DAReviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    totals = ReviewRowSerializer()
    clusters = ClusterSerializer(many=True)


class AnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        help_text="Answers keyed `q<question id>`: 1-5 for ratings, `yes`/`no`, a number or text.",
    )


class SurveyCollection(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="surveys_list",
        summary="Surveys with their response rates (staff)",
        parameters=[OpenApiParameter("activity", int, description="Activity id.")],
        responses={200: SurveyRowSerializer(many=True), 400: INVALID, **STAFF_ERRORS},
    )
    def get(self, request):
        activity = parse_id(request.query_params.get("activity"), field="activity")
        rows = selectors.survey_list(user=request.user, activity=activity)
        return Response(SurveyRowSerializer([dataclasses.asdict(r) for r in rows], many=True).data)


class SurveyItem(versions.Versioned, APIView):
    versioned = Survey
    permission_classes = [IsStaff]

    @extend_schema(
        summary="One survey: questions and their results (staff)",
        responses={200: SurveyDetailSerializer, **STAFF_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return Response(
            SurveyDetailSerializer(selectors.survey_detail(user=request.user, pk=pk)).data
        )


class SurveyAnswer(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Answer a survey with a personal link's token (no account)",
        request=AnswersSerializer,
        responses={201: None, 400: INVALID, 403: error("The token is not valid.")},
    )
    def post(self, request, token: str):
        serializer = AnswersSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.response_submit(token=token, answers=serializer.validated_data["answers"])
        return Response(status=status.HTTP_201_CREATED)


class DAReviewView(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="da_review",
        summary="The yearly Development Agenda review (recommendation 33; staff)",
        parameters=[OpenApiParameter("year", int, required=True)],
        responses={200: DAReviewSerializer, 400: INVALID, **STAFF_ERRORS},
    )
    def get(self, request):
        year = parse_year(request.query_params.get("year"), field="year")
        if year is None:
            raise serializers.ValidationError({"year": [_("This field is required.")]})
        review = selectors.da_review(user=request.user, year=year)
        data = {
            "year": review.year,
            "totals": review.totals,
            "clusters": [{"cluster": c, "recommendations": m} for c, m in review.clusters],
        }
        return Response(DAReviewSerializer(data).data)
