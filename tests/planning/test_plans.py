"""Country plans: one per country and biennium, the work-plan matrix, versions and comparison."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.core.models import AuditEntry
from ipdev.planning import selectors, services
from ipdev.planning.models import PlanStatus
from tests.factories import make_activity, make_plan, plan_line_data

pytestmark = pytest.mark.django_db


def test_staff_create_a_plan_with_its_matrix(staff):
    plan = make_plan(staff, lines=2)
    assert plan.biennium == "2026-2027"
    assert plan.title == "Country plan of Kenya, 2026-2027"
    assert plan.lines.count() == 2
    assert AuditEntry.objects.filter(action="plan.line_added").count() == 2


def test_one_plan_per_country_and_biennium(staff):
    make_plan(staff)
    with pytest.raises(ValidationError) as exc:
        make_plan(staff)
    assert "biennium_start" in exc.value.message_dict
    make_plan(staff, biennium_start=2028)


@pytest.mark.parametrize("persona", ["anonymous", "public", "focal_point"])
def test_only_staff_edit_plans(personas, persona):
    with pytest.raises(PermissionDenied):
        make_plan(personas[persona])


def test_a_line_names_its_result_and_indicators(staff):
    plan = make_plan(staff, lines=0)
    with pytest.raises(ValidationError) as exc:
        services.plan_line_save(
            user=staff,
            plan=plan,
            data=plan_line_data(expected_result="IX.99", performance_indicators=""),
        )
    assert "expected_result" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.plan_line_save(
            user=staff, plan=plan, data=plan_line_data(performance_indicators="")
        )
    assert "performance_indicators" in exc.value.message_dict
    assert not plan.lines.exists()


def test_plan_lines_link_the_countrys_activities_only(staff):
    plan = make_plan(staff, lines=0)
    kenyan = make_activity(user=staff)
    peruvian = make_activity(user=staff, countries=["PE"])
    line = services.plan_line_save(
        user=staff, plan=plan, data=plan_line_data(activities=[kenyan.pk])
    )
    assert list(line.activities.all()) == [kenyan]
    with pytest.raises(ValidationError) as exc:
        services.plan_line_save(
            user=staff, plan=plan, line=line, data={"activities": [peruvian.pk]}
        )
    assert "Not activities of KE" in exc.value.message_dict["activities"][0]
    assert list(line.activities.all()) == [kenyan]


def test_the_matrix_is_grouped_by_goal_and_result(staff):
    plan = make_plan(staff, lines=0)
    services.plan_line_save(user=staff, plan=plan, data=plan_line_data(expected_result="IV.2"))
    services.plan_line_save(user=staff, plan=plan, data=plan_line_data(expected_result="III.2"))
    services.plan_line_save(user=staff, plan=plan, data=plan_line_data(expected_result="III.1"))
    detail = selectors.plan_detail(user=staff, pk=plan.pk)
    assert [g.code for g in detail.goals] == ["III", "IV"]
    assert [r.code for r in detail.goals[0].results] == ["III.1", "III.2"]


def test_agreeing_freezes_version_one_and_the_review_adds_a_version(staff):
    plan = make_plan(staff)
    with pytest.raises(ValidationError):
        services.plan_review(user=staff, plan=plan, note="Too early.")
    services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2026, 2, 1))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.AGREED
    with pytest.raises(ValidationError) as exc:
        services.plan_review(user=staff, plan=plan, note="No change.")
    assert "Nothing changed" in exc.value.message_dict["note"][0]
    line = plan.lines.get()
    services.plan_line_save(
        user=staff, plan=plan, line=line, data={"year2_activities": "A national roving seminar."}
    )
    services.plan_line_save(user=staff, plan=plan, data=plan_line_data(expected_result="IV.2"))
    version = services.plan_review(user=staff, plan=plan, note="Annual review 2027.")
    assert version.number == 2
    changes = selectors.version_compare(user=staff, pk=plan.pk, a=1, b=2)
    kinds = {(c.kind, c.field) for c in changes}
    assert ("changed", "Activities, year 2") in kinds
    assert ("added", "") in kinds
    changed = next(c for c in changes if c.kind == "changed")
    assert changed.before == "Mentoring of the trained examiners."
    assert changed.after == "A national roving seminar."


def test_comparing_a_missing_version_names_it(staff):
    plan = make_plan(staff)
    with pytest.raises(ValidationError) as exc:
        selectors.version_compare(user=staff, pk=plan.pk, a=1, b=0)
    assert "a" in exc.value.message_dict


def test_an_empty_plan_cannot_be_agreed(staff):
    plan = make_plan(staff, lines=0)
    with pytest.raises(ValidationError) as exc:
        services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2026, 2, 1))
    assert "lines" in exc.value.message_dict


def test_drafts_are_seen_by_staff_and_the_countrys_focal_points_only(
    staff, focal_point, other_focal_point
):
    draft = make_plan(staff)
    agreed = make_plan(staff, country="PE")
    services.plan_agree(user=staff, plan=agreed, agreed_on=dt.date(2026, 3, 1))
    assert {p.pk for p in selectors.plan_list(user=staff)} == {draft.pk, agreed.pk}
    assert {p.pk for p in selectors.plan_list(user=focal_point)} == {draft.pk, agreed.pk}
    assert {p.pk for p in selectors.plan_list(user=other_focal_point)} == {agreed.pk}
    assert {p.pk for p in selectors.plan_list(user=None)} == {agreed.pk}


def test_removing_a_line_is_audited(staff):
    plan = make_plan(staff)
    services.plan_line_remove(user=staff, line=plan.lines.get())
    assert not plan.lines.exists()
    assert AuditEntry.objects.filter(action="plan.line_removed").exists()


def test_consultations_are_recorded_with_dates(staff):
    plan = make_plan(staff)
    services.plan_consultation_add(
        user=staff, plan=plan, kind="country", held_on=dt.date(2025, 11, 3), notes="Nairobi"
    )
    with pytest.raises(ValidationError) as exc:
        services.plan_consultation_add(
            user=staff, plan=plan, kind="gossip", held_on=dt.date(2025, 11, 3)
        )
    assert "kind" in exc.value.message_dict
    detail = selectors.plan_detail(user=staff, pk=plan.pk)
    assert [c.held_on for c in detail.consultations] == [dt.date(2025, 11, 3)]
