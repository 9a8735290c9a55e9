"""One set of rules for an activity: the services and the IATI import's triage apply the same
pure functions (``activities.rules``), and write audit entries built the same way."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ipdev.activities import rules, services
from ipdev.activities.models import Activity
from ipdev.core.audit import entry, entry_of
from ipdev.core.models import AuditEntry
from ipdev.iati.services import iati_import_files
from tests.factories import make_activity
from tests.iati.conftest import activities_file, activity_xml, write_file


def test_the_rules_are_pure_functions_keyed_by_field():
    assert rules.scope_errors("national", ["KE", "TZ"], []) == {
        "countries": "A national activity has exactly one beneficiary country."
    }
    assert rules.scope_errors("national", ["KE"], []) == {}
    assert set(rules.scope_errors("regional", [], [])) == {"regions"}
    assert rules.scope_errors("interregional", [], []) == {}
    assert set(rules.date_errors(dt.date(2024, 2, 1), dt.date(2024, 1, 1))) == {"end_date"}
    assert set(rules.cost_errors(Decimal("-1"))) == {"cost"}
    assert set(rules.participants_errors(3, 2, 2)) == {"participants_total"}
    assert set(rules.language_errors("EN")) == {"text_language"}
    assert set(rules.required_errors("ipdev", None, "workshop")) == {"category"}
    assert rules.required_errors("iati", None, None) == {}
    values = {
        "scope": "national",
        "countries": ["KE", "TZ"],
        "source": "iati",
        "start_date": dt.date(2024, 1, 1),
        "end_date": None,
        "text_language": "en",
    }
    assert set(rules.activity_errors(values)) == {"countries"}


@pytest.mark.django_db
def test_the_services_refuse_a_national_activity_with_two_countries(staff):
    with pytest.raises(ValidationError) as caught:
        make_activity(user=staff, scope="national", countries=["KE", "TZ"])
    assert caught.value.message_dict == {
        "countries": ["A national activity has exactly one beneficiary country."]
    }


@pytest.mark.django_db
def test_the_import_reports_it_and_stores_nothing(tmp_path):
    two = '<activity-scope code="4"/><recipient-country code="TZ" percentage="50"/>'
    path = write_file(
        tmp_path,
        "two.xml",
        activities_file(activity_xml("XI-TEST-1-TWO", extra=two), activity_xml("XI-TEST-1-OK")),
    )
    run = iati_import_files(user=None, paths=[path])
    assert (run.read, run.created, run.skipped, run.critical) == (2, 1, 1, 1)
    assert not Activity.objects.filter(identifier="XI-TEST-1-TWO").exists()
    (problem,) = [p for p in run.report["files"][0]["problems"] if p["severity"] == "critical"]
    assert problem["activity"] == "XI-TEST-1-TWO"
    assert problem["xpath"] == "recipient-country"
    assert problem["message"] == (
        "Not imported: A national activity has exactly one beneficiary country. "
        "It names 2 known recipient countries."
    )


@pytest.mark.django_db
def test_an_imported_activity_can_be_edited_through_the_services(tmp_path, staff):
    path = write_file(tmp_path, "one.xml", activities_file(activity_xml("XI-TEST-1-ED")))
    iati_import_files(user=None, paths=[path])
    activity = Activity.objects.get(identifier="XI-TEST-1-ED")
    services.activity_update(user=staff, activity=activity, data={"title": "Edited"})
    assert Activity.objects.get(pk=activity.pk).title == "Edited"


@pytest.mark.django_db
def test_imports_and_services_write_entries_built_the_same_way(tmp_path, staff):
    path = write_file(tmp_path, "one.xml", activities_file(activity_xml("XI-TEST-1-AU")))
    iati_import_files(user=staff, paths=[path])
    activity = Activity.objects.get(identifier="XI-TEST-1-AU")
    imported = AuditEntry.objects.get(action="activity.imported")
    built = entry_of(actor=staff, action="activity.imported", obj=activity,
                     changes=imported.changes, message=imported.message)  # fmt: skip
    fields = ("actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
              "changes", "message")  # fmt: skip
    assert tuple(getattr(imported, f) for f in fields) == tuple(built)
    services.activity_update(user=staff, activity=activity, data={"title": "By hand"})
    by_hand = AuditEntry.objects.get(action="activity.updated")
    assert (by_hand.actor_id, by_hand.actor_name, by_hand.object_type, by_hand.object_id) == (
        imported.actor_id, imported.actor_name, imported.object_type, imported.object_id
    )  # fmt: skip


def test_an_entry_names_no_one_for_the_system_and_keeps_json_data():
    changes = {"cost": [None, Decimal("1.50")], "on": [None, dt.date(2024, 1, 2)]}
    made = entry(
        actor=None, action="x.y", object_type="a.b", object_id=7, object_repr="r" * 400,
        changes=changes,
    )  # fmt: skip
    assert (made.actor_id, made.actor_name, made.object_id) == (None, "", "7")
    assert len(made.object_repr) == 300
    assert made.changes == {"cost": [None, "1.50"], "on": [None, "2024-01-02"]}
