"""What the IATI importer keeps: one row per import run, and the fingerprint of each activity."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One run of ``iati_import_files`` over one or more files, with its triage report."""

    class Status(models.TextChoices):
        # Uploaded and waiting for the background worker (``iati.uploads``).
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        DONE_WITH_PROBLEMS = "problems", _("Done, with problems")
        FAILED = "failed", _("Failed")
        # Its process stopped (killed, the server restarted) before it could say how it ended.
        INTERRUPTED = "interrupted", _("Interrupted")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    files = models.JSONField(default=list, help_text="The file names, in the order read.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    process = models.CharField(
        max_length=300, blank=True, help_text="The importing process: host, pid, start time."
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text="When the import last wrote a batch (or started)."
    )
    read = models.PositiveIntegerField(default=0, help_text="Activities read.")
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Activities not imported.")
    critical = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    report = models.JSONField(
        default=dict, blank=True, help_text="Per file: counts, problems, what was not kept."
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"IATI import {self.pk} ({self.status})"

    def failure_text(self) -> str:
        """What went wrong, in words, for a run that failed or was interrupted ("" otherwise)."""
        report = self.report or {}
        if self.status == self.Status.FAILED:
            error = str(report.get("error", "")).strip()
            if error:
                return _("The import stopped on an error: %(error)s") % {"error": error}
            return _("The import stopped on an error before it could say which.")
        if self.status == self.Status.INTERRUPTED:
            written = (report.get("interrupted") or {}).get("written", 0)
            return _(
                "The import stopped before it finished: the process running it ended (the "
                "worker was stopped or the server restarted). Activities written before it "
                "stopped: %(n)d. Importing the same files again finishes the work without "
                "duplicating them."
            ) % {"n": written}
        return ""


class ImportedActivity(models.Model):
    """The content last imported for an activity, so that re-importing it changes nothing."""

    activity = models.OneToOneField(
        "activities.Activity", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    content_hash = models.CharField(max_length=64)
    content = models.JSONField(help_text="The mapped fields, as imported (for change records).")
    last_updated = models.DateTimeField(
        null=True, blank=True, help_text="The publisher's last-updated-datetime, if given."
    )
    run = models.ForeignKey(ImportRun, null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Import fingerprint of activity {self.activity_id}"
