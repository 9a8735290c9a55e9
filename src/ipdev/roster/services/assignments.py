"""Roster writes about assignments: creation, conflict-of-interest declarations and their
review, status changes, the staff evaluation. Each call, one audited transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities.models import Activity
from ipdev.core.audit import audit_log, diff

from ..models import (
    Assignment,
    Consultant,
    Declaration,
)
from ..permissions import require_own_or_staff, require_staff
from .profiles import _decimal

ASSIGNMENT_FIELDS = ("role", "start_date", "end_date", "deliverables", "fee")


def _assignment_snapshot(a: Assignment) -> dict[str, Any]:
    return {
        "consultant": a.consultant_id,
        "activity": a.activity_id,
        "status": a.status,
        **{name: getattr(a, name) for name in ASSIGNMENT_FIELDS},
    }


@transaction.atomic
def assignment_create(
    *, user, consultant: Consultant, activity: Activity, data: Mapping[str, Any]
) -> Assignment:
    """Staff assign a consultant to a TAD activity (planned until the declaration is cleared)."""
    require_staff(user)
    unknown = set(data) - set(ASSIGNMENT_FIELDS)
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    assignment = Assignment(consultant=consultant, activity=activity)
    for name, value in data.items():
        setattr(assignment, name, _decimal(value, name) if name == "fee" else value)
    assignment.full_clean()
    assignment.save()
    audit_log(
        actor=user,
        action="roster.assignment_created",
        obj=assignment,
        changes=diff({}, _assignment_snapshot(assignment)),
    )
    return assignment


@transaction.atomic
def declaration_submit(
    *, user, assignment: Assignment, has_conflict: bool, statement: str = ""
) -> Declaration:
    """The consultant declares (no) conflict of interest for an assignment; staff review it."""
    require_own_or_staff(user, assignment.consultant)
    if not isinstance(has_conflict, bool):
        raise ValidationError({"has_conflict": _("Say yes or no.")})
    statement = (statement or "").strip()
    if has_conflict and not statement:
        raise ValidationError({"statement": _("Describe the interest you declare.")})
    if assignment.status != Assignment.Status.PLANNED:
        raise ValidationError({"assignment": _("The assignment has already started.")})
    Declaration.objects.filter(assignment=assignment).delete()
    declaration = Declaration.objects.create(
        assignment=assignment, has_conflict=has_conflict, statement=statement, declared_by=user
    )
    audit_log(
        actor=user,
        action="roster.declaration_submitted",
        obj=assignment,
        changes={"declaration": [None, {"has_conflict": has_conflict}]},
        message=statement,
    )
    return declaration


@transaction.atomic
def declaration_review(
    *, user, declaration: Declaration, cleared: bool, comment: str = ""
) -> Declaration:
    """Staff clear a declaration or find a conflict that stops the assignment from starting."""
    require_staff(user)
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not cleared and not (comment or "").strip():
        raise ValidationError({"review_comment": _("Say what the conflict is.")})
    old = declaration.review
    declaration.review = Declaration.Review.CLEARED if cleared else Declaration.Review.REFUSED
    declaration.reviewed_by, declaration.reviewed_at = user, timezone.now()
    declaration.review_comment = (comment or "").strip()
    declaration.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_comment"])
    audit_log(
        actor=user,
        action="roster.declaration_reviewed",
        obj=declaration.assignment,
        changes={"declaration": [old, declaration.review]},
        message=declaration.review_comment,
    )
    return declaration


ASSIGNMENT_TRANSITIONS = {
    Assignment.Status.PLANNED: {Assignment.Status.STARTED, Assignment.Status.CANCELLED},
    Assignment.Status.STARTED: {Assignment.Status.COMPLETED, Assignment.Status.CANCELLED},
    Assignment.Status.COMPLETED: set(),
    Assignment.Status.CANCELLED: set(),
}


@transaction.atomic
def assignment_change_status(*, user, assignment: Assignment, status: str) -> Assignment:
    """Start, complete or cancel. Starting needs the code of ethics and a cleared declaration."""
    require_staff(user)
    assignment = (
        Assignment.objects.select_for_update().select_related("consultant").get(pk=assignment.pk)
    )
    old = assignment.status
    if status not in Assignment.Status.values:
        raise ValidationError({"status": _("Unknown status '%(status)s'.") % {"status": status}})
    if status not in ASSIGNMENT_TRANSITIONS[old]:
        raise ValidationError(
            {
                "status": _("An assignment cannot go from %(old)s to %(status)s.")
                % {"old": old, "status": status}
            }
        )
    if status == Assignment.Status.STARTED:
        declaration = Declaration.objects.filter(assignment=assignment).first()
        if declaration is None:
            raise ValidationError(
                {"declaration": _("The consultant has not declared conflicts of interest.")}
            )
        if declaration.review != Declaration.Review.CLEARED:
            raise ValidationError(
                {"declaration": _("The conflict-of-interest declaration is not cleared by staff.")}
            )
        if not assignment.consultant.ethics_accepted:
            raise ValidationError(
                {"ethics": _("The consultant has not accepted the code of ethics.")}
            )
    assignment.status = status
    assignment.save(update_fields=["status"])
    audit_log(
        actor=user,
        action="roster.assignment_status_changed",
        obj=assignment,
        changes={"status": [old, status]},
    )
    return assignment


@transaction.atomic
def assignment_evaluate(
    *, user, assignment: Assignment, rating: int, evaluation: str = ""
) -> Assignment:
    """Staff evaluate a completed assignment. Private: never shown outside staff."""
    require_staff(user)
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.status != Assignment.Status.COMPLETED:
        raise ValidationError({"status": _("Only a completed assignment is evaluated.")})
    if not isinstance(rating, int) or isinstance(rating, bool) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("A rating is a whole number from 1 to 5.")})
    before = {"rating": assignment.rating, "evaluation": assignment.evaluation}
    assignment.rating, assignment.evaluation = rating, (evaluation or "").strip()
    assignment.evaluated_by, assignment.evaluated_at = user, timezone.now()
    assignment.save(update_fields=["rating", "evaluation", "evaluated_by", "evaluated_at"])
    audit_log(
        actor=user,
        action="roster.assignment_evaluated",
        obj=assignment,
        changes=diff(before, {"rating": rating, "evaluation": assignment.evaluation}),
    )
    return assignment
