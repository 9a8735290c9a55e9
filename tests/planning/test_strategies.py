"""National IP strategy processes: the manual's steps with dates, documents and status."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.planning import selectors, services
from ipdev.planning.models import STEP_ORDER, StrategyProcess
from tests.factories import letter

pytestmark = pytest.mark.django_db


def _start(user, **kwargs):
    return services.strategy_start(
        user=user,
        country=kwargs.get("country", "KE"),
        title="National IP policy and strategy",
        started_on=dt.date(2026, 1, 15),
    )


def test_a_process_starts_with_the_eight_steps_of_the_manual(staff):
    process = _start(staff)
    assert list(process.steps.values_list("step", flat=True)) == STEP_ORDER
    assert len(STEP_ORDER) == 8
    assert set(process.steps.values_list("status", flat=True)) == {"pending"}


def test_a_done_step_needs_its_dates(staff):
    step = _start(staff).steps.first()
    with pytest.raises(ValidationError) as exc:
        services.strategy_step_update(user=staff, step=step, status="done")
    assert {"started_on", "completed_on"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        services.strategy_step_update(
            user=staff,
            step=step,
            status="done",
            started_on=dt.date(2026, 3, 1),
            completed_on=dt.date(2026, 2, 1),
        )
    assert "completed_on" in exc.value.message_dict or "__all__" in exc.value.message_dict


def test_adoption_done_adopts_the_strategy(staff):
    process = _start(staff)
    adoption = process.steps.get(step="adoption")
    services.strategy_step_update(
        user=staff,
        step=adoption,
        status="done",
        started_on=dt.date(2027, 3, 1),
        completed_on=dt.date(2027, 3, 20),
    )
    process.refresh_from_db()
    assert process.status == StrategyProcess.Status.ADOPTED
    row = selectors.strategy_list(user=staff)[0]
    assert (row.steps_done, row.steps_total) == (1, 8)


def test_documents_are_checked_like_activity_documents(staff):
    step = _start(staff).steps.first()
    document = services.strategy_document_attach(
        user=staff, step=step, upload=letter("assessment.pdf"), title="Needs assessment report"
    )
    assert document.size > 0
    with pytest.raises(ValidationError) as exc:
        services.strategy_document_attach(user=staff, step=step, upload=letter("virus.exe", b"MZ"))
    assert "file" in exc.value.message_dict


@pytest.mark.parametrize("persona", ["public", "focal_point", "anonymous"])
def test_only_staff_run_strategy_processes(personas, persona):
    with pytest.raises(PermissionDenied):
        _start(personas[persona])


def test_focal_points_see_their_countrys_processes(staff, focal_point, other_focal_point):
    _start(staff)
    assert len(selectors.strategy_list(user=focal_point)) == 1
    assert selectors.strategy_list(user=other_focal_point) == []
    assert selectors.strategy_list(user=None) == []
