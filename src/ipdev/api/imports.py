"""``/api/v1/iati-imports/``: upload IATI files to be imported in the background, follow the run.

``POST`` keeps the files and queues their import (``iati.uploads.iati_upload_queue``, the back
office's service) and answers ``202 Accepted`` with the run and its address in ``Location``;
``GET`` of that address says how far the run is and, once it has ended, its counts and problems
per file. WIPO staff only. An upload over the limits is refused before it is read to the end,
as in the back office. ``POST .../retry/`` queues a failed or interrupted import again with the
files it kept (``iati.uploads.iati_upload_retry``, the back office's Retry button); any other is
refused with ``409 Conflict`` and the reason.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from ipdev.core import jobs
from ipdev.core.bounds import INT_MAX
from ipdev.iati import uploads
from ipdev.iati.models import ImportRun
from ipdev.iati.services import import_runs_mark_interrupted

from .errors import error_response
from .evaluation import IsStaff
from .schema import FORBIDDEN, INVALID, NOT_FOUND, UNAUTHENTICATED, error


class IATIUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        help_text="One or more IATI 2.01-2.03 activity files (repeat the field).",
    )
    schema_check = serializers.BooleanField(
        default=True, help_text="Check each activity against the IATI 2.03 schema."
    )


class IATIFileReportSerializer(serializers.Serializer):
    name = serializers.CharField()
    version = serializers.CharField(allow_blank=True, required=False)
    refused = serializers.CharField(allow_blank=True, required=False)
    read = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.IntegerField()
    problems = serializers.ListField(
        child=serializers.DictField(), help_text="severity, activity, xpath, message"
    )


class IATIImportRunSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ImportRun.Status.choices)
    status_label = serializers.CharField(source="get_status_display")
    ended = serializers.SerializerMethodField()
    files = serializers.ListField(child=serializers.CharField())
    started_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    read = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    skipped = serializers.IntegerField()
    critical = serializers.IntegerField()
    errors = serializers.IntegerField()
    warnings = serializers.IntegerField()
    error = serializers.SerializerMethodField()
    failure = serializers.CharField(
        source="failure_text", help_text="What went wrong, in words (failed or interrupted)."
    )
    retry_url = serializers.SerializerMethodField(
        help_text="Where to POST to retry it, while it may be retried (else null)."
    )
    reports = serializers.SerializerMethodField()

    def get_url(self, run) -> str:
        return reverse("api:iati-import-detail", args=[run.pk], request=self.context["request"])

    def get_retry_url(self, run) -> str | None:
        if uploads.retry_refusal(run):
            return None
        return reverse("api:iati-import-retry", args=[run.pk], request=self.context["request"])

    def get_ended(self, run) -> bool:
        return run.status in uploads.ENDED

    def get_error(self, run) -> str:
        return str((run.report or {}).get("error", ""))

    @extend_schema_field(IATIFileReportSerializer(many=True))
    def get_reports(self, run) -> list[dict]:
        return [
            {
                "name": f.get("name", ""),
                "version": f.get("version") or "",
                "refused": f.get("refused") or "",
                **{k: int(f.get(k, 0)) for k in ("read", "created", "updated", "unchanged")},
                "skipped": int(f.get("skipped", 0)),
                "problems": list(f.get("problems", [])),
            }
            for f in (run.report or {}).get("files", [])
        ]


STAFF_ERRORS = {401: UNAUTHENTICATED, 403: FORBIDDEN}


class ImportCollection(APIView):
    permission_classes = [IsStaff]
    parser_classes = [MultiPartParser]

    def initialize_request(self, request, *args, **kwargs):
        # Before anything reads the body: the limit is the first upload handler.
        request.upload_limit = uploads.UploadLimit(request)
        request.upload_handlers.insert(0, request.upload_limit)
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(
        operation_id="iati_imports_create",
        summary="Upload IATI files to import in the background",
        description="The files are kept and imported by the background worker, with the same "
        "checks, audit and idempotency as `ipdev import-iati`. Answers 202 at once with the run; "
        "follow it at the address in `Location` until `ended` is true. At most "
        f"{uploads.MAX_FILES} files of {uploads.MAX_UPLOAD_BYTES // (1024 * 1024)} MB each.",
        request={"multipart/form-data": IATIUploadSerializer},
        responses={
            202: IATIImportRunSerializer,
            400: INVALID,
            **STAFF_ERRORS,
            413: error("An uploaded file, or the request, is over the limit."),
        },
    )
    def post(self, request):
        limit = request._request.upload_limit
        data = request.data  # (read here, through the limit)
        if limit.whole or limit.too_large:
            return _too_large(limit.too_large)
        serializer = IATIUploadSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        files = serializer.validated_data["files"]
        if not files:
            return error_response({"files": "Send at least one IATI XML file."})
        if len(files) > uploads.MAX_FILES:
            return error_response({"files": f"At most {uploads.MAX_FILES} files at a time."})
        too_big = [f.name for f in files if f.size > uploads.MAX_UPLOAD_BYTES]
        if too_big:
            return _too_large(too_big)
        run = uploads.iati_upload_queue(
            user=request.user,
            files=[(f.name, f.chunks()) for f in files],
            schema_check=serializer.validated_data["schema_check"],
        )
        body = IATIImportRunSerializer(run, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


def _too_large(names: list[str]) -> Response:
    mb = uploads.MAX_UPLOAD_BYTES // (1024 * 1024)
    message = (
        f"Larger than {mb} MB: {', '.join(names)}."
        if names
        else f"The upload is larger than {uploads.MAX_FILES} files of {mb} MB."
    )
    return error_response(
        {"files": message + " Import large files with `ipdev import-iati`."},
        status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


class ImportItem(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="iati_imports_retrieve",
        summary="An IATI import: its status, and its counts and problems once it has ended",
        responses={200: IATIImportRunSerializer, **STAFF_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        import_runs_mark_interrupted(now=timezone.now())
        run = get_object_or_404(ImportRun, pk=pk if pk <= INT_MAX else 0)
        return Response(IATIImportRunSerializer(run, context={"request": request}).data)


class ImportRetry(APIView):
    permission_classes = [IsStaff]

    @extend_schema(
        operation_id="iati_imports_retry",
        summary="Retry a failed or interrupted IATI import with the files it kept",
        description="Queues the import again (202, follow `Location`). What the first attempt "
        "wrote is found unchanged: the import is idempotent by IATI identifier. An import that "
        "is waiting, running or done, or whose files are no longer kept, is refused (409).",
        request=None,
        responses={
            202: IATIImportRunSerializer,
            **STAFF_ERRORS,
            404: NOT_FOUND,
            409: error("This import may not be retried; `detail` says why."),
        },
    )
    def post(self, request, pk: int):
        run = get_object_or_404(ImportRun, pk=pk if pk <= INT_MAX else 0)
        try:
            run = uploads.iati_upload_retry(run=run, user=request.user)
        except jobs.RetryRefused as refused:
            body = {"detail": str(refused), "code": "conflict", "errors": {}}
            return Response(body, status=status.HTTP_409_CONFLICT)
        body = IATIImportRunSerializer(run, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})
