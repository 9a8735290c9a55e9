"""OpenAPI pieces shared by the views: the search parameters, error responses, docs pages."""

from __future__ import annotations

from django.templatetags.static import static
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from ipdev.activities.filters import MAX_PER_PAGE, SORTS
from ipdev.search.types import FACETS

from .serializers import ErrorSerializer

FACET_HELP = {
    "country": "ISO 3166-1 alpha-2 code of a beneficiary country, e.g. `KE`.",
    "group": "Development status: `ldc`, `developing`, `transition`, `developed`.",
    "bureau": "WIPO regional bureau code.",
    "region": "UN M49 region code (a country's region or the activity's own).",
    "year": (
        "Start year. One year, or consecutive years, is the range `year_from`-`year_to`"
        " (within them when they are given too); other years filter on those years alone."
    ),
    "category": "Activity category code.",
    "mode": "Delivery mode code.",
    "ip_area": "IP area code.",
    "da": "Development Agenda recommendation number.",
    "cluster": "Development Agenda cluster letter (A-F).",
    "sdg": "SDG number.",
    "funding": "Funding source code.",
    "status": "Activity status.",
    "unit": "Implementing unit code.",
    "reporter": "Reporting organisation id.",
}

SEARCH_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Free text (at most 500 characters)."),
    *(
        OpenApiParameter(
            facet,
            OpenApiTypes.STR,
            many=True,
            explode=True,
            description=f"{FACET_HELP.get(facet, '')} Repeat the parameter (or separate values "
            "with commas) for any of several values; different facets must all match.",
        )
        for facet in FACETS
    ),
    OpenApiParameter("year_from", OpenApiTypes.INT, description="Started in or after this year."),
    OpenApiParameter("year_to", OpenApiTypes.INT, description="Started in or before this year."),
    OpenApiParameter(
        "sort",
        OpenApiTypes.STR,
        enum=list(SORTS),
        description="Default: `relevance` with a search text, else `newest`.",
    ),
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("per_page", OpenApiTypes.INT, description=f"1 to {MAX_PER_PAGE}; default 20."),
]


def error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


INVALID = error("Invalid input: `errors` names each field with its messages.")
UNAUTHENTICATED = error("No valid token (send `Authorization: Token <key>`).")
FORBIDDEN = error("Signed in, but not allowed to do this.")
NOT_FOUND = error("No such object.")
WRITE_ERRORS = {400: INVALID, 401: UNAUTHENTICATED, 403: FORBIDDEN}


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI served from this site's static files (drf-spectacular-sidecar), never a CDN."""

    permission_classes = [AllowAny]
    url_name = "api:schema"
    title = "ipdev API"

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"drf_spectacular_sidecar/swagger-ui-dist/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static("drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png")
