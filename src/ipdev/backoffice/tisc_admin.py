"""Back office for TISC networks and centres: WIPO staff register networks, name their
coordinators and add or correct centres. Every write goes through ipdev.tisc.services; the
workspace (/workspace/tisc/) holds the review of reports and of coordinators' changes."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ipdev.tisc import services
from ipdev.tisc.models import Centre, Network
from ipdev.tisc.services.networks import NETWORK_FIELDS
from ipdev.tisc.vocab import Service

from .admin import AuditedHistory, StaffPermissions


class NetworkForm(forms.ModelForm):
    coordinators_text = forms.CharField(
        label=_("National coordinators"), required=False,
        help_text=_("User names, separated by commas."),
    )  # fmt: skip
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Network
        fields = list(NETWORK_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            names = self.instance.coordinators.values_list("username", flat=True)
            self.fields["coordinators_text"].initial = ", ".join(names)


class CentreForm(forms.ModelForm):
    services_list = forms.MultipleChoiceField(
        label=_("Services"), choices=Service.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Centre
        fields = ["network", *(f for f in services.CENTRE_FIELDS if f != "services")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["services_list"].initial = self.instance.services


def _plain(value):
    if hasattr(value, "pk"):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _fail(modeladmin, request, exc: ValidationError) -> None:
    text = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
    modeladmin.message_user(request, text, messages.ERROR)


@admin.register(Network)
class NetworkAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = NetworkForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "country", "bureau", "level", "wave", "frequency", "sla_status"]
    list_filter = ["bureau", "level", "wave", "frequency"]
    search_fields = ["name", "country__name", "coordinating_institution"]
    readonly_fields = ["level", "agreement_document"]

    @admin.display(description=_("Agreement document"))
    def agreement_document(self, obj):
        """Kept private: uploaded and downloaded on the network's workspace page."""
        if obj is None or not obj.pk:
            return "-"
        url = reverse("workspace:tisc_network", args=[obj.pk]) + "#agreement-heading"
        text = _("Download or replace it") if obj.sla_file else _("Upload it")
        return format_html('<a href="{}">{}</a>', url, text)

    def save_model(self, request, obj, form, change):
        names = form.changed_data if change else list(form.cleaned_data)
        data = {n: _plain(form.cleaned_data[n]) for n in names if n in NETWORK_FIELDS}
        if "coordinators_text" in names:
            text = form.cleaned_data["coordinators_text"]
            data["coordinators"] = [n.strip() for n in text.split(",") if n.strip()]
        try:
            if change:
                saved = services.network_update(user=request.user, network=obj, data=data)
            else:
                saved = services.network_create(user=request.user, data=data)
        except ValidationError as exc:
            _fail(self, request, exc)
            return
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Relations were saved by the service."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Centre)
class CentreAdmin(StaffPermissions, AuditedHistory, admin.ModelAdmin):
    form = CentreForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "network", "city", "host_type", "status", "validated"]
    list_filter = ["status", "host_type", "validated", "network__bureau"]
    search_fields = ["name", "host_institution", "city", "network__name"]

    def save_model(self, request, obj, form, change):
        names = form.changed_data if change else list(form.cleaned_data)
        data = {}
        for name in names:
            value = form.cleaned_data[name]
            if name == "services_list":
                data["services"] = list(value)
            elif name == "languages":
                data["languages"] = [lang.pk for lang in value]
            elif name in services.CENTRE_FIELDS:
                data[name] = _plain(value)
        try:
            if change:
                saved = services.centre_update(user=request.user, centre=obj, data=data)
            else:
                saved = services.centre_create(
                    user=request.user, network=form.cleaned_data["network"], data=data
                )
        except ValidationError as exc:
            _fail(self, request, exc)
            return
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        """Relations were saved by the service."""

    def has_delete_permission(self, request, obj=None):
        return False
