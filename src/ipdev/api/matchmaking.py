"""API v1 for WIPO Match: needs, offers, their assessment, suggestions and matches.

Reads go through the matchmaking selectors (who sees which listing, contacts only for the
parties), writes through the matchmaking services (which check who may write).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.activities.models import Activity
from ipdev.core.bounds import whole_number
from ipdev.core.translations import CONTENT_LANGUAGES
from ipdev.matchmaking import selectors, services
from ipdev.matchmaking.models import Match, Need, Offer, State, SupportType
from ipdev.matchmaking.permissions import is_staff, may_manage, may_offer, require

from . import versions
from .errors import error_response
from .parsers import BoundedJSONParser
from .schema import INVALID, NOT_FOUND, WRITE_ERRORS
from .serializers import BoundedListField, CodeField, NamedSerializer, StrictSerializer, codes, text

KINDS = [("need", "Need"), ("offer", "Offer")]
MOVES = [s for s in Match.State.choices if s[0] not in {"proposed", "agreed"}]


class ReadAnyoneWriteSignedIn(BasePermission):
    """Anyone reads (the selectors decide what); writing needs a signed-in user (the services
    decide who: seekers for needs, providers for offers, staff for assessments)."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


# Output


class ListingSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS)
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    text_language = serializers.CharField(
        help_text="The language the title and description are written in."
    )
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()),
        help_text="Title and description per other language code.",
    )
    state = serializers.ChoiceField(choices=State.choices)
    support_types = NamedSerializer(many=True)
    ip_areas = NamedSerializer(many=True)
    languages = NamedSerializer(many=True)
    currency = serializers.CharField()
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    organisation = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    assessment_comment = serializers.CharField(
        allow_null=True, help_text="WIPO's comment; only for the owner and staff."
    )
    contact_name = serializers.CharField(
        allow_null=True, help_text="Only for the owner, staff and the other side in contact."
    )
    contact_email = serializers.CharField(allow_null=True)


class NeedSerializer(ListingSerializer):
    country = NamedSerializer()
    beneficiaries = serializers.CharField()
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class OfferSerializer(ListingSerializer):
    eligible_countries = NamedSerializer(many=True)
    eligible_groups = serializers.ListField(child=serializers.CharField())
    ldc_transition_years = serializers.IntegerField(
        help_text="Years a country that left the LDC list stays eligible (0: none)."
    )
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    capacity = serializers.CharField()


def _page_serializer(name: str, item):
    return type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(source="total"),
            "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": item(many=True, source="items"),
        },
    )


NeedPageSerializer = _page_serializer("NeedPage", NeedSerializer)
OfferPageSerializer = _page_serializer("OfferPage", OfferSerializer)


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    score = serializers.FloatField(
        help_text="Relevance from 0 to 1; for another type of support, the relevance x 0.7."
    )
    shared_areas = NamedSerializer(many=True)
    related_areas = NamedSerializer(
        many=True, help_text="Areas of the suggestion related to the listing's (partial overlap)."
    )
    matching_terms = serializers.ListField(
        child=serializers.CharField(),
        help_text="The words both texts use, as the suggestion writes them (no places or "
        "languages).",
    )
    same_support_type = serializers.BooleanField(
        help_text="false: the suggestion offers (or asks for) another type of support."
    )
    support_types = NamedSerializer(many=True, help_text="The suggestion's types of support.")
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="Why it ranks, in the request's language: areas, words, eligibility, support.",
    )
    url = serializers.CharField(help_text="The portal page of the suggested listing.")


class MatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=Match.State.choices)
    match_type = serializers.ChoiceField(choices=Match.Type.choices)
    need = NeedSerializer()
    offer = OfferSerializer()
    facilitator = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
    seeker_agreed = serializers.BooleanField()
    provider_agreed = serializers.BooleanField()
    agreement = serializers.CharField()
    outcome = serializers.CharField()
    activity_ids = serializers.ListField(child=serializers.IntegerField())
    updated_at = serializers.DateTimeField()


# Input


