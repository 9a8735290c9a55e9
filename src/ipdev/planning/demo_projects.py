"""Demo Development Agenda projects: one under implementation, one closed by the committee,
each with its reports, the committee's reviews and the delivered activities that served it.
Everything through the services, so the demo obeys the same rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from ipdev.activities import services as activity_services
from ipdev.activities.models import Activity, Status

from . import services

PROJECTS = [
    # code, title, recommendations, countries, first year, years, budget
    ("DA_1_10_01", "Intellectual property and technology transfer", [1, 10, 25],
     ["KE", "GH", "PE"], -2, 4, Decimal("850000")),
    ("DA_4_10_02", "Intellectual property and product branding for small businesses", [4, 10],
     ["SN", "PE", "VN"], -7, 4, Decimal("480000")),
]  # fmt: skip


def _link(staff, project, countries: list[str], first: int, last: int, limit: int) -> int:
    """Link delivered activities of the project's countries and years to it."""
    found = (
        Activity.objects.filter(
            countries__in=countries,
            status__in=(Status.ONGOING, Status.COMPLETED),
            start_date__year__gte=first,
            start_date__year__lte=last,
            da_project__isnull=True,
        )
        .distinct()
        .order_by("start_date", "id")[:limit]
    )
    for activity in found:
        activity_services.activity_update(
            user=staff, activity=activity, data={"da_project": project.code}
        )
    return len(found)


def generate(users) -> str:
    staff = users["staff"]
    this_year = timezone.localdate().year
    linked = 0
    for code, title, recommendations, countries, offset, years, budget in PROJECTS:
        first, last = this_year + offset, this_year + offset + years - 1
        project = services.da_project_save(
            user=staff, code=code, title=title, recommendations=recommendations,
            countries=countries, start_year=first, end_year=last,
            status="ongoing" if last >= this_year else "approved", budget=budget,
            document=f"CDIP/{this_year - 2001 + offset}/7",
            summary=f"A pilot in {len(countries)} countries, approved by the committee in {first}.",
        )  # fmt: skip
        linked += _link(staff, project, countries, first, min(last, this_year), 6)
        report_year = min(last, this_year - 1)
        completed = last < this_year
        report = services.da_project_report_add(
            user=staff, project=project,
            kind="completion" if completed else "progress", period=report_year,
            progress="Pilot activities delivered in each country; national teams trained and "
            "a guide drafted for the offices.",
            submitted_on=dt.date(report_year, 10, 1), document=f"CDIP/{report_year - 1990}/2",
        )  # fmt: skip
        services.da_project_review_add(
            user=staff, project=project, report=report,
            session=f"CDIP/{report_year - 1990}", reviewed_on=dt.date(report_year, 11, 20),
            decision="closed" if completed else "noted",
            comments="The committee welcomed the results and asked to share the guide."
            if completed
            else "The committee took note of the progress.",
        )  # fmt: skip
    return f"{len(PROJECTS)} DA projects ({linked} activities linked)"
