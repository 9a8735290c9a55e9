"""The version of an activity (no lost update): a keyed hash of its audited snapshot.

The back office's activity form and the API's ETag / If-Match carry it; the services refuse a
change based on another version (``ipdev.core.versions.StaleVersion``).
"""

from __future__ import annotations

from typing import Any

from ipdev.core.versions import version_of

from .models import Activity

M2M_FIELDS = (
    "ip_areas",
    "countries",
    "regions",
    "partners",
    "da_recommendations",
    "sdgs",
    "expected_results",
    "languages",
)
SCALAR_FIELDS = (
    "identifier",
    "title",
    "summary",
    "text_language",
    "translations",
    "description",
    "objectives",
    "outcomes",
    "lessons",
    "beneficiary_institutions",
    "participants_total",
    "participants_women",
    "participants_men",
    "cost",
    "currency",
    "category",
    "delivery_mode",
    "status",
    "start_date",
    "end_date",
    "scope",
    "implementing_unit",
    "funding_source",
    "da_project",
    "reporting_org",
    "source",
)


def snapshot(activity: Activity) -> dict[str, Any]:
    """Every editable field of an activity as plain values (the audit log's before/after)."""
    data = {
        name: getattr(activity, Activity._meta.get_field(name).attname) for name in SCALAR_FIELDS
    }
    if activity.pk:
        for name in M2M_FIELDS:
            data[name] = sorted(
                str(pk) for pk in getattr(activity, name).values_list("pk", flat=True)
            )
    return data


def version(activity: Activity, state: dict[str, Any] | None = None) -> str:
    return version_of("activity", activity.pk, snapshot(activity) if state is None else state)
