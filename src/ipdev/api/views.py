"""API v1 views: parse the input, call one selector or service, render.

Activity details are read only through the activities selectors, so the consent rule applies;
writes go only through the activities services, which check who may write.
"""

from __future__ import annotations

import hashlib
import json

from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from ipdev.activities import filters, selectors, services
from ipdev.activities.models import Activity, Consent
from ipdev.activities.permissions import require_edit
from ipdev.activities.visibility import Viewer
from ipdev.core.bounds import whole_number
from ipdev.reference.models import Country

from . import serializers as s
from . import versions
from .errors import error_response
from .pagination import Pagination
from .parsers import BoundedJSONParser
from .permissions import IsWriter, PublicReadWriterWrite
from .reference import LISTS
from .schema import (
    FORBIDDEN,
    INVALID,
    NOT_FOUND,
    SEARCH_PARAMETERS,
    UNAUTHENTICATED,
    WRITE_ERRORS,
    error,
)


def _valid(serializer_class, request, **kwargs) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _detail(request, pk: int, code: int = status.HTTP_200_OK) -> Response:
    detail = selectors.activity_detail(user=request.user, pk=pk)
    return Response(s.ActivityDetailSerializer(detail, context={"request": request}).data, code)


def _envelope(request, page: selectors.ActivityPage) -> dict:
    """The page with links to its neighbours, as ActivityPageSerializer reads it."""
    url = request.build_absolute_uri()
    last = page.pages
    return {
        "total": page.total,
        "page": page.page,
        "pages": last,
        "next": replace_query_param(url, "page", page.page + 1) if page.page < last else None,
        "previous": replace_query_param(url, "page", min(page.page - 1, last))
        if page.page > 1
        else None,
        "items": page.items,
        "facets": page.facets,
    }


