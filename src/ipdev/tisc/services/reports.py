"""TPPM: work plans and periodic reports. A report goes draft -> submitted -> approved, or
submitted -> returned (with a comment) -> draft, as indicator actuals do; an approved report
feeds the network's results-framework indicators through planning.services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.audit import audit_log, diff
from ipdev.planning import services as planning_services
from ipdev.planning.models import Actual, ActualStatus
from ipdev.reference import models as ref

from .. import spreadsheet
from ..models import (
    IndicatorFeed,
    Network,
    Report,
    ReportCount,
    ReportEvent,
    StaffTraining,
    SuccessStory,
    WorkPlan,
    due_date,
)
from ..permissions import require_manager, require_staff
from ..totals import report_totals
from ..vocab import COURSES, EVENTS, MEASURES, TOTALS, Frequency, ReportStatus
from .values import raise_if, text, whole

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
MAX_ROWS = 200  # training rows or stories in one report


def periods_of(network: Network, year: int) -> list[int]:
    """The quarters of a year this network reports on (0: the whole year)."""
    return [1, 2, 3, 4] if network.frequency == Frequency.QUARTERLY else [0]


def clean_report_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Check a report's figures; every error is keyed by its place (e.g. `events.training.men`).

    The form, the spreadsheet and the API all send this shape:
    {"counts": {measure: {code: n}}, "events": {kind: {"events", "women", "men"}},
     "training": [{"course", "language", "women", "men"}], "stories": [{"title", "text",
     "public"}], "centres_reporting": n, "partnerships": n, "narrative": str}."""
    if not isinstance(data, Mapping):
        raise ValidationError({"__all__": _("Expected the report's figures.")})
    known = {
        "counts",
        "events",
        "training",
        "stories",
        "centres_reporting",
        "partnerships",
        "narrative",
    }
    unknown = set(data) - known
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    errors: dict[str, str] = {}
    out: dict[str, Any] = {"counts": {}, "events": {}, "training": [], "stories": []}
    counts = data.get("counts") or {}
    for measure, codes in MEASURES.items():
        given = counts.get(measure) or {} if isinstance(counts, Mapping) else {}
        extra = set(given) - set(codes) if isinstance(given, Mapping) else set()
        if extra or not isinstance(given, Mapping):
            errors[f"counts.{measure}"] = _("Unknown code(s): %(values)s.") % {
                "values": ", ".join(sorted(map(str, extra)))[:200]
            }
            given = {}
        out["counts"][measure] = {
            code: whole(f"counts.{measure}.{code}", given.get(code), errors) for code in codes
        }
    by_type = sum(out["counts"]["inquiry_type"].values())
    by_user = sum(out["counts"]["inquiry_user"].values())
    if not errors and by_type != by_user:
        errors["counts.inquiry_user"] = _(
            "Inquiries by user category add up to %(users)s but by type to %(types)s: "
            "the two must give the same total."
        ) % {"users": by_user, "types": by_type}
    events = data.get("events") or {}
    for kind in EVENTS:
        row = events.get(kind) or {} if isinstance(events, Mapping) else {}
        row = row if isinstance(row, Mapping) else {}
        out["events"][kind] = {
            part: whole(f"events.{kind}.{part}", row.get(part), errors)
            for part in ("events", "women", "men")
        }
        if out["events"][kind]["events"] == 0 and (
            out["events"][kind]["women"] or out["events"][kind]["men"]
        ):
            errors.setdefault(f"events.{kind}.events", _("Participants need at least one event."))
    languages = set(ref.Language.objects.values_list("pk", flat=True))
    training = data.get("training") or []
    if not isinstance(training, list | tuple) or len(training) > MAX_ROWS:
        errors["training"] = _("Expected at most %(n)s rows.") % {"n": MAX_ROWS}
        training = []
    seen = set()
    for i, row in enumerate(training):
        key = f"training.{i}"
        row = row if isinstance(row, Mapping) else {}
        course, language = row.get("course"), row.get("language")
        if course not in COURSES:
            errors[f"{key}.course"] = _("Choose one of: %(values)s.") % {
                "values": ", ".join(COURSES)
            }
        if language not in languages:
            errors[f"{key}.language"] = _("Unknown language code '%(value)s'.") % {
                "value": str(language)[:20]
            }
        if (course, language) in seen:
            errors[f"{key}.course"] = _("This course and language are given twice.")
        seen.add((course, language))
        women = whole(f"{key}.women", row.get("women"), errors)
        men = whole(f"{key}.men", row.get("men"), errors)
        out["training"].append({"course": course, "language": language, "women": women, "men": men})
    stories = data.get("stories") or []
    if not isinstance(stories, list | tuple) or len(stories) > MAX_ROWS:
        errors["stories"] = _("Expected at most %(n)s rows.") % {"n": MAX_ROWS}
        stories = []
    for i, row in enumerate(stories):
        row = row if isinstance(row, Mapping) else {}
        public = row.get("public", False)
        if not isinstance(public, bool):
            errors[f"stories.{i}.public"] = _("Answer yes or no.")
            public = False
        out["stories"].append(
            {
                "title": text(
                    f"stories.{i}.title", row.get("title"), errors, limit=200, required=True
                ),
                "text": text(
                    f"stories.{i}.text", row.get("text"), errors, limit=5000, required=True
                ),
                "public": public,
            }
        )
    for name in ("centres_reporting", "partnerships"):
        out[name] = whole(name, data.get(name), errors)
    out["narrative"] = text("narrative", data.get("narrative"), errors, limit=10_000)
    raise_if(errors)
    return out


