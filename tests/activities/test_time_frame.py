"""Facts that must hold (DA recommendation 1): a completed activity has its end date, a planned
one its time frame; only delivered activities' participants count as reached."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from ipdev.activities import participants, rules, services
from ipdev.activities.models import Activity
from ipdev.activities.visibility import Viewer
from ipdev.evaluation import selectors as evaluation
from ipdev.iati.services import iati_import_files
from tests.factories import make_activity
from tests.iati.conftest import activities_file, activity_xml, write_file

TODAY = dt.date(2026, 6, 1)


def test_the_time_frame_rule_names_the_end_date():
    assert rules.time_frame_errors("completed", None) == {
        "end_date": "A completed activity needs its end date."
    }
    assert set(rules.time_frame_errors("planned", None)) == {"end_date"}
    assert rules.time_frame_errors("ongoing", None) == {}
    assert rules.time_frame_errors("cancelled", None) == {}
    assert rules.time_frame_errors("completed", TODAY) == {}


def test_only_started_ongoing_or_completed_activities_are_delivered():
    assert rules.delivered("completed", dt.date(2026, 5, 1), TODAY)
    assert rules.delivered("ongoing", TODAY, TODAY)
    assert not rules.delivered("ongoing", dt.date(2026, 6, 2), TODAY)  # not started yet
    assert not rules.delivered("planned", dt.date(2025, 1, 1), TODAY)
    assert not rules.delivered("cancelled", dt.date(2025, 1, 1), TODAY)


@pytest.mark.django_db
def test_staff_cannot_create_a_completed_activity_without_its_end_date(staff):
    with pytest.raises(ValidationError) as caught:
        make_activity(user=staff, status="completed", end_date=None)
    assert caught.value.message_dict == {"end_date": ["A completed activity needs its end date."]}
    assert not Activity.objects.exists()


@pytest.mark.django_db
def test_a_planned_activity_states_its_time_frame(staff):
    with pytest.raises(ValidationError) as caught:
        make_activity(user=staff, status="planned", end_date=None)
    assert list(caught.value.message_dict) == ["end_date"]


@pytest.mark.django_db
def test_an_activity_cannot_be_completed_while_its_end_date_is_missing(staff):
    activity = make_activity(user=staff, status="ongoing", end_date=None)
    with pytest.raises(ValidationError) as caught:
        services.activity_change_status(user=staff, activity=activity, status="completed")
    assert list(caught.value.message_dict) == ["end_date"]
    with pytest.raises(ValidationError):
        services.activity_update(user=staff, activity=activity, data={"status": "completed"})
    activity.refresh_from_db()
    assert activity.status == "ongoing"
    services.activity_update(
        user=staff, activity=activity, data={"status": "completed", "end_date": TODAY}
    )
    assert Activity.objects.get(pk=activity.pk).status == "completed"


@pytest.mark.django_db
def test_the_api_refuses_it_naming_the_field(staff):
    from tests.api.conftest import api_client

    activity = make_activity(user=staff, status="ongoing", end_date=None)
    response = api_client(staff).patch(
        f"/api/v1/activities/{activity.pk}/",
        {"status": "completed"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 400
    assert "end_date" in response.json()["errors"]


@pytest.mark.django_db
def test_the_import_reports_a_completed_activity_without_end_date(tmp_path):
    closed = activity_xml("XI-TEST-1-NOEND").replace(
        'activity-status code="2"', 'activity-status code="4"'
    )
    path = write_file(tmp_path, "f.xml", activities_file(closed, activity_xml("XI-TEST-1-OK")))
    run = iati_import_files(user=None, paths=[path])
    assert (run.created, run.skipped) == (1, 1)
    (problem,) = [p for p in run.report["files"][0]["problems"] if p["severity"] == "critical"]
    assert problem["activity"] == "XI-TEST-1-NOEND"
    assert problem["message"] == "Not imported: A completed activity needs its end date."


@pytest.mark.django_db
def test_participants_of_planned_or_future_activities_are_not_reached(staff):
    today = dt.date.today()
    past = make_activity(user=staff, participants_total=30, participants_women=14,
                         participants_men=16)  # fmt: skip
    planned = make_activity(
        user=staff, status="planned", start_date=today + dt.timedelta(days=400),
        end_date=today + dt.timedelta(days=402), participants_total=50,
        participants_women=25, participants_men=25,
    )  # fmt: skip
    ids = np.array([past.pk, planned.pk], dtype=np.int64)
    sums, _ = participants.sums_by_year(viewer=Viewer(staff=True), ids=ids)
    assert sums == [(2024, 1, 30, 14, 16)]


@pytest.mark.django_db
def test_the_da_review_counts_delivered_activities_only(staff):
    today = dt.date.today()
    make_activity(user=staff, start_date=dt.date(today.year, 1, 1),
                  end_date=dt.date(today.year, 1, 2))  # fmt: skip
    make_activity(user=staff, status="planned", start_date=dt.date(today.year, 1, 3),
                  end_date=dt.date(today.year, 1, 4))  # fmt: skip
    review = evaluation.da_review(user=staff, year=today.year)
    assert review.totals.activities == 1
