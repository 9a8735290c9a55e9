"""What waits for a user in evaluation, as querysets for the start page to count in one query."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from .models import Invitation, Survey, SurveyStatus

# An open survey, invited more than a week ago, that fewer than this share has answered.
FEW_ANSWERS = 0.3
SETTLE = dt.timedelta(days=7)


def _count(qs: QuerySet) -> Subquery:
    return Coalesce(
        Subquery(
            qs.order_by().values("survey").annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def few_answers(*, user, now: dt.datetime) -> QuerySet[Survey]:
    """Staff: open surveys, invited over a week ago, with under 30% of answers."""
    invited = Invitation.objects.filter(survey=OuterRef("pk"))
    return (
        Survey.objects.filter(status=SurveyStatus.OPEN)
        .filter(Exists(invited.filter(sent_at__lt=now - SETTLE)))
        .alias(
            invited=_count(invited),
            answered=_count(invited.filter(responded_at__isnull=False)),
        )
        .filter(answered__lt=F("invited") * FEW_ANSWERS)
    )


def to_answer(*, user) -> QuerySet[Invitation]:
    """Surveys of open surveys sent to the user's e-mail address, not yet answered."""
    if not user.email:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        email__iexact=user.email, responded_at__isnull=True, survey__status=SurveyStatus.OPEN
    )


def to_answer_links(*, user, limit: int = 5) -> list[tuple[str, str]]:
    """(survey title, personal link path) of the surveys the user has yet to answer."""
    rows = to_answer(user=user).values_list("survey__title", "token")[:limit]
    return [(title, f"/survey/{token}/") for title, token in rows]
