"""IATI imports in the back office: upload files, follow their import, read reports.

The upload page hands the files to ``iati.uploads.iati_upload_queue``: they are kept and a
background job imports them with ``iati.services.iati_import_files``, exactly as
``ipdev import-iati`` does, so triage, audit and idempotency are the same. The uploader lands at
once on the run's page, which follows the run (htmx asks for it again every few seconds while it
waits or runs) and shows its report when it ends. Past imports are the ``ImportRun`` rows,
read-only: their reports are the record of what was and was not kept; runs whose process is gone
are marked interrupted when they are listed. A run that failed or was interrupted says why, in
words, and offers Retry while its files are kept (``uploads.iati_upload_retry``).

An upload over the size limit is refused before it has been read to the end: a request larger
than all the files allowed is refused from its Content-Length, unread; otherwise the reading
stops at the first file to pass ``uploads.MAX_UPLOAD_BYTES`` (``UploadLimit``).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ipdev.core import jobs
from ipdev.core.bounds import whole_number
from ipdev.iati import schema as xsd
from ipdev.iati import uploads
from ipdev.iati.models import ImportRun
from ipdev.iati.services import import_runs_mark_interrupted

PROBLEMS_SHOWN = 200  # per file on the report page; the run's report keeps up to 1,000


def too_large_message(names: list[str]) -> str:
    if not names:  # (the request as a whole)
        return _(
            "The upload is larger than %(n)d files of %(mb)d MB. Import large files with "
            "`ipdev import-iati`."
        ) % {"n": uploads.MAX_FILES, "mb": uploads.MAX_UPLOAD_BYTES // (1024 * 1024)}
    return _("Larger than %(mb)d MB: %(names)s. Import them with `ipdev import-iati`.") % {
        "mb": uploads.MAX_UPLOAD_BYTES // (1024 * 1024),
        "names": ", ".join(names),
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(_("Choose at least one IATI XML file."), code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("IATI activity files"),
        help_text=_("IATI 2.01-2.03 activity XML, up to %(n)d files of at most %(mb)d MB each.")
        % {"n": uploads.MAX_FILES, "mb": uploads.MAX_UPLOAD_BYTES // (1024 * 1024)},
    )
    schema_check = forms.BooleanField(
        label=_("Check each activity against the IATI 2.03 schema"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reason = xsd.unavailable_reason()
        if reason:  # say so before the import, not only in the report
            self.fields["schema_check"].help_text = _(
                "Not available on this server: %(reason)s. Activities are imported unchecked."
            ) % {"reason": reason}

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > uploads.MAX_FILES:
            raise forms.ValidationError(_("At most %d files at a time.") % uploads.MAX_FILES)
        too_big = [f.name for f in files if f.size > uploads.MAX_UPLOAD_BYTES]
        if too_big:
            raise forms.ValidationError(too_large_message(too_big))
        return files


def queue_uploads(*, user, files, schema_check: bool) -> ImportRun:
    """Keep the uploaded files and queue their import (``iati.uploads``)."""
    return uploads.iati_upload_queue(
        user=user, files=[(f.name, f.chunks()) for f in files], schema_check=schema_check
    )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """The list of past imports; each opens its report. Staff only, and nothing is edited."""

    change_list_template = "backoffice/iati_import_list.html"
    list_display = [
        "started_at",
        "status",
        "file_names",
        "user",
        "read",
        "created",
        "updated",
        "skipped",
        "problems",
    ]
    list_display_links = ["started_at"]
    list_select_related = ["user"]
    date_hierarchy = "started_at"

    def _staff(self, request) -> bool:
        return bool(getattr(request.user, "is_wipo_staff", False))

    def has_module_permission(self, request):
        return self._staff(request)

    def has_view_permission(self, request, obj=None):
        return self._staff(request)

    def has_add_permission(self, request):
        return False  # imports are made by uploading files, not by filling in a run

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the reports are the record of what each import kept

    @admin.display(description=_("Files"))
    def file_names(self, obj: ImportRun) -> str:
        names = obj.files or []
        shown = ", ".join(names[:3])
        return f"{shown} (+{len(names) - 3})" if len(names) > 3 else shown

    @admin.display(description=_("Problems"))
    def problems(self, obj: ImportRun) -> str:
        return _("%(c)d critical, %(e)d errors, %(w)d warnings") % {
            "c": obj.critical,
            "e": obj.errors,
            "w": obj.warnings,
        }

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)

        @csrf_exempt  # (the CSRF check, which reads the body, runs inside, in admin_view)
        def limited_upload(request, *args, **kwargs):
            # Before anything reads the body: the limit is the first upload handler.
            request.upload_limit = uploads.UploadLimit(request)
            request.upload_handlers.insert(0, request.upload_limit)
            if request.method == "POST" and self._too_large_request(request):
                if not self._staff(request):
                    raise PermissionDenied
                return self._upload_page(request, UploadForm(), too_large_message([]), 413)
            return upload(request, *args, **kwargs)

        retry = self.admin_site.admin_view(require_POST(self.retry_view))
        return [
            path("upload/", limited_upload, name="iati_importrun_upload"),
            path("<int:pk>/retry/", retry, name="iati_importrun_retry"),
            *super().get_urls(),
        ]

    def retry_view(self, request, pk: int):
        """Queue a failed or interrupted import again with its kept files; back to its page."""
        if not self._staff(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        try:
            uploads.iati_upload_retry(run=run, user=request.user)
        except jobs.RetryRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Import %(pk)d is queued again with the same files.") % {"pk": run.pk},
                messages.SUCCESS,
            )
        return redirect("admin:iati_importrun_change", run.pk)

    @staticmethod
    def _too_large_request(request) -> bool:
        try:
            return int(request.META.get("CONTENT_LENGTH") or 0) > uploads.MAX_REQUEST_BYTES
        except ValueError:
            return False

    def changelist_view(self, request, extra_context=None):
        if self._staff(request):
            import_runs_mark_interrupted(now=timezone.now())
        extra = {"can_upload": self._staff(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The report of one import: totals, then per file its problems and what was not kept."""
        if not self._staff(request):
            raise PermissionDenied
        import_runs_mark_interrupted(now=timezone.now())
        pk = whole_number(object_id)
        if pk is None:
            raise Http404
        run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
        files = []
        for file in run.report.get("files", []):
            problems = file.get("problems", [])
            hidden = len(problems) - PROBLEMS_SHOWN + file.get("problems_not_listed", 0)
            files.append({**file, "problems": problems[:PROBLEMS_SHOWN], "hidden": max(0, hidden)})
        context = {
            **self.admin_site.each_context(request),
            "title": _("IATI import %(pk)d") % {"pk": run.pk},
            "opts": self.model._meta,
            "run": run,
            "files": files,
            "upload_url": reverse("admin:iati_importrun_upload"),
            "waiting": run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING),
            "failure": run.failure_text() if run.status == ImportRun.Status.FAILED else "",
            "retryable": run.status in uploads.RETRYABLE,
            "retry_refused": uploads.retry_refusal(run),
        }
        return TemplateResponse(request, "backoffice/iati_import_report.html", context)

    def upload_view(self, request):
        if not self._staff(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
        limit = getattr(request, "upload_limit", None)
        if posted and limit is not None and (limit.too_large or limit.whole):  # (stopped)
            return self._upload_page(request, UploadForm(), too_large_message(limit.too_large), 413)
        if posted and form.is_valid():
            run = queue_uploads(
                user=request.user,
                files=form.cleaned_data["files"],
                schema_check=form.cleaned_data["schema_check"],
            )
            self.message_user(
                request,
                _(
                    "Import %(pk)d is queued: this page follows it and shows its report when "
                    "it ends."
                )
                % {"pk": run.pk},
                messages.SUCCESS,
            )
            return redirect("admin:iati_importrun_change", run.pk)
        return self._upload_page(request, form)

    def _upload_page(self, request, form, refused="", status=200):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload IATI files"),
            "opts": self.model._meta,
            "form": form,
            "refused": refused,
        }
        return TemplateResponse(request, "backoffice/iati_upload.html", context, status=status)
