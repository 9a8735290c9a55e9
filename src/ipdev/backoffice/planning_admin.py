"""Admin pages for planning and evaluation: read-only data stewardship with the audit history
(the workflow pages at /backoffice/work/ make the changes), and DA projects through the service."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ipdev.evaluation import models as ev
from ipdev.planning import models as pl
from ipdev.planning import services
from ipdev.planning.services import projects as project_services

from .admin import AuditedHistory, ReadOnlyAdmin, StaffPermissions


class DAProjectForm(forms.ModelForm):
    class Meta:
        model = pl.DAProject
        fields = [
            "code", "title", "status", "start_year", "end_year", "budget", "document", "summary",
            "recommendations", "countries",
        ]  # fmt: skip

    def clean(self):
        data = super().clean()
        for name, message in project_services.project_errors(data).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data


@admin.register(pl.DAProject)
class DAProjectAdmin(AuditedHistory, StaffPermissions, admin.ModelAdmin):
    form = DAProjectForm
    list_display = ["code", "title", "status", "start_year", "end_year", "budget"]
    list_filter = ["status"]
    search_fields = ["code", "title"]
    filter_horizontal = ["recommendations"]
    autocomplete_fields = ["countries"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Saved by the service (with its relations) in save_related."""

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        try:
            form.instance = services.da_project_save(
                user=request.user,
                code=data["code"],
                title=data["title"],
                recommendations=data["recommendations"],
                countries=data["countries"],
                start_year=data.get("start_year"),
                end_year=data.get("end_year"),
                status=data["status"],
                budget=data.get("budget"),
                summary=data.get("summary", ""),
                document=data.get("document", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))


class DAProjectReportForm(forms.ModelForm):
    class Meta:
        model = pl.DAProjectReport
        fields = ["project", "kind", "period", "document", "submitted_on", "progress"]

    def clean(self):
        data = super().clean()
        if data.get("project"):
            found = project_services.report_errors(
                data["project"], data.get("period"), data.get("submitted_on")
            )
            for name, message in found.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data


@admin.register(pl.DAProjectReport)
class DAProjectReportAdmin(AuditedHistory, StaffPermissions, admin.ModelAdmin):
    """Progress reports put to the CDIP, recorded through the service."""

    form = DAProjectReportForm
    list_display = ["project", "kind", "period", "document", "submitted_on"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        form.instance = services.da_project_report_add(
            user=request.user, project=data["project"], kind=data["kind"],
            period=data["period"], progress=data["progress"],
            submitted_on=data["submitted_on"], document=data.get("document", ""),
        )  # fmt: skip


class DAProjectReviewForm(forms.ModelForm):
    class Meta:
        model = pl.DAProjectReview
        fields = ["project", "report", "session", "reviewed_on", "decision", "comments"]

    def clean(self):
        data = super().clean()
        found = project_services.review_errors(
            data.get("session", ""), data.get("reviewed_on"), data.get("report")
        )
        project, report = data.get("project"), data.get("report")
        if project and report and report.project_id != project.pk:
            found["report"] = _("The report is of another project.")
        closing = data.get("decision") in project_services.DECISION_STATUS
        if project and closing and not project.end_year:
            found["decision"] = _("Give the project's end year before closing it.")
        for name, message in found.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


@admin.register(pl.DAProjectReview)
class DAProjectReviewAdmin(AuditedHistory, StaffPermissions, admin.ModelAdmin):
    """The committee's reviews of projects, recorded through the service."""

    form = DAProjectReviewForm
    list_display = ["project", "session", "reviewed_on", "decision"]
    list_filter = ["decision"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        form.instance = services.da_project_review_add(
            user=request.user, project=data["project"], session=data["session"],
            reviewed_on=data["reviewed_on"], decision=data["decision"],
            comments=data.get("comments", ""), report=data.get("report"),
        )  # fmt: skip


for model, fields in [
    (pl.AssistanceRequest, ["title", "country", "kind", "status", "submitted_on"]),
    (pl.CountryPlan, ["country", "biennium_start", "status", "agreed_on"]),
    (pl.StrategyProcess, ["country", "title", "status", "started_on"]),
    (pl.Indicator, ["name", "kind", "unit", "plan_line", "activity", "da_project"]),
    (ev.Survey, ["title", "activity", "kind", "status", "due_on"]),
]:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (AuditedHistory, ReadOnlyAdmin),
            {"list_display": fields, "list_filter": [f for f in ("status", "kind") if f in fields]},
        ),
    )
