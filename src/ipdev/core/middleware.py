"""Request checks that hold for every page and endpoint."""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _


class RejectNulCharacters:
    """A query parameter with a NUL character gets a 400 naming it, for every URL.

    No field of the platform can hold one (PostgreSQL text refuses it, forms and serializers
    reject it in bodies), and a NUL that reaches a database filter ends in a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            return self._refuse(request, ["path"])
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            bad = sorted(
                {k[:40] for k, values in request.GET.lists() for v in [k, *values] if "\x00" in v}
            )
            if bad:
                return self._refuse(request, bad)
        return self.get_response(request)

    @staticmethod
    def _refuse(request, fields: list[str]):
        message = _("Null characters are not allowed.")
        names = [name.replace("\x00", "") for name in fields]
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "detail": str(_("Invalid input.")),
                    "code": "invalid",
                    "errors": {name: [message] for name in names},
                },
                status=400,
            )
        shown = escape(", ".join(names))
        return HttpResponseBadRequest(
            f"<!doctype html><title>400</title><p>{escape(message)} ({shown})</p>"
        )