class ActivityCollection(APIView):
    permission_classes = [PublicReadWriterWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="activities_list",
        summary="Search activities",
        description="The portal's search: free text, facets with counts, one page of summaries.",
        parameters=SEARCH_PARAMETERS,
        responses={200: s.ActivityPageSerializer, 400: INVALID},
    )
    def get(self, request):
        parsed = filters.parse(request.query_params)
        if parsed.errors:
            return error_response(parsed.errors)
        page = selectors.activity_search(user=request.user, parsed=parsed)
        data = _envelope(request, page)
        return Response(s.ActivityPageSerializer(data, context={"request": request}).data)

    @extend_schema(
        summary="Create an activity",
        request=s.ActivityWriteSerializer,
        responses={201: s.ActivityDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = _valid(s.ActivityWriteSerializer, request)
        activity = services.activity_create(user=request.user, data=data)
        return _detail(request, activity.pk, status.HTTP_201_CREATED)


class ActivityItem(versions.Versioned, APIView):
    versioned = Activity
    permission_classes = [PublicReadWriterWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="One activity",
        description="Details appear only where the beneficiary countries consented (or for "
        "staff and the countries' focal points); withheld ones are null.",
        responses={200: s.ActivityDetailSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _detail(request, pk)

    @extend_schema(
        summary="Change some fields of an activity",
        request=s.ActivityWriteSerializer,
        responses={
            200: s.ActivityDetailSerializer,
            **WRITE_ERRORS,
            404: NOT_FOUND,
        },
    )
    def patch(self, request, pk: int):
        activity = _editable(request, pk)
        based_on = self.based_on
        data = _valid(s.ActivityWriteSerializer, request, partial=True)
        services.activity_update(user=request.user, activity=activity, data=data, based_on=based_on)
        return _detail(request, pk)

    @extend_schema(
        summary="Delete an activity (staff)",
        responses={
            204: None,
            401: UNAUTHENTICATED,
            403: error("Not staff."),
            404: NOT_FOUND,
        },
    )
    def delete(self, request, pk: int):
        activity = get_object_or_404(Activity, pk=pk)
        based_on = self.based_on
        services.activity_delete(user=request.user, activity=activity, based_on=based_on)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ActivityStatus(versions.Versioned, APIView):
    versioned = Activity
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Move an activity through its life cycle",
        request=s.StatusChangeSerializer,
        responses={
            200: s.ActivityDetailSerializer,
            **WRITE_ERRORS,
            404: NOT_FOUND,
        },
    )
    def post(self, request, pk: int):
        activity = _editable(request, pk)
        based_on = self.based_on
        data = _valid(s.StatusChangeSerializer, request)
        services.activity_change_status(
            user=request.user, activity=activity, based_on=based_on, **data
        )
        return _detail(request, pk)


class ActivityDocuments(APIView):
    permission_classes = [IsWriter]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Attach a document",
        description="Multipart upload. Size and type are checked (PDF, office documents, images, "
        "text).",
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.ActivityDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        activity = _editable(request, pk)
        data = _valid(s.DocumentUploadSerializer, request)
        services.document_attach(
            user=request.user,
            activity=activity,
            upload=data["file"],
            title=data.get("title", ""),
            kind=data["kind"],
            language=data.get("language") or None,
        )
        return _detail(request, pk, status.HTTP_201_CREATED)


def _editable(request, pk: int) -> Activity:
    """The activity, once the user is known to be allowed to change it: permission before
    validation, so that someone without the right learns nothing from the payload's errors."""
    activity = get_object_or_404(Activity, pk=pk)
    require_edit(request.user, activity.countries.values_list("pk", flat=True))
    return activity


def _consents_for(user):
    """Consents this user may read: staff all, focal points their countries'."""
    viewer = Viewer.of(user)
    consents = Consent.objects.select_related("recorded_by", "revoked_by").order_by(
        "-granted_on", "-id"
    )
    return consents if viewer.staff else consents.filter(country__in=viewer.countries)


class ConsentCollection(generics.GenericAPIView):
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]
    pagination_class = Pagination
    serializer_class = s.ConsentSerializer

    @extend_schema(
        summary="Consents recorded",
        description="Staff see all; focal points those of their countries.",
        parameters=[
            OpenApiParameter("country", str, description="ISO 3166-1 alpha-2 code."),
            OpenApiParameter("activity", int, description="Activity id."),
        ],
        responses={
            200: s.ConsentSerializer(many=True),
            400: INVALID,
            401: UNAUTHENTICATED,
            403: FORBIDDEN,
        },
    )
    def get(self, request):
        consents = _consents_for(request.user)
        if country := request.query_params.get("country", "").strip():
            if not Country.objects.filter(pk=country.upper()[:2]).exists() or len(country) != 2:
                return error_response({"country": _("Unknown country code.")})
            consents = consents.filter(country=country.upper())
        if activity := request.query_params.get("activity", "").strip():
            if whole_number(activity) is None:
                return error_response({"activity": _("An activity id is a whole number.")})
            consents = consents.filter(activity_id=whole_number(activity))
        page = self.paginate_queryset(consents)
        return self.get_paginated_response(s.ConsentSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a member state's consent",
        request=s.ConsentWriteSerializer,
        responses={201: s.ConsentSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        data = _valid(s.ConsentWriteSerializer, request)
        consent = services.consent_grant(user=request.user, **data)
        return Response(s.ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)


class ConsentRevoke(versions.Versioned, APIView):
    versioned = Consent
    permission_classes = [IsWriter]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Withdraw a consent",
        request=s.ConsentRevokeSerializer,
        responses={200: s.ConsentSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        consent = get_object_or_404(Consent, pk=pk)
        data = _valid(s.ConsentRevokeSerializer, request)
        consent = services.consent_revoke(user=request.user, consent=consent, **data)
        return Response(s.ConsentSerializer(consent).data)


class ReferenceIndex(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        summary="The reference lists",
        responses=inline_serializer(
            "ReferenceListLink",
            {
                "name": serializers.CharField(),
                "title": serializers.CharField(),
                "url": serializers.URLField(),
            },
            many=True,
        ),
    )
    def get(self, request):
        return Response(
            [
                {
                    "name": r.name,
                    "title": r.title,
                    "url": reverse(f"api:reference-{r.name}", request=request),
                }
                for r in LISTS
            ]
        )


class ReferenceListView(generics.ListAPIView):
    """One reference list: read-only, public, the same for everyone, so cacheable."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    pagination_class = None
    max_age = 3600

    def get_queryset(self):
        return self.reference.queryset()

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        body = json.dumps(response.data, sort_keys=True, default=str).encode()
        response["ETag"] = quote_etag(hashlib.sha256(body).hexdigest()[:32])
        response["Cache-Control"] = f"public, max-age={self.max_age}"
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return get_conditional_response(request._request, etag=response["ETag"], response=response)


def reference_view(entry) -> type[ReferenceListView]:
    view = type(
        f"Reference{entry.name.title().replace('-', '')}View",
        (ReferenceListView,),
        {"reference": entry, "serializer_class": entry.serializer},
    )
    return extend_schema(summary=entry.title)(view)


class TokenThrottle(SimpleRateThrottle):
    """Ten attempts a minute per client address: enough for people, slow for guessing."""

    scope = "auth-token"
    rate = "10/minute"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@extend_schema(
    summary="Exchange a username and password for an API token",
    responses={
        200: inline_serializer("Token", {"token": serializers.CharField()}),
        400: INVALID,
        429: error("Too many attempts; wait a minute."),
    },
)
class TokenView(ObtainAuthToken):
    throttle_classes = [TokenThrottle]
    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]

    def get_serializer_context(self):
        # django-axes marks a locked-out sign-in on the request its middleware sees: Django's
        # own, not DRF's wrapper around it.
        return {**super().get_serializer_context(), "request": self.request._request}
