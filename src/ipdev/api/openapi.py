"""The OpenAPI schema's own truths: where no token is needed, which errors every operation can
answer, the ranges of integer query parameters (DEFAULT_SCHEMA_CLASS and a postprocessing hook,
see SPECTACULAR_SETTINGS)."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError
from drf_spectacular import openapi

from ipdev.activities import labels
from ipdev.activities.filters import MAX_PER_PAGE
from ipdev.core.bounds import INT_MAX, YEAR_MAX, YEAR_MIN
from ipdev.search.types import FACETS

from . import versions


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's, telling also where no token is needed: a view whose permission
    classes let an anonymous request through (public reads) lists `{}` among its security
    requirements, as AllowAny does by default."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and getattr(self.view, "versioned", None) is not None:
            versions.document(operation, self.method)
        return operation

    def get_auth(self):
        auths = super().get_auth()
        if {} not in auths and self._open_to_anonymous():
            auths.append({})
        return auths

    def _open_to_anonymous(self) -> bool:
        request = SimpleNamespace(method=self.method, user=AnonymousUser(), query_params={})
        try:
            return all(p.has_permission(request, self.view) for p in self.view.get_permissions())
        except Exception:  # a permission that needs more of a request: say a token is needed
            return False


# The answers every operation can give besides its own (see errors.py for their shape).
def _standard_errors(path: str, method: str, operation: dict) -> dict[str, str]:
    found = {
        "400": "Invalid input: `errors` names each field (query parameters included).",
        "401": "A token was sent but is not valid, or the operation needs one.",
        "406": "The `Accept` header asks for a format the API does not produce.",
    }
    if "{" in path:
        found["404"] = "No such object, or not one this user may see."
    elif any(p.get("name") == "page" for p in operation.get("parameters", [])):
        found["404"] = "A page past the last one."
    if method in {"post", "put", "patch", "delete"}:
        found["403"] = "Signed in, but not allowed to do this."
    if "requestBody" in operation:
        found["413"] = "The request body is too large."
        found["415"] = "The body is not in a media type the operation reads."
    if path.endswith("/auth/token/"):
        found["429"] = "Too many attempts: wait before trying again (`Retry-After`)."
    return found


PARAMETER_LIMITS = {
    "page": {"minimum": 1, "maximum": INT_MAX},
    "per_page": {"minimum": 1, "maximum": MAX_PER_PAGE},
    "year": {"minimum": YEAR_MIN, "maximum": YEAR_MAX},
    "year_from": {"minimum": YEAR_MIN, "maximum": YEAR_MAX},
    "year_to": {"minimum": YEAR_MIN, "maximum": YEAR_MAX},
    "period": {"minimum": YEAR_MIN, "maximum": YEAR_MAX},
    "limit": {"minimum": 1, "maximum": 50},
    "activity": {"minimum": 1, "maximum": INT_MAX},
    "plan": {"minimum": 1, "maximum": INT_MAX},
    "a": {"minimum": 0, "maximum": INT_MAX},
    "b": {"minimum": 0, "maximum": INT_MAX},
}


def document_errors_and_limits(result, generator, request, public):
    """Postprocessing hook: every operation lists the error answers it can give, in the one
    error shape, and integer query parameters state their ranges (ipdev.core.bounds)."""
    ref = {"$ref": "#/components/schemas/Error"}
    codes: dict[str, set[str] | None] = {}
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for code, text in _standard_errors(path, method, operation).items():
                responses.setdefault(
                    code, {"description": text, "content": {"application/json": {"schema": ref}}}
                )
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                limits = PARAMETER_LIMITS.get(parameter["name"])
                if limits and parameter["in"] == "query" and schema.get("type") == "integer":
                    schema.update(limits)
                if parameter["name"] in FACETS and schema.get("type") == "array":
                    schema["items"] = _facet_values(parameter["name"], codes)
                if path.endswith("/consents/") and parameter["name"] == "country":
                    schema.update(_facet_values("country", codes))
    return result


def _facet_values(facet: str, codes: dict) -> dict:
    """The values a search filter accepts: the codes of its reference list, years in range,
    organisation ids; anything else is answered 400."""
    if facet == "year":
        return {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
    if facet not in codes:
        try:
            codes[facet] = labels.valid_codes(facet)
        except DatabaseError:  # no database yet (`ipdev check` before `migrate`)
            codes[facet] = None
    known = codes[facet]
    if known is None:
        return {"type": "string", "pattern": "^[0-9]{1,18}$"}
    return {"type": "string", "enum": sorted(known)}