def report_data(report: Report) -> dict[str, Any]:
    """A report's figures in the shape `clean_report_data` takes (for forms, audit, API)."""
    counts = {m: dict.fromkeys(codes, 0) for m, codes in MEASURES.items()}
    for c in report.counts.all():
        counts.setdefault(c.measure, {})[c.code] = c.value
    events = {k: {"events": 0, "women": 0, "men": 0} for k in EVENTS}
    for e in report.events.all():
        events[e.kind] = {"events": e.events, "women": e.women, "men": e.men}
    return {
        "counts": counts,
        "events": events,
        "training": [
            {"course": t.course, "language": t.language_id, "women": t.women, "men": t.men}
            for t in report.training.all()
        ],
        "stories": [
            {"title": s.title, "text": s.text, "public": s.public} for s in report.stories.all()
        ],
        "centres_reporting": report.centres_reporting,
        "partnerships": report.partnerships,
        "narrative": report.narrative,
    }


def _flat(data: Mapping[str, Any]) -> dict[str, Any]:
    """Figures as flat keys, for the audit record."""
    flat: dict[str, Any] = {}
    for measure, codes in data["counts"].items():
        for code, value in codes.items():
            flat[f"{measure}.{code}"] = value
    for kind, row in data["events"].items():
        for part, value in row.items():
            flat[f"events.{kind}.{part}"] = value
    for row in data["training"]:
        flat[f"training.{row['course']}.{row['language']}"] = f"{row['women']}/{row['men']}"
    flat["stories"] = [s["title"] for s in data["stories"]]
    for name in ("centres_reporting", "partnerships", "narrative"):
        flat[name] = data[name]
    return flat


def _check_period(network: Network, year: Any, quarter: Any, today: dt.date) -> tuple[int, int]:
    errors: dict[str, str] = {}
    year = whole("year", year, errors)
    quarter = whole("quarter", quarter, errors)
    raise_if(errors)
    if year < network.reporting_since or year > today.year:
        errors["year"] = _("Choose a year from %(first)s to %(last)s.") % {
            "first": network.reporting_since,
            "last": today.year,
        }
    elif quarter not in periods_of(network, year):
        errors["quarter"] = (
            _("This network reports quarterly: choose a quarter from 1 to 4.")
            if network.frequency == Frequency.QUARTERLY
            else _("This network reports yearly: the quarter is 0.")
        )
    elif year == today.year and quarter and (quarter - 1) * 3 + 1 > today.month:
        errors["quarter"] = _("This quarter has not started yet.")
    raise_if(errors)
    return year, quarter


