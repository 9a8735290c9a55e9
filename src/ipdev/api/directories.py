"""API v1 for the knowledge directories: each directory a public list with `q` and the same
filters as its page (read through ipdev.directories.selectors), one entry each, and the public
suggestion of a correction or a new entry (written through ipdev.directories.services)."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from ipdev.directories import selectors, suggestions
from ipdev.directories.models import Directory

from .errors import error_response
from .parsers import BoundedJSONParser
from .schema import INVALID, NOT_FOUND
from .serializers import FacetOptionSerializer, NamedSerializer, StrictSerializer

MAX_PER_PAGE = 500


class VerifiedSerializer(serializers.Serializer):
    last_verified = serializers.DateField()
    stale = serializers.BooleanField(help_text="Not verified for two years: to be reviewed.")
    demo = serializers.BooleanField(help_text="Example data loaded by `ipdev demo`.")


class ResourceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    availability = serializers.CharField(help_text="yes, partial, no or unknown.")
    url = serializers.CharField()
    languages = NamedSerializer(many=True)
    cost = serializers.CharField(help_text="free, registration, paid or unknown.")
    coverage_from = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField()


class RegisterSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="WIPO ST.3 code.")
    name = serializers.CharField()
    kind = serializers.CharField(help_text="country, regional or international.")
    office = serializers.CharField()
    resources = serializers.DictField(child=ResourceSerializer())
    legal_status = NamedSerializer(many=True, help_text="WIPO ST.27 categories shown.")
    search_tips = serializers.CharField()
    sample_numbers = serializers.CharField()
    verified = VerifiedSerializer()


class DatabaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    provider = serializers.CharField()
    kind = serializers.CharField()
    access = serializers.CharField()
    aspi_partner = serializers.BooleanField()
    url = serializers.CharField()
    coverage_countries = NamedSerializer(many=True)
    coverage_from = serializers.IntegerField(allow_null=True)
    languages = NamedSerializer(many=True)
    interfaces = NamedSerializer(many=True)
    features = serializers.DictField(child=serializers.BooleanField())
    summary = serializers.CharField()
    reviewed_on = serializers.DateField()
    verified = VerifiedSerializer()


class LandscapeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    publisher_kind = serializers.CharField()
    publisher = serializers.CharField()
    series = serializers.CharField()
    field = serializers.CharField()
    countries = NamedSerializer(many=True)
    year = serializers.IntegerField()
    languages = NamedSerializer(many=True)
    summary = serializers.CharField()
    url = serializers.CharField()
    has_file = serializers.BooleanField()
    verified = VerifiedSerializer()


class PolicySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    institution_id = serializers.IntegerField()
    institution = serializers.CharField()
    institution_type = serializers.CharField()
    ror = serializers.CharField()
    country = NamedSerializer()
    year = serializers.IntegerField()
    types = NamedSerializer(many=True)
    language = NamedSerializer()
    url = serializers.CharField()
    has_document = serializers.BooleanField()
    verified = VerifiedSerializer()


def _page_serializer(name: str, item) -> type[serializers.Serializer]:
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(source="total"),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "results": item(many=True, source="items"),
            "facets": serializers.DictField(child=FacetOptionSerializer(many=True)),
        },
    )


def _parameters(facets: dict[str, str]) -> list[OpenApiParameter]:
    return [
        OpenApiParameter("q", OpenApiTypes.STR, description="Words to search for."),
        *(
            OpenApiParameter(name, OpenApiTypes.STR, many=True, explode=True, description=desc)
            for name, desc in facets.items()
        ),
        OpenApiParameter("page", OpenApiTypes.INT),
        OpenApiParameter("per_page", OpenApiTypes.INT, description=f"At most {MAX_PER_PAGE}."),
    ]


def _per_page(request) -> tuple[int | None, dict[str, str]]:
    raw = request.query_params.get("per_page") or "50"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PER_PAGE:
        return None, {"per_page": f"Enter a whole number from 1 to {MAX_PER_PAGE}."}
    return int(raw), {}


def _listing_response(request, query, search, page_serializer) -> Response:
    per_page, errors = _per_page(request)
    errors = {**query.errors, **errors}
    if errors:
        return error_response(errors)
    listing = search(query=query, per_page=per_page)
    url = request.build_absolute_uri()
    data = {
        "total": listing.total,
        "page": listing.page,
        "pages": listing.pages,
        "next": replace_query_param(url, "page", listing.page + 1)
        if listing.page < listing.pages
        else None,
        "items": listing.items,
        "facets": listing.facets,
    }
    return Response(page_serializer(data).data)


AVAILABILITY = "yes, partial, no or unknown"
RegisterPage = _page_serializer("RegisterPageSerializer", RegisterSerializer)
DatabasePage = _page_serializer("DatabasePageSerializer", DatabaseSerializer)
LandscapePage = _page_serializer("LandscapePageSerializer", LandscapeSerializer)
PolicyPage = _page_serializer("PolicyPageSerializer", PolicySerializer)


class RegisterCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="registers_list",
        summary="Patent register files by jurisdiction (WIPO ST.3 codes)",
        parameters=_parameters(
            {
                "kind": "Jurisdiction kind: country, regional, international.",
                "register": f"Online register: {AVAILABILITY}.",
                "file_inspection": f"File inspection: {AVAILABILITY}.",
                "gazette": f"Gazette: {AVAILABILITY}.",
                "spc": f"Supplementary protection certificates: {AVAILABILITY}.",
                "publications": f"Publications: {AVAILABILITY}.",
                "bulk": f"Legal-status data in bulk or by API: {AVAILABILITY}.",
                "cost": "Cost of the online register: free, registration, paid, unknown.",
                "language": "Language code of any resource.",
                "legal_status": "WIPO ST.27 category letter; several: all of them.",
                "verification": "current or stale (not verified for two years).",
            }
        ),
        responses={200: RegisterPage, 400: INVALID},
    )
    def get(self, request):
        query = selectors.register_parse(request.query_params)
        query.errors.pop("map", None)
        return _listing_response(request, query, selectors.register_table, RegisterPage)


class RegisterItem(APIView):
    permission_classes = [AllowAny]

    @extend_schema(summary="One register file", responses={200: RegisterSerializer, 404: NOT_FOUND})
    def get(self, request, code: str):
        return Response(RegisterSerializer(selectors.register_file(code=code)).data)


class DatabaseCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="database_reports_list",
        summary="Patent database reports",
        parameters=_parameters(
            {
                "kind": "national, international, commercial, academic.",
                "access": "free, freemium, paid.",
                "aspi": "yes or no: an ASPI partner.",
                "feature": "boolean_search, semantic_search, classification_search, "
                "chemical_search, sequence_search, crosslingual_search, full_text, export, "
                "analytics; several: all of them.",
                "interface": "web, api, bulk.",
                "country": "ST.3 code of a country or office covered.",
                "language": "Interface language code.",
                "coverage": "Decade from which the database covers documents, e.g. 1970.",
                "reviewed": "Year of the review.",
            }
        ),
        responses={200: DatabasePage, 400: INVALID},
    )
    def get(self, request):
        query = selectors.database_parse(request.query_params)
        return _listing_response(request, query, selectors.database_search, DatabasePage)


class LandscapeCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="landscape_reports_list",
        summary="Patent landscape reports",
        parameters=_parameters(
            {
                "publisher": "wipo or other.",
                "series": "plr (patent landscape report) or witt (WIPO Technology Trends).",
                "field": "Technology field code.",
                "country": "ST.3 code.",
                "year": "Year of publication.",
                "language": "Language code.",
            }
        ),
        responses={200: LandscapePage, 400: INVALID},
    )
    def get(self, request):
        query = selectors.landscape_parse(request.query_params)
        return _listing_response(request, query, selectors.landscape_search, LandscapePage)


class PolicyCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="policies_list",
        summary="Institutional IP policies (q searches their full text)",
        parameters=_parameters(
            {
                "country": "ISO 3166-1 alpha-2 code of the institution.",
                "institution_type": "university, research, hospital, park, other.",
                "type": "ip, consulting, copyright, conflict, software, open_access, spinoff.",
                "year": "Year of the policy.",
                "language": "Language code.",
            }
        ),
        responses={200: PolicyPage, 400: INVALID},
    )
    def get(self, request):
        query = selectors.policy_parse(request.query_params)
        return _listing_response(request, query, selectors.policy_search, PolicyPage)


class SuggestionInput(StrictSerializer):
    directory = serializers.ChoiceField(choices=Directory.choices)
    entry = serializers.CharField(max_length=40, required=False, allow_blank=True)
    message = serializers.CharField(max_length=5000)
    proposed = serializers.DictField(
        required=False,
        help_text="The values proposed, by field name (a text, or a list of texts); the fields "
        "of each directory: "
        + "; ".join(f"{d}: {', '.join(f)}" for d, f in suggestions.FIELDS.items()),
    )
    source = serializers.URLField(max_length=500, required=False, allow_blank=True)
    contact = serializers.EmailField(required=False, allow_blank=True)


class SuggestionReceipt(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class SuggestionThrottle(AnonRateThrottle):
    """IPDEV_SUGGESTIONS_PER_HOUR a client address, as on the public form."""

    def get_rate(self) -> str:
        return f"{settings.IPDEV_SUGGESTIONS_PER_HOUR}/hour"


class SuggestionCollection(APIView):
    permission_classes = [AllowAny]
    parser_classes = [BoundedJSONParser]
    throttle_classes = [SuggestionThrottle]

    @extend_schema(
        operation_id="directory_suggestions_create",
        summary="Suggest a correction or a new entry (anyone); it waits for staff",
        request=SuggestionInput,
        responses={201: SuggestionReceipt, 400: INVALID},
    )
    def post(self, request):
        serializer = SuggestionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = suggestions.suggestion_submit(
            user=request.user, data=serializer.validated_data, language=request.LANGUAGE_CODE
        )
        return Response(SuggestionReceipt(made).data, status=status.HTTP_201_CREATED)
