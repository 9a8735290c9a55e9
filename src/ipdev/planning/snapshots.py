"""The content of a plan version: the plan and its matrix as JSON-safe data."""

from __future__ import annotations

from typing import Any

from ipdev.core.audit import jsonable

from .models import CountryPlan
from .versions import LINE_FIELDS, PLAN_FIELDS

LINE_EDITABLE = tuple(f for f in LINE_FIELDS if f != "activities")


def snapshot(instance, names) -> dict[str, Any]:
    """Field values by name (foreign keys as their codes)."""
    return {name: getattr(instance, instance._meta.get_field(name).attname) for name in names}


def plan_snapshot(plan: CountryPlan) -> dict[str, Any]:
    """The plan and its matrix as JSON-safe data, the content of a version."""
    lines = plan.lines.select_related("expected_result").prefetch_related("activities")
    return jsonable(
        {
            "plan": snapshot(plan, PLAN_FIELDS),
            "lines": {
                str(line.pk): {
                    **snapshot(line, LINE_EDITABLE),
                    "activities": sorted(a.pk for a in line.activities.all()),
                }
                for line in lines
            },
        }
    )
