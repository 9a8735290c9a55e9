"""``/api/v1/downloads/<token>/``: a large download prepared by the background worker.

``GET activities.xml`` over ``IPDEV_EXPORT_BACKGROUND_ROWS`` activities answers ``202 Accepted``
with this resource's address in ``Location``: it says how far the file is and, once ready,
where to fetch it (``file``). A download is shown only to a reader of the audience it was built
for (the visibility rule's: the public, staff, or the same focal point's countries); anyone else
gets 404, as for an unknown token (``activities.export_files.prepared_for``).
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from ipdev.activities import export_files

from .schema import NOT_FOUND


class PreparedSerializer(serializers.Serializer):
    token = serializers.CharField()
    url = serializers.SerializerMethodField()
    format = serializers.CharField()
    state = serializers.ChoiceField(choices=["queued", "running", "ready", "failed"])
    state_label = serializers.CharField()
    ready = serializers.BooleanField()
    rows = serializers.IntegerField(allow_null=True, help_text="Activities in the file.")
    size = serializers.IntegerField(allow_null=True, help_text="Bytes.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    file = serializers.SerializerMethodField(help_text="Where to fetch the file, once ready.")

    def get_url(self, prepared) -> str:
        return reverse(
            "api:download-detail", args=[prepared.token], request=self.context["request"]
        )

    def get_file(self, prepared) -> str | None:
        if not prepared.ready:
            return None
        return reverse("api:download-file", args=[prepared.token], request=self.context["request"])


# How long a client should wait before asking again about a download being prepared.
RETRY_AFTER_SECONDS = 2


def ask_again_later(response, prepared) -> None:
    """``Retry-After`` while the file is still being prepared (not once it is ready or failed)."""
    if prepared.waiting:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)


def accepted(request, prepared) -> Response:
    """``202 Accepted``: the download is prepared; follow ``Location``."""
    body = PreparedSerializer(prepared, context={"request": request}).data
    response = Response(body, status=202, headers={"Location": body["url"]})
    ask_again_later(response, prepared)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


class DownloadItem(APIView):
    permission_classes = [AllowAny]  # the token, and the reader's audience, decide

    @extend_schema(
        operation_id="downloads_retrieve",
        summary="A large download being prepared: its state, and its file once ready",
        description="Ask again until `ready` is true (or `state` is `failed`), then fetch `file`;"
        " while the file is prepared, `Retry-After` says how many seconds to wait."
        " Shown only to readers of the audience it was prepared for; kept for a day.",
        responses={200: PreparedSerializer, 404: NOT_FOUND},
    )
    def get(self, request, token: str):
        prepared = export_files.prepared_for(token=token, user=request.user)
        response = Response(PreparedSerializer(prepared, context={"request": request}).data)
        ask_again_later(response, prepared)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response


class DownloadFile(APIView):
    permission_classes = [AllowAny]  # the token, and the reader's audience, decide

    @extend_schema(
        operation_id="downloads_file",
        summary="The file of a prepared download",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, in the format asked for."
            ),
            404: NOT_FOUND,
        },
    )
    def get(self, request, token: str):
        response = export_files.file_response(token=token, user=request.user)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        return response
