"""The tisc services: who may do what, errors keyed by field, audit entries, nothing
half-written."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.core.models import AuditEntry
from ipdev.tisc import services
from ipdev.tisc.models import Centre, CentreChange, Report, ReportCount, SuccessStory
from tests.factories import make_activity

from .conftest import CENTRE, figures


def actions(obj) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_only_staff_create_networks(personas, coordinator):
    for name in ("anonymous", "public", "focal_point"):
        with pytest.raises(PermissionDenied):
            services.network_create(user=personas[name], data={"name": "x"})


def test_a_country_has_one_network(staff, kenya, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.network_create(
            user=staff,
            data={"name": "Again", "country": "KE", "coordinating_institution": "x",
                  "reporting_since": 2024},
        )  # fmt: skip
    assert "country" in exc.value.message_dict


def test_network_bad_input_is_named_by_field(staff):
    with pytest.raises(ValidationError) as exc:
        services.network_create(
            user=staff,
            data={"name": "", "country": "KE", "coordinating_institution": "x",
                  "reporting_since": 2024, "sla_status": "signed", "frequency": "daily"},
        )  # fmt: skip
    assert {"name", "sla_signed_on", "frequency"} <= set(exc.value.message_dict)


def test_coordinator_edits_their_network_description_only(kenya, peru, coordinator):
    services.network_update(user=coordinator, network=kenya, data={"description": "Ours."})
    assert actions(kenya)[-1] == "tisc.network_updated"
    with pytest.raises(ValidationError) as exc:
        services.network_update(user=coordinator, network=kenya, data={"frequency": "yearly"})
    assert "frequency" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.network_update(user=coordinator, network=peru, data={"description": "Theirs."})


def test_level_needs_evidence_for_each_criterion(staff, kenya):
    with pytest.raises(ValidationError) as exc:
        services.level_assess(user=staff, network=kenya, level=2, criteria={"sla": "Signed."})
    assert "criteria.basic_search" in exc.value.message_dict
    criteria = dict.fromkeys(services.LEVEL_CRITERIA[2], "Seen.")
    services.level_assess(user=staff, network=kenya, level=2, criteria=criteria)
    kenya.refresh_from_db()
    assert kenya.level == 2
    assert kenya.assessments.count() == 1
    assert "tisc.level_assessed" in actions(kenya)


def test_coordinator_cannot_rate_their_own_network(kenya, coordinator):
    with pytest.raises(PermissionDenied):
        services.level_assess(user=coordinator, network=kenya, level=3, criteria={})


def test_a_coordinators_new_centre_waits_for_staff_validation(kenya, coordinator, staff):
    change = services.centre_change_submit(user=coordinator, network=kenya, data=CENTRE)
    assert not Centre.objects.exists()
    centre = services.centre_change_approve(user=staff, change=change)
    assert centre.validated and centre.name == "TISC Nairobi"
    assert sorted(centre.languages.values_list("pk", flat=True)) == ["en", "sw"]
    assert actions(centre) == ["tisc.centre_change_approved"]


def test_a_change_to_a_centre_is_not_applied_until_validated(centre, coordinator, staff):
    change = services.centre_change_submit(
        user=coordinator, network=centre.network, centre=centre, data={"city": "Thika"}
    )
    centre.refresh_from_db()
    assert centre.city == "Nairobi"
    assert change.data == {"city": "Thika"}
    services.centre_change_reject(user=staff, change=change, comment="Thika has no host yet.")
    centre.refresh_from_db()
    assert centre.city == "Nairobi"
    assert actions(centre)[-2:] == ["tisc.centre_change_submitted", "tisc.centre_change_rejected"]


def test_refusing_needs_a_reason_and_staff(centre, coordinator, staff):
    change = services.centre_change_submit(
        user=coordinator, network=centre.network, centre=centre, data={"city": "Thika"}
    )
    with pytest.raises(PermissionDenied):
        services.centre_change_approve(user=coordinator, change=change)
    with pytest.raises(ValidationError) as exc:
        services.centre_change_reject(user=staff, change=change, comment=" ")
    assert "comment" in exc.value.message_dict


def test_a_coordinator_cannot_touch_another_networks_centre(centre, peru, other_coordinator):
    with pytest.raises(PermissionDenied):
        services.centre_change_submit(
            user=other_coordinator, network=centre.network, centre=centre, data={"city": "X"}
        )
    with pytest.raises(ValidationError):
        services.centre_change_submit(
            user=other_coordinator, network=peru, centre=centre, data={"city": "X"}
        )


def test_centre_bad_input_is_named_by_field(kenya, coordinator):
    bad = {**CENTRE, "latitude": "95", "services": ["telepathy"], "ror": "nope",
           "languages": ["xx"], "host_type": "castle"}  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.centre_change_submit(user=coordinator, network=kenya, data=bad)
    assert {"latitude", "services", "ror", "languages", "host_type"} <= set(exc.value.message_dict)
    assert not CentreChange.objects.exists()


def test_report_goes_draft_submitted_returned_draft_approved(kenya, coordinator, staff):
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    assert report.status == "draft" and report.due_on == dt.date(2026, 1, 30)
    services.report_submit(user=coordinator, report=report)
    with pytest.raises(PermissionDenied):
        services.report_approve(user=coordinator, report=report)
    with pytest.raises(ValidationError) as exc:
        services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    assert "status" in exc.value.message_dict
    services.report_return(user=staff, report=report, comment="Split the students.")
    services.report_save(user=coordinator, network=kenya, year=2025, data=figures(partnerships=2))
    services.report_submit(user=coordinator, report=report)
    report = services.report_approve(user=staff, report=report)
    assert report.status == "approved" and report.partnerships == 2
    assert actions(report) == [
        "tisc.report_saved", "tisc.report_submitted", "tisc.report_returned",
        "tisc.report_saved", "tisc.report_submitted", "tisc.report_approved",
    ]  # fmt: skip


def test_returning_needs_a_comment(kenya, coordinator, staff):
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    services.report_submit(user=coordinator, report=report)
    with pytest.raises(ValidationError) as exc:
        services.report_return(user=staff, report=report, comment="")
    assert "comment" in exc.value.message_dict


def test_a_coordinator_reports_for_their_own_network_only(peru, coordinator, personas):
    for user in (coordinator, personas["focal_point"], personas["public"]):
        with pytest.raises(PermissionDenied):
            services.report_save(user=user, network=peru, year=2025, quarter=1, data=figures())


def test_bad_figures_are_named_and_nothing_is_written(kenya, coordinator):
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    bad = figures(
        events={"training": {"events": "two", "women": -1, "men": 1.5}},
        training=[{"course": "XX", "language": "zz", "women": 1, "men": 1}],
        stories=[{"title": "", "text": "t", "public": "maybe"}],
    )
    with pytest.raises(ValidationError) as exc:
        services.report_save(user=coordinator, network=kenya, year=2025, data=bad)
    assert {
        "events.training.events", "events.training.women", "events.training.men",
        "training.0.course", "training.0.language", "stories.0.title", "stories.0.public",
    } <= set(exc.value.message_dict)  # fmt: skip
    report.refresh_from_db()
    assert ReportCount.objects.filter(report=report, code="patent_search").get().value == 6
    assert report.events.get(kind="training").women == 15
    assert SuccessStory.objects.filter(report=report).count() == 1


def test_inquiries_by_type_and_by_user_must_agree(kenya, coordinator):
    data = figures()
    data["counts"]["inquiry_user"]["others"] = 5
    with pytest.raises(ValidationError) as exc:
        services.report_save(user=coordinator, network=kenya, year=2025, data=data)
    assert "counts.inquiry_user" in exc.value.message_dict
    assert not Report.objects.exists()


def test_the_period_must_suit_the_network(kenya, peru, coordinator, other_coordinator):
    with pytest.raises(ValidationError) as exc:
        services.report_save(user=coordinator, network=kenya, year=2025, quarter=2,
                             data=figures())  # fmt: skip
    assert "quarter" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.report_save(user=other_coordinator, network=peru, year=2023, quarter=1,
                             data=figures())  # fmt: skip
    assert "year" in exc.value.message_dict


def test_on_time_is_the_first_submission_by_the_due_date(kenya, coordinator, staff):
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    services.report_submit(user=coordinator, report=report)
    report.refresh_from_db()
    assert report.first_submitted_at.date() > report.due_on  # submitted "today", in 2026
    assert not report.on_time


def test_approval_feeds_the_linked_indicator_as_a_draft(kenya, coordinator, staff):
    from ipdev.planning import services as planning
    from ipdev.planning.models import Actual

    activity = make_activity(staff, countries=["KE"])
    indicator = planning.indicator_create(
        user=staff, data={"name": "Inquiries", "kind": "quantitative", "activity": activity.pk}
    )
    services.indicator_feed_set(user=staff, network=kenya, indicator=indicator, total="inquiries")
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures())
    services.report_submit(user=coordinator, report=report)
    services.report_approve(user=staff, report=report)
    actual = Actual.objects.get(indicator=indicator, period=2025)
    assert actual.value == 10 and actual.status == "draft"


def test_work_plan_targets_are_whole_numbers(kenya, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.work_plan_save(
            user=coordinator,
            network=kenya,
            year=2026,
            data={"objectives": "", "targets": {"inquiries": -3}},
        )
    assert {"objectives", "targets.inquiries"} <= set(exc.value.message_dict)
    plan = services.work_plan_save(
        user=coordinator, network=kenya, year=2026,
        data={"objectives": "Reach universities.", "targets": {"inquiries": 500}},
    )  # fmt: skip
    assert plan.targets == {"inquiries": 500}
    assert actions(plan) == ["tisc.work_plan_saved"]


def test_certificate_number_when_all_three_phases_are_completed(kenya, staff, coordinator):
    c = services.participant_enrol(
        user=coordinator,
        network=kenya,
        data={"name": "Amina K.", "sex": "female", "language": "en"},
    )
    with pytest.raises(PermissionDenied):
        services.phase_record(
            user=coordinator, certification=c, phase="distance", status="completed", on="2026-02-01"
        )
    with pytest.raises(ValidationError) as exc:
        services.phase_record(user=staff, certification=c, phase="distance", status="completed")
    assert "on" in exc.value.message_dict
    for i, phase in enumerate(("distance", "instructor", "practice")):
        c = services.phase_record(
            user=staff, certification=c, phase=phase, status="completed", on=f"2026-0{i + 2}-01"
        )
    assert c.certified_on == dt.date(2026, 4, 1)
    assert c.certificate_number == f"TISC-FC-2026-{c.pk:05d}"


def test_reminders_a_week_before_and_after_the_due_date_once(kenya, coordinator):
    # Kenya's 2025 report is due on 2026-01-30.
    assert services.reminders_send(today=dt.date(2026, 1, 22)) == 0
    assert services.reminders_send(today=dt.date(2026, 1, 23)) == 1
    assert services.reminders_send(today=dt.date(2026, 1, 24)) == 0
    assert services.reminders_send(today=dt.date(2026, 1, 31)) == 1
    assert len(mail.outbox) == 0  # sent on commit; the test transaction does not commit
    report = services.report_save(user=coordinator, network=kenya, year=2025, data=figures(),
                                  today=dt.date(2026, 2, 5))  # fmt: skip
    services.report_submit(user=coordinator, report=report)
    assert services.reminders_send(today=dt.date(2026, 2, 13)) == 0  # sent: no more reminders


def test_reminders_are_mailed_after_commit(kenya, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(today=dt.date(2026, 1, 23))
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "2025" in mail.outbox[0].subject


def test_a_coordinator_files_a_need_for_their_country(kenya, peru, coordinator):
    link = services.network_need_file(
        user=coordinator, network=kenya,
        data={"title": "Analytics training", "description": "A week.",
              "support_types": ["technical"]},
    )  # fmt: skip
    assert link.need.country_id == "KE" and link.need.state == "draft"
    with pytest.raises(PermissionDenied):
        services.network_need_file(user=coordinator, network=peru, data={"title": "x"})


def test_a_survey_of_a_centres_users_through_evaluation(centre, staff):
    activity = make_activity(staff, countries=["KE"])
    with pytest.raises(ValidationError) as exc:
        services.centre_survey_create(user=staff, centre=centre, activity=activity, people=[])
    assert "activity" in exc.value.message_dict
    services.activity_tag(user=staff, network=centre.network, activity=activity, kind="national")
    link = services.centre_survey_create(
        user=staff, centre=centre, activity=activity, people=[("user@example.org", "A user")]
    )
    assert link.survey.questions.count() == 5
    assert link.survey.status == "open" and link.survey.invitations.count() == 1
