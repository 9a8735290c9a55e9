"""API v1 writes for TISC networks: networks, centres (a coordinator's edits wait for WIPO's
validation), the service-level agreement's file, maturity-level assessments with their
evidence, and the Foundation Course's phases per participant. Each goes through the tisc
services, so the checks and audit entries are the back office's; reads of the public
directory stay open to everyone."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ipdev.tisc import permissions, selectors, services
from ipdev.tisc.models import Certification
from ipdev.tisc.services.networks import CRITERIA
from ipdev.tisc.vocab import AgreementStatus, CentreStatus, Frequency, HostType, Service, Wave

from .errors import error_response
from .parsers import BoundedJSONParser
from .schema import NOT_FOUND, WRITE_ERRORS
from .serializers import StrictSerializer
from .tisc import (
    CentreChangeReceiptSerializer,
    CentreDetailSerializer,
    CertificationSerializer,
    NetworkDetailSerializer,
)
from .tisc import CentreCollection as CentresRead
from .tisc import CentreItem as CentreRead
from .tisc import NetworkCollection as NetworksRead
from .tisc import NetworkItem as NetworkRead

BIG = 5000


class PublicReadSignedInWrite(BasePermission):
    """Anyone reads the public directory; writing needs a signed-in user (the services then
    decide: staff everything, a coordinator their own network)."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


def _require_staff(request) -> None:
    """Checked before the input is looked at, so outsiders learn nothing from errors."""
    if not permissions.is_staff(request.user):
        raise PermissionDenied("Only WIPO staff may do this.")


def _plain(data: dict) -> dict:
    """Dates and decimals as the strings the services take."""
    out = {}
    for key, value in data.items():
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and type(value).__name__ == "Decimal":
            value = str(value)
        out[key] = value
    return out


class NetworkInput(StrictSerializer):
    name = serializers.CharField(max_length=200, required=False)
    country = serializers.CharField(
        max_length=2,
        required=False,
        allow_null=True,
        help_text="ISO 3166-1 alpha-2; null for a regional network.",
    )
    bureau = serializers.CharField(
        max_length=20, required=False, help_text="WIPO regional bureau code (from the country)."
    )
    coordinating_institution = serializers.CharField(max_length=300, required=False)
    description = serializers.CharField(max_length=BIG, required=False, allow_blank=True)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    public_email = serializers.EmailField(max_length=200, required=False, allow_blank=True)
    sla_status = serializers.ChoiceField(AgreementStatus.choices, required=False)
    sla_signed_on = serializers.DateField(required=False, allow_null=True)
    sla_document = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="WIPO's reference for the agreement.",
    )
    wave = serializers.ChoiceField(Wave.choices, required=False)
    frequency = serializers.ChoiceField(Frequency.choices, required=False)
    reporting_since = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    coordinators = serializers.ListField(
        child=serializers.CharField(max_length=150), max_length=50, required=False,
        help_text="User names of the national coordinators.",
    )  # fmt: skip