def _write_figures(report: Report, data: Mapping[str, Any]) -> None:
    report.counts.all().delete()
    report.events.all().delete()
    report.training.all().delete()
    report.stories.all().delete()
    ReportCount.objects.bulk_create(
        ReportCount(report=report, measure=m, code=c, value=v)
        for m, codes in data["counts"].items()
        for c, v in codes.items()
    )
    ReportEvent.objects.bulk_create(
        ReportEvent(report=report, kind=k, **row) for k, row in data["events"].items()
    )
    StaffTraining.objects.bulk_create(
        StaffTraining(
            report=report,
            course=r["course"],
            language_id=r["language"],
            women=r["women"],
            men=r["men"],
        )
        for r in data["training"]
    )
    SuccessStory.objects.bulk_create(SuccessStory(report=report, **s) for s in data["stories"])


@transaction.atomic
def report_save(
    *,
    user,
    network: Network,
    year: Any,
    quarter: Any = 0,
    data: Mapping[str, Any],
    today: dt.date | None = None,
) -> Report:
    """Create or correct a period's report, as a draft (a returned one becomes a draft again).

    All figures are replaced at once; nothing is written if any of them is refused."""
    require_manager(user, network.pk)
    year, quarter = _check_period(network, year, quarter, today or timezone.localdate())
    clean = clean_report_data(data)
    report, created = Report.objects.select_for_update().get_or_create(
        network=network,
        year=year,
        quarter=quarter,
        defaults={"due_on": due_date(year, quarter), "created_by": user},
    )
    if report.status not in EDITABLE:
        raise ValidationError(
            {
                "status": _("This report is %(status)s; it can be changed only when returned.")
                % {"status": report.get_status_display()}
            }
        )
    before = {} if created else _flat(report_data(report))
    report.centres_reporting = clean["centres_reporting"]
    report.partnerships = clean["partnerships"]
    report.narrative = clean["narrative"]
    report.status = ReportStatus.DRAFT
    report.save()
    _write_figures(report, clean)
    audit_log(
        actor=user,
        action="tisc.report_saved",
        obj=report,
        changes=diff(before, _flat(clean)),
    )
    return report


def _move(user, report: Report, expected: str, new: str, comment: str = "") -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status not in ((expected,) if isinstance(expected, str) else expected):
        raise ValidationError(
            {
                "status": _("This report is %(status)s and cannot become %(new)s.")
                % {"status": report.get_status_display(), "new": ReportStatus(new).label}
            }
        )
    old = report.status
    now = timezone.now()
    report.status = new
    if new == ReportStatus.SUBMITTED:
        report.submitted_at = now
        report.first_submitted_at = report.first_submitted_at or now
        report.review_comment = ""
    else:
        report.reviewed_by, report.reviewed_at, report.review_comment = user, now, comment
    report.save()
    audit_log(
        actor=user,
        action=f"tisc.report_{new}",
        obj=report,
        changes={"status": [old, new]},
        message=comment,
    )
    return report


@transaction.atomic
def report_submit(*, user, report: Report) -> Report:
    """The coordinator sends the report to WIPO for review."""
    require_manager(user, report.network_id)
    return _move(user, report, ReportStatus.DRAFT, ReportStatus.SUBMITTED)


@transaction.atomic
def report_approve(*, user, report: Report) -> Report:
    """Staff accept a submitted report: it counts, and it feeds the network's indicators."""
    require_staff(user)
    report = _move(user, report, ReportStatus.SUBMITTED, ReportStatus.APPROVED)
    feed_indicators(user=user, network=report.network, year=report.year)
    return report


