"""IATI imports in the back office: upload files, import them with the CLI's service, read reports.

The upload page hands the files to ``iati.services.iati_import_files``, exactly as
``ipdev import-iati`` does, so triage, audit and idempotency are the same. Past imports are the
``ImportRun`` rows, read-only: their reports are the record of what was and was not kept.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from ipdev.iati import schema as xsd
from ipdev.iati.models import ImportRun
from ipdev.iati.services import iati_import_files

MAX_FILES = 20
MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # per file; larger files go through `ipdev import-iati`
PROBLEMS_SHOWN = 200  # per file on the report page; the run's report keeps up to 1,000


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
        % {"n": MAX_FILES, "mb": MAX_UPLOAD_BYTES // (1024 * 1024)},
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
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("At most %d files at a time.") % MAX_FILES)
        too_big = [f.name for f in files if f.size > MAX_UPLOAD_BYTES]
        if too_big:
            raise forms.ValidationError(
                _("Larger than %(mb)d MB: %(names)s. Import them with `ipdev import-iati`.")
                % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024), "names": ", ".join(too_big)}
            )
        return files


def import_uploads(*, user, uploads, schema_check: bool) -> ImportRun:
    """Write the uploads to a private folder under their own names and import them."""
    with tempfile.TemporaryDirectory(prefix="ipdev-iati-upload-") as folder:
        paths = []
        for n, upload in enumerate(uploads):
            target = Path(folder) / str(n) / (get_valid_filename(upload.name) or "upload.xml")
            target.parent.mkdir()
            with target.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            paths.append(target)
        return iati_import_files(user=user, paths=paths, schema_check=schema_check)


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
        return [path("upload/", upload, name="iati_importrun_upload"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_upload": self._staff(request), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The report of one import: totals, then per file its problems and what was not kept."""
        if not self._staff(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun.objects.select_related("user"), pk=object_id)
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
        }
        return TemplateResponse(request, "backoffice/iati_import_report.html", context)

    def upload_view(self, request):
        if not self._staff(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = UploadForm(request.POST, request.FILES) if posted else UploadForm()
        if posted and form.is_valid():
            run = import_uploads(
                user=request.user,
                uploads=form.cleaned_data["files"],
                schema_check=form.cleaned_data["schema_check"],
            )
            summary = _(
                "Import %(pk)d: %(read)d activities read, %(created)d created, %(updated)d "
                "updated, %(unchanged)d unchanged, %(skipped)d not imported."
            ) % {
                f: getattr(run, f)
                for f in ("pk", "read", "created", "updated", "unchanged", "skipped")
            }
            ok = run.status == ImportRun.Status.DONE
            self.message_user(request, summary, messages.SUCCESS if ok else messages.WARNING)
            return redirect("admin:iati_importrun_change", run.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Upload IATI files"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "backoffice/iati_upload.html", context)
