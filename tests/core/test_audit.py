"""The audit log is written inside the service's transaction and reads back as history."""

import pytest

from ipdev.core.audit import audit_history, audit_log, diff
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_diff_lists_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}


@pytest.mark.django_db(transaction=True)
def test_audit_log_refuses_to_run_outside_a_transaction(staff):
    activity = make_activity(user=staff)
    with pytest.raises(RuntimeError):
        audit_log(actor=staff, action="x", obj=activity)


def test_history_is_newest_first(staff):
    from ipdev.activities import services

    activity = make_activity(user=staff)
    services.activity_update(user=staff, activity=activity, data={"title": "Second"})
    actions = [e.action for e in audit_history(activity)]
    assert actions == ["activity.updated", "activity.created"]
