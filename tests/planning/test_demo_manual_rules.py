"""The demo data exercises the manual's rules: activities with their time frames, a scheduled
follow-up survey, results by sex rolled up, and DA projects with reports, reviews and activities."""

import pytest
from django.core.management import call_command
from django.db.models import Q

from ipdev.activities.models import Activity
from ipdev.evaluation.models import Survey, SurveyStatus
from ipdev.planning.models import Actual, DAProject

pytestmark = pytest.mark.django_db


def test_the_demo_exercises_each_rule(capsys):
    call_command("demo", activities=150, seed=3)
    assert "2 DA projects" in capsys.readouterr().out
    assert not Activity.objects.filter(
        Q(status__in=["completed", "planned"]) & Q(end_date__isnull=True)
    ).exists()
    follow_up = Survey.objects.get(status=SurveyStatus.SCHEDULED)
    assert follow_up.months_after == 12 and follow_up.invitations.filter(sent_at=None).exists()
    assert not Actual.objects.filter(indicator__by_sex=True, value_women__isnull=True).exists()
    closed, ongoing = (
        DAProject.objects.get(code="DA_4_10_02"),
        DAProject.objects.get(code="DA_1_10_01"),
    )
    assert (closed.status, ongoing.status) == ("completed", "ongoing")
    assert closed.reviews.get().decision == "closed" and ongoing.reports.exists()
    assert Activity.objects.filter(da_project__isnull=False).exists()
