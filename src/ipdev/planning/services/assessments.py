"""The one write path for needs assessments: each record is a new dated version."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions
from ipdev.planning.models import NeedsAssessment

from .fields import apply, require_text, snapshot

FIELDS = (
    "country",
    "assessed_on",
    "title",
    "findings",
    "priorities",
    "risks",
    "preparedness",
    "national_committee",
)
REQUIRED = ("title", "findings", "priorities", "risks", "preparedness", "national_committee")


@transaction.atomic
def needs_assessment_record(*, user, data: Mapping[str, Any]) -> NeedsAssessment:
    """Record a country's needs assessment; an earlier one stays as the previous version."""
    permissions.require(
        permissions.can_edit_plan(user), "Only WIPO staff record needs assessments."
    )
    assessment = NeedsAssessment(recorded_by=user)
    apply(assessment, data, FIELDS)
    errors: dict[str, str] = {}
    if assessment.country_id is None:
        errors["country"] = _("This field is required.")
    if assessment.assessed_on is None:
        errors["assessed_on"] = _("Give the date of the assessment.")
    elif assessment.assessed_on > timezone.localdate():
        errors["assessed_on"] = _("An assessment cannot be dated in the future.")
    try:
        require_text(data, REQUIRED)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    # Versions are numbered per country; the lock keeps two recorders from taking one number.
    versions = NeedsAssessment.objects.select_for_update().filter(country=assessment.country_id)
    assessment.version = max(versions.values_list("version", flat=True), default=0) + 1
    assessment.full_clean(exclude=["version"])
    assessment.save()
    audit_log(
        actor=user,
        action="needs_assessment.recorded",
        obj=assessment,
        changes=diff({}, snapshot(assessment, FIELDS)),
        message=f"version {assessment.version}",
    )
    return assessment
