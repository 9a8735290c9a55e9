"""The one write path for Development Agenda projects: the project (status, budget, countries),
its progress reports to the CDIP and the committee's reviews. Activities link to a project
through the activity services (``da_project``), which check the project's years."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions
from ipdev.planning.models import DAProject, DAProjectReport, DAProjectReview, DAProjectStatus

from .fields import snapshot
from .results import decimal_value

PROJECT_FIELDS = ("title", "status", "start_year", "end_year", "budget", "summary", "document")
SESSION = re.compile(r"CDIP/\d{1,3}")
# What a review's decision makes of the project's status.
DECISION_STATUS = {
    DAProjectReview.Decision.CLOSED: DAProjectStatus.COMPLETED,
    DAProjectReview.Decision.MAINSTREAMED: DAProjectStatus.MAINSTREAMED,
}


def _require_staff(user) -> None:
    permissions.require(permissions.can_edit_plan(user), "Only WIPO staff manage DA projects.")


def project_errors(values: dict[str, Any]) -> dict[str, str]:
    """The rules of a project's own fields, as {field: message}."""
    errors = {}
    first, last = values.get("start_year"), values.get("end_year")
    if first and last and last < first:
        errors["end_year"] = _("The project cannot end before it starts.")
    status = values.get("status")
    if status not in DAProjectStatus.values:
        errors["status"] = _("Choose one of: %(values)s.") % {
            "values": ", ".join(DAProjectStatus.values)
        }
    elif status in (DAProjectStatus.COMPLETED, DAProjectStatus.MAINSTREAMED) and not last:
        errors["end_year"] = _("A completed project states the year it ended.")
    budget = values.get("budget")
    if budget is not None and budget < 0:
        errors["budget"] = _("The budget cannot be negative.")
    return errors


def report_errors(project: DAProject, period: int | None, submitted_on: dt.date | None):
    """A report covers a year of the project and is not submitted before that year starts."""
    errors = {}
    if period is not None:
        if (project.start_year and period < project.start_year) or (
            project.end_year and period > project.end_year
        ):
            errors["period"] = _("The project runs %(first)s-%(last)s.") % {
                "first": project.start_year or "…",
                "last": project.end_year or "…",
            }
        elif submitted_on is not None and submitted_on.year < period:
            errors["submitted_on"] = _("A report is submitted after the year it covers starts.")
    return errors


def review_errors(session: str, reviewed_on: dt.date | None, report: DAProjectReport | None):
    errors = {}
    if not SESSION.fullmatch((session or "").strip()):
        errors["session"] = _("A CDIP session, e.g. CDIP/22.")
    if report is not None and reviewed_on is not None and reviewed_on < report.submitted_on:
        errors["reviewed_on"] = _("The committee reviews a report after it is submitted.")
    return errors


@transaction.atomic
def da_project_save(
    *,
    user,
    code: str,
    title: str,
    recommendations: Iterable = (),
    start_year: int | None = None,
    end_year: int | None = None,
    status: str = DAProjectStatus.APPROVED,
    budget: Any = None,
    summary: str = "",
    document: str = "",
    countries: Iterable | None = None,
) -> DAProject:
    """Create or change a Development Agenda project, which activities and indicators serve."""
    _require_staff(user)
    code = (code or "").strip()
    if not code:
        raise ValidationError({"code": _("This field is required.")})
    project = DAProject.objects.select_for_update().filter(pk=code).first() or DAProject(code=code)
    before = snapshot(project, PROJECT_FIELDS) if project.pk and not project._state.adding else {}
    values = {
        "title": (title or "").strip(),
        "status": status,
        "start_year": start_year,
        "end_year": end_year,
        "budget": decimal_value("budget", budget),
        "summary": (summary or "").strip(),
        "document": (document or "").strip(),
    }
    errors = project_errors(values)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(project, name, value)
    project.full_clean(validate_unique=False)
    project.save()
    project.recommendations.set(recommendations)
    if countries is not None:
        project.countries.set(countries)
    audit_log(
        actor=user,
        action="da_project.saved",
        obj=project,
        changes=diff(before, snapshot(project, PROJECT_FIELDS)),
    )
    return project


@transaction.atomic
def da_project_report_add(
    *,
    user,
    project: DAProject,
    kind: str,
    period: int,
    progress: str,
    submitted_on: dt.date,
    document: str = "",
) -> DAProjectReport:
    """Record a progress, completion or evaluation report put to the CDIP."""
    _require_staff(user)
    report = DAProjectReport(
        project=project, kind=kind, period=period, progress=(progress or "").strip(),
        submitted_on=submitted_on, document=(document or "").strip(), recorded_by=user,
    )  # fmt: skip
    errors = report_errors(project, period, submitted_on)
    if errors:
        raise ValidationError(errors)
    report.full_clean()
    report.save()
    audit_log(
        actor=user,
        action="da_project.report_added",
        obj=project,
        changes={"reports": [None, f"{kind} {period}"]},
        message=report.document,
    )
    return report


@transaction.atomic
def da_project_review_add(
    *,
    user,
    project: DAProject,
    session: str,
    reviewed_on: dt.date,
    decision: str,
    comments: str = "",
    report: DAProjectReport | None = None,
) -> DAProjectReview:
    """Record the committee's review; closing or mainstreaming the project changes its status."""
    _require_staff(user)
    project = DAProject.objects.select_for_update().get(pk=project.pk)
    if report is not None and report.project_id != project.pk:
        raise ValidationError({"report": _("The report is of another project.")})
    review = DAProjectReview(
        project=project, report=report, session=(session or "").strip(),
        reviewed_on=reviewed_on, decision=decision, comments=(comments or "").strip(),
        recorded_by=user,
    )  # fmt: skip
    errors = review_errors(review.session, reviewed_on, report)
    new_status = DECISION_STATUS.get(decision)
    if new_status and not project.end_year:
        errors["decision"] = _("Give the project's end year before closing it.")
    if errors:
        raise ValidationError(errors)
    review.full_clean()
    review.save()
    changes: dict[str, list] = {"reviews": [None, f"{review.session}: {decision}"]}
    if new_status and new_status != project.status:
        changes["status"] = [project.status, new_status]
        project.status = new_status
        project.save(update_fields=["status"])
    audit_log(actor=user, action="da_project.reviewed", obj=project, changes=changes)
    return review


def total_budget(projects: Iterable[DAProject]) -> Decimal:
    return sum((p.budget or Decimal(0) for p in projects), Decimal(0))
