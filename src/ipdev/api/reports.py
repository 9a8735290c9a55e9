"""``GET /api/v1/reports/country/<code>.<pdf|xlsx>`` and ``/api/v1/reports/da.<pdf|xlsx>``.

The files are built for the requesting user, so the consent rule applies as in the JSON
endpoints; errors come in the API's one JSON shape, naming the parameter.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.reports import build

from .errors import error_response, field_errors
from .iati import _JSONErrors
from .schema import INVALID, NOT_FOUND

YEARS = [
    OpenApiParameter("year", int, description="One year (instead of a range)."),
    OpenApiParameter("year_from", int, description="First year of the activities' start."),
    OpenApiParameter("year_to", int, description="Last year of the activities' start."),
]
FILES = {
    (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
    (
        200,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ): OpenApiResponse(OpenApiTypes.BINARY, description="The workbook, one sheet per section."),
    400: INVALID,
}


def _file(make) -> HttpResponse | Response:
    try:
        built = make()
    except ValidationError as exc:
        return error_response(exc.message_dict)
    except Http404 as exc:
        body = {
            "detail": str(exc),
            "code": "not_found",
            "errors": field_errors({"country": [str(exc)]}),
        }
        return Response(body, status=404)
    response = HttpResponse(built.content, content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
    return response


class CountryReportFile(APIView):
    permission_classes = [AllowAny]  # public figures; details follow the consent rule per user
    content_negotiation_class = _JSONErrors

    @extend_schema(
        operation_id="report_country",
        summary="The country report, as PDF or XLSX",
        description="Profile, activities by year, category and status, details where "
        "consented, country plan, indicators and requests (staff and focal points), "
        "consultants (public fields) and WIPO Match, for one country.",
        parameters=YEARS,
        responses={**FILES, 404: NOT_FOUND},
    )
    def get(self, request, code: str, fmt: str):
        return _file(
            lambda: build.country_report(
                user=request.user, code=code, query=request.query_params, fmt=fmt
            )
        )


class DAReportFile(APIView):
    permission_classes = [AllowAny]  # public figures; details follow the consent rule per user
    content_negotiation_class = _JSONErrors

    @extend_schema(
        operation_id="report_development_agenda",
        summary="The Development Agenda report, as PDF or XLSX",
        description="Activities per DA cluster, recommendation, SDG and year with participants "
        "by gender (where published) and highlights; for staff, the yearly DA review. "
        "Without a year: last year.",
        parameters=YEARS,
        responses=FILES,
    )
    def get(self, request, fmt: str):
        return _file(
            lambda: build.da_report(
                user=request.user,
                query=request.query_params,
                fmt=fmt,
                default_year=timezone.localdate().year - 1,
            )
        )
