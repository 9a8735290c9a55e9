"""Country plans: one per country and biennium, the work-plan matrix, versions and comparison."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.core.models import AuditEntry
from ipdev.planning import selectors, services
from ipdev.planning.models import PlanLineActivity, PlanStatus
from tests.factories import (
    agree_plan,
    file_request,
    make_activity,
    make_plan,
    plan_line_data,
    validate_plan,
)

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
    plan = make_plan(staff, biennium_start=2024, lines=0)
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
    agree_plan(staff, plan, dt.date(2026, 2, 1))
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
        agree_plan(staff, plan, dt.date(2026, 2, 1))
    assert "lines" in exc.value.message_dict


def test_drafts_are_seen_by_staff_and_the_countrys_focal_points_only(
    staff, focal_point, other_focal_point
):
    draft = make_plan(staff)
    agreed = make_plan(staff, country="PE")
    agree_plan(staff, agreed, dt.date(2026, 3, 1))
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


# Agreed by both sides; the template's contents; activities within the biennium.


def test_the_focal_point_validates_and_staff_then_agree(staff, focal_point, other_focal_point):
    plan = make_plan(staff)
    with pytest.raises(ValidationError) as exc:
        services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2026, 2, 1))
    assert list(exc.value.message_dict) == ["validated_on"]
    for user in (staff, other_focal_point):
        with pytest.raises(PermissionDenied):
            validate_plan(user, plan)
    with pytest.raises(ValidationError) as exc:
        services.plan_validate(
            user=focal_point, plan=plan, validated_on=dt.date(2025, 12, 1), participants=""
        )
    assert list(exc.value.message_dict) == ["participants"]
    validate_plan(focal_point, plan, on=dt.date(2025, 12, 1))
    with pytest.raises(ValidationError) as exc:
        services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2025, 11, 1))
    assert "agreed_on" in exc.value.message_dict
    services.plan_agree(user=staff, plan=plan, agreed_on=dt.date(2025, 12, 15))
    detail = selectors.plan_detail(user=None, pk=plan.pk)
    assert (detail.validated_on, detail.row.agreed_on) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 15),
    )
    assert [c.kind for c in detail.consultations] == ["Validation"]
    assert AuditEntry.objects.filter(action="plan.validated", actor=focal_point).exists()


def test_a_plan_is_validated_only_with_the_templates_contents(staff, focal_point):
    plan = make_plan(staff)
    services.plan_update(user=staff, plan=plan, data={"vision_statements": "", "needs": " "})
    with pytest.raises(ValidationError) as exc:
        validate_plan(focal_point, plan)
    assert set(exc.value.message_dict) == {"vision_statements", "needs"}


def test_staff_cannot_record_the_validation_as_a_consultation(staff):
    plan = make_plan(staff)
    with pytest.raises(ValidationError) as exc:
        services.plan_consultation_add(
            user=staff, plan=plan, kind="validation", held_on=dt.date(2025, 12, 1)
        )
    assert "kind" in exc.value.message_dict


def test_a_change_after_validation_sends_the_plan_back_to_the_country(staff, focal_point):
    plan = make_plan(staff)
    validate_plan(focal_point, plan)
    services.plan_update(user=staff, plan=plan, data={"priorities": "TISCs first."})
    plan.refresh_from_db()
    assert plan.validated_on is None
    assert AuditEntry.objects.filter(action="plan.validation_voided").exists()


def test_an_activity_outside_the_biennium_is_linked_only_with_a_reason(staff):
    plan = make_plan(staff, biennium_start=2026, lines=0)
    old = make_activity(user=staff)  # March 2024
    with pytest.raises(ValidationError) as exc:
        services.plan_line_save(user=staff, plan=plan, data=plan_line_data(activities=[old.pk]))
    assert f"{old.pk} (2024)" in exc.value.message_dict["outside_reason"][0]
    assert not plan.lines.exists()
    line = services.plan_line_save(
        user=staff,
        plan=plan,
        data=plan_line_data(
            activities=[old.pk], outside_reasons={old.pk: "Its follow-up is in this plan."}
        ),
    )
    link = PlanLineActivity.objects.get(line=line)
    assert link.outside_reason == "Its follow-up is in this plan."
    rows = selectors.plan_detail(user=staff, pk=plan.pk).goals[0].results[0].lines[0].activities
    assert rows[0].outside_reason == "Its follow-up is in this plan."


def test_a_link_whose_activity_moved_out_of_the_biennium_asks_for_a_reason(staff):
    from ipdev.activities import services as activity_services
    from tests.conftest import client_for

    plan = make_plan(staff, biennium_start=2026, lines=0)
    activity = make_activity(
        user=staff, status="planned", start_date=dt.date(2027, 3, 1), end_date=dt.date(2027, 3, 5)
    )
    services.plan_line_save(user=staff, plan=plan, data=plan_line_data(activities=[activity.pk]))
    row = selectors.plan_detail(user=staff, pk=plan.pk).goals[0].results[0].lines[0].activities[0]
    assert not row.outside
    activity_services.activity_update(
        user=staff,
        activity=activity,
        data={"start_date": dt.date(2028, 3, 1), "end_date": dt.date(2028, 3, 5)},
    )
    row = selectors.plan_detail(user=staff, pk=plan.pk).goals[0].results[0].lines[0].activities[0]
    assert row.outside and not row.outside_reason
    url = f"/backoffice/work/plans/{plan.pk}/"
    page = client_for(staff).get(url).content.decode()
    assert "now fall outside the biennium" in page


def test_needs_assessments_are_dated_versions_linked_from_plans_and_requests(staff, focal_point):
    data = {
        "country": "KE",
        "assessed_on": dt.date(2025, 5, 2),
        "title": "Needs assessment",
        "findings": "Backlog.",
        "priorities": "Examiners.",
        "risks": "Turnover.",
        "preparedness": "Committee named.",
        "national_committee": "KIPI; ministry of trade",
    }
    first = services.needs_assessment_record(user=staff, data=data)
    second = services.needs_assessment_record(
        user=staff, data={**data, "assessed_on": dt.date(2026, 5, 2)}
    )
    assert (first.version, second.version) == (1, 2)
    with pytest.raises(ValidationError) as exc:
        services.needs_assessment_record(
            user=staff, data={**data, "risks": "", "assessed_on": dt.date(2100, 1, 1)}
        )
    assert {"risks", "assessed_on"} <= set(exc.value.message_dict)
    with pytest.raises(PermissionDenied):
        services.needs_assessment_record(user=focal_point, data=data)
    plan = make_plan(staff)
    services.plan_update(user=staff, plan=plan, data={"needs_assessment": second.pk})
    peru = services.needs_assessment_record(user=staff, data={**data, "country": "PE"})
    with pytest.raises(ValidationError) as exc:
        services.plan_update(user=staff, plan=plan, data={"needs_assessment": peru.pk})
    assert "needs_assessment" in exc.value.message_dict
    request = file_request(focal_point, needs_assessment=second.pk)
    assert request.needs_assessment == second
    rows = selectors.needs_assessment_list(user=focal_point, country="KE")
    assert [r.version for r in rows] == [2, 1]
    assert rows[0].plans == [plan.pk] and rows[0].requests == [request.pk]
