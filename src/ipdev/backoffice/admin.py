"""The staff back office: Django admin whose every write goes through the services, with history."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ipdev.accounts.models import Organisation, User
from ipdev.activities import selectors, services
from ipdev.activities import versions as activity_versions
from ipdev.activities.models import DETAIL_FIELDS, Activity, ActivityDocument, DetailGroup
from ipdev.core.audit import audit_history
from ipdev.core.translations import LANGUAGE_CHOICES
from ipdev.reference import models as ref
from ipdev.tisc import selectors as tisc_selectors

from .history import history_rows
from .stale import StaleGuard, VersionedForm
from .widgets import (
    SafeAutocompleteSelect,
    SafeAutocompleteSelectMultiple,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
)

# The per-language fields of the activity form: (field, label, widget).
TRANSLATION_FIELDS = [
    ("title", _("Title"), forms.TextInput(attrs={"size": 80})),
    ("summary", _("Summary"), forms.Textarea(attrs={"rows": 3})),
]

admin.site.site_header = _("ipdev back office")
admin.site.site_title = _("ipdev back office")
admin.site.index_title = _("Technical assistance data")


class SafeAutocomplete:
    """Choices of rows, and their autocomplete widgets, that refuse or ignore values no row
    could have (see widgets.py)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StaffPermissions(StaleGuard, SafeAutocomplete):
    """WIPO staff and administrators work in the back office; the role decides, not model perms.
    Every change form carries the version it was opened at (StaleGuard)."""

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
            "entries": history_rows(
                self.model, audit_history(obj)[:500], self.get_form(request, obj).base_fields
            ),
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
    list_display = ["code", "name", "iso3", "status", "bureau", "region", "beneficiary"]
    list_filter = ["status", "bureau", "beneficiary"]
    search_fields = ["code", "iso3", "name"]

    def get_search_results(self, request, queryset, search_term):
        """An activity's country picker offers the beneficiary countries only (a country already
        chosen, e.g. a territory from an IATI file, stays on the activity)."""
        found, distinct = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "activity" and request.GET.get("field_name") == (
            "countries"
        ):
            found = found.filter(beneficiary=True)
        return found, distinct


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
class UserAdmin(StaleGuard, DjangoUserAdmin):
    """Accounts are managed by administrators only (Django's superuser permissions)."""

    list_display = ["username", "email", "role", "bureau", "is_active"]
    list_filter = ["role", "bureau", "is_active"]
    filter_horizontal = ["countries", "groups", "user_permissions"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Role in ipdev"), {"fields": ["role", "bureau", "unit", "organisation", "countries"]}),
        (_("E-mails"), {"fields": ["language", "notifications"]}),
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


class ActivityForm(VersionedForm, forms.ModelForm):
    """The activity's fields plus one title and one summary field per other UN language, and
    the version it was opened at (a stale form is refused: ``backoffice.stale``)."""

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
            "da_project",
        ]
        labels = {
            "ip_areas": _("IP areas"),
            "da_recommendations": _("Development Agenda recommendations"),
            "sdgs": _("Sustainable Development Goals"),
            "reporting_org": _("Reporting organisation"),
            "participants_total": _("Participants in total"),
            "participants_women": _("Women among them"),
            "participants_men": _("Men among them"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "identifier" in self.fields and not self.instance.pk:
            self.fields["identifier"].help_text = _(
                "Left blank, an identifier is assigned on saving."
            )
        for name in ("category", "delivery_mode"):
            self.fields[name].required = self.instance.source != "iati"
        given = self.instance.translations or {}
        for code, _language in LANGUAGE_CHOICES:
            for name, _label, _widget in TRANSLATION_FIELDS:
                self.initial.setdefault(f"{name}_{code}", given.get(code, {}).get(name, ""))
        if self.instance.pk and not self.is_bound:
            state = activity_versions.snapshot(self.instance)
            self.set_version(state, activity_versions.version(self.instance, state))

    def translations(self) -> dict:
        """The per-language fields as a translations map (the original language left out)."""
        data, original = self.cleaned_data, self.cleaned_data.get("text_language")
        return {
            code: {name: data.get(f"{name}_{code}", "") for name, _l, _w in TRANSLATION_FIELDS}
            for code, _language in LANGUAGE_CHOICES
            if code != original
        }

    def _current(self):
        locked = Activity.objects.select_for_update().get(pk=self.instance.pk)
        state = activity_versions.snapshot(locked)
        return state, activity_versions.version(locked, state)

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            self.check_version(self._current, _field_label, history_of=self.instance)
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


def _field_label(name: str) -> str:
    return str(Activity._meta.get_field(name).verbose_name).capitalize()


@admin.register(Activity)
class ActivityAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = ActivityForm
    list_display = ["identifier", "title", "status", "start_date", "category", "reporting_org"]
    list_filter = ["status", "category", "delivery_mode", "scope", "source"]
    list_select_related = ["category", "reporting_org"]
    search_fields = ["identifier", "title"]
    date_hierarchy = "start_date"
    # Native, labelled widgets (axe-clean, no script): a box per choice for the short lists, the
    # browser's own list for the long ones. (select2's autocomplete boxes have no accessible
    # name, put a search field inside a list and set inline styles the CSP refuses.)
    CHECKBOXES = ("ip_areas", "da_recommendations", "sdgs", "expected_results")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.CHECKBOXES:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # The browser's own date picker: no admin calendar, no note on the server's time zone.
    formfield_overrides = {models.DateField: {"widget": forms.DateInput(attrs={"type": "date"})}}
    inlines = [DocumentInline]
    fieldsets = [
        (
            _("General information (always public)"),
            {
                "fields": [
                    "title",
                    "summary",
                    "text_language",
                    "identifier",
                    "status",
                    "version",
                    "version_state",
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
        (
            _("Details: description, objectives, outcomes and lessons"),
            {
                "description": _(
                    "Public only where the beneficiary member state consents to this group."
                ),
                "fields": list(DETAIL_FIELDS[DetailGroup.NARRATIVE]),
            },
        ),
        (
            _("Details: participants and beneficiary institutions"),
            {
                "description": _(
                    "Public only where the beneficiary member state consents to this group."
                ),
                "fields": [
                    "beneficiary_institutions",
                    "participants_total",
                    "participants_women",
                    "participants_men",
                ],
            },
        ),
        (
            _("Funding and cost"),
            {
                "description": _(
                    "The funding source is public; the cost only where the beneficiary member"
                    " state consents to publishing it."
                ),
                "fields": ["funding_source", "da_project", "cost", "currency"],
            },
        ),
    ]
    actions = ["mark_ongoing", "mark_completed"]

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
            saved = services.activity_update(
                user=request.user,
                activity=obj,
                data=data,
                based_on=form.cleaned_data.get("version") or None,
            )
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
            context["tisc_networks"] = tisc_selectors.activity_networks(activity=obj.pk)
        return super().render_change_form(request, context, add, change, form_url, obj)


# Documents and consents, the IATI imports, planning and evaluation, the roster and WIPO Match
# register their admin classes in their own modules.
from . import (  # noqa: E402, F401
    details_admin,
    directories_admin,
    imports,
    jobs_admin,
    match_admin,
    planning_admin,
    roster_admin,
    tisc_admin,
)
