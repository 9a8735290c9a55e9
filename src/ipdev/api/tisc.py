"""API v1 for TISC networks (/api/v1/tisc/...): the public directory and success stories read
through the tisc selectors; reports, work plans, centre changes and certification for the
network's coordinators and WIPO staff, written through the tisc services."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.tisc import selectors, services
from ipdev.tisc.models import Centre, Network, Report
from ipdev.tisc.spreadsheet import MAX_BYTES, SpreadsheetError

from . import versions
from .errors import error_response
from .parsers import BoundedJSONParser
from .schema import INVALID, NOT_FOUND, WRITE_ERRORS
from .serializers import NamedSerializer, StrictSerializer

MAX_FIGURES_BYTES = 200_000


class CentreSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    host_institution = serializers.CharField()
    host_type = NamedSerializer()
    city = serializers.CharField()
    country = NamedSerializer(allow_null=True)
    network_id = serializers.IntegerField()
    network = serializers.CharField()
    level = serializers.IntegerField()
    services = NamedSerializer(many=True)
    languages = NamedSerializer(many=True)
    status = NamedSerializer()
    website = serializers.CharField()
    public_email = serializers.CharField()
    public_phone = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    ror = serializers.CharField()


class TiscFacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class DirectorySerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = CentreSerializer(many=True, source="items")
    facets = serializers.DictField(child=TiscFacetOptionSerializer(many=True))


class PrivateCentreSerializer(serializers.Serializer):
    contact_name = serializers.CharField()
    contact_email = serializers.CharField()
    contact_phone = serializers.CharField()
    agreement_status = serializers.CharField()
    agreement_signed_on = serializers.CharField()
    validated = serializers.BooleanField()
    pending_change = serializers.DictField(allow_null=True)


class CentreDetailSerializer(serializers.Serializer):
    centre = CentreSerializer(source="card")
    private = PrivateCentreSerializer(
        allow_null=True, help_text="Null except for WIPO staff and the network's coordinators."
    )


class NetworkSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = NamedSerializer(allow_null=True)
    region = NamedSerializer()
    level = NamedSerializer()
    wave = NamedSerializer()
    centres = serializers.IntegerField()


class StorySerializer(serializers.Serializer):
    title = serializers.CharField()
    text = serializers.CharField()
    network_id = serializers.IntegerField()
    network = serializers.CharField()
    period = serializers.CharField()


class FedIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    total = serializers.CharField(help_text="The total of the network's approved reports fed.")
    plan_id = serializers.IntegerField(allow_null=True)
    plan_country = serializers.CharField()
    plan_biennium = serializers.CharField()
    project_code = serializers.CharField()
    project_title = serializers.CharField()
    activity_id = serializers.IntegerField(allow_null=True)
    activity_title = serializers.CharField()


class NetworkDetailSerializer(serializers.Serializer):
    summary = NetworkSummarySerializer()
    coordinating_institution = serializers.CharField()
    description = serializers.CharField()
    website = serializers.CharField()
    public_email = serializers.CharField()
    sla_status = serializers.CharField()
    sla_signed_on = serializers.CharField()
    frequency = serializers.CharField()
    centres = CentreSerializer(many=True)
    stories = StorySerializer(many=True)
    feeds = FedIndicatorSerializer(
        many=True,
        help_text="Results-framework indicators the network feeds, where the viewer may see the "
        "plan, project or activity they belong to.",
    )


DIRECTORY_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words in name, host, city, country."),
    *(
        OpenApiParameter(name, OpenApiTypes.STR, many=True)
        for name in ("country", "service", "host_type", "level", "language")
    ),
    OpenApiParameter("page", OpenApiTypes.INT),
]


class CentreCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="tisc_centres_list",
        summary="Search the TISC directory",
        description="Centres validated by WIPO staff and not closed, with facet counts; "
        "public fields only.",
        parameters=DIRECTORY_PARAMETERS,
        responses={200: DirectorySerializer, 400: INVALID},
    )
    def get(self, request):
        query = selectors.parse(request.query_params)
        if query.errors:
            return error_response(query.errors)
        return Response(DirectorySerializer(selectors.directory(query=query)).data)


class CentreItem(versions.Versioned, APIView):
    versioned = Centre
    permission_classes = [AllowAny]

    @extend_schema(summary="One centre", responses={200: CentreDetailSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return Response(
            CentreDetailSerializer(selectors.centre_detail(user=request.user, pk=pk)).data
        )


class NetworkCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="tisc_networks_list",
        summary="TISC networks",
        responses={200: NetworkSummarySerializer(many=True)},
    )
    def get(self, request):
        return Response(NetworkSummarySerializer(selectors.network_list(), many=True).data)


class NetworkItem(versions.Versioned, APIView):
    versioned = Network
    permission_classes = [AllowAny]

    @extend_schema(summary="One network", responses={200: NetworkDetailSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return Response(
            NetworkDetailSerializer(selectors.network_detail(user=request.user, pk=pk)).data
        )


class StoryCollection(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="tisc_stories_list",
        summary="Public success stories (of approved reports)",
        responses={200: StorySerializer(many=True)},
    )
    def get(self, request):
        return Response(StorySerializer(selectors.public_stories(), many=True).data)


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    network_id = serializers.IntegerField()
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    review_comment = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    first_submitted_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField()
    figures = serializers.DictField(
        help_text="counts, events, training, stories, centres_reporting, partnerships, narrative"
    )


def _report(report) -> dict:
    return {
        "id": report.pk,
        "network_id": report.network_id,
        "year": report.year,
        "quarter": report.quarter,
        "due_on": report.due_on,
        "status": report.status,
        "review_comment": report.review_comment,
        "submitted_at": report.submitted_at,
        "first_submitted_at": report.first_submitted_at,
        "on_time": report.on_time,
        "figures": services.report_data(report),
    }


class ReportInputSerializer(StrictSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=0, max_value=4, default=0)
    figures = serializers.DictField(
        help_text="The report's figures: {counts: {inquiry_type|inquiry_user|delivery: "
        "{code: n}}, events: {training|awareness: {events, women, men}}, training: [{course, "
        "language, women, men}], stories: [{title, text, public}], centres_reporting, "
        "partnerships, narrative}. Errors name the place, e.g. `events.training.men`."
    )


class NetworkReports(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="A network's reports (its coordinators and WIPO staff)",
        responses={200: ReportSerializer(many=True), 403: WRITE_ERRORS[403], 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        return Response(ReportSerializer([_report(r) for r in network.reports.all()],
                                         many=True).data)  # fmt: skip

    @extend_schema(
        summary="Save a period's report as a draft (created or corrected)",
        request=ReportInputSerializer,
        responses={201: ReportSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = ReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        report = services.report_save(user=request.user, network=network, year=d["year"],
                                      quarter=d["quarter"], data=d["figures"])  # fmt: skip
        return Response(ReportSerializer(_report(report)).data, status=status.HTTP_201_CREATED)


class UploadSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=0, max_value=4, default=0)
    file = serializers.FileField(help_text="The period's filled-in template (XLSX, 2 MB at most).")


class NetworkReportUpload(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Save a period's report from its filled-in template",
        description="Errors are keyed by cell (e.g. `Report!C7`, `Training!B3`) or by sheet; "
        "nothing is saved unless every cell is good.",
        request={"multipart/form-data": UploadSerializer},
        responses={201: ReportSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > MAX_BYTES:
            return error_response({"file": "The file is larger than 2 MB."})
        try:
            report = services.report_upload(
                user=request.user, network=network, year=serializer.validated_data["year"],
                quarter=serializer.validated_data["quarter"], content=upload.read(),
            )  # fmt: skip
        except SpreadsheetError as exc:
            return error_response(exc.message_dict)
        return Response(ReportSerializer(_report(report)).data, status=status.HTTP_201_CREATED)


class ReportItem(versions.Versioned, APIView):
    versioned = Report
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="One report", responses={200: ReportSerializer, 404: NOT_FOUND})
    def get(self, request, pk: int):
        return Response(ReportSerializer(_report(selectors.report_for_update(
            user=request.user, pk=pk))).data)  # fmt: skip


class CommentSerializer(StrictSerializer):
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class ReportStep(versions.Versioned, APIView):
    versioned = Report
    """Submit (coordinator), approve or return (staff, with a comment)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]
    step = ""

    @extend_schema(request=CommentSerializer,
                   responses={200: ReportSerializer, **WRITE_ERRORS, 404: NOT_FOUND})  # fmt: skip
    def post(self, request, pk: int):
        report = selectors.report_for_update(user=request.user, pk=pk)
        serializer = CommentSerializer(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        if self.step == "submit":
            report = services.report_submit(user=request.user, report=report)
        elif self.step == "approve":
            report = services.report_approve(user=request.user, report=report)
        else:
            report = services.report_return(
                user=request.user,
                report=report,
                comment=serializer.validated_data.get("comment", ""),
            )
        return Response(ReportSerializer(_report(report)).data)


class ReportSubmit(ReportStep):
    step = "submit"


class ReportApprove(ReportStep):
    step = "approve"


class ReportReturn(ReportStep):
    step = "return"


class WorkPlanSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    objectives = serializers.CharField(max_length=10_000)
    planned_activities = serializers.CharField(max_length=10_000, required=False,
                                               allow_blank=True)  # fmt: skip
    targets = serializers.DictField(child=serializers.IntegerField(min_value=0), required=False)


class WorkPlanInput(WorkPlanSerializer, StrictSerializer):
    pass


class NetworkWorkPlans(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(summary="A network's work plans",
                   responses={200: WorkPlanSerializer(many=True), 404: NOT_FOUND})  # fmt: skip
    def get(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        return Response(WorkPlanSerializer(network.work_plans.all(), many=True).data)

    @extend_schema(summary="Write a year's work plan (objectives, activities, targets)",
                   request=WorkPlanInput,
                   responses={200: WorkPlanSerializer, **WRITE_ERRORS, 404: NOT_FOUND})  # fmt: skip
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = WorkPlanInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = dict(serializer.validated_data)
        plan = services.work_plan_save(user=request.user, network=network, year=d.pop("year"),
                                       data=d)  # fmt: skip
        return Response(WorkPlanSerializer(plan).data)


class CentreChangeInput(StrictSerializer):
    centre = serializers.IntegerField(required=False, allow_null=True,
                                      help_text="Empty for a new centre.")  # fmt: skip
    data = serializers.DictField(help_text="Centre fields to set (see the centre fields).")


class CentreChangeReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    data = serializers.DictField()


class NetworkCentreChanges(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Propose a new centre or a change, for WIPO staff to validate",
        request=CentreChangeInput,
        responses={201: CentreChangeReceiptSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = CentreChangeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        centre = None
        if serializer.validated_data.get("centre"):
            centre = selectors.centre_for_update(
                user=request.user, pk=serializer.validated_data["centre"]
            )
        change = services.centre_change_submit(
            user=request.user,
            network=network,
            centre=centre,
            data=serializer.validated_data["data"],
        )
        return Response(CentreChangeReceiptSerializer(change).data, status=status.HTTP_201_CREATED)


class CertificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    network_id = serializers.IntegerField()
    name = serializers.CharField()
    sex = serializers.CharField()
    language = serializers.CharField(source="language_id")
    distance_status = serializers.CharField()
    distance_on = serializers.DateField(allow_null=True)
    instructor_status = serializers.CharField()
    instructor_on = serializers.DateField(allow_null=True)
    practice_status = serializers.CharField()
    practice_on = serializers.DateField(allow_null=True)
    certified_on = serializers.DateField(allow_null=True)
    certificate_number = serializers.CharField()


class CertificationCollection(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="tisc_certifications_list",
        summary="TISC Foundation Course participants (staff: all; a coordinator: theirs)",
        responses={200: CertificationSerializer(many=True)},
    )
    def get(self, request):
        rows = selectors.certifications(user=request.user)
        return Response(CertificationSerializer(rows, many=True).data)
