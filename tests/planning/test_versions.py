"""Comparing two plan versions is a pure function of their snapshots (no database)."""

from ipdev.planning.versions import compare


def _snap(lines, **plan):
    return {"plan": {"title": "Plan", "status": "agreed", **plan}, "lines": lines}


def test_identical_versions_have_no_changes():
    snap = _snap({"1": {"expected_result": "III.2", "order": 1}})
    assert compare(snap, snap) == []


def test_added_removed_and_changed_lines_are_reported_in_order():
    old = _snap(
        {
            "1": {"expected_result": "III.2", "order": 1, "year1_activities": "A"},
            "2": {"expected_result": "IV.2", "order": 2},
        }
    )
    new = _snap(
        {
            "1": {"expected_result": "III.2", "order": 1, "year1_activities": "B"},
            "3": {"expected_result": "III.4", "order": 3},
        },
        status="closed",
    )
    changes = compare(old, new)
    assert [(c.where, c.kind, c.line, c.field) for c in changes] == [
        ("plan", "changed", "", "status"),
        ("line", "changed", "1", "year1_activities"),
        ("line", "removed", "2", ""),
        ("line", "added", "3", ""),
    ]
    assert (changes[1].before, changes[1].after) == ("A", "B")
