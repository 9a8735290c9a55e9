"""The results-framework indicators a network feeds, as the network's public page shows them.

An indicator is named only where its subject is visible to the viewer: a country plan's by the
plans' rule (agreed or closed plans for everyone; drafts for staff and the country's focal
points), a Development Agenda project's always (projects are public), an activity's only where
the viewer may see that activity's narrative details (the visibility rule, DA recommendation 5:
an indicator measures the activity's outcomes)."""

from __future__ import annotations

from dataclasses import dataclass

from ipdev.activities.models import DetailGroup
from ipdev.activities.selectors import summaries_showing
from ipdev.planning.selectors import visible_plan_ids

from ..models import IndicatorFeed


@dataclass(frozen=True)
class FedIndicator:
    name: str
    total: str  # which total of the network's approved reports feeds it
    plan_id: int | None = None
    plan_country: str = ""
    plan_biennium: str = ""
    project_code: str = ""
    project_title: str = ""
    activity_id: int | None = None
    activity_title: str = ""


def shown_feeds(*, user, network: int) -> list[FedIndicator]:
    """The indicators the network's approved reports feed that this user may see, by name."""
    feeds = list(
        IndicatorFeed.objects.filter(network_id=network)
        .select_related("indicator__plan_line__plan__country", "indicator__da_project")
        .order_by("indicator__name", "pk")
    )
    plans = visible_plan_ids(
        user=user,
        ids=[f.indicator.plan_line.plan_id for f in feeds if f.indicator.plan_line_id],
    )
    activity_ids = [f.indicator.activity_id for f in feeds if f.indicator.activity_id]
    activities = {
        a.id: a.title
        for a in summaries_showing(user=user, ids=activity_ids, group=DetailGroup.NARRATIVE)
    }
    shown = []
    for feed in feeds:
        indicator = feed.indicator
        row = FedIndicator(indicator.name, feed.total_label)
        if indicator.plan_line_id:
            plan = indicator.plan_line.plan
            if plan.pk not in plans:
                continue
            row = FedIndicator(
                row.name,
                row.total,
                plan_id=plan.pk,
                plan_country=plan.country.localized_name,
                plan_biennium=plan.biennium,
            )
        elif indicator.da_project_id:
            project = indicator.da_project
            row = FedIndicator(
                row.name, row.total, project_code=project.code, project_title=project.title
            )
        else:
            if indicator.activity_id not in activities:
                continue
            row = FedIndicator(
                row.name,
                row.total,
                activity_id=indicator.activity_id,
                activity_title=activities[indicator.activity_id],
            )
        shown.append(row)
    return shown
