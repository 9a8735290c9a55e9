"""Back office for the roster: profiles, the validation of consultants' changes, assignments and
conflict-of-interest reviews. Every write goes through ipdev.roster.services."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipdev.roster import services
from ipdev.roster.models import Assignment, Consultant, Declaration, Level, ProfileChange

from .admin import AuditedHistory, StaffPermissions


def _report(modeladmin, request, label, exc) -> None:
    text = " ".join(getattr(exc, "messages", [str(exc)]))
    modeladmin.message_user(request, f"{label}: {text}", messages.ERROR)


class ConsultantForm(forms.ModelForm):
    languages_text = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("code:level, separated by commas, e.g. fr:native, en:fluent. Levels: %s.")
        % ", ".join(Level.values),
    )
    skills_text = forms.CharField(
        label=_("Skills"), required=False, help_text=_("Separated by commas.")
    )

    class Meta:
        model = Consultant
        fields = [
            "name",
            "user",
            "nationality",
            "residence",
            "gender",
            "availability",
            "listed",
            "biography",
            "ip_areas",
            "regions",
            "countries",
            "email",
            "phone",
            "address",
            "daily_fee",
            "fee_currency",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["languages_text"].initial = ", ".join(
                f"{c}:{lvl}"
                for c, lvl in self.instance.languages.values_list("language_id", "level")
            )
            self.fields["skills_text"].initial = ", ".join(self.instance.skills or [])

    def clean_languages_text(self):
        out = []
        for part in filter(
            None, (p.strip() for p in self.cleaned_data["languages_text"].split(","))
        ):
            code, _sep, level = part.partition(":")
            out.append({"language": code.strip(), "level": level.strip()})
        try:
            services.clean_languages(out)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["languages"]) from None
        return out


@admin.register(Consultant)
class ConsultantAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = ConsultantForm
    list_display = [
        "name",
        "nationality",
        "gender",
        "availability",
        "listed",
        "confirmed_on",
        "stale",
    ]
    list_filter = ["gender", "availability", "listed", "nationality__bureau"]

    @admin.display(boolean=True, description=_("To renew (4 years)"))
    def stale(self, obj):
        return obj.is_stale(timezone.localdate())

    search_fields = ["name", "email", "skills"]
    autocomplete_fields = ["nationality", "residence", "countries", "regions", "user"]
    filter_horizontal = ["ip_areas"]
    readonly_fields = ["confirmed_on", "ethics_version", "ethics_accepted_at", "cv"]

    def save_model(self, request, obj, form, change):
        m2m = {"ip_areas", "regions", "countries"}
        names = form.changed_data if change else list(form.cleaned_data)
        data = {}
        for name in names:
            if name == "languages_text":
                data["languages"] = form.cleaned_data[name]
            elif name == "skills_text":
                data["skills"] = form.cleaned_data[name]
            elif name in m2m:
                data[name] = list(form.cleaned_data[name])
            elif name in services.EDITABLE | services.STAFF_ONLY:
                value = form.cleaned_data[name]
                data[name] = value.pk if hasattr(value, "pk") else value
        if change:
            saved = services.consultant_update(user=request.user, consultant=obj, data=data)
        else:
            saved = services.consultant_create(user=request.user, data=data)
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Relations were saved by the service."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProfileChange)
class ProfileChangeAdmin(StaffPermissions, admin.ModelAdmin):
    list_display = ["consultant", "status", "submitted_by", "submitted_at", "reviewed_by"]
    list_filter = ["status"]
    search_fields = ["consultant__name"]
    readonly_fields = [
        "consultant",
        "data",
        "status",
        "submitted_by",
        "submitted_at",
        "reviewed_by",
        "reviewed_at",
        "comment",
    ]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve: publish the proposed changes"))
    def approve(self, request, queryset):
        done = 0
        for change in queryset.filter(status=ProfileChange.Status.PENDING):
            try:
                services.profile_change_approve(user=request.user, change=change)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                _report(self, request, str(change.consultant), exc)
        self.message_user(request, _("%d changes approved.") % done)

    @admin.action(description=_("Reject: keep the public profile as it is"))
    def reject(self, request, queryset):
        done = 0
        for change in queryset.filter(status=ProfileChange.Status.PENDING):
            services.profile_change_reject(
                user=request.user,
                change=change,
                comment="Not validated by WIPO staff; please contact the roster team.",
            )
            done += 1
        self.message_user(request, _("%d changes rejected.") % done)


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = [
            "consultant",
            "activity",
            "role",
            "start_date",
            "end_date",
            "deliverables",
            "fee",
            "rating",
            "evaluation",
        ]


@admin.register(Assignment)
class AssignmentAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = AssignmentForm
    list_display = ["consultant", "activity", "role", "start_date", "status", "rating"]
    list_filter = ["status"]
    search_fields = ["consultant__name", "activity__identifier", "role"]
    autocomplete_fields = ["consultant", "activity"]
    readonly_fields = ["status"]
    actions = ["start", "complete", "cancel"]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["status"]
        if obj is not None:
            fixed += ["consultant", "activity", "role", "start_date", "end_date", "fee"]
        return fixed

    def save_model(self, request, obj, form, change):
        d = form.cleaned_data
        if not change:
            saved = services.assignment_create(
                user=request.user,
                consultant=d["consultant"],
                activity=d["activity"],
                data={k: d.get(k) for k in services.ASSIGNMENT_FIELDS if k in d},
            )
            obj.pk = saved.pk
        elif {"rating", "evaluation"} & set(form.changed_data) and d.get("rating"):
            services.assignment_evaluate(
                user=request.user,
                assignment=obj,
                rating=d["rating"],
                evaluation=d.get("evaluation", ""),
            )

    def has_delete_permission(self, request, obj=None):
        return False

    def _status(self, request, queryset, status):
        done = 0
        for a in queryset:
            try:
                services.assignment_change_status(user=request.user, assignment=a, status=status)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                _report(self, request, str(a), exc)
        self.message_user(request, _("%d assignments updated.") % done)

    @admin.action(description=_("Start (needs a cleared declaration and the code of ethics)"))
    def start(self, request, queryset):
        self._status(request, queryset, Assignment.Status.STARTED)

    @admin.action(description=_("Mark completed"))
    def complete(self, request, queryset):
        self._status(request, queryset, Assignment.Status.COMPLETED)

    @admin.action(description=_("Cancel"))
    def cancel(self, request, queryset):
        self._status(request, queryset, Assignment.Status.CANCELLED)


@admin.register(Declaration)
class DeclarationAdmin(StaffPermissions, admin.ModelAdmin):
    list_display = ["assignment", "has_conflict", "review", "declared_at", "reviewed_by"]
    list_filter = ["review", "has_conflict"]
    readonly_fields = [
        "assignment",
        "has_conflict",
        "statement",
        "declared_by",
        "declared_at",
        "review",
        "reviewed_by",
        "reviewed_at",
        "review_comment",
    ]
    actions = ["clear", "refuse"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Clear: no conflict that prevents the assignment"))
    def clear(self, request, queryset):
        for d in queryset:
            services.declaration_review(user=request.user, declaration=d, cleared=True)
        self.message_user(request, _("%d declarations cleared.") % queryset.count())

    @admin.action(description=_("Refuse: the declared interest is a conflict"))
    def refuse(self, request, queryset):
        for d in queryset:
            services.declaration_review(
                user=request.user,
                declaration=d,
                cleared=False,
                comment="Conflict of interest found in the back-office review.",
            )
        self.message_user(request, _("%d declarations refused.") % queryset.count())
