"""The staff back office: Django admin whose every write goes through the services, with history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ipdev.accounts.models import Organisation, User
from ipdev.activities import selectors, services
from ipdev.activities.models import Activity, ActivityDocument
from ipdev.core.audit import audit_history
from ipdev.core.translations import LANGUAGE_CHOICES
from ipdev.reference import models as ref

# The per-language fields of the activity form: (field, label, widget).
TRANSLATION_FIELDS = [
    ("title", _("Title"), forms.TextInput(attrs={"size": 80})),
    ("summary", _("Summary"), forms.Textarea(attrs={"rows": 3})),
]

admin.site.site_header = _("ipdev back office")
admin.site.site_title = _("ipdev back office")
admin.site.index_title = _("Technical assistance data")


class StaffPermissions:
    """WIPO staff and administrators work in the back office; the role decides, not model perms."""

    def _staff(self, request) -> bool:
        return bool(getattr(request.user, "is_wipo_staff", False))

    def has_module_permission(self, request):
        return self._staff(request)

    def has_view_permission(self, request, obj=None):
        return self._staff(request)

    def has_add_permission(self, request, *args):
        return self._staff(request)

    def has_change_permission(self, request, obj=None):
        return self._staff(request)

    def has_delete_permission(self, request, obj=None):
        return self._staff(request)


class AuditedHistory:
    """Show the audit log (written by the services) as the object's history."""

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, admin.utils.unquote(object_id))
        if obj is None or not self.has_view_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "object": obj,
            "opts": self.model._meta,
            "entries": audit_history(obj)[:500],
        }
        return TemplateResponse(request, "backoffice/history.html", context)


class ReadOnlyAdmin(StaffPermissions, admin.ModelAdmin):
    """Reference data is loaded by migrations and read-only at run time."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ref.Country)
class CountryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "iso3", "status", "bureau", "region"]
    list_filter = ["status", "bureau"]
    search_fields = ["code", "iso3", "name"]


for model, fields in [
    (ref.Bureau, ["code", "name"]),
    (ref.Region, ["code", "name", "parent"]),
    (ref.DACluster, ["code", "name"]),
    (ref.DARecommendation, ["number", "cluster", "name"]),
    (ref.SDG, ["number", "name"]),
    (ref.StrategicGoal, ["code", "name"]),
    (ref.ExpectedResult, ["code", "goal", "name"]),
    (ref.IPArea, ["code", "name"]),
    (ref.ActivityCategory, ["code", "name"]),
    (ref.DeliveryMode, ["code", "name"]),
    (ref.FundingSource, ["code", "name", "kind", "donor"]),
    (ref.Unit, ["code", "name", "sector"]),
    (ref.Language, ["code", "name"]),
    (ref.Currency, ["code", "name"]),
]:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (ReadOnlyAdmin,),
            {
                "list_display": fields,
                "search_fields": [f for f in fields if f in {"code", "name", "number"}],
            },
        ),
    )


@admin.register(Organisation)
class OrganisationAdmin(StaffPermissions, admin.ModelAdmin):
    list_display = ["name", "ref", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name", "ref"]
    autocomplete_fields = ["country"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are managed by administrators only (Django's superuser permissions)."""

    list_display = ["username", "email", "role", "bureau", "is_active"]
    list_filter = ["role", "bureau", "is_active"]
    filter_horizontal = ["countries", "groups", "user_permissions"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Role in ipdev"), {"fields": ["role", "bureau", "unit", "organisation", "countries"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        (_("Role in ipdev"), {"fields": ["role", "email", "countries"]}),
    ]


