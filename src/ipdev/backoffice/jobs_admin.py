"""Background jobs and the schedule in the back office: what ran, what failed and why, retries."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ipdev.core import jobs
from ipdev.core.models import Job, Schedule

from .admin import StaffPermissions


class WatchOnly(StaffPermissions):
    """Staff watch jobs and act through the actions; rows are written by the job runner only."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Job)
class JobAdmin(WatchOnly, admin.ModelAdmin):
    list_display = ["id", "name", "state", "run_after", "attempts", "finished_at", "outcome"]
    list_filter = ["state", "name"]
    search_fields = ["name", "result", "error"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "name",
        "kwargs",
        "state",
        "run_after",
        "attempts",
        "max_attempts",
        "worker",
        "created_at",
        "started_at",
        "finished_at",
        "result",
        "error",
    ]
    actions = ["retry_failed"]

    @admin.display(description=_("Outcome"))
    def outcome(self, obj: Job) -> str:
        if obj.state == Job.State.DONE:
            return obj.result[:120]
        lines = obj.error.strip().splitlines()
        return lines[-1][:120] if lines else ""

    @admin.action(description=_("Retry the selected failed jobs"))
    def retry_failed(self, request, queryset):
        retried = 0
        for job in queryset.filter(state=Job.State.FAILED):
            try:
                jobs.retry(job=job, user=request.user)
            except jobs.RetryRefused as refused:  # (said per job; the others are retried)
                self.message_user(request, f"{job.name} #{job.pk}: {refused}", messages.ERROR)
                continue
            retried += 1
        self.message_user(
            request,
            ngettext("%(n)d job queued again.", "%(n)d jobs queued again.", retried)
            % {"n": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )


@admin.register(Schedule)
class ScheduleAdmin(WatchOnly, admin.ModelAdmin):
    list_display = ["name", "every", "next_run_at", "last_queued_at", "last_outcome"]
    actions = ["run_now"]

    @admin.display(description=_("Every"))
    def every(self, obj: Schedule) -> str:
        found = jobs.tasks().get(obj.name)
        return str(found.every) if found and found.every else "—"

    @admin.display(description=_("Last outcome"))
    def last_outcome(self, obj: Schedule) -> str:
        last = Job.objects.filter(name=obj.name).exclude(state=Job.State.QUEUED).first()
        if last is None:
            return "—"
        when = timezone.localtime(last.finished_at or last.started_at)
        return f"{last.get_state_display()} {when:%Y-%m-%d %H:%M}"

    @admin.action(description=_("Run the selected tasks now"))
    def run_now(self, request, queryset):
        names = [s.name for s in queryset if s.name in jobs.tasks()]
        for name in names:
            jobs.run_now(name=name, user=request.user)
        self.message_user(
            request,
            ngettext("%(n)d task queued.", "%(n)d tasks queued.", len(names)) % {"n": len(names)},
            messages.SUCCESS,
        )
