"""The planning demo data: every state of the workflows, made through the services."""

import pytest
from django.core.management import call_command

from ipdev.planning.models import (
    Actual,
    AssistanceRequest,
    CountryPlan,
    Indicator,
    PlanLineActivity,
    PlanVersion,
    StrategyProcess,
)

pytestmark = pytest.mark.django_db


def test_demo_loads_requests_plans_strategy_and_results(capsys):
    call_command("demo", activities=40, seed=3)
    assert "Planning: 7 requests" in capsys.readouterr().out
    statuses = set(AssistanceRequest.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "in_review", "approved", "deferred", "declined"}
    assert AssistanceRequest.objects.filter(activity__isnull=False).count() == 2
    assert CountryPlan.objects.count() == 2
    assert PlanVersion.objects.filter(plan__country="KE").count() == 2
    kenya = StrategyProcess.objects.get(country="KE")
    assert kenya.steps.filter(status="done").count() == 2
    assert kenya.committee_members.filter(committee="drafting").exists()
    ethiopia = StrategyProcess.objects.get(country="ET")
    assert ethiopia.status == "adopted" and ethiopia.steps.filter(status="skipped").exists()
    plan = CountryPlan.objects.get(country="KE")
    assert plan.validated_on and plan.agreed_on and plan.needs_assessment.version == 2
    assert PlanLineActivity.objects.filter(line__plan=plan).exclude(outside_reason="").exists()
    outside = AssistanceRequest.objects.get(country="ET", status="approved")
    assert outside.framework == "" and outside.no_framework_reason
    assert AssistanceRequest.objects.get(country="AM").consultation_waiver
    assert AssistanceRequest.objects.filter(plan_line__isnull=False, status="approved").exists()
    assert Indicator.objects.filter(da_project__isnull=False).exists()
    assert set(Actual.objects.values_list("status", flat=True)) >= {
        "approved",
        "returned",
        "submitted",
    }
    from ipdev.evaluation.models import Invitation, Survey

    assert Survey.objects.count() in (2, 3)  # (3 with a scheduled legislative follow-up)
    assert Invitation.objects.filter(responded_at__isnull=False).count() == 9
    call_command("demo", activities=0)
    assert "already exist" in capsys.readouterr().out
