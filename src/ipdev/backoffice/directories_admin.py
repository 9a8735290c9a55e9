"""Back office for the knowledge directories: staff curate entries and decide suggestions. Every
write goes through ipdev.directories.services (audited); entries not verified for two years are
flagged and can be filtered, and "Mark as verified today" records a check."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ipdev.directories import services
from ipdev.directories.models import (
    STALE_AFTER,
    DatabaseReport,
    Institution,
    Jurisdiction,
    LandscapeReport,
    NationalModel,
    Policy,
    PolicyType,
    Register,
    Resource,
    Suggestion,
)
from ipdev.directories.vocab import ST27, Interface

from .admin import AuditedHistory, ReadOnlyAdmin, StaffPermissions

URLS = {models.URLField: {"assume_scheme": "https"}}


def _formfield(field, **kwargs):
    """Addresses typed without a scheme are taken as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class CodesField(forms.CharField):
    """Codes separated by commas or spaces (language or ST.3 codes); checked by the service."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [c for c in text.replace(",", " ").split() if c]


class VerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", _("Not verified for two years")), ("current", _("Verified"))]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - STALE_AFTER
        if self.value() == "stale":
            return queryset.filter(last_verified__lt=cutoff)
        if self.value() == "current":
            return queryset.filter(last_verified__gte=cutoff)
        return queryset


def _errors_to_form(form, exc: ValidationError) -> None:
    for name, msgs in exc.message_dict.items():
        for message in msgs:
            form.add_error(name if name in form.fields else None, message)


class Curated(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    """What every directory's admin shares: the flag, the filter, the verify action, and saving
    through the directory's service (its errors shown on the form)."""

    list_filter = [VerificationFilter, "demo"]
    actions = ["verify"]
    formfield_overrides = URLS

    @admin.display(boolean=True, description=_("To verify (2 years)"))
    def stale(self, obj):
        return obj.is_stale(timezone.localdate())

    @admin.action(description=_("Mark as verified today"))
    def verify(self, request, queryset):
        for entry in queryset:
            services.entry_verify(user=request.user, entry=entry)
        self.message_user(request, _("%d entries marked as verified.") % queryset.count())

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        """Relations were saved by the service."""

    def _data(self, form, change) -> dict:
        names = form.changed_data if change else list(form.cleaned_data)
        return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


class ServiceForm(forms.ModelForm):
    """Runs the service when the form is validated, so its errors show next to the fields."""

    service = None

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.saved = None

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.user is None:
            return
        # The service reads the stored row (for its audit entry), not the one the form changed.
        stored = type(self.instance).objects.get(pk=self.instance.pk) if self.instance.pk else None
        try:
            self.saved = self.run(self.user, stored)
        except ValidationError as exc:
            _errors_to_form(self, exc)
        except PermissionDenied as exc:
            self.add_error(None, str(exc))

    def data_for_service(self) -> dict:
        names = self.changed_data if self.instance.pk else list(self.cleaned_data)
        return {
            n: (v.pk if hasattr(v, "pk") else v)
            for n, v in self.cleaned_data.items()
            if n in names and n != "document"
        }


class ServiceAdmin(Curated):
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        user = request.user

        class WithUser(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=user, **kw)

        return WithUser

    def save_model(self, request, obj, form, change):
        obj.pk = form.saved.pk


# Jurisdictions and registers ------------------------------------------------------------------
@admin.register(Jurisdiction)
class JurisdictionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "short_name"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "short_name"]


class ResourceForm(forms.ModelForm):
    languages = CodesField(label=_("Languages (codes)"), required=False)

    class Meta:
        model = Resource
        formfield_callback = _formfield
        fields = ["kind", "availability", "url", "languages", "cost", "coverage_from", "notes"]


class ResourceInline(admin.TabularInline):
    model = Resource
    form = ResourceForm
    formfield_overrides = URLS
    extra = 0
    fields = ResourceForm.Meta.fields

    def has_add_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_wipo_staff", False))

    def has_change_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_wipo_staff", False))

    def has_view_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_wipo_staff", False))

    def has_delete_permission(self, request, obj=None):
        return False


