"""API v1 for the roster: consultants read through the roster selectors (so the public/private
split applies), a consultant's proposed changes written through the roster services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from ipdev.roster import selectors, services
from ipdev.roster.models import Consultant, Level

from . import versions
from .errors import error_response
from .parsers import BoundedJSONParser
from .schema import INVALID, NOT_FOUND, WRITE_ERRORS
from .serializers import (
    BoundedListField,
    CodeField,
    FacetOptionSerializer,
    NamedSerializer,
    StrictSerializer,
    codes,
    text,
)


class LanguageSkillSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=Level.choices)


class ConsultantCardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    nationality = NamedSerializer()
    residence = NamedSerializer()
    gender = serializers.CharField()
    availability = serializers.CharField()
    ip_areas = NamedSerializer(many=True)
    skills = serializers.ListField(child=serializers.CharField())
    languages = LanguageSkillSerializer(many=True)
    stale = serializers.BooleanField(help_text="Not confirmed for four years.")


class DeliveredSerializer(serializers.Serializer):
    activity_id = serializers.IntegerField(source="activity.id")
    title = serializers.CharField(source="activity.title")
    role = serializers.CharField()
    year = serializers.IntegerField()


class PrivateAssignmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity_id = serializers.IntegerField()
    role = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    deliverables = serializers.CharField()
    fee = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    declaration = serializers.CharField(allow_null=True)
    rating = serializers.IntegerField(allow_null=True, help_text="Staff only.")
    evaluation = serializers.CharField(help_text="Staff only.")


class PrivateSerializer(serializers.Serializer):
    email = serializers.CharField()
    phone = serializers.CharField()
    address = serializers.CharField()
    daily_fee = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    fee_currency = serializers.CharField()
    confirmed_on = serializers.DateField()
    ethics_version = serializers.CharField()
    ethics_accepted_at = serializers.DateTimeField(allow_null=True)
    pending_change = serializers.DictField(allow_null=True)
    assignments = PrivateAssignmentSerializer(many=True)


class ConsultantProfileSerializer(ConsultantCardSerializer):
    biography = serializers.CharField()
    regions = NamedSerializer(many=True)
    countries = NamedSerializer(many=True)
    delivered = DeliveredSerializer(
        many=True, help_text="Activities whose consultants are public to this viewer."
    )
    private = PrivateSerializer(
        allow_null=True, help_text="Null except for WIPO staff and the consultant themself."
    )


class RosterPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    results = ConsultantCardSerializer(many=True, source="items")
    facets = serializers.DictField(child=FacetOptionSerializer(many=True))


class LanguageInputSerializer(serializers.Serializer):
    language = CodeField(max_length=3)
    level = serializers.ChoiceField(choices=Level.choices)


class ProfileChangeSerializer(StrictSerializer):
    """Fields a consultant may propose; an empty body confirms the profile is still current."""

    name = serializers.CharField(max_length=200, required=False)
    nationality = CodeField(max_length=2, upper=True, required=False)
    residence = CodeField(max_length=2, upper=True, required=False)
    gender = serializers.CharField(max_length=12, required=False)
    biography = text(20_000)
    skills = BoundedListField(
        child=serializers.CharField(max_length=100), max_length=30, required=False
    )
    availability = serializers.CharField(max_length=12, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = text(50)
    address = text(2000)
    daily_fee = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True
    )
    fee_currency = CodeField(max_length=3, upper=True, required=False)
    ip_areas = codes()
    regions = codes(3)
    countries = codes(2, upper=True)
    languages = BoundedListField(child=LanguageInputSerializer(), max_length=30, required=False)


class ChangeReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    data = serializers.DictField()


FACET_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in name, skills, biography."),
    *(
        OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description=desc)
        for name, desc in [
            ("ip_area", "IP area code (expertise)."),
            ("language", "Language code."),
            ("nationality", "ISO 3166-1 alpha-2 code."),
            ("gender", "female, male, other or undisclosed."),
            ("region", "UN M49 region of experience."),
        ]
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
]


class ConsultantCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="consultants_list",
        summary="Search the roster of consultants",
        description="The public roster (listed, confirmed in the last four years) with facet "
        "counts; staff see every profile. No private field appears in the list.",
        parameters=FACET_PARAMETERS,
        responses={200: RosterPageSerializer, 400: INVALID},
    )
    def get(self, request):
        query = selectors.parse(request.query_params)
        if query.errors:
            return error_response(query.errors)
        page = selectors.roster_search(user=request.user, query=query)
        url = request.build_absolute_uri()
        data = {
            "total": page.total,
            "page": page.page,
            "pages": page.pages,
            "next": replace_query_param(url, "page", page.page + 1)
            if page.page < page.pages
            else None,
            "items": page.items,
            "facets": page.facets,
        }
        return Response(RosterPageSerializer(data).data)


class ConsultantItem(versions.Versioned, APIView):
    versioned = Consultant
    permission_classes = [AllowAny]

    @extend_schema(
        summary="One consultant",
        description="Contacts, fees, assignments and pending changes only for WIPO staff and the "
        "consultant themself; evaluations only for staff.",
        responses={200: ConsultantProfileSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        profile = selectors.consultant_profile(user=request.user, pk=pk)
        return Response(ConsultantProfileSerializer(profile).data)


class ConsultantChanges(versions.Versioned, APIView):
    versioned = Consultant
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Propose changes to a profile (the consultant) for staff to validate",
        request=ProfileChangeSerializer,
        responses={201: ChangeReceiptSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        consultant = get_object_or_404(Consultant, pk=pk)
        serializer = ProfileChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "languages" in data:
            data["languages"] = [dict(item) for item in data["languages"]]
        change = services.profile_change_submit(user=request.user, consultant=consultant, data=data)
        return Response(ChangeReceiptSerializer(change).data, status=status.HTTP_201_CREATED)
