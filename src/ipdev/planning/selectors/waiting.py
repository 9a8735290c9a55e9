"""What waits for a user in planning, as querysets of rows: the start page counts them all in
one query (`backoffice.waiting`), so these never evaluate anything themselves."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ipdev.accounts.models import Role
from ipdev.planning import routing
from ipdev.planning.models import (
    Actual,
    ActualStatus,
    AssistanceRequest,
    CountryPlan,
    PlanStatus,
    RequestStatus,
)

OPEN_REQUESTS = (RequestStatus.SUBMITTED, RequestStatus.IN_REVIEW)


def focal_countries(user) -> QuerySet:
    """The codes of the user's countries as a subquery (no query of its own)."""
    if not user.is_active or user.role != Role.FOCAL_POINT:
        return user.countries.none().values("code")
    return user.countries.values("code")


def requests_to_decide(*, user) -> QuerySet[AssistanceRequest]:
    """Staff: open requests routed to their units (every open one when they have none)."""
    qs = AssistanceRequest.objects.filter(status__in=OPEN_REQUESTS)
    units = routing.staff_units(bureau=user.bureau_id, unit=user.unit_id)
    return qs.filter(routed_to__in=units) if units else qs


def own_requests(*, user, status: str) -> QuerySet[AssistanceRequest]:
    """A focal point: the requests of their countries at one stage."""
    return AssistanceRequest.objects.filter(country__in=focal_countries(user), status=status)


def plans_to_validate(*, user) -> QuerySet[CountryPlan]:
    """A focal point: draft country plans of their countries not yet validated by them."""
    return CountryPlan.objects.filter(
        country__in=focal_countries(user), status=PlanStatus.DRAFT, validated_on__isnull=True
    )


def actuals_submitted(*, user) -> QuerySet[Actual]:
    """Staff: actuals submitted for approval."""
    return Actual.objects.filter(status=ActualStatus.SUBMITTED)


def actuals_to_report(*, user) -> QuerySet[Actual]:
    """A focal point: actuals of their countries' indicators still in draft or returned."""
    countries = focal_countries(user)
    return Actual.objects.filter(
        Q(indicator__plan_line__plan__country__in=countries)
        | Q(indicator__activity__countries__in=countries),
        status__in=(ActualStatus.DRAFT, ActualStatus.RETURNED),
    )