class RegisterForm(forms.ModelForm):
    jurisdiction = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.all(), label=_("Jurisdiction (ST.3)")
    )
    legal_status = forms.MultipleChoiceField(
        label=_("Legal-status information (ST.27)"),
        choices=ST27.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Register
        fields = [
            "jurisdiction",
            "office",
            "legal_status",
            "search_tips",
            "sample_numbers",
            "last_verified",
            "demo",
        ]


@admin.register(Register)
class RegisterAdmin(Curated):
    form = RegisterForm
    inlines = [ResourceInline]
    list_display = ["jurisdiction", "office", "last_verified", "stale", "demo"]
    search_fields = ["jurisdiction__code", "jurisdiction__name", "office"]

    def get_readonly_fields(self, request, obj=None):
        return ["jurisdiction"] if obj else []

    def save_model(self, request, obj, form, change):
        """Saved with the resources in save_related, through the service."""

    def construct_change_message(self, request, form, formsets, add=False):
        return []  # the formsets were not saved by the admin: the audit log is the history

    def save_related(self, request, form, formsets, change):
        data = {
            n: form.cleaned_data[n]
            for n in ("office", "legal_status", "search_tips", "sample_numbers", "last_verified")
            if n in form.cleaned_data
        }
        data["demo"] = form.cleaned_data.get("demo", False)
        resources = []
        for formset in formsets:
            for row in formset.cleaned_data:
                if row and not row.get("DELETE"):
                    resources.append({k: row.get(k) for k in ResourceInline.fields if k in row})
        data["resources"] = resources
        code = form.instance.jurisdiction_id or form.cleaned_data["jurisdiction"].pk
        saved = services.register_save(user=request.user, jurisdiction=code, data=data)
        form.instance.pk = saved.pk


# Database and landscape reports ---------------------------------------------------------------
class DatabaseForm(ServiceForm):
    coverage_countries = CodesField(label=_("Countries covered (ST.3 codes)"), required=False)
    languages = CodesField(label=_("Interface languages (codes)"), required=False)
    interfaces = forms.MultipleChoiceField(
        label=_("Interfaces"),
        choices=Interface.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DatabaseReport
        formfield_callback = _formfield
        fields = [
            "name",
            "provider",
            "kind",
            "access",
            "aspi_partner",
            "url",
            "coverage_countries",
            "coverage_from",
            "full_text",
            "languages",
            "interfaces",
            "boolean_search",
            "semantic_search",
            "classification_search",
            "chemical_search",
            "sequence_search",
            "crosslingual_search",
            "export",
            "analytics",
            "summary",
            "reviewed_on",
            "last_verified",
            "demo",
        ]

    def run(self, user, instance):
        return services.database_save(user=user, report=instance, data=self.data_for_service())


@admin.register(DatabaseReport)
class DatabaseReportAdmin(ServiceAdmin):
    form = DatabaseForm
    list_display = ["name", "provider", "kind", "access", "aspi_partner", "reviewed_on", "stale"]
    list_filter = ["kind", "access", "aspi_partner", VerificationFilter, "demo"]
    search_fields = ["name", "provider"]


class LandscapeForm(ServiceForm):
    countries = CodesField(label=_("Countries (ST.3 codes)"), required=False)
    languages = CodesField(label=_("Languages (codes)"), required=False)

    class Meta:
        model = LandscapeReport
        formfield_callback = _formfield
        fields = [
            "title",
            "publisher_kind",
            "publisher",
            "series",
            "field",
            "countries",
            "year",
            "languages",
            "summary",
            "url",
            "document",
            "last_verified",
            "demo",
        ]

    def run(self, user, instance):
        upload = self.files.get("document")
        return services.landscape_save(
            user=user, report=instance, data=self.data_for_service(), document=upload
        )


@admin.register(LandscapeReport)
class LandscapeReportAdmin(ServiceAdmin):
    form = LandscapeForm
    list_display = ["title", "publisher", "series", "field", "year", "stale"]
    list_filter = ["publisher_kind", "series", "field", VerificationFilter, "demo"]
    search_fields = ["title", "publisher"]


# Institutions, policies, national models -----------------------------------------------------
class InstitutionForm(ServiceForm):
    class Meta:
        model = Institution
        formfield_callback = _formfield
        fields = ["name", "country", "type", "ror", "url", "last_verified", "demo"]

    def run(self, user, instance):
        return services.institution_save(
            user=user, institution=instance, data=self.data_for_service()
        )


@admin.register(Institution)
class InstitutionAdmin(ServiceAdmin):
    form = InstitutionForm
    list_display = ["name", "country", "type", "ror", "stale"]
    list_filter = ["type", VerificationFilter, "demo"]
    search_fields = ["name", "ror"]
    autocomplete_fields = ["country"]


class PolicyForm(ServiceForm):
    types = forms.MultipleChoiceField(
        label=_("Policy types"), choices=PolicyType.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Policy
        formfield_callback = _formfield
        fields = ["institution", "title", "year", "types", "language", "url", "document"]
        fields += ["last_verified", "demo"]
        help_texts = {"document": _("PDF or DOCX; its text is extracted for the keyword search.")}

    def run(self, user, instance):
        upload = self.files.get("document")
        return services.policy_save(
            user=user, policy=instance, data=self.data_for_service(), document=upload
        )


@admin.register(Policy)
class PolicyAdmin(ServiceAdmin):
    form = PolicyForm
    list_display = ["title", "institution", "year", "language", "stale"]
    list_filter = ["year", "language", VerificationFilter, "demo"]
    search_fields = ["title", "institution__name"]
    autocomplete_fields = ["institution"]

    def has_delete_permission(self, request, obj=None):
        return self._staff(request)

    def delete_model(self, request, obj):
        services.policy_delete(user=request.user, policy=obj)

    def delete_queryset(self, request, queryset):
        for policy in queryset:
            services.policy_delete(user=request.user, policy=policy)


class NationalModelForm(ServiceForm):
    languages = CodesField(label=_("Languages (codes)"), required=False)

    class Meta:
        model = NationalModel
        formfield_callback = _formfield
        fields = ["country", "title", "year", "status", "languages", "url", "last_verified", "demo"]

    def run(self, user, instance):
        return services.national_model_save(user=user, model=instance, data=self.data_for_service())


@admin.register(NationalModel)
class NationalModelAdmin(ServiceAdmin):
    form = NationalModelForm
    list_display = ["country", "title", "status", "year", "stale"]
    list_filter = ["status", VerificationFilter, "demo"]
    autocomplete_fields = ["country"]


# Suggestions --------------------------------------------------------------------------------
@admin.register(Suggestion)
class SuggestionAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    """A read-only list: staff decide suggestions on the curation page, where the proposed
    values are edited and applied through the services."""

    list_display = ["directory", "entry", "short_message", "status", "created_at", "decide"]
    formfield_overrides = URLS
    list_filter = ["status", "directory"]
    search_fields = ["message", "entry"]

    @admin.display(description=_("suggestion"))
    def short_message(self, obj):
        return obj.message[:80]

    @admin.display(description=_("Decision"))
    def decide(self, obj):
        link = reverse("backoffice-work:directory-suggestion", args=[obj.pk])
        label = pgettext_lazy("link: open a record", "Open")
        return format_html('<a href="{}">{}</a>', link, label)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
