"""Requests for assistance: filing with a letter, routing, review, consultations, decisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.activities.models import Activity, Status
from ipdev.core.models import AuditEntry
from ipdev.planning import routing, selectors, services
from ipdev.planning.dates import add_months
from ipdev.planning.models import AssistanceRequest, RequestStatus
from tests.factories import (
    ALL_CRITERIA,
    approve_request,
    consult,
    file_request,
    letter,
    make_plan,
    request_data,
)

pytestmark = pytest.mark.django_db


def test_focal_point_files_a_request_routed_to_the_bureau_and_the_ldc_division(
    focal_point,
):
    focal_point.countries.add("ET")  # Ethiopia: Africa, least developed
    request = file_request(focal_point, country="ET")
    assert request.status == RequestStatus.SUBMITTED
    assert set(request.routed_to.values_list("pk", flat=True)) == {"rb-africa", "ldcs"}
    assert request.letter_size > 0
    assert AuditEntry.objects.filter(action="request.filed", object_id=str(request.pk)).exists()


def test_a_transition_country_goes_to_the_transition_department(staff):
    request = file_request(staff, country="AM")
    assert list(request.routed_to.values_list("pk", flat=True)) == ["tdc"]


def test_a_developing_country_goes_to_its_regional_bureau_only(staff):
    request = file_request(staff, country="PE")
    assert list(request.routed_to.values_list("pk", flat=True)) == ["rb-lac"]


def test_routing_is_a_pure_rule():
    assert routing.route(bureau="asia_pacific", status="ldc") == ["rb-asia-pacific", "ldcs"]
    assert routing.route(bureau="tdc", status="transition") == ["tdc"]
    assert routing.route(bureau="arab", status="developing") == ["rb-arab"]


def test_focal_point_cannot_file_for_another_country(other_focal_point):
    with pytest.raises(PermissionDenied):
        file_request(other_focal_point, country="KE")
    assert not AssistanceRequest.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "public"])
def test_the_public_cannot_file_requests(personas, persona):
    with pytest.raises(PermissionDenied):
        file_request(personas[persona])


def test_a_request_needs_the_official_letter(focal_point):
    with pytest.raises(ValidationError) as exc:
        services.request_file(user=focal_point, data=request_data(), letter=None)
    assert "letter" in exc.value.message_dict


def test_a_letter_of_the_wrong_type_is_refused_naming_the_letter(focal_point):
    with pytest.raises(ValidationError) as exc:
        services.request_file(
            user=focal_point, data=request_data(), letter=letter("letter.exe", b"MZ\x90\x00")
        )
    assert "not accepted" in exc.value.message_dict["letter"][0]
    assert not AssistanceRequest.objects.exists()


def test_a_letter_that_is_not_what_its_name_says_is_refused(focal_point):
    with pytest.raises(ValidationError) as exc:
        services.request_file(
            user=focal_point, data=request_data(), letter=letter("letter.pdf", b"plain text")
        )
    assert "letter" in exc.value.message_dict


def test_a_letter_over_the_size_limit_is_refused(focal_point, settings):
    settings.IPDEV_UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        services.request_file(user=focal_point, data=request_data(), letter=letter())
    assert "limit" in exc.value.message_dict["letter"][0]


def test_missing_contents_are_named_field_by_field(focal_point):
    data = request_data(purpose="", expected_outcome=" ")
    with pytest.raises(ValidationError) as exc:
        services.request_file(user=focal_point, data=data, letter=letter())
    assert {"purpose", "expected_outcome"} <= set(exc.value.message_dict)


def test_joining_a_project_needs_the_project_rationale_and_readiness(focal_point):
    data = request_data(kind="project", purpose="")
    with pytest.raises(ValidationError) as exc:
        services.request_file(user=focal_point, data=data, letter=letter())
    assert {"project", "rationale", "readiness"} <= set(exc.value.message_dict)
    request = file_request(
        focal_point,
        kind="project",
        purpose="",
        project="DA_16_20_03 IP and socio-economic development",
        rationale="Our universities need IP policies.",
        local_partners="University of Nairobi",
        readiness="A steering committee has been named.",
    )
    assert request.purpose == "Our universities need IP policies."


def test_an_unknown_type_of_assistance_is_named(focal_point):
    with pytest.raises(ValidationError) as exc:
        file_request(focal_point, assistance_type="nonsense")
    assert "assistance_type" in exc.value.message_dict


def test_a_preferred_date_less_than_five_months_away_is_flagged(focal_point):
    soon = file_request(focal_point, preferred_start=dt.date.today() + dt.timedelta(days=60))
    later = file_request(focal_point)
    assert soon.short_lead_time()
    assert not later.short_lead_time()


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 9, 30), 5) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 5) == dt.date(2027, 5, 15)


def test_staff_approve_and_a_planned_activity_is_created_by_the_activities_service(
    focal_point, staff
):
    request = file_request(focal_point)
    request = approve_request(staff, request)
    activity = Activity.objects.get(pk=request.activity_id)
    assert activity.status == Status.PLANNED
    assert list(activity.countries.values_list("pk", flat=True)) == ["KE"]
    assert activity.implementing_unit_id == "rb-africa"
    assert activity.start_date == request.preferred_start
    assert AuditEntry.objects.filter(action="activity.created", object_id=str(activity.pk)).exists()
    assert AuditEntry.objects.filter(action="request.approved").exists()


def test_approval_needs_the_required_criteria(focal_point, staff):
    request = file_request(focal_point)
    consult(staff, request)
    services.request_review(
        user=staff, request=request, criteria={**ALL_CRITERIA, "resources": False}
    )
    with pytest.raises(ValidationError) as exc:
        services.request_decide(
            user=staff, request=request, decision="approved", reason="Yes.", no_framework_reason="x"
        )
    assert "Resources are available" in exc.value.message_dict["criteria"][0]
    assert not Activity.objects.exists()


def test_a_failed_activity_leaves_the_request_undecided(focal_point, staff):
    request = file_request(focal_point, delivery_mode="")
    with pytest.raises(ValidationError) as exc:
        approve_request(staff, request)
    assert "delivery_mode" in exc.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    assert not Activity.objects.exists()
    services.request_decide(
        user=staff,
        request=request,
        decision="approved",
        reason="Yes.",
        no_framework_reason="Urgent.",
        activity={"delivery_mode": "expert-mission"},
    )
    assert Activity.objects.get().delivery_mode_id == "expert-mission"


def test_a_decision_needs_a_reason(focal_point, staff):
    request = file_request(focal_point)
    with pytest.raises(ValidationError) as exc:
        services.request_decide(user=staff, request=request, decision="declined", reason="")
    assert "reason" in exc.value.message_dict


def test_a_deferred_request_can_be_decided_again_but_a_declined_one_cannot(focal_point, staff):
    request = file_request(focal_point)
    consult(staff, request)
    services.request_decide(user=staff, request=request, decision="deferred", reason="Next year.")
    services.request_decide(user=staff, request=request, decision="declined", reason="No budget.")
    with pytest.raises(ValidationError) as exc:
        services.request_decide(user=staff, request=request, decision="deferred", reason="Again.")
    assert "status" in exc.value.message_dict


def test_the_requester_sees_the_reason_but_not_the_internal_review(focal_point, staff):
    request = file_request(focal_point)
    services.request_review(user=staff, request=request, criteria=ALL_CRITERIA, notes="internal")
    consult(staff, request)
    services.request_decide(user=staff, request=request, decision="declined", reason="Duplicate.")
    seen = selectors.request_detail(user=focal_point, pk=request.pk)
    assert seen.decision_reason == "Duplicate."
    assert seen.review_notes == "" and seen.criteria == [] and not seen.staff_view
    staff_seen = selectors.request_detail(user=staff, pk=request.pk)
    assert staff_seen.review_notes == "internal"


@pytest.mark.parametrize("persona", ["focal_point", "public", "anonymous"])
def test_only_staff_review_and_decide(personas, persona, staff):
    request = file_request(staff)
    user = personas[persona]
    with pytest.raises(PermissionDenied):
        services.request_review(user=user, request=request, criteria=ALL_CRITERIA)
    with pytest.raises(PermissionDenied):
        services.request_decide(user=user, request=request, decision="declined", reason="x")
    with pytest.raises(PermissionDenied):
        services.consultation_record(
            user=user, request=request, unit="academy", consulted_on=dt.date.today(), summary="x"
        )


def test_a_consultation_names_a_unit_or_a_partner(staff):
    request = file_request(staff)
    with pytest.raises(ValidationError) as exc:
        services.consultation_record(
            user=staff, request=request, consulted_on=dt.date.today(), summary="Advice."
        )
    assert "unit" in exc.value.message_dict


def test_unknown_criteria_are_refused(staff):
    request = file_request(staff)
    with pytest.raises(ValidationError) as exc:
        services.request_review(user=staff, request=request, criteria={"luck": True})
    assert "criteria" in exc.value.message_dict


def test_focal_points_see_only_their_countries_requests(focal_point, other_focal_point, staff):
    file_request(focal_point)
    file_request(staff, country="PE")
    assert [r.country_code for r in selectors.request_list(user=focal_point)] == ["KE"]
    assert [r.country_code for r in selectors.request_list(user=other_focal_point)] == ["PE"]
    assert len(selectors.request_list(user=staff)) == 2
    assert selectors.request_list(user=None) == []


def test_staff_queue_shows_requests_routed_to_their_bureau(focal_point, staff):
    file_request(focal_point)
    file_request(staff, country="PE")
    mine = selectors.request_list(user=staff, mine=True)  # staff of the Africa bureau
    assert [r.country_code for r in mine] == ["KE"]


# The manual's rules for requests.


def test_a_preferred_start_already_past_is_refused_naming_the_field(focal_point):
    with pytest.raises(ValidationError) as exc:
        file_request(focal_point, preferred_start=dt.date.today() - dt.timedelta(days=1))
    assert "already past" in exc.value.message_dict["preferred_start"][0]
    assert not AssistanceRequest.objects.exists()
    assert file_request(focal_point, preferred_start=dt.date.today()).short_lead_time()


def test_a_project_request_must_state_its_link_to_development_goals(focal_point):
    data = {
        "kind": "project",
        "purpose": "",
        "project": "DA_16_20_03",
        "rationale": "Universities need IP policies.",
        "readiness": "A committee is named.",
        "development_goals": " ",
    }
    with pytest.raises(ValidationError) as exc:
        file_request(focal_point, **data)
    assert list(exc.value.message_dict) == ["development_goals"]


def test_readiness_and_resources_must_be_answered_in_the_review(focal_point, staff):
    request = file_request(focal_point)
    with pytest.raises(ValidationError) as exc:
        services.request_review(
            user=staff, request=request, criteria={"formal_request": True, "addresses_needs": True}
        )
    assert set(exc.value.message_dict) == {"criteria.readiness", "criteria.resources"}
    with pytest.raises(ValidationError) as exc:
        services.request_review(
            user=staff, request=request, criteria={**ALL_CRITERIA, "in_plan": True}
        )
    assert "link the request" in exc.value.message_dict["criteria.in_plan"][0]


def test_an_unreviewed_request_cannot_be_approved(focal_point, staff):
    request = file_request(focal_point)
    consult(staff, request)
    with pytest.raises(ValidationError) as exc:
        services.request_decide(
            user=staff, request=request, decision="approved", reason="Yes.", no_framework_reason="x"
        )
    assert "Answer these criteria" in exc.value.message_dict["criteria"][0]


def test_a_decision_follows_consultations_or_a_waiver_with_its_reason(focal_point, staff):
    request = file_request(focal_point)
    with pytest.raises(ValidationError) as exc:
        services.request_decide(user=staff, request=request, decision="declined", reason="No.")
    assert list(exc.value.message_dict) == ["consultation_waiver"]
    request = services.request_decide(
        user=staff,
        request=request,
        decision="declined",
        reason="No.",
        consultation_waiver="Duplicate of a request reviewed last month.",
    )
    assert request.consultation_waiver.startswith("Duplicate")
    entry = AuditEntry.objects.get(action="request.declined")
    assert "consultation_waiver" in entry.changes


def test_approval_outside_any_plan_must_say_why(focal_point, staff):
    """Uganda-like case: a country with no plan cannot be approved "as part of the plan"."""
    request = file_request(focal_point)
    services.request_review(user=staff, request=request, criteria=ALL_CRITERIA)
    consult(staff, request)
    with pytest.raises(ValidationError) as exc:
        services.request_decide(user=staff, request=request, decision="approved", reason="Yes.")
    assert list(exc.value.message_dict) == ["no_framework_reason"]
    request = services.request_decide(
        user=staff,
        request=request,
        decision="approved",
        reason="Yes.",
        no_framework_reason="No plan yet; the need is urgent.",
    )
    assert request.framework == "" and request.no_framework_reason
    detail = selectors.request_detail(user=staff, pk=request.pk)
    assert ("in_plan", False) in [(n, c) for n, _label, c in detail.criteria]


def test_a_request_linked_to_its_countrys_plan_line_needs_no_justification(focal_point, staff):
    plan = make_plan(staff)
    line = plan.lines.get()
    request = file_request(focal_point, plan_line=line.pk)
    services.request_review(user=staff, request=request, criteria=ALL_CRITERIA)
    consult(staff, request)
    request = services.request_decide(
        user=staff, request=request, decision="approved", reason="In the plan."
    )
    assert request.framework == "plan_line" and request.no_framework_reason == ""
    detail = selectors.request_detail(user=staff, pk=request.pk)
    assert ("in_plan", True) in [(n, c) for n, _label, c in detail.criteria]
    assert detail.framework_label.startswith("III.2")


def test_links_must_be_of_the_requests_country(focal_point, staff):
    peru = make_plan(staff, country="PE")
    with pytest.raises(ValidationError) as exc:
        file_request(focal_point, plan_line=peru.lines.get().pk)
    assert "plan_line" in exc.value.message_dict
    request = file_request(focal_point)
    with pytest.raises(ValidationError) as exc:
        services.request_review(
            user=staff,
            request=request,
            criteria=ALL_CRITERIA,
            links={"plan_line": peru.lines.get().pk},
        )
    assert "plan_line" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.request_review(
            user=staff, request=request, criteria=ALL_CRITERIA, links={"strategy": 10**30}
        )
    assert "strategy" in exc.value.message_dict


def test_staff_link_the_request_to_a_strategy_in_the_review(focal_point, staff):
    process = services.strategy_start(
        user=staff, country="KE", title="National IP strategy", started_on=dt.date(2026, 1, 5)
    )
    request = file_request(focal_point)
    services.request_review(
        user=staff, request=request, criteria=ALL_CRITERIA, links={"strategy": process.pk}
    )
    request.refresh_from_db()
    assert request.framework == "strategy"


def test_the_lead_time_is_recorded_with_the_decision(focal_point, staff):
    soon = file_request(focal_point, preferred_start=dt.date.today() + dt.timedelta(days=30))
    consult(staff, soon)
    soon = services.request_decide(user=staff, request=soon, decision="deferred", reason="Later.")
    assert soon.lead_days_at_decision == 30
    assert soon.short_notice_at_decision is True
    later = approve_request(staff, file_request(focal_point))
    assert later.lead_days_at_decision == 240 and later.short_notice_at_decision is False
    detail = selectors.request_detail(user=focal_point, pk=soon.pk)
    assert detail.lead_days_at_decision == 30 and detail.short_notice_at_decision
