"""No lost update in the API, in one place: a view that names the model of its ``{pk}``
(``versioned``) sends that object's version as an ``ETag`` on every successful answer, and
checks ``If-Match`` on every write to it.

- ``PATCH``, ``PUT`` and ``DELETE`` must send ``If-Match``: without it the answer is
  428 Precondition Required (RFC 6585); with a version that is no longer the object's,
  412 Precondition Failed. ``If-Match: *`` says "whatever it is now", on purpose.
- A state-changing ``POST`` on the object (a decision, a submission, a revocation) may send
  ``If-Match``; a stale one gets 412.

The object's row is locked from the check to the end of the write (one transaction), and the
services check the version again where they take ``based_on``. Permission comes first: someone
who may not write the object gets 401/403/404 as before, never a 412 or 428 that would tell
them it exists or what it is.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status

from ipdev.core.bounds import whole_number
from ipdev.core.versions import version_for

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
REQUIRED = {"PUT", "PATCH", "DELETE"}
# Answers that win over a failed precondition: who may not write learns nothing more.
REFUSALS = {401, 403, 404, 405}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The object changed since the version in If-Match: read it again (GET) and redo your "
        "change on the version its ETag names."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = gettext_lazy(
        "Send the If-Match header with the ETag of the version your change is based on "
        "(from a GET of this object), or If-Match: * to change whatever it is now."
    )
    default_code = "precondition_required"


def matches(header: str, current: str) -> bool:
    etags = parse_etags(header)
    return etags == ["*"] or quote_etag(current) in etags or f"W/{quote_etag(current)}" in etags


class Versioned:
    """APIView mixin: ``versioned`` is the model whose ``pk`` the URL names.

    After the check, ``self.based_on`` is the version the change is based on (None with
    ``If-Match: *`` or an optional header left out), for services that take ``based_on``.
    """

    versioned = None
    based_on: str | None = None

    def _target(self, lock: bool):
        pk = whole_number(str(self.kwargs.get("pk", "")))
        if self.versioned is None or pk is None:
            return None
        rows = self.versioned._default_manager.filter(pk=pk)
        return (rows.select_for_update() if lock else rows).first()

    def dispatch(self, request, *args, **kwargs):
        if request.method not in UNSAFE or self.versioned is None:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._refusal = None
        if request.method not in UNSAFE:
            return
        target = self._target(lock=True)
        if target is None:  # no such object: the view answers 404
            return
        header = request.headers.get("If-Match", "").strip()
        current = version_for(target)
        if not header:
            if request.method in REQUIRED:
                self._refusal = PreconditionRequired()
        elif not matches(header, current):
            self._refusal = PreconditionFailed()
        elif parse_etags(header) != ["*"]:
            self.based_on = current
        if self._refusal is not None:
            handler = getattr(self, request.method.lower(), None)
            if handler is not None:  # else DRF's 405
                setattr(self, request.method.lower(), partial(self._refused, handler))

    def _refused(self, handler, request, *args, **kwargs):
        """A failed precondition: the view runs in a savepoint that is always undone; its own
        refusal (no right, no such object) is the answer if it gives one, else the 412/428."""
        try:
            with transaction.atomic():
                response = handler(request, *args, **kwargs)
                transaction.set_rollback(True)
        except Exception as exc:
            response = self.handle_exception(exc)
        if response.status_code in REFUSALS:
            return response
        return self.handle_exception(self._refusal)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if 200 <= response.status_code < 300 and request.method != "DELETE":
            target = self._target(lock=False)
            if target is not None:
                response["ETag"] = quote_etag(version_for(target))
        return response


ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}


def document(operation: dict, method: str) -> dict:
    """The OpenAPI of a versioned view's operation: the ETag it sends, the If-Match it reads
    (required for PATCH, PUT and DELETE) and the 412 / 428 answers."""
    method = method.upper()
    for response in _successes(operation):
        response.setdefault("headers", {})["ETag"] = {
            "schema": {"type": "string"},
            "description": "The version of the object: send it back in `If-Match` with a change.",
        }
    if method not in UNSAFE:
        return operation
    required = method in REQUIRED
    operation.setdefault("parameters", []).append(
        {
            "in": "header",
            "name": "If-Match",
            "required": required,
            "schema": {"type": "string"},
            "description": "The `ETag` of the version this change is based on (from a GET), or "
            "`*` for whatever the object is now. If the object changed since, nothing is written "
            "and the answer is 412."
            + (" Required: without it the answer is 428." if required else ""),
        }
    )
    responses = operation.setdefault("responses", {})
    responses["412"] = {
        "description": "The object changed since the version named in `If-Match`.",
        "content": ERROR,
    }
    if required:
        responses["428"] = {"description": "`If-Match` is missing.", "content": ERROR}
    return operation


def _successes(operation: dict):
    for code, response in operation.get("responses", {}).items():
        if str(code).startswith("2") and str(code) != "204":
            yield response
