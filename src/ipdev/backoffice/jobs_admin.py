"""Background jobs and the schedule in the back office: what ran, what failed and why, retries."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

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
    list_display = [
        "id",
        "name",
        "state",
        "retry_button",
        "attempts",
        "run_after",
        "finished_at",
        "outcome",
    ]
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

    @admin.display(description=_("Retry"))
    def retry_button(self, obj: Job) -> str:
        """A failed job's own button: it posts the list's form (and its CSRF token) to the job's
        retry address, so no form is nested in the list's and no script is needed."""
        if obj.state != Job.State.FAILED:
            return ""
        refused = jobs.retry_refusal(obj)
        if refused:
            return format_html('<span class="help">{}</span>', refused)
        return format_html(
            '<button type="submit" class="button" formmethod="post" formaction="{}"'
            ' aria-label="{}">{}</button>',
            reverse("admin:core_job_retry", args=[obj.pk]),
            _("Retry job %(pk)d") % {"pk": obj.pk},
            _("Retry"),
        )

    def get_urls(self):
        retry = self.admin_site.admin_view(require_POST(self.retry_view))
        return [path("<int:pk>/retry/", retry, name="core_job_retry"), *super().get_urls()]

    def retry_view(self, request, pk: int):
        """Retry one failed job, then back to the list as it was (its filters kept)."""
        if not self._staff(request):
            raise PermissionDenied
        job = get_object_or_404(Job, pk=pk)
        try:
            jobs.retry(job=job, user=request.user)
        except jobs.RetryRefused as refused:
            self.message_user(request, f"{job.name} #{job.pk}: {refused}", messages.ERROR)
        else:
            self.message_user(
                request,
                _("Job %(pk)d (%(name)s) is queued again.") % {"name": job.name, "pk": job.pk},
                messages.SUCCESS,
            )
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:core_job_changelist")
        return redirect(back)

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
