"""The one write path for national IP strategy processes: start, step updates, documents."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ipdev.activities.documents import check_upload
from ipdev.core.audit import audit_log, diff
from ipdev.planning import permissions
from ipdev.planning.models import (
    STEP_ORDER,
    StepStatus,
    StrategyDocument,
    StrategyProcess,
    StrategyStep,
    StrategyStepRecord,
)

from .fields import resolve


def _require_editor(user) -> None:
    permissions.require(
        permissions.can_edit_plan(user), "Only WIPO staff follow national IP strategy processes."
    )


@transaction.atomic
def strategy_start(*, user, country, title: str, started_on: dt.date, plan=None) -> StrategyProcess:
    """Open a country's strategy process with the manual's eight steps, none started."""
    _require_editor(user)
    process = StrategyProcess(
        country=resolve(StrategyProcess._meta.get_field("country"), country),
        title=(title or "").strip(),
        started_on=started_on,
        plan=resolve(StrategyProcess._meta.get_field("plan"), plan),
    )
    if process.country is None:
        raise ValidationError({"country": _("This field is required.")})
    if process.plan is not None and process.plan.country_id != process.country_id:
        raise ValidationError({"plan": _("The plan is of another country.")})
    process.full_clean()
    process.save()
    StrategyStepRecord.objects.bulk_create(
        StrategyStepRecord(process=process, step=step, order=n)
        for n, step in enumerate(STEP_ORDER, start=1)
    )
    audit_log(
        actor=user,
        action="strategy.started",
        obj=process,
        changes={"title": [None, process.title], "country": [None, process.country_id]},
    )
    return process


STEP_FIELDS = ("status", "started_on", "completed_on", "notes")


@transaction.atomic
def strategy_step_update(
    *,
    user,
    step: StrategyStepRecord,
    status: str,
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    notes: str = "",
) -> StrategyStepRecord:
    """Record where a step stands; a done step has its dates, and adoption adopts the strategy."""
    _require_editor(user)
    step = StrategyStepRecord.objects.select_for_update().get(pk=step.pk)
    before = {name: getattr(step, name) for name in STEP_FIELDS}
    if status not in StepStatus.values:
        raise ValidationError(
            {"status": _("Choose one of: %(values)s.") % {"values": ", ".join(StepStatus.values)}}
        )
    step.status, step.notes = status, notes
    step.started_on = started_on or step.started_on
    step.completed_on = completed_on
    errors = {}
    if status in (StepStatus.IN_PROGRESS, StepStatus.DONE) and step.started_on is None:
        errors["started_on"] = _("Give the date the step started.")
    if status == StepStatus.DONE and step.completed_on is None:
        errors["completed_on"] = _("Give the date the step was completed.")
    if status != StepStatus.DONE and step.completed_on is not None:
        errors["completed_on"] = _("Only a step that is done has a completion date.")
    if errors:
        raise ValidationError(errors)
    step.full_clean()
    step.save()
    process = step.process
    adopted = step.step == StrategyStep.ADOPTION and status == StepStatus.DONE
    if adopted and process.status != StrategyProcess.Status.ADOPTED:
        process.status = StrategyProcess.Status.ADOPTED
        process.save(update_fields=["status"])
    changes = diff(before, {name: getattr(step, name) for name in STEP_FIELDS})
    if changes:
        audit_log(
            actor=user,
            action="strategy.step_updated",
            obj=process,
            changes=changes,
            message=str(step.get_step_display()),
        )
    return step


@transaction.atomic
def strategy_document_attach(
    *, user, step: StrategyStepRecord, upload, title: str = ""
) -> StrategyDocument:
    """Attach a checked upload (size and type, as for activity documents) to a step."""
    _require_editor(user)
    name, content_type, size = check_upload(upload)
    document = StrategyDocument(
        step=step,
        title=((title or "").strip() or name)[:300],
        content_type=content_type,
        size=size,
        uploaded_by=user,
    )
    document.file.save(name, upload, save=False)
    try:
        document.full_clean(exclude=["file"])
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    audit_log(
        actor=user,
        action="strategy.document_attached",
        obj=step.process,
        changes={"documents": [None, document.title]},
        message=f"{step.get_step_display()}: {name} ({size:,} bytes)",
    )
    return document