class ListingWriteSerializer(StrictSerializer):
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20_000)
    text_language = serializers.ChoiceField(
        choices=list(CONTENT_LANGUAGES),
        required=False,
        help_text="ISO 639-1 code of the title and description (default en).",
    )
    translations = serializers.JSONField(
        required=False,
        help_text='Title and description in other UN languages: {"fr": {"title": "...", '
        '"description": "..."}} (keys ar, zh, en, fr, ru, es).',
    )
    support_types = BoundedListField(
        child=serializers.ChoiceField(choices=SupportType.choices), max_length=3
    )
    ip_areas = codes(help_text="IP area codes.")
    languages = codes(3, help_text="Language codes.")
    currency = CodeField(max_length=3, upper=True, required=False)
    period_start = serializers.DateField(required=False, allow_null=True)
    period_end = serializers.DateField(required=False, allow_null=True)
    organisation = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    contact_name = text(200)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


class NeedWriteSerializer(ListingWriteSerializer):
    country = CodeField(max_length=2, upper=True, help_text="ISO 3166-1 alpha-2.")
    beneficiaries = text(5000)
    budget = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0
    )


class OfferWriteSerializer(ListingWriteSerializer):
    eligible_countries = codes(2, upper=True, help_text="Empty: any country.")
    eligible_groups = BoundedListField(
        child=serializers.ChoiceField(choices=["ldc", "developing", "transition", "developed"]),
        max_length=4,
        required=False,
    )
    ldc_transition_years = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=12,
        help_text="With the ldc group: years a country that left the LDC list stays eligible.",
    )
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, min_value=0
    )
    capacity = text(300)


class AssessmentSerializer(StrictSerializer):
    publish = serializers.BooleanField(help_text="true: publish; false: return for revision.")
    comment = text(5000, help_text="Required when returning.")


class MatchProposeSerializer(StrictSerializer):
    need = serializers.IntegerField(min_value=1)
    offer = serializers.IntegerField(min_value=1)
    facilitator = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class MatchStateSerializer(StrictSerializer):
    state = serializers.ChoiceField(choices=MOVES)
    note = text(5000, help_text="Required to abandon; the outcome when completing.")


class MatchAgreeSerializer(StrictSerializer):
    side = serializers.ChoiceField(
        choices=["seeker", "provider"], required=False, help_text="Staff only: which side."
    )
    agreement = text(5000)


class MatchActivitySerializer(StrictSerializer):
    activity = serializers.IntegerField(min_value=1)


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


LIST_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in the title or description."),
    OpenApiParameter("ip_area", OpenApiTypes.STR, description="IP area code."),
    OpenApiParameter("support_type", OpenApiTypes.STR, enum=SupportType.values),
    OpenApiParameter("state", OpenApiTypes.STR, enum=State.values),
    OpenApiParameter("page", OpenApiTypes.INT),
]


