"""The planning demo data: every state of the workflows, made through the services."""

import pytest
from django.core.management import call_command

from ipdev.planning.models import (
    Actual,
    AssistanceRequest,
    CountryPlan,
    Indicator,
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
    assert StrategyProcess.objects.get().steps.filter(status="done").count() == 2
    assert Indicator.objects.filter(da_project__isnull=False).exists()
    assert set(Actual.objects.values_list("status", flat=True)) >= {
        "approved",
        "returned",
        "submitted",
    }
    from ipdev.evaluation.models import Invitation, Survey

    assert Survey.objects.count() == 2
    assert Invitation.objects.filter(responded_at__isnull=False).count() == 9
    call_command("demo", activities=0)
    assert "already exist" in capsys.readouterr().out