@transaction.atomic
def report_return(*, user, report: Report, comment: str) -> Report:
    """Staff send a submitted report back, saying what to revise."""
    require_staff(user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what needs revising.")})
    return _move(user, report, ReportStatus.SUBMITTED, ReportStatus.RETURNED, comment)


def feed_indicators(*, user, network: Network, year: int) -> list[Actual]:
    """Record the year's totals of approved reports as draft actuals of the linked indicators
    (they then go through the indicator's own review). An actual already submitted or
    approved is left alone: the reviewer returns it first if it is to change."""
    totals = report_totals(
        Report.objects.filter(network=network, year=year, status=ReportStatus.APPROVED)
    )
    written = []
    for feed in IndicatorFeed.objects.filter(network=network).select_related("indicator"):
        current = Actual.objects.filter(indicator=feed.indicator, period=year).first()
        if current is not None and current.status in (
            ActualStatus.SUBMITTED,
            ActualStatus.APPROVED,
        ):
            continue
        try:
            written.append(
                planning_services.actual_save(
                    user=user,
                    indicator=feed.indicator,
                    period=year,
                    value=totals.get(feed.total, 0),
                    narrative=_("From the approved TISC reports of %(network)s.")
                    % {"network": network.name},
                )
            )
        except (PermissionDenied, ValidationError):
            continue  # a qualitative or foreign indicator: nothing to feed
    return written


@transaction.atomic
def work_plan_save(*, user, network: Network, year: Any, data: Mapping[str, Any]) -> WorkPlan:
    """The coordinator (or staff) writes the year's plan: objectives, activities, targets."""
    require_manager(user, network.pk)
    errors: dict[str, str] = {}
    year = whole("year", year, errors)
    if not errors and not 2000 <= year <= timezone.localdate().year + 1:
        errors["year"] = _("Choose a year up to next year.")
    unknown = set(data) - {"objectives", "planned_activities", "targets"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    objectives = text("objectives", data.get("objectives"), errors, limit=10_000, required=True)
    planned = text("planned_activities", data.get("planned_activities"), errors, limit=10_000)
    given = data.get("targets") or {}
    if not isinstance(given, Mapping) or set(given) - set(TOTALS):
        errors["targets"] = _("Targets are given for: %(values)s.") % {"values": ", ".join(TOTALS)}
        given = {}
    targets = {}
    for code in TOTALS:
        if given.get(code) not in (None, ""):
            targets[code] = whole(f"targets.{code}", given.get(code), errors)
    raise_if(errors)
    plan, created = WorkPlan.objects.select_for_update().get_or_create(
        network=network, year=year, defaults={"objectives": objectives, "updated_by": user}
    )
    before = (
        {}
        if created
        else {
            "objectives": plan.objectives,
            "planned_activities": plan.planned_activities,
            **{f"target.{k}": v for k, v in plan.targets.items()},
        }
    )
    plan.objectives, plan.planned_activities, plan.targets = objectives, planned, targets
    plan.updated_by = user
    plan.save()
    after = {
        "objectives": objectives,
        "planned_activities": planned,
        **{f"target.{k}": v for k, v in targets.items()},
    }
    audit_log(actor=user, action="tisc.work_plan_saved", obj=plan, changes=diff(before, after))
    return plan


@transaction.atomic
def report_upload(
    *,
    user,
    network: Network,
    year: Any,
    quarter: Any = 0,
    content: bytes,
    today: dt.date | None = None,
) -> Report:
    """Save a period's report from its filled template: every bad cell is named (sheet, row,
    column, problem) in one SpreadsheetError, and nothing is saved unless all are good."""
    require_manager(user, network.pk)
    year, quarter = _check_period(network, year, quarter, today or timezone.localdate())
    data, places, problems = spreadsheet.read(
        content, network_id=network.pk, year=year, quarter=quarter
    )
    try:
        clean_report_data(data)
    except ValidationError as exc:
        problems += spreadsheet.cell_errors(exc, places)
    if problems:
        raise spreadsheet.SpreadsheetError(problems)
    report = report_save(
        user=user, network=network, year=year, quarter=quarter, data=data, today=today
    )
    audit_log(
        actor=user, action="tisc.report_uploaded", obj=report, message=f"{len(content):,} bytes"
    )
    return report
