"""TISC items on the start page: a coordinator's reports due, overdue or returned and their
pending centre changes; staff's reports to review and changes to validate. The header names
a coordinator's role."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ipdev.backoffice import waiting
from ipdev.tisc import services
from tests.conftest import client_for

from .conftest import CENTRE, figures

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 2, 5, 12, tzinfo=dt.UTC)  # 2024's yearly report was due 2025-01-30


def _counts(user, now=NOW) -> dict[str, int]:
    return {i.key: i.count for i in waiting.waiting_for(user, now=now)}


def test_a_coordinator_sees_the_overdue_period_they_were_reminded_of(coordinator, kenya):
    assert _counts(coordinator)["tisc_reports_due"] == 0
    services.reminders_send(today=dt.date(2025, 1, 31))  # overdue-1
    services.reminders_send(today=dt.date(2025, 2, 13))  # overdue-14: same period, once
    assert _counts(coordinator)["tisc_reports_due"] == 1
    items = {i.key: i for i in waiting.waiting_for(coordinator, now=NOW)}
    entry = items["tisc_reports_due"].entries[0]
    assert entry.link == f"/workspace/tisc/networks/{kenya.pk}/reports/2024/0/"
    assert "2024" in entry.text


def test_a_draft_counts_once_and_a_submitted_report_no_longer(staff, coordinator, kenya):
    services.reminders_send(today=dt.date(2025, 1, 31))
    report = services.report_save(
        user=coordinator, network=kenya, year=2024, data=figures(), today=dt.date(2025, 2, 1)
    )
    assert _counts(coordinator)["tisc_reports_due"] == 1  # the draft, not also the reminder
    services.report_submit(user=coordinator, report=report)
    counts = _counts(coordinator)
    assert counts["tisc_reports_due"] == 0
    assert _counts(staff)["tisc_reports_to_review"] == 1
    services.report_return(user=staff, report=report, comment="Count the students again.")
    assert _counts(coordinator)["tisc_reports_returned"] == 1
    assert _counts(staff)["tisc_reports_to_review"] == 0


def test_centre_changes_wait_for_staff_and_show_to_the_coordinator(staff, coordinator, kenya):
    services.centre_change_submit(user=coordinator, network=kenya, data=CENTRE)
    assert _counts(staff)["tisc_changes_to_validate"] == 1
    assert _counts(coordinator)["tisc_changes_pending"] == 1
    total = waiting.total_waiting(coordinator, now=NOW)
    assert total == 0  # WIPO's move: shown, not counted as waiting for the coordinator


def test_other_networks_items_stay_out(coordinator, other_coordinator, kenya, peru):
    services.centre_change_submit(user=other_coordinator, network=peru, data=CENTRE)
    services.reminders_send(today=dt.date(2025, 1, 31))
    assert _counts(coordinator)["tisc_changes_pending"] == 0
    assert _counts(coordinator)["tisc_reports_due"] == 1  # Kenya's yearly report only
    items = {i.key: i for i in waiting.waiting_for(other_coordinator, now=NOW)}
    assert [e.text for e in items["tisc_reports_due"].entries] == ["TISC network PE 2024 Q4"]


def test_people_who_coordinate_nothing_get_no_tisc_items(public_user, focal_point, kenya):
    for user in (public_user, focal_point):
        assert not any(k.startswith("tisc_") for k in _counts(user))


def test_the_items_are_counted_in_one_statement(coordinator, kenya):
    waiting.audiences(coordinator)  # the coordinator's networks, kept on the user
    providers = waiting.providers_for(coordinator)
    with CaptureQueriesContext(connection) as queries:
        waiting.counts(coordinator, providers, now=NOW)
    assert len(queries) == 1


def test_the_header_names_a_coordinator_as_such(coordinator, kenya):
    body = client_for(coordinator).get("/start/").content.decode()
    assert '<span class="account-role">TISC coordinator</span>' in body
    assert "Public user" not in body
    assert "TISC reports due or overdue" in body


def test_the_header_keeps_other_roles(focal_point, kenya):
    body = client_for(focal_point).get("/start/").content.decode()
    assert '<span class="account-role">Country focal point</span>' in body
