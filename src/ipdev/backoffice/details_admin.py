"""Back office for what guards an activity's details: its documents, and the consents of member
states that make its detail groups public. Every write goes through ipdev.activities.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ipdev.activities import services
from ipdev.activities.models import ActivityDocument, Consent, DetailGroup

from .admin import AuditedHistory, StaffPermissions


class DocumentForm(forms.ModelForm):
    class Meta:
        model = ActivityDocument
        fields = ["activity", "title", "kind", "language", "file"]


@admin.register(ActivityDocument)
class ActivityDocumentAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = DocumentForm
    list_display = ["title", "activity", "kind", "content_type", "size", "uploaded_at"]
    autocomplete_fields = ["activity"]
    search_fields = ["title", "activity__identifier"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        saved = services.document_attach(
            user=request.user,
            activity=data["activity"],
            upload=data["file"],
            title=data["title"],
            kind=data["kind"],
            language=data["language"].pk if data.get("language") else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.document_remove(user=request.user, document=obj)


class ConsentForm(forms.ModelForm):
    """Staff record a member state's consent on its behalf: the letter must be named."""

    groups = forms.MultipleChoiceField(
        label=_("Details to publish"),
        choices=DetailGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reference = forms.CharField(
        label=_("Reference of the letter or decision"),
        max_length=200,
        help_text=_("The member state's letter or note verbale that gives consent."),
    )

    class Meta:
        model = Consent
        fields = [
            "country",
            "activity",
            "groups",
            "granted_by",
            "granted_on",
            "valid_until",
            "reference",
        ]


@admin.register(Consent)
class ConsentAdmin(StaffPermissions, admin.ModelAdmin):
    form = ConsentForm
    list_display = [
        "country",
        "activity",
        "groups",
        "granted_by",
        "granted_on",
        "valid_until",
        "replaced_on",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "country__bureau"]
    autocomplete_fields = ["country", "activity"]
    search_fields = ["country__name", "activity__identifier", "granted_by"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        saved = services.consent_grant(
            user=request.user,
            country=d.get("country"),
            activity=d.get("activity"),
            groups=d.get("groups") or [],
            granted_by=d["granted_by"],
            granted_on=d["granted_on"],
            valid_until=d.get("valid_until"),
            reference=d.get("reference", ""),
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.consent_revoke(
            user=request.user, consent=obj, reason="Deleted in the back office."
        )

    @admin.action(description=_("Revoke the selected consents"))
    def revoke(self, request, queryset):
        for consent in queryset.filter(revoked_at__isnull=True):
            services.consent_revoke(
                user=request.user, consent=consent, reason="Revoked in the back office."
            )