class DocumentInline(StaffPermissions, admin.TabularInline):
    model = ActivityDocument
    extra = 0
    fields = ["title", "kind", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActivityForm(forms.ModelForm):
    """The activity's fields plus one title and one summary field per other UN language."""

    text_language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES,
        initial="en",
        required=False,
        label=_("Language of the title and summary"),
    )
    # Declared on the class (the admin builds its form class from the declared fields), one
    # per language and text: title_fr, summary_fr, ...
    locals().update(
        {
            f"{name}_{code}": forms.CharField(
                required=False, label=format_lazy("{} ({})", label, language), widget=widget
            )
            for code, language in LANGUAGE_CHOICES
            for name, label, widget in TRANSLATION_FIELDS
        }
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "summary",
            "text_language",
            "identifier",
            "status",
            "scope",
            "countries",
            "regions",
            "start_date",
            "end_date",
            "category",
            "delivery_mode",
            "ip_areas",
            "languages",
            "implementing_unit",
            "partners",
            "reporting_org",
            "da_recommendations",
            "sdgs",
            "expected_results",
            "description",
            "objectives",
            "outcomes",
            "lessons",
            "beneficiary_institutions",
            "participants_total",
            "participants_women",
            "participants_men",
            "cost",
            "currency",
            "funding_source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("category", "delivery_mode"):
            self.fields[name].required = self.instance.source != "iati"
        given = self.instance.translations or {}
        for code, _language in LANGUAGE_CHOICES:
            for name, _label, _widget in TRANSLATION_FIELDS:
                self.initial.setdefault(f"{name}_{code}", given.get(code, {}).get(name, ""))

    def translations(self) -> dict:
        """The per-language fields as a translations map (the original language left out)."""
        data, original = self.cleaned_data, self.cleaned_data.get("text_language")
        return {
            code: {name: data.get(f"{name}_{code}", "") for name, _l, _w in TRANSLATION_FIELDS}
            for code, _language in LANGUAGE_CHOICES
            if code != original
        }

    def clean(self):
        data = super().clean()
        # Left out of a post (scripts, old forms): the activity keeps its language.
        data["text_language"] = data.get("text_language") or self.instance.text_language or "en"
        if "scope" in data:
            try:
                services.validate_scope(
                    scope=data["scope"],
                    countries=list(data.get("countries") or []),
                    regions=list(data.get("regions") or []),
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    self.add_error(field, errors)
        return data


@admin.register(Activity)
class ActivityAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = ActivityForm
    list_display = ["identifier", "title", "status", "start_date", "category", "reporting_org"]
    list_filter = ["status", "category", "delivery_mode", "scope", "source"]
    list_select_related = ["category", "reporting_org"]
    search_fields = ["identifier", "title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["countries", "regions", "partners", "reporting_org", "implementing_unit"]
    filter_horizontal = ["ip_areas", "da_recommendations", "sdgs", "expected_results", "languages"]
    inlines = [DocumentInline]
    readonly_fields = ["identifier_note"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "summary",
                    "text_language",
                    "identifier",
                    "identifier_note",
                    "status",
                ]
            },
        ),
        (
            _("Title and summary in other languages"),
            {
                "classes": ["collapse"],
                "description": _(
                    "Left empty, the portal shows the original title and summary, saying so."
                ),
                "fields": [
                    f"{name}_{code}"
                    for code, _l in LANGUAGE_CHOICES
                    for name in ("title", "summary")
                ],
            },
        ),
        (
            _("Where and when"),
            {"fields": ["scope", "countries", "regions", "start_date", "end_date"]},
        ),
        (_("What"), {"fields": ["category", "delivery_mode", "ip_areas", "languages"]}),
        (_("Who"), {"fields": ["implementing_unit", "partners", "reporting_org"]}),
        (
            _("Development Agenda and results"),
            {"fields": ["da_recommendations", "sdgs", "expected_results"]},
        ),
        (
            _("Details (public only with the member state's consent)"),
            {
                "fields": [
                    "description",
                    "objectives",
                    "outcomes",
                    "lessons",
                    "beneficiary_institutions",
                    "participants_total",
                    "participants_women",
                    "participants_men",
                    "cost",
                    "currency",
                    "funding_source",
                ],
            },
        ),
    ]
    actions = ["mark_ongoing", "mark_completed"]

    @admin.display(description=_("Identifier"))
    def identifier_note(self, obj):
        return (
            _("Left blank, an identifier is assigned on saving.") if not obj or not obj.pk else ""
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("start_date", timezone.localdate())
        initial.setdefault("status", "planned")
        initial.setdefault("scope", "national")
        initial.setdefault("currency", "CHF")
        initial.setdefault("category", "capacity-building")
        initial.setdefault("delivery_mode", "workshop")
        initial.setdefault("reporting_org", services.default_reporting_org().pk)
        if getattr(request.user, "unit_id", None):
            initial.setdefault("implementing_unit", request.user.unit_id)
        return initial

    def save_model(self, request, obj, form, change):
        names = form.changed_data if change else form.cleaned_data
        m2m = {f.name for f in Activity._meta.many_to_many}
        data = {
            name: list(form.cleaned_data[name]) if name in m2m else form.cleaned_data[name]
            for name in names
            if name in services.EDITABLE
        }
        data["translations"] = form.translations()
        if change:
            saved = services.activity_update(user=request.user, activity=obj, data=data)
        else:
            saved = services.activity_create(user=request.user, data=data)
        obj.pk = saved.pk
        obj.identifier = saved.identifier

    def save_related(self, request, form, formsets, change):
        """Relations were saved by the service; the document inline is read-only."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def delete_model(self, request, obj):
        services.activity_delete(user=request.user, activity=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.activity_delete(user=request.user, activity=obj)

    def _set_status(self, request, queryset, status):
        done = 0
        for activity in queryset:
            try:
                services.activity_change_status(user=request.user, activity=activity, status=status)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(
                    request,
                    f"{activity.identifier}: {' '.join(getattr(exc, 'messages', [str(exc)]))}",
                    messages.ERROR,
                )
        self.message_user(request, _("%d activities updated.") % done)

    @admin.action(description=_("Mark as ongoing"))
    def mark_ongoing(self, request, queryset):
        self._set_status(request, queryset, "ongoing")

    @admin.action(description=_("Mark as completed"))
    def mark_completed(self, request, queryset):
        self._set_status(request, queryset, "completed")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["public_preview"] = selectors.activity_public_preview(pk=obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)


# Documents and consents, the IATI imports, planning and evaluation, the roster and WIPO Match
# register their admin classes in their own modules.
from . import details_admin, imports, match_admin, planning_admin, roster_admin  # noqa: E402, F401
