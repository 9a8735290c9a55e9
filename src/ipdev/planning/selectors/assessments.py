"""Reads of needs assessments: staff see all, a focal point their countries' (not public)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.http import Http404

from ipdev.activities.visibility import Viewer
from ipdev.planning.models import NeedsAssessment


@dataclass(frozen=True)
class AssessmentRow:
    pk: int
    country_code: str
    country_name: str
    version: int
    assessed_on: dt.date
    title: str
    findings: str
    priorities: str
    risks: str
    preparedness: str
    national_committee: str
    plans: list[int] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)


def _visible(user):
    viewer = Viewer.of(user)
    qs = NeedsAssessment.objects.select_related("country").prefetch_related("plans", "requests")
    if viewer.staff:
        return qs
    return qs.filter(country__in=viewer.countries) if viewer.countries else qs.none()


def _row(a: NeedsAssessment) -> AssessmentRow:
    return AssessmentRow(
        pk=a.pk,
        country_code=a.country_id,
        country_name=a.country.localized_name,
        version=a.version,
        assessed_on=a.assessed_on,
        title=a.title,
        findings=a.findings,
        priorities=a.priorities,
        risks=a.risks,
        preparedness=a.preparedness,
        national_committee=a.national_committee,
        plans=sorted(p.pk for p in a.plans.all()),
        requests=sorted(r.pk for r in a.requests.all()),
    )


def needs_assessment_list(*, user, country: str = "") -> list[AssessmentRow]:
    """Every version, the latest first within each country."""
    qs = _visible(user)
    if country:
        qs = qs.filter(country=country)
    return [_row(a) for a in qs.order_by("country__name", "-version")[:500]]


def needs_assessment_detail(*, user, pk: int) -> AssessmentRow:
    try:
        return _row(_visible(user).get(pk=pk))
    except NeedsAssessment.DoesNotExist:
        raise Http404("No such needs assessment.") from None