def _listing_views(kind: str, model, read, write, page_serializer, detail_selector, suggest):
    """The collection, item, submit, assessment and suggestions views of needs or offers."""
    create = services.need_create if kind == "need" else services.offer_create

    def may_create(user) -> bool:
        # The service checks the need's country; at the door, anyone who seeks for some country.
        return (
            may_offer(user)
            if kind == "offer"
            else (is_staff(user) or bool(user.focal_country_codes()))
        )

    other = "offers" if kind == "need" else "needs"

    class Collection(APIView):
        permission_classes = [ReadAnyoneWriteSignedIn]
        parser_classes = [BoundedJSONParser]

        @extend_schema(
            operation_id=f"{kind}s_list",
            summary=f"Search {kind}s",
            description="The public sees published ones; owners also their own; staff all.",
            parameters=LIST_PARAMETERS
            + (
                [OpenApiParameter("country", OpenApiTypes.STR, description="ISO code.")]
                if kind == "need"
                else []
            ),
            responses={200: page_serializer, 400: INVALID},
        )
        def get(self, request):
            page, errors = selectors.listing_search(
                user=request.user, kind=kind, params=request.query_params
            )
            if errors:
                return error_response(errors)
            return Response(page_serializer(page).data)

        @extend_schema(
            operation_id=f"{kind}s_create",
            summary=f"Write a {kind} (a draft)",
            request=write,
            responses={201: read, **WRITE_ERRORS},
        )
        def post(self, request):
            refusal = (
                _("You may not write a need.")
                if kind == "need"
                else _("You may not write an offer.")
            )
            require(may_create(request.user), refusal)
            listing = create(user=request.user, data=_valid(write, request))
            return Response(
                read(detail_selector(user=request.user, pk=listing.pk)).data,
                status=status.HTTP_201_CREATED,
            )

    class Item(versions.Versioned, APIView):
        versioned = model
        permission_classes = [ReadAnyoneWriteSignedIn]
        parser_classes = [BoundedJSONParser]

        @extend_schema(
            operation_id=f"{kind}s_retrieve",
            summary=f"One {kind}",
            responses={200: read, 404: NOT_FOUND},
        )
        def get(self, request, pk: int):
            return Response(read(detail_selector(user=request.user, pk=pk)).data)

        @extend_schema(
            operation_id=f"{kind}s_partial_update",
            summary=f"Change a draft or returned {kind}",
            request=write,
            responses={200: read, **WRITE_ERRORS, 404: NOT_FOUND},
        )
        def patch(self, request, pk: int):
            detail_selector(user=request.user, pk=pk)  # 404 unless visible
            listing = get_object_or_404(model, pk=pk)
            require(may_manage(request.user, listing), _("You may not change this."))
            data = _valid(write, request, partial=True)
            services.listing_update(
                user=request.user, listing=listing, data=data, based_on=self.based_on
            )
            return Response(read(detail_selector(user=request.user, pk=pk)).data)

    class Submit(versions.Versioned, APIView):
        versioned = model
        permission_classes = [IsAuthenticated]

        @extend_schema(
            operation_id=f"{kind}s_submit",
            summary=f"Send a {kind} to WIPO for assessment",
            request=None,
            responses={200: read, **WRITE_ERRORS, 404: NOT_FOUND},
        )
        def post(self, request, pk: int):
            detail_selector(user=request.user, pk=pk)
            services.listing_submit(user=request.user, listing=get_object_or_404(model, pk=pk))
            return Response(read(detail_selector(user=request.user, pk=pk)).data)

    class Assessment(versions.Versioned, APIView):
        versioned = model
        permission_classes = [IsAuthenticated]
        parser_classes = [BoundedJSONParser]

        @extend_schema(
            operation_id=f"{kind}s_assess",
            summary=f"WIPO assessment of a {kind}: publish, or return with a comment (staff)",
            request=AssessmentSerializer,
            responses={200: read, **WRITE_ERRORS, 404: NOT_FOUND},
        )
        def post(self, request, pk: int):
            require(is_staff(request.user), _("Only WIPO staff assess needs and offers."))
            data = _valid(AssessmentSerializer, request)
            listing = get_object_or_404(model, pk=pk)
            services.listing_assess(user=request.user, listing=listing, **data)
            return Response(read(detail_selector(user=request.user, pk=pk)).data)

    class Suggestions(APIView):
        permission_classes = [AllowAny]

        @extend_schema(
            operation_id=f"{kind}s_suggestions",
            summary=f"Ranked {other} for this {kind}, each with why it ranks",
            parameters=[OpenApiParameter("limit", OpenApiTypes.INT, description="1 to 50.")],
            responses={200: SuggestionSerializer(many=True), 400: INVALID, 404: NOT_FOUND},
        )
        def get(self, request, pk: int):
            raw = request.query_params.get("limit", "10")
            limit = whole_number(raw)
            if limit is None or not 1 <= limit <= 50:
                return error_response({"limit": _("A whole number from 1 to 50.")})
            found = suggest(user=request.user, pk=pk, limit=limit)
            return Response(SuggestionSerializer(found, many=True).data)

    return Collection, Item, Submit, Assessment, Suggestions


