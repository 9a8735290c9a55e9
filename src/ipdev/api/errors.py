"""One error shape for the whole API: ``{"detail": str, "code": str, "errors": {field: [str]}}``.

Services raise Django's ``ValidationError`` (a dict naming the field) and ``PermissionDenied``;
serializers raise DRF's; both end up here so clients parse one shape for every status code.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import csrf, defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from ipdev.core.versions import StaleVersion

# A request with 100,000 bad codes must not get 100,000 messages back.
MAX_MESSAGES_PER_FIELD = 10
NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("The request body is too large.")
    default_code = "too_large"


def _messages(value, prefix: str = "") -> list[str]:
    """Flatten DRF's nested error details (lists of lists, {index: errors}) into strings."""
    if isinstance(value, Mapping):
        out: list[str] = []
        for key, inner in value.items():
            label = f"{prefix}{key}" if key != NON_FIELD else prefix.rstrip(".")
            out += _messages(inner, f"{label}." if label else "")
        return out
    if isinstance(value, list | tuple):
        return [m for item in value for m in _messages(item, prefix)]
    text = str(value)
    return [f"Item {prefix.rstrip('.')}: {text}" if prefix else text]


def field_errors(detail) -> dict[str, list[str]]:
    """``{field: [message, ...]}`` from a DRF ``ValidationError.detail`` or a list of messages."""
    if not isinstance(detail, Mapping):
        detail = {NON_FIELD: detail}
    errors = {}
    for name, value in detail.items():
        key = NON_FIELD if name == NON_FIELD_ERRORS else str(name)
        messages = _messages(value)
        extra = len(messages) - MAX_MESSAGES_PER_FIELD
        if extra > 0:
            messages = [*messages[:MAX_MESSAGES_PER_FIELD], f"... and {extra} more."]
        errors.setdefault(key, []).extend(messages)
    return errors


def _from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
    return exceptions.ValidationError(detail)


def exception_handler(exc, context):
    """DRF's handler, plus Django validation errors, reshaped into the one error shape."""
    if isinstance(exc, StaleVersion):
        # Changed between the view's check and the service's lock: as for a stale If-Match.
        from .versions import PreconditionFailed

        exc = PreconditionFailed()
    elif isinstance(exc, DjangoValidationError):
        exc = _from_django(exc)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError(str(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        body = {"detail": "Invalid input.", "code": "invalid", "errors": field_errors(exc.detail)}
    else:
        data = response.data if isinstance(response.data, Mapping) else {}
        detail = data.get("detail", "Error.")
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        body = {"detail": str(detail), "code": str(code), "errors": {}}
    response.data = body
    return response


def error_response(errors: Mapping[str, str | list[str]], status_code: int = 400) -> Response:
    """A 400 in the one shape for errors found outside a serializer (e.g. query parameters)."""
    return Response(
        {"detail": "Invalid input.", "code": "invalid", "errors": field_errors(dict(errors))},
        status=status_code,
    )


# Django's own error answers (no URL matched, an exception outside a view's handler, a bad
# Host header, a CSRF failure) are HTML pages; under /api/ they are the one JSON shape too.
API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json_error(detail: str, code: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code, "errors": {}}, status=status_code)


def bad_request(request, exception, template_name="400.html"):
    if _is_api(request):
        return _json_error(str(_("Bad request.")), "bad_request", 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception, template_name="403.html"):
    if _is_api(request):
        message = str(exception) if str(exception) else str(_("You may not do this."))
        return _json_error(message, "permission_denied", 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception, template_name="404.html"):
    if _is_api(request):
        return _json_error(str(_("Not found.")), "not_found", 404)
    return defaults.page_not_found(request, exception)


def server_error(request, template_name="500.html"):
    if _is_api(request):
        return _json_error(str(_("Server error.")), "server_error", 500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    if _is_api(request):
        return _json_error(str(_("CSRF check failed.")), "csrf_failed", 403)
    return csrf.csrf_failure(request, reason=reason)
