"""Forms of the workspace pages. They parse input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ipdev.matchmaking.models import NotificationPreference, SupportType
from ipdev.reference import models as ref
from ipdev.roster.models import Availability, Level


class DateInput(forms.DateInput):
    input_type = "date"


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's field errors on the form (unknown fields on the form as a whole)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, messages in errors.items():
        form.add_error(name if name in form.fields else None, messages)


class ListingForm(forms.Form):
    title = forms.CharField(max_length=300, label=_("Title"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label=_("Description"))
    support_types = forms.MultipleChoiceField(
        choices=SupportType.choices, widget=forms.CheckboxSelectMultiple, label=_("Type of support")
    )
    ip_areas = forms.ModelMultipleChoiceField(
        queryset=ref.IPArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("IP areas"),
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=ref.Language.objects.filter(code__in=["ar", "zh", "en", "fr", "ru", "es", "pt"]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages"),
    )
    currency = forms.ModelChoiceField(
        queryset=ref.Currency.objects.all(), initial="CHF", label=_("Currency")
    )
    period_start = forms.DateField(required=False, widget=DateInput, label=_("From"))
    period_end = forms.DateField(required=False, widget=DateInput, label=_("Until"))
    contact_name = forms.CharField(
        max_length=200, required=False, label=_("Contact name (private)")
    )
    contact_email = forms.EmailField(required=False, label=_("Contact email (private)"))


class NeedForm(ListingForm):
    country = forms.ModelChoiceField(queryset=ref.Country.objects.all(), label=_("Country"))
    beneficiaries = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Beneficiaries")
    )
    budget = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label=_("Estimated budget")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_wipo_staff:
            self.fields["country"].queryset = ref.Country.objects.filter(
                code__in=user.focal_country_codes()
            )


GROUPS = [
    ("ldc", _("Least developed countries")),
    ("developing", _("Developing countries")),
    ("transition", _("Countries in transition")),
]


class OfferForm(ListingForm):
    eligible_groups = forms.MultipleChoiceField(
        choices=GROUPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Eligible groups"),
    )
    eligible_countries = forms.ModelMultipleChoiceField(
        queryset=ref.Country.objects.all(),
        required=False,
        help_text=_("Empty: any country."),
        label=_("Eligible countries"),
    )
    amount = forms.DecimalField(max_digits=14, decimal_places=2, required=False, label=_("Amount"))
    capacity = forms.CharField(max_length=300, required=False, label=_("Capacity"))


class AssessmentForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Comment")
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note")
    )


class ProfileChangeForm(forms.Form):
    """What a consultant may change; staff validate it before it is public."""

    biography = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), required=False, label=_("Biography")
    )
    skills = forms.CharField(required=False, help_text=_("Separated by commas."), label=_("Skills"))
    availability = forms.ChoiceField(choices=Availability.choices, label=_("Availability"))
    ip_areas = forms.ModelMultipleChoiceField(
        queryset=ref.IPArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("IP areas"),
    )
    languages = forms.CharField(
        required=False,
        help_text=_("code:level, separated by commas (levels: %s).") % ", ".join(Level.values),
        label=_("Languages"),
    )
    email = forms.EmailField(required=False, label=_("Email (private)"))
    phone = forms.CharField(max_length=50, required=False, label=_("Phone (private)"))
    address = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Address")
    )
    daily_fee = forms.DecimalField(
        max_digits=10, decimal_places=2, required=False, label=_("Daily fee (private)")
    )

    def clean_languages(self):
        out = []
        for part in filter(None, (p.strip() for p in self.cleaned_data["languages"].split(","))):
            code, _sep, level = part.partition(":")
            out.append({"language": code.strip(), "level": level.strip()})
        return out


class CVForm(forms.Form):
    file = forms.FileField(label=_("CV"))


class DeclarationForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        choices=[("no", _("I have no conflict of interest")), ("yes", _("I declare an interest"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        label=_("Conflict of interest"),
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Statement")
    )


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        choices=NotificationPreference.Mode.choices, label=_("Email notifications")
    )
    threshold = forms.FloatField(
        min_value=0, max_value=1, label=_("Only suggestions with a relevance of at least")
    )
