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


def _done(staff, step, day=1):
    return services.strategy_step_update(
        user=staff,
        step=step,
        status="done",
        started_on=dt.date(2026, 2, day),
        completed_on=dt.date(2026, 2, day + 1),
    )


def test_a_step_cannot_be_done_before_the_ones_it_follows(staff):
    process = _start(staff)
    steps = list(process.steps.order_by("order"))
    with pytest.raises(ValidationError) as exc:
        _done(staff, steps[2])
    message = exc.value.message_dict["status"][0]
    assert "1. Needs assessment" in message and "2. Stakeholders" in message
    _done(staff, steps[0])
    services.strategy_step_update(
        user=staff, step=steps[1], status="skipped", skip_reason="Validated by the steering group."
    )
    _done(staff, steps[2], day=5)
    assert process.steps.get(order=2).skip_reason.startswith("Validated")


def test_a_skip_needs_a_reason(staff):
    step = _start(staff).steps.get(order=1)
    with pytest.raises(ValidationError) as exc:
        services.strategy_step_update(user=staff, step=step, status="skipped", skip_reason=" ")
    assert list(exc.value.message_dict) == ["skip_reason"]


def test_a_step_is_not_reopened_while_a_later_one_is_done(staff):
    steps = list(_start(staff).steps.order_by("order"))
    _done(staff, steps[0])
    _done(staff, steps[1], day=3)
    with pytest.raises(ValidationError) as exc:
        services.strategy_step_update(
            user=staff, step=steps[0], status="in_progress", started_on=dt.date(2026, 2, 1)
        )
    assert "2. Stakeholders" in exc.value.message_dict["status"][0]


def test_the_strategy_is_adopted_only_when_the_cabinet_approves_it(staff):
    """Three of eight steps done is not adoption; the cabinet's approval is, and it is never
    skipped."""
    process = _start(staff)
    steps = list(process.steps.order_by("order"))
    for n in range(3):
        _done(staff, steps[n], day=1 + 2 * n)
    process.refresh_from_db()
    assert process.status == StrategyProcess.Status.IN_PROGRESS
    services.strategy_step_update(
        user=staff, step=steps[3], status="skipped", skip_reason="No comments were needed."
    )
    services.strategy_step_update(
        user=staff, step=steps[4], status="skipped", skip_reason="Validated with the draft."
    )
    with pytest.raises(ValidationError) as exc:
        services.strategy_step_update(
            user=staff, step=steps[5], status="skipped", skip_reason="Not needed."
        )
    assert "cannot be skipped" in exc.value.message_dict["status"][0]
    _done(staff, steps[5], day=10)
    process.refresh_from_db()
    assert process.status == StrategyProcess.Status.ADOPTED
    row = selectors.strategy_list(user=staff)[0]
    assert (row.steps_done, row.steps_total) == (4, 8)
    services.strategy_step_update(
        user=staff, step=steps[5], status="in_progress", started_on=dt.date(2026, 2, 10)
    )
    process.refresh_from_db()
    assert process.status == StrategyProcess.Status.IN_PROGRESS


def test_committees_are_records_of_members_and_institutions(staff, focal_point):
    process = _start(staff)
    services.committee_member_add(
        user=staff,
        process=process,
        committee="steering",
        name="Jane Wanjiru",
        institution="Kenya Industrial Property Institute",
        role="Chair",
    )
    with pytest.raises(ValidationError) as exc:
        services.committee_member_add(
            user=staff, process=process, committee="drafting", name="Sam", institution=""
        )
    assert "institution" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.committee_member_add(
            user=staff, process=process, committee="tea", name="Sam", institution="KIPI"
        )
    assert "committee" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.committee_member_add(
            user=focal_point, process=process, committee="steering", name="X", institution="Y"
        )
    detail = selectors.strategy_detail(user=focal_point, pk=process.pk)
    steering = detail.committees[0]
    assert steering.label == "Steering committee"
    assert [(m.name, m.institution) for m in steering.members] == [
        ("Jane Wanjiru", "Kenya Industrial Property Institute")
    ]


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
