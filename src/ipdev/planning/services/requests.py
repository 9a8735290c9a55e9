"""The one write path for requests for assistance: filing, review, consultation, decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities import services as activity_services
from ipdev.activities.documents import check_upload
from ipdev.activities.models import Scope, Status
from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions, routing
from ipdev.planning.models import (
    CRITERIA,
    AssistanceRequest,
    Consultation,
    RequestKind,
    RequestStatus,
)
from ipdev.reference.models import Unit

from .fields import apply, require_text, resolve, snapshot

COMMON = (
    "kind",
    "country",
    "institution",
    "title",
    "assistance_type",
    "delivery_mode",
    "purpose",
    "development_goals",
    "expected_outcome",
    "beneficiaries_number",
    "beneficiaries_profile",
    "preferred_start",
    "preferred_end",
)
PROJECT_ONLY = ("project", "rationale", "local_partners", "readiness")
FILED = COMMON + PROJECT_ONLY
# What each variant must state, beyond what both must.
REQUIRED = {
    RequestKind.ASSISTANCE: ("purpose", "expected_outcome", "beneficiaries_profile"),
    RequestKind.PROJECT: (
        "project",
        "rationale",
        "expected_outcome",
        "beneficiaries_profile",
        "readiness",
    ),
}


def _check_letter(letter) -> tuple[str, str, int]:
    if letter is None:
        raise ValidationError({"letter": _("Attach the official letter of request.")})
    try:
        return check_upload(letter)
    except ValidationError as exc:
        raise ValidationError({"letter": exc.message_dict["file"]}) from None


@transaction.atomic
def request_file(*, user, data: Mapping[str, Any], letter) -> AssistanceRequest:
    """File a request with its official letter; it is routed to the units for its country."""
    kind = data.get("kind")
    if kind not in RequestKind.values:
        raise ValidationError(
            {"kind": _("Choose one of: %(values)s.") % {"values": ", ".join(RequestKind.values)}}
        )
    if kind == RequestKind.ASSISTANCE:
        extra = sorted(k for k in PROJECT_ONLY if data.get(k) and k != "readiness")
        if extra:
            raise ValidationError(
                dict.fromkeys(extra, _("Only a request to join a project has this."))
            )
    request = AssistanceRequest(submitted_on=timezone.localdate())
    apply(request, data, FILED)
    if request.country_id is None:
        raise ValidationError({"country": _("This field is required.")})
    permissions.require(
        permissions.can_file_request(user, request.country_id),
        "You may file requests only for the countries you are a focal point for.",
    )
    require_text(data, REQUIRED[kind])
    if kind == RequestKind.PROJECT and not request.purpose:
        request.purpose = request.rationale
    name, content_type, size = _check_letter(letter)
    request.letter_content_type, request.letter_size = content_type, size
    request.filed_by = user if getattr(user, "is_authenticated", False) else None
    request.full_clean(exclude=["letter"])
    request.letter.save(name, letter, save=False)
    try:
        request.save()
    except Exception:
        request.letter.delete(save=False)
        raise
    country = request.country
    request.routed_to.set(routing.route(bureau=country.bureau_id, status=country.status))
    audit_log(
        actor=user,
        action="request.filed",
        obj=request,
        changes=diff({}, snapshot(request, FILED)),
        message=f"Routed to {', '.join(sorted(request.routed_to.values_list('pk', flat=True)))}",
    )
    return request


def _lock(request: AssistanceRequest) -> AssistanceRequest:
    return AssistanceRequest.objects.select_for_update().get(pk=request.pk)


def _require_open(request: AssistanceRequest) -> None:
    if request.status in (RequestStatus.APPROVED, RequestStatus.DECLINED):
        raise ValidationError(
            {"status": _("This request was already %(status)s.") % {"status": request.status}}
        )


@transaction.atomic
def request_review(
    *, user, request: AssistanceRequest, criteria: Mapping[str, bool], notes: str = ""
) -> AssistanceRequest:
    """Record the approval-criteria checklist and review notes; the request is in review."""
    permissions.require(permissions.can_review(user), "Only WIPO staff review requests.")
    request = _lock(request)
    _require_open(request)
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        raise ValidationError(
            {"criteria": _("Unknown criteria: %(values)s.") % {"values": ", ".join(unknown)}}
        )
    before = {"criteria": dict(request.criteria), "review_notes": request.review_notes}
    request.criteria = {name: bool(criteria.get(name)) for name in CRITERIA}
    request.review_notes = notes
    old_status = request.status
    request.status = RequestStatus.IN_REVIEW
    request.save(update_fields=["criteria", "review_notes", "status", "updated_at"])
    changes = diff(before, {"criteria": request.criteria, "review_notes": notes})
    if old_status != request.status:
        changes["status"] = [old_status, request.status]
    audit_log(actor=user, action="request.reviewed", obj=request, changes=changes)
    return request


@transaction.atomic
def consultation_record(
    *,
    user,
    request: AssistanceRequest,
    consulted_on: dt.date,
    summary: str,
    unit: Unit | str | None = None,
    partner: str = "",
) -> Consultation:
    """Record a consultation with another WIPO unit or a partner institution."""
    permissions.require(permissions.can_review(user), "Only WIPO staff record consultations.")
    _require_open(request)
    consultation = Consultation(
        request=request,
        unit=resolve(Consultation._meta.get_field("unit"), unit),
        partner=(partner or "").strip(),
        consulted_on=consulted_on,
        summary=(summary or "").strip(),
        recorded_by=user,
    )
    if consultation.unit is None and not consultation.partner:
        raise ValidationError({"unit": _("Name the unit or the partner institution consulted.")})
    consultation.full_clean(exclude=["request"])
    consultation.save()
    audit_log(
        actor=user,
        action="request.consulted",
        obj=request,
        changes={"consultations": [None, str(consultation)]},
        message=consultation.summary[:500],
    )
    return consultation


def _activity_data(request: AssistanceRequest, overrides: Mapping[str, Any]) -> dict[str, Any]:
    unit = request.routed_to.order_by("order").first()
    data = {
        "title": request.title,
        "summary": request.purpose,
        "objectives": request.expected_outcome,
        "beneficiary_institutions": request.institution,
        "category": request.assistance_type_id,
        "delivery_mode": request.delivery_mode_id,
        "status": Status.PLANNED,
        "start_date": request.preferred_start,
        "end_date": request.preferred_end,
        "scope": Scope.NATIONAL,
        "countries": [request.country_id],
        "implementing_unit": unit.pk if unit else None,
    }
    data.update({k: v for k, v in overrides.items() if v not in (None, "")})
    return data


DECIDABLE = (RequestStatus.APPROVED, RequestStatus.DEFERRED, RequestStatus.DECLINED)
ACTIVITY_OVERRIDES = ("delivery_mode", "start_date", "end_date", "implementing_unit", "title")


@transaction.atomic
def request_decide(
    *,
    user,
    request: AssistanceRequest,
    decision: str,
    reason: str,
    activity: Mapping[str, Any] | None = None,
) -> AssistanceRequest:
    """Approve, defer or decline with a reason the requester sees; approval plans an activity."""
    permissions.require(permissions.can_review(user), "Only WIPO staff decide on requests.")
    request = _lock(request)
    _require_open(request)
    if decision not in DECIDABLE:
        raise ValidationError(
            {"decision": _("Choose one of: %(values)s.") % {"values": ", ".join(DECIDABLE)}}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason; the requester will see it.")})
    overrides = dict(activity or {})
    unknown = sorted(set(overrides) - set(ACTIVITY_OVERRIDES))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("This field cannot be set.")))
    old = request.status
    if decision == RequestStatus.APPROVED:
        missing = request.missing_criteria()
        if missing:
            names = "; ".join(str(CRITERIA[m]) for m in missing)
            raise ValidationError(
                {"criteria": _("Not approvable until checked: %(names)s.") % {"names": names}}
            )
        # One write path: the activity is made by the activities service, in this transaction.
        request.activity = activity_services.activity_create(
            user=user, data=_activity_data(request, overrides)
        )
    request.status = decision
    request.decision_reason = reason
    request.decided_by = user
    request.decided_at = timezone.now()
    request.save(
        update_fields=[
            "status",
            "decision_reason",
            "decided_by",
            "decided_at",
            "activity",
            "updated_at",
        ]
    )
    changes = {"status": [old, decision], "decision_reason": [None, reason]}
    if request.activity_id:
        changes["activity"] = [None, request.activity_id]
    audit_log(actor=user, action=f"request.{decision}", obj=request, changes=changes)
    return request
