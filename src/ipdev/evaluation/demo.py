"""Demo data for evaluation: an answered immediate survey feeding an indicator, a delayed
follow-up waiting for its answers, and a follow-up of legislative advice scheduled for twelve
months after the activity (sent by the `evaluation.surveys_due` task on its date). All through
the services (no email leaves: demo addresses)."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from ipdev.activities.demo import personas
from ipdev.activities.models import Activity, Status
from ipdev.planning import services as planning_services

from . import services
from .models import Survey


@transaction.atomic
def generate(*, seed: int = 2007) -> str:
    """Create the evaluation demo data; returns a line for the command's output."""
    if Survey.objects.exists():
        return "Surveys already exist; no evaluation demo data loaded."
    activity = (
        Activity.objects.filter(status=Status.COMPLETED, countries="KE")
        .order_by("-start_date")
        .first()
        or Activity.objects.filter(status=Status.COMPLETED).order_by("-start_date").first()
    )
    if activity is None:
        return "No completed activity to survey; no evaluation demo data loaded."
    rng = random.Random(seed)
    staff = personas()["staff"]
    year = activity.start_date.year
    indicator = planning_services.indicator_create(
        user=staff,
        data={
            "name": "Participants who found the activity useful",
            "kind": "quantitative",
            "unit": "% of respondents",
            "activity": activity,
        },
    )
    planning_services.target_set(user=staff, indicator=indicator, period=year, value="80")
    survey = services.survey_create(
        user=staff,
        activity=activity,
        kind="immediate",
        title="Participants' evaluation",
        audience="Participants",
    )
    rating = services.question_add(
        user=staff, survey=survey, text="How useful was the activity for your work?", kind="rating"
    )
    useful = services.question_add(
        user=staff,
        survey=survey,
        text="Will you apply what you learnt in the next six months?",
        kind="yes_no",
        indicator=indicator,
    )
    comment = services.question_add(
        user=staff,
        survey=survey,
        text="What should be done differently?",
        kind="text",
        required=False,
    )
    people = [(f"participant{n}@example.org", f"Participant {n}") for n in range(1, 13)]
    invitations = services.survey_invite(user=staff, survey=survey, people=people)
    for invitation in invitations[:9]:
        services.response_submit(
            token=invitation.token,
            answers={
                f"q{rating.pk}": str(rng.choice([3, 4, 4, 5, 5])),
                f"q{useful.pk}": rng.choice(["yes", "yes", "yes", "no"]),
                f"q{comment.pk}": rng.choice(["", "More exercises.", "A longer session."]),
            },
        )
    services.survey_feed_indicators(user=staff, survey=survey, period=year)
    follow_up = services.survey_create(
        user=staff,
        activity=activity,
        kind="follow_up",
        months_after=6,
        title="Six months later: what changed?",
        audience="The requesting authority",
    )
    services.question_add(
        user=staff,
        survey=follow_up,
        text="Has the office changed its practice since?",
        kind="yes_no",
    )
    services.survey_invite(
        user=staff, survey=follow_up, people=[("director@ip-office.example.org", "The Director")]
    )
    scheduled = _legislative_follow_up(staff)
    return "Evaluation: 2 surveys (12 invitations, 9 answers, 1 follow-up pending)" + (
        ", 1 follow-up scheduled." if scheduled else "."
    )


def _legislative_follow_up(staff) -> bool:
    """Twelve months after the latest legislative advice still to end (or recently ended)."""
    today = timezone.localdate()
    activity = (
        Activity.objects.filter(
            category="legislative",
            end_date__gte=today - dt.timedelta(days=300),
            status__in=(Status.PLANNED, Status.ONGOING, Status.COMPLETED),
        )
        .order_by("end_date", "id")
        .first()
    )
    if activity is None:
        return False
    survey = services.survey_create(
        user=staff,
        activity=activity,
        kind="follow_up",
        months_after=12,
        title="A year after the legislative advice: was it used?",
        audience="The requesting authority",
    )
    services.question_add(
        user=staff,
        survey=survey,
        text="Has the draft law or regulation been adopted since?",
        kind="yes_no",
    )
    services.question_add(
        user=staff, survey=survey, text="How useful was the advice?", kind="rating"
    )
    services.survey_invite(
        user=staff, survey=survey, people=[("legal.affairs@ip-office.example.org", "Legal affairs")]
    )
    return True