class NetworkCollection(NetworksRead):
    permission_classes = [PublicReadSignedInWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="tisc_networks_create",
        summary="Register a network (WIPO staff)",
        request=NetworkInput,
        responses={201: NetworkDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request):
        _require_staff(request)
        serializer = NetworkInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        network = services.network_create(user=request.user,
                                          data=_plain(serializer.validated_data))  # fmt: skip
        detail = selectors.network_detail(user=request.user, pk=network.pk)
        return Response(NetworkDetailSerializer(detail).data, status=status.HTTP_201_CREATED)


class NetworkItem(NetworkRead):
    permission_classes = [PublicReadSignedInWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Change a network (staff: anything; its coordinator: description, website, "
        "public e-mail)",
        request=NetworkInput,
        responses={200: NetworkDetailSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def patch(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = NetworkInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.network_update(user=request.user, network=network,
                                data=_plain(serializer.validated_data))  # fmt: skip
        detail = selectors.network_detail(user=request.user, pk=pk)
        return Response(NetworkDetailSerializer(detail).data)


class AgreementUpload(serializers.Serializer):
    file = serializers.FileField(help_text="The signed agreement, PDF or DOCX.")


class NetworkAgreement(APIView):
    """The service-level agreement's file: never public."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Download the service-level agreement (staff and the network's coordinators)",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            401: WRITE_ERRORS[401], 403: WRITE_ERRORS[403], 404: NOT_FOUND,
        },
    )  # fmt: skip
    def get(self, request, pk: int):
        document, content_type = selectors.agreement_file(user=request.user, pk=pk)
        try:
            handle = document.open("rb")
        except FileNotFoundError:
            raise Http404("The agreement's file is missing.") from None
        response = FileResponse(handle, as_attachment=True, content_type=content_type,
                                filename=document.name.rsplit("/", 1)[-1])  # fmt: skip
        patch_cache_control(response, private=True)
        return response

    @extend_schema(
        summary="Keep the signed service-level agreement with the network (WIPO staff)",
        description="PDF or DOCX; size, type and content are checked. Replaces the old file.",
        request={"multipart/form-data": AgreementUpload},
        responses={200: OpenApiResponse(description="Kept."), **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def put(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        _require_staff(request)
        upload = request.FILES.get("file")
        if upload is None:
            return error_response({"file": "Attach the agreement as `file` (PDF or DOCX)."})
        try:
            network = services.agreement_upload(user=request.user, network=network, upload=upload)
        except ValidationError as exc:
            return error_response({"file": exc.message_dict["sla_file"]})
        return Response({"file": network.sla_file.name.rsplit("/", 1)[-1],
                         "content_type": network.sla_file_type})  # fmt: skip


class CentreInput(StrictSerializer):
    name = serializers.CharField(max_length=300, required=False)
    host_institution = serializers.CharField(max_length=300, required=False)
    host_type = serializers.ChoiceField(HostType.choices, required=False)
    city = serializers.CharField(max_length=120, required=False)
    latitude = serializers.DecimalField(max_digits=8, decimal_places=5, min_value=-90,
                                        max_value=90, required=False, allow_null=True)  # fmt: skip
    longitude = serializers.DecimalField(
        max_digits=8,
        decimal_places=5,
        min_value=-180,
        max_value=180,
        required=False,
        allow_null=True,
    )
    services = serializers.ListField(child=serializers.ChoiceField(Service.choices),
                                     max_length=len(Service.choices), required=False)  # fmt: skip
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3),
        max_length=50,
        required=False,
        help_text="Language codes, e.g. `en`.",
    )
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    public_email = serializers.EmailField(max_length=200, required=False, allow_blank=True)
    public_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.EmailField(max_length=200, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    status = serializers.ChoiceField(CentreStatus.choices, required=False)
    ror = serializers.CharField(max_length=40, required=False, allow_blank=True)
    agreement_status = serializers.ChoiceField(AgreementStatus.choices, required=False)
    agreement_signed_on = serializers.DateField(required=False, allow_null=True)


class NewCentreInput(CentreInput):
    network = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class CentreWriteResult(serializers.Serializer):
    centre = CentreDetailSerializer(required=False, help_text="Staff: the centre as saved.")
    change = CentreChangeReceiptSerializer(
        required=False, help_text="A coordinator: the proposal waiting for WIPO's validation."
    )


def _centre_result(request, *, centre=None, change=None):
    if change is not None:
        return Response({"change": CentreChangeReceiptSerializer(change).data},
                        status=status.HTTP_202_ACCEPTED)  # fmt: skip
    detail = selectors.centre_detail(user=request.user, pk=centre.pk)
    return Response({"centre": CentreDetailSerializer(detail).data})


class CentreCollection(CentresRead):
    permission_classes = [PublicReadSignedInWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        operation_id="tisc_centres_create",
        summary="Add a centre (staff: public at once; a coordinator: waits for validation)",
        request=NewCentreInput,
        responses={200: CentreWriteResult, 202: CentreWriteResult, **WRITE_ERRORS,
                   404: NOT_FOUND},
    )  # fmt: skip
    def post(self, request):
        if not (permissions.is_staff(request.user) or permissions.coordinated_ids(request.user)):
            raise PermissionDenied("Only WIPO staff and TISC coordinators may do this.")
        serializer = NewCentreInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _plain(serializer.validated_data)
        network = selectors.network_for_update(user=request.user, pk=data.pop("network"))
        if permissions.is_staff(request.user):
            centre = services.centre_create(user=request.user, network=network, data=data)
            return _centre_result(request, centre=centre)
        change = services.centre_change_submit(user=request.user, network=network, data=data)
        return _centre_result(request, change=change)


class CentreItem(CentreRead):
    permission_classes = [PublicReadSignedInWrite]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Change a centre (staff: at once; a coordinator: waits for validation)",
        request=CentreInput,
        responses={200: CentreWriteResult, 202: CentreWriteResult, **WRITE_ERRORS,
                   404: NOT_FOUND},
    )  # fmt: skip
    def patch(self, request, pk: int):
        centre = selectors.centre_for_update(user=request.user, pk=pk)
        serializer = CentreInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = _plain(serializer.validated_data)
        if permissions.is_staff(request.user):
            centre = services.centre_update(user=request.user, centre=centre, data=data)
            return _centre_result(request, centre=centre)
        change = services.centre_change_submit(user=request.user, network=centre.network,
                                               centre=centre, data=data)  # fmt: skip
        return _centre_result(request, change=change)


class ChangeReviewInput(StrictSerializer):
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CentreChangeReview(APIView):
    """Staff validate (approve) or refuse (reject, saying why) a coordinator's proposal."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]
    step = ""

    @extend_schema(request=ChangeReviewInput,
                   responses={200: CentreChangeReceiptSerializer, **WRITE_ERRORS,
                              404: NOT_FOUND})  # fmt: skip
    def post(self, request, pk: int):
        change = selectors.change_for_review(user=request.user, pk=pk)
        serializer = ChangeReviewInput(data=request.data or {})
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data.get("comment", "")
        if self.step == "approve":
            services.centre_change_approve(user=request.user, change=change, comment=comment)
        else:
            services.centre_change_reject(user=request.user, change=change, comment=comment)
        change.refresh_from_db()
        return Response(CentreChangeReceiptSerializer(change).data)


class CentreChangeApprove(CentreChangeReview):
    step = "approve"


class CentreChangeReject(CentreChangeReview):
    step = "reject"


class MaturityAssessmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    level = serializers.IntegerField()
    decided_on = serializers.DateField()
    criteria = serializers.DictField(child=serializers.CharField(),
                                     help_text="Criterion code -> evidence.")  # fmt: skip


class AssessmentInput(StrictSerializer):
    level = serializers.IntegerField(min_value=0, max_value=3)
    decided_on = serializers.DateField(required=False, allow_null=True)
    criteria = serializers.DictField(
        child=serializers.CharField(max_length=2000, allow_blank=True), required=False,
        help_text="Evidence for each criterion of the level: "
        + ", ".join(f"`{code}`" for code in CRITERIA) + " (cumulative: level 2 asks for level "
        "1's three and `basic_search`, level 3 also `value_added`).",
    )  # fmt: skip


class NetworkAssessments(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="A network's maturity-level decisions, newest first",
        responses={200: MaturityAssessmentSerializer(many=True), 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        return Response(MaturityAssessmentSerializer(network.assessments.all(), many=True).data)

    @extend_schema(
        summary="Rate the network's maturity level with the evidence (WIPO staff)",
        request=AssessmentInput,
        responses={201: MaturityAssessmentSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        _require_staff(request)
        serializer = AssessmentInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        assessment = services.level_assess(
            user=request.user, network=network, level=d["level"],
            criteria=d.get("criteria", {}), decided_on=d.get("decided_on"),
        )  # fmt: skip
        data = MaturityAssessmentSerializer(assessment).data
        return Response(data, status=status.HTTP_201_CREATED)


class EnrolInput(StrictSerializer):
    name = serializers.CharField(max_length=200)
    sex = serializers.ChoiceField(Certification.Sex.choices)
    email = serializers.EmailField(max_length=200, required=False, allow_blank=True)
    language = serializers.CharField(max_length=3, help_text="Language code, e.g. `fr`.")
    centre = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        allow_null=True,
        help_text="A centre of the network.",
    )


class NetworkCertifications(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Enrol one of the network's staff in the Foundation Course (staff or the "
        "network's coordinator)",
        request=EnrolInput,
        responses={201: CertificationSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        network = selectors.network_for_update(user=request.user, pk=pk)
        serializer = EnrolInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        c = services.participant_enrol(user=request.user, network=network,
                                       data=serializer.validated_data)  # fmt: skip
        return Response(CertificationSerializer(c).data, status=status.HTTP_201_CREATED)


class PhaseInput(StrictSerializer):
    phase = serializers.ChoiceField([(p, p) for p in Certification.PHASES])
    status = serializers.ChoiceField(Certification.Phase.choices)
    on = serializers.DateField(required=False, allow_null=True,
                               help_text="The day the phase was completed.")  # fmt: skip


class CertificationPhase(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]

    @extend_schema(
        summary="Record a phase of the Foundation Course (WIPO staff); the third completed "
        "phase certifies the participant",
        request=PhaseInput,
        responses={200: CertificationSerializer, **WRITE_ERRORS, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        c = selectors.certification_for_update(user=request.user, pk=pk)
        _require_staff(request)
        serializer = PhaseInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        c = services.phase_record(user=request.user, certification=c, phase=d["phase"],
                                  status=d["status"], on=d.get("on"))  # fmt: skip
        return Response(CertificationSerializer(c).data)
