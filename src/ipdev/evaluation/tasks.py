"""Scheduled survey work, hourly: send the surveys whose due date has come, remind those who
have not answered in the last days before a survey closes, and close it after its date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from ipdev.core import jobs

from . import services
from .models import Survey, SurveyStatus


@jobs.task("evaluation.surveys_due", every=dt.timedelta(hours=1))
def surveys_due(*, now: dt.datetime) -> str:
    today = timezone.localdate(now)
    moved = services.surveys_follow_their_activities(now=now)
    sent = opened = reminded = closed = 0
    for survey in Survey.objects.filter(status=SurveyStatus.SCHEDULED, due_on__lte=today):
        sent += services.survey_send(survey=survey, now=now)
        opened += 1
    soon = today + dt.timedelta(days=services.REMIND_BEFORE_CLOSING_DAYS)
    for survey in Survey.objects.filter(status=SurveyStatus.OPEN).filter(
        Q(closes_on__lte=soon) & Q(closes_on__gte=today)
    ):
        reminded += services.survey_remind_before_closing(survey=survey, now=now)
    for survey in Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today):
        closed += services.survey_close_expired(survey=survey, now=now)
    return (
        f"{moved} survey(s) moved to their activity's dates, {opened} sent ({sent} invitations),"
        f" {reminded} reminder(s), {closed} closed"
    )
