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
    CABINET_APPROVAL,
    STEP_ORDER,
    CommitteeMember,
    StepStatus,
    StrategyDocument,
    StrategyProcess,
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


STEP_FIELDS = ("status", "started_on", "completed_on", "notes", "skip_reason")
FINISHED = (StepStatus.DONE, StepStatus.SKIPPED)


def _order_errors(step: StrategyStepRecord, status: str) -> dict[str, str]:
    """The manual's order: a step is done only after the ones before it are done or skipped,
    and a step is not reopened while a later one is done."""
    others = list(StrategyStepRecord.objects.filter(process=step.process_id).exclude(pk=step.pk))
    if status == StepStatus.DONE:
        open_before = [s for s in others if s.order < step.order and s.status not in FINISHED]
        if open_before:
            names = "; ".join(f"{s.order}. {s.get_step_display()}" for s in open_before)
            return {
                "status": _(
                    "Steps come in order: finish or skip (with a reason) these first: %(names)s."
                )
                % {"names": names}
            }
    if status not in FINISHED:
        done_after = [s for s in others if s.order > step.order and s.status == StepStatus.DONE]
        if done_after:
            names = "; ".join(f"{s.order}. {s.get_step_display()}" for s in done_after)
            return {
                "status": _("A later step is already done, so this one stays finished: %(names)s.")
                % {"names": names}
            }
    return {}


@transaction.atomic
def strategy_step_update(
    *,
    user,
    step: StrategyStepRecord,
    status: str,
    started_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    notes: str = "",
    skip_reason: str = "",
) -> StrategyStepRecord:
    """Record where a step stands, in the manual's order (a step may be skipped with a reason);
    the strategy is adopted when the cabinet approves it, and not before."""
    _require_editor(user)
    StrategyProcess.objects.select_for_update().filter(pk=step.process_id).first()
    step = StrategyStepRecord.objects.select_for_update().get(pk=step.pk)
    before = {name: getattr(step, name) for name in STEP_FIELDS}
    if status not in StepStatus.values:
        raise ValidationError(
            {"status": _("Choose one of: %(values)s.") % {"values": ", ".join(StepStatus.values)}}
        )
    skip_reason = (skip_reason or "").strip()
    errors = _order_errors(step, status)
    if status == StepStatus.SKIPPED:
        if step.step == CABINET_APPROVAL:
            errors["status"] = _(
                "The cabinet's approval cannot be skipped: it is what adopts the strategy."
            )
        elif not skip_reason:
            errors["skip_reason"] = _("Say why the step is skipped.")
    if errors:
        raise ValidationError(errors)
    step.status, step.notes = status, notes
    step.skip_reason = skip_reason if status == StepStatus.SKIPPED else ""
    step.started_on = started_on or step.started_on
    step.completed_on = completed_on
    if status in (StepStatus.PENDING, StepStatus.SKIPPED) and started_on is None:
        step.started_on = None
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
    changes = diff(before, {name: getattr(step, name) for name in STEP_FIELDS})
    if step.step == CABINET_APPROVAL:
        adopted = status == StepStatus.DONE
        new = StrategyProcess.Status.ADOPTED if adopted else StrategyProcess.Status.IN_PROGRESS
        if process.status != new and (adopted or process.status == StrategyProcess.Status.ADOPTED):
            changes["process_status"] = [process.status, new]
            process.status = new
            process.save(update_fields=["status"])
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
def committee_member_add(
    *, user, process: StrategyProcess, committee: str, name: str, institution: str, role: str = ""
) -> CommitteeMember:
    """Add a member (and their institution) to the steering or the drafting committee."""
    _require_editor(user)
    member = CommitteeMember(
        process=process,
        committee=committee,
        name=(name or "").strip(),
        institution=(institution or "").strip(),
        role=(role or "").strip(),
    )
    try:
        member.full_clean()
    except ValidationError as exc:
        raise ValidationError(
            {
                ("name" if key == "__all__" else key): value
                for key, value in exc.message_dict.items()
            }
        ) from None
    member.save()
    audit_log(
        actor=user,
        action="strategy.committee_member_added",
        obj=process,
        changes={member.committee: [None, str(member)]},
    )
    return member


@transaction.atomic
def committee_member_remove(*, user, member: CommitteeMember) -> None:
    _require_editor(user)
    process, shown, committee = member.process, str(member), member.committee
    member.delete()
    audit_log(
        actor=user,
        action="strategy.committee_member_removed",
        obj=process,
        changes={committee: [shown, None]},
    )


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
