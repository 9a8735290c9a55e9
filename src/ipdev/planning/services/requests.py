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
    ANSWERED_CRITERIA,
    CRITERIA,
    LEAD_TIME_MONTHS,
    AssistanceRequest,
    Consultation,
    RequestKind,
    RequestStatus,
)
from ipdev.reference.models import Unit

from .fields import apply, require_text, resolve, snapshot

# What a request is part of (the criterion "in_plan" as data), and the assessment behind it.
LINKS = ("plan_line", "strategy", "da_project", "needs_assessment")

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
FILED = COMMON + PROJECT_ONLY + LINKS
# What each variant must state, beyond what both must.
REQUIRED = {
    RequestKind.ASSISTANCE: ("purpose", "expected_outcome", "beneficiaries_profile"),
    RequestKind.PROJECT: (
        "project",
        "rationale",
        "development_goals",
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
    _check_dates(request)
    _check_links(request)
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


def _check_dates(request: AssistanceRequest) -> None:
    """A preferred start already past is refused (a short lead time only warns)."""
    today = timezone.localdate()
    if request.preferred_start is not None and request.preferred_start < today:
        raise ValidationError(
            {
                "preferred_start": _(
                    "This date is already past. Choose a date from %(today)s on; WIPO asks for"
                    " requests %(months)s to six months ahead."
                )
                % {"today": today.isoformat(), "months": LEAD_TIME_MONTHS}
            }
        )


def _check_links(request: AssistanceRequest) -> None:
    """A plan line, strategy or needs assessment must be of the request's own country."""
    errors = {}
    if request.plan_line is not None and request.plan_line.plan.country_id != request.country_id:
        errors["plan_line"] = _("This line belongs to the plan of another country.")
    if request.strategy is not None and request.strategy.country_id != request.country_id:
        errors["strategy"] = _("This strategy is of another country.")
    assessment = request.needs_assessment
    if assessment is not None and assessment.country_id != request.country_id:
        errors["needs_assessment"] = _("This needs assessment is of another country.")
    if errors:
        raise ValidationError(errors)


def _lock(request: AssistanceRequest) -> AssistanceRequest:
    return AssistanceRequest.objects.select_for_update().get(pk=request.pk)


def _require_open(request: AssistanceRequest) -> None:
    if request.status in (RequestStatus.APPROVED, RequestStatus.DECLINED):
        raise ValidationError(
            {"status": _("This request was already %(status)s.") % {"status": request.status}}
        )


@transaction.atomic
def request_review(
    *,
    user,
    request: AssistanceRequest,
    criteria: Mapping[str, bool],
    notes: str = "",
    links: Mapping[str, Any] | None = None,
) -> AssistanceRequest:
    """Record the approval criteria (each answered yes or no), the review notes and what the
    request is part of (`links`: plan_line, strategy, da_project, needs_assessment)."""
    permissions.require(permissions.can_review(user), "Only WIPO staff review requests.")
    request = _lock(request)
    _require_open(request)
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        raise ValidationError(
            {"criteria": _("Unknown criteria: %(values)s.") % {"values": ", ".join(unknown)}}
        )
    if "in_plan" in criteria:
        raise ValidationError(
            {
                "criteria.in_plan": _(
                    "This criterion is not ticked: link the request to a plan line, a strategy"
                    " or a project (plan_line, strategy, da_project)."
                )
            }
        )
    unanswered = [name for name in ANSWERED_CRITERIA if criteria.get(name) is None]
    if unanswered:
        raise ValidationError({f"criteria.{name}": _("Answer yes or no.") for name in unanswered})
    before = {
        "criteria": dict(request.criteria),
        "review_notes": request.review_notes,
        **snapshot(request, LINKS),
    }
    if links:
        apply(request, links, LINKS)
        _check_links(request)
    request.criteria = {name: bool(criteria[name]) for name in ANSWERED_CRITERIA}
    request.review_notes = notes
    old_status = request.status
    request.status = RequestStatus.IN_REVIEW
    request.save(update_fields=["criteria", "review_notes", "status", *LINKS, "updated_at"])
    after = {"criteria": request.criteria, "review_notes": notes, **snapshot(request, LINKS)}
    changes = diff(before, after)
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


def _approval_errors(request: AssistanceRequest, no_framework_reason: str) -> dict[str, str]:
    errors = {}
    unanswered = request.unanswered_criteria()
    if unanswered:
        names = "; ".join(str(CRITERIA[m]) for m in unanswered)
        errors["criteria"] = _("Answer these criteria in the review first: %(names)s.") % {
            "names": names
        }
    else:
        missing = request.missing_criteria()
        if missing:
            names = "; ".join(str(CRITERIA[m]) for m in missing)
            errors["criteria"] = _("Not approvable while these are not met: %(names)s.") % {
                "names": names
            }
    if not request.framework and not no_framework_reason:
        errors["no_framework_reason"] = _(
            "The request is linked to no plan line, strategy or project: link it in the review,"
            " or justify approving it outside them."
        )
    return errors


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
    no_framework_reason: str = "",
    consultation_waiver: str = "",
) -> AssistanceRequest:
    """Approve, defer or decline with a reason the requester sees; approval plans an activity.

    Every decision follows the consultations (or a waiver saying why none was needed) and
    records the lead time left; an approval needs the criteria answered yes and the request
    linked to a plan line, strategy or project, or a reason why it is approved outside them."""
    permissions.require(permissions.can_review(user), "Only WIPO staff decide on requests.")
    request = _lock(request)
    _require_open(request)
    if decision not in DECIDABLE:
        raise ValidationError(
            {"decision": _("Choose one of: %(values)s.") % {"values": ", ".join(DECIDABLE)}}
        )
    reason = (reason or "").strip()
    no_framework_reason = (no_framework_reason or "").strip()
    consultation_waiver = (consultation_waiver or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Give the reason; the requester will see it.")
    consulted = request.consultations.exists()
    if not consulted and not consultation_waiver:
        errors["consultation_waiver"] = _(
            "Record the consultations with the sectors concerned first, or say why none was needed."
        )
    if decision == RequestStatus.APPROVED:
        errors.update(_approval_errors(request, no_framework_reason))
    if errors:
        raise ValidationError(errors)
    overrides = dict(activity or {})
    unknown = sorted(set(overrides) - set(ACTIVITY_OVERRIDES))
    if unknown:
        raise ValidationError(dict.fromkeys(unknown, _("This field cannot be set.")))
    old = request.status
    if decision == RequestStatus.APPROVED:
        # One write path: the activity is made by the activities service, in this transaction.
        request.activity = activity_services.activity_create(
            user=user, data=_activity_data(request, overrides)
        )
    request.status = decision
    request.decision_reason = reason
    request.decided_by = user
    request.decided_at = timezone.now()
    request.lead_days_at_decision = (request.preferred_start - timezone.localdate()).days
    request.consultation_waiver = "" if consulted else consultation_waiver
    request.no_framework_reason = no_framework_reason if not request.framework else ""
    request.save(
        update_fields=[
            "status",
            "decision_reason",
            "decided_by",
            "decided_at",
            "lead_days_at_decision",
            "consultation_waiver",
            "no_framework_reason",
            "activity",
            "updated_at",
        ]
    )
    changes = {
        "status": [old, decision],
        "decision_reason": [None, reason],
        "lead_days_at_decision": [None, request.lead_days_at_decision],
    }
    for name in ("consultation_waiver", "no_framework_reason"):
        if getattr(request, name):
            changes[name] = [None, getattr(request, name)]
    if request.activity_id:
        changes["activity"] = [None, request.activity_id]
    audit_log(actor=user, action=f"request.{decision}", obj=request, changes=changes)
    return request
