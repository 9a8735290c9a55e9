"""Forms of the consent pages. They only parse; activities.services validate and write.

The activity page's consent panel (portal/_consent_panel.html) posts the same field names.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipdev.activities.models import DetailGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACTIVITY, COUNTRY = "activity", "country"


class ConsentForm(forms.Form):
    """Give or renew consent for one activity, or as the country's default."""

    country = forms.ChoiceField(label=_("Country giving consent"))
    scope = forms.ChoiceField(
        label=_("Consent for"),
        widget=forms.RadioSelect,
        initial=ACTIVITY,
    )
    groups = forms.MultipleChoiceField(
        label=_("Details to publish"),
        choices=DetailGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Details not ticked stay withheld. Ticking none withholds them all."),
    )
    granted_on = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for no end date."),
    )
    granted_by = forms.CharField(
        label=_("Given by"),
        max_length=300,
        help_text=_("The official or office who gave consent."),
    )
    reference = forms.CharField(
        label=_("Reference of the letter or decision"), max_length=200, required=False
    )

    def __init__(self, *args, countries, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = countries
        if len(countries) == 1:
            self.fields["country"].initial = countries[0][0]
        self.fields["scope"].choices = [
            (ACTIVITY, _("This activity only")),
            (COUNTRY, _("All activities of the country (its default)")),
        ]
        self.fields["granted_on"].initial = timezone.localdate()
        if staff:
            # Staff record consent on a member state's behalf: the letter must be named.
            self.fields["reference"].required = True
            self.fields["reference"].help_text = _(
                "Recording on a member state's behalf: name its letter or note verbale."
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("granted_on"), data.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("Consent cannot end before it starts."))
        if end and end < timezone.localdate():
            self.add_error("valid_until", _("This date has passed."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is consent withdrawn?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DetailsRequestForm(forms.Form):
    """A visitor asks for withheld details (public form: validated, guarded against floods)."""

    groups = forms.MultipleChoiceField(
        label=_("Details you ask for"), widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label=_("Why do you need them?"),
        max_length=4000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The answer is sent here. Only those who decide see it."),
    )
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, withheld: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = withheld


class GrantRequestForm(forms.Form):
    granted_by = forms.CharField(
        label=_("Given by"),
        max_length=300,
        help_text=_("The official or office who gave consent."),
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty for no end date."),
    )
    reference = forms.CharField(
        label=_("Reference of the letter or decision"), max_length=200, required=False
    )


class DeclineRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the request declined?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the requester."),
    )
