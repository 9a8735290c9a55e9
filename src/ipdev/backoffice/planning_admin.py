"""Admin pages for planning and evaluation: read-only data stewardship with the audit history
(the workflow pages at /backoffice/work/ make the changes), and DA projects through the service."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.evaluation import models as ev
from ipdev.planning import models as pl
from ipdev.planning import services

from .admin import AuditedHistory, ReadOnlyAdmin, StaffPermissions


@admin.register(pl.DAProject)
class DAProjectAdmin(AuditedHistory, StaffPermissions, admin.ModelAdmin):
    list_display = ["code", "title", "start_year", "end_year"]
    search_fields = ["code", "title"]
    filter_horizontal = ["recommendations"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Saved by the service (with the recommendations) in save_related."""

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        try:
            form.instance = services.da_project_save(
                user=request.user,
                code=data["code"],
                title=data["title"],
                recommendations=data["recommendations"],
                start_year=data.get("start_year"),
                end_year=data.get("end_year"),
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "; ".join(getattr(exc, "messages", [str(exc)])))


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