(
    NeedCollection,
    NeedItem,
    NeedSubmit,
    NeedAssessment,
    NeedSuggestions,
) = _listing_views(
    "need",
    Need,
    NeedSerializer,
    NeedWriteSerializer,
    NeedPageSerializer,
    selectors.need_detail,
    selectors.need_suggestions,
)
(
    OfferCollection,
    OfferItem,
    OfferSubmit,
    OfferAssessment,
    OfferSuggestions,
) = _listing_views(
    "offer",
    Offer,
    OfferSerializer,
    OfferWriteSerializer,
    OfferPageSerializer,
    selectors.offer_detail,
    selectors.offer_suggestions,
)


class MatchCollection(APIView):
    permission_classes = [ReadAnyoneWriteSignedIn]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="matches_list",
        summary="Matches",
        description="The public sees successful matches (agreed, in progress, completed); the "
        "two sides see theirs; staff all.",
        parameters=[OpenApiParameter("successful", OpenApiTypes.BOOL)],
        responses={200: MatchSerializer(many=True)},
    )
    def get(self, request):
        successful = request.query_params.get("successful", "") in {"1", "true", "yes"}
        found = selectors.match_list(user=request.user, successful_only=successful)
        return Response(MatchSerializer(found, many=True).data)

    @extend_schema(
        operation_id="matches_create",
        summary="Propose a match (the seeker, the provider or staff)",
        request=MatchProposeSerializer,
        responses={201: MatchSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        user = request.user
        require(
            is_staff(user) or may_offer(user) or bool(user.focal_country_codes()),
            _("Only the seeker, the provider or WIPO staff propose a match."),
        )
        data = _valid(MatchProposeSerializer, request)
        need = Need.objects.filter(pk=data["need"]).first()
        offer = Offer.objects.filter(pk=data["offer"]).first()
        missing = {k: "No such listing." for k, v in (("need", need), ("offer", offer)) if not v}
        if missing:
            return error_response(missing)
        match = services.match_propose(
            user=request.user, need=need, offer=offer, facilitator=data.get("facilitator")
        )
        return Response(
            MatchSerializer(selectors.match_detail(user=request.user, pk=match.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class MatchItem(versions.Versioned, APIView):
    versioned = Match
    permission_classes = [AllowAny]

    @extend_schema(summary="One match", responses={200: MatchSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return Response(MatchSerializer(selectors.match_detail(user=request.user, pk=pk)).data)


class MatchState(versions.Versioned, APIView):
    versioned = Match
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Move a match: in contact, in progress, completed or abandoned",
        request=MatchStateSerializer,
        responses={200: MatchSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        selectors.match_detail(user=request.user, pk=pk)
        data = _valid(MatchStateSerializer, request)
        services.match_advance(user=request.user, match=get_object_or_404(Match, pk=pk), **data)
        return Response(MatchSerializer(selectors.match_detail(user=request.user, pk=pk)).data)


class MatchAgreement(versions.Versioned, APIView):
    versioned = Match
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Record one side's agreement; with both, the match is agreed",
        request=MatchAgreeSerializer,
        responses={200: MatchSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        selectors.match_detail(user=request.user, pk=pk)
        data = _valid(MatchAgreeSerializer, request)
        services.match_agree(user=request.user, match=get_object_or_404(Match, pk=pk), **data)
        return Response(MatchSerializer(selectors.match_detail(user=request.user, pk=pk)).data)


class MatchActivities(versions.Versioned, APIView):
    versioned = Match
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Link a TAD activity the match led to (staff)",
        request=MatchActivitySerializer,
        responses={200: MatchSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        require(is_staff(request.user), _("Only WIPO staff link activities."))
        data = _valid(MatchActivitySerializer, request)
        match = get_object_or_404(Match, pk=pk)
        activity = Activity.objects.filter(pk=data["activity"]).first()
        if activity is None:
            return error_response({"activity": _("No such activity.")})
        services.match_link_activity(user=request.user, match=match, activity=activity)
        return Response(MatchSerializer(selectors.match_detail(user=request.user, pk=pk)).data)
