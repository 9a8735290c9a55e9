"""Plan versions as plain data: what a snapshot holds and how two of them differ (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

PLAN_FIELDS = (
    "title",
    "status",
    "ip_policy",
    "science_technology_policy",
    "innovation_policy",
    "culture_policy",
    "development_plan",
    "vision_statements",
    "industrial_strategy",
    "needs",
    "priorities",
    "objectives",
    "resources",
    "needs_assessment",
    "validated_on",
    "agreed_on",
)
LINE_FIELDS = (
    "expected_result",
    "performance_indicators",
    "year1_activities",
    "year2_activities",
    "sector",
    "national_counterparts",
    "international_counterparts",
    "activities",
    "order",
)


@dataclass(frozen=True)
class Change:
    """One difference between two versions: of the plan itself or of one line of the matrix."""

    where: str  # "plan" or "line"
    kind: str  # "added", "removed" or "changed"
    line: str  # the line's key ("" for the plan)
    label: str  # the expected result of the line, for people
    field: str = ""
    before: Any = None
    after: Any = None


def _label(line: Mapping[str, Any]) -> str:
    return str(line.get("expected_result", ""))


def compare(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """The changes from snapshot `old` to snapshot `new`, plan fields first, then lines."""
    changes = [
        Change("plan", "changed", "", "", name, old["plan"].get(name), new["plan"].get(name))
        for name in PLAN_FIELDS
        if old["plan"].get(name) != new["plan"].get(name)
    ]
    old_lines, new_lines = old["lines"], new["lines"]
    for key in sorted(set(old_lines) | set(new_lines), key=_line_order(old_lines, new_lines)):
        if key not in old_lines:
            changes.append(Change("line", "added", key, _label(new_lines[key])))
        elif key not in new_lines:
            changes.append(Change("line", "removed", key, _label(old_lines[key])))
        else:
            before, after = old_lines[key], new_lines[key]
            changes.extend(
                Change(
                    "line", "changed", key, _label(after), name, before.get(name), after.get(name)
                )
                for name in LINE_FIELDS
                if before.get(name) != after.get(name)
            )
    return changes


def _line_order(*snapshots: Mapping[str, Mapping[str, Any]]):
    def key(line_key: str) -> tuple:
        for lines in reversed(snapshots):
            if line_key in lines:
                return (
                    lines[line_key].get("order", 0),
                    str(lines[line_key].get("expected_result")),
                    line_key,
                )
        return (0, "", line_key)

    return key
