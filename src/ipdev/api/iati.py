"""``GET /api/v1/activities.xml``: the search result as one IATI 2.03 activity file, streamed.

The details come from ``activities.selectors.activity_details_stream`` for the requesting user,
so the consent rule applies exactly as in the JSON endpoints. A search of more than
``IPDEV_EXPORT_BACKGROUND_ROWS`` activities is not streamed: the file is prepared by the
background worker for the reader's audience (``iati.export.prepared``) and the answer is
``202 Accepted`` with the address to follow in ``Location`` (``downloads``).
"""

from __future__ import annotations

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from ipdev.activities import export_files, exports, filters, selectors
from ipdev.iati.export.prepared import iati_export_request
from ipdev.iati.export.writer import stream_activities

from .downloads import PreparedSerializer, accepted
from .errors import error_response
from .schema import INVALID, SEARCH_PARAMETERS

IATI_PARAMETERS = [p for p in SEARCH_PARAMETERS if p.name not in ("page", "per_page")]


class _JSONErrors(BaseContentNegotiation):
    """The file is XML whatever the client accepts; an error is always the one JSON shape."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None


class ActivityIATIFile(APIView):
    permission_classes = [AllowAny]  # public data; details follow the consent rule per user
    content_negotiation_class = _JSONErrors

    @extend_schema(
        operation_id="activities_iati",
        summary="Search activities, as an IATI 2.03 file",
        description="Every activity matching the search filters (no paging), as one "
        "`iati-activities` document, streamed. Details appear only where the beneficiary "
        "countries consented, or for staff and the countries' focal points. Activities "
        "imported from other publishers keep their reporting organisation. A search of more "
        "activities than are streamed at once answers 202: the file is prepared in the "
        "background; follow `Location` (`/api/v1/downloads/{token}/`) until it is ready.",
        parameters=IATI_PARAMETERS,
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.STR, description="An IATI 2.03 activity file."
            ),
            202: PreparedSerializer,
            400: INVALID,
        },
    )
    def get(self, request):
        parsed = filters.parse(request.query_params, facets=False)
        if parsed.errors:
            return error_response(parsed.errors)
        if export_files.built_in_background(parsed.query):
            about = exports.About(
                search_url=request.build_absolute_uri(), filters=[], made_at=timezone.now()
            )
            prepared = iati_export_request(
                user=request.user, query=parsed.query, language=get_language(), about=about
            )
            return accepted(request, prepared)
        details = selectors.activity_details_stream(user=request.user, query=parsed.query)
        response = StreamingHttpResponse(
            stream_activities(details), content_type="application/xml; charset=utf-8"
        )
        name = f"ipdev-activities-{timezone.localdate():%Y-%m-%d}.xml"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response
