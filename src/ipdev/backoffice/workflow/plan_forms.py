"""Forms of the plan and strategy pages. They only parse; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipdev.activities.models import Activity
from ipdev.planning.models import (
    CommitteeMember,
    NeedsAssessment,
    PlanConsultation,
    StepStatus,
)
from ipdev.reference import models as ref

from ..uploads import accepted_types
from ..widgets import SafeModelMultipleChoiceField
from .forms import DATE, long_text


class PlanEditForm(forms.Form):
    """The plan's title, its planning context (the template's items) and what it identifies.
    None is required here: the country's validation requires them all (the service says which)."""

    title = forms.CharField(required=False, max_length=300, label=_("Title"))
    needs_assessment = forms.ModelChoiceField(
        NeedsAssessment.objects.select_related("country"),
        required=False,
        label=_("Needs assessment"),
    )
    needs = long_text(_("Needs identified"))
    priorities = long_text(_("Priorities"))
    objectives = long_text(_("Objectives"))
    resources = long_text(_("Resources (national and WIPO)"))
    ip_policy = long_text(_("National IP policy"))
    science_technology_policy = long_text(_("Science and technology policy"))
    innovation_policy = long_text(_("Innovation policy"))
    culture_policy = long_text(_("Culture policy"))
    development_plan = long_text(_("Medium-term national development plan"))
    vision_statements = long_text(_("National vision statements"))
    industrial_strategy = long_text(_("Industrial strategies"))

    def __init__(self, *args, country: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if country:
            self.fields["needs_assessment"].queryset = NeedsAssessment.objects.filter(
                country=country
            )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        assessment = data.get("needs_assessment")
        data["needs_assessment"] = assessment.pk if assessment else None
        return data


class PlanForm(PlanEditForm):
    country = forms.ModelChoiceField(ref.beneficiary_countries(), label=_("Country"))
    biennium_start = forms.IntegerField(
        label=_("First year of the biennium"), min_value=2000, max_value=2100
    )
    field_order = ["country", "biennium_start"]


class PlanValidateForm(forms.Form):
    validated_on = forms.DateField(widget=DATE, label=_("Date of the validation consultation"))
    participants = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Who took part")
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Notes")
    )


class PlanLineForm(forms.Form):
    expected_result = forms.ModelChoiceField(
        ref.ExpectedResult.objects.select_related("goal"), label=_("Expected result")
    )
    performance_indicators = forms.CharField(
        label=_("Country-specific performance indicators"), widget=forms.Textarea, required=False
    )
    year1_activities = forms.CharField(
        label=_("Activities and deliverables, year 1"), widget=forms.Textarea, required=False
    )
    year2_activities = forms.CharField(
        label=_("Activities and deliverables, year 2"), widget=forms.Textarea, required=False
    )
    sector = forms.ModelChoiceField(ref.Unit.objects.all(), label=_("Implementing sector"))
    national_counterparts = forms.CharField(
        widget=forms.Textarea, required=False, label=_("National counterparts")
    )
    international_counterparts = forms.CharField(
        widget=forms.Textarea, required=False, label=_("International counterparts")
    )
    activities = SafeModelMultipleChoiceField(
        queryset=None, required=False, label=_("Linked TAD activities")
    )
    outside_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=_("For linked activities outside the plan's biennium: why they belong here"),
    )

    def __init__(self, *args, country: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(countries=country).only(
            "pk", "title", "identifier", "start_date"
        )
        self.fields["activities"].widget.attrs["size"] = 6

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data["activities"] = [a.pk for a in data["activities"]]
        return data


class PlanConsultationForm(forms.Form):
    # The validation is the focal point's, recorded when they validate the plan.
    kind = forms.ChoiceField(
        choices=[c for c in PlanConsultation.Kind.choices if c[0] != "validation"],
        label=_("Kind"),
    )
    held_on = forms.DateField(widget=DATE, label=_("Date"))
    participants = forms.CharField(required=False, widget=forms.Textarea, label=_("Participants"))
    notes = forms.CharField(required=False, widget=forms.Textarea, label=_("Notes"))


class PlanAgreeForm(forms.Form):
    agreed_on = forms.DateField(widget=DATE, label=_("Date agreed"))
    note = forms.CharField(required=False, label=_("Note"))


class PlanReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Annual review: what changed and why"), widget=forms.Textarea, required=False
    )


class StrategyForm(forms.Form):
    country = forms.ModelChoiceField(ref.beneficiary_countries(), label=_("Country"))
    title = forms.CharField(max_length=300, label=_("Title"))
    started_on = forms.DateField(widget=DATE, label=_("Started on"))


class StrategyStepForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices, label=_("Status"))
    skip_reason = forms.CharField(required=False, widget=forms.Textarea, label=_("If skipped: why"))
    started_on = forms.DateField(widget=DATE, required=False, label=_("Started on"))
    completed_on = forms.DateField(widget=DATE, required=False, label=_("Completed on"))
    notes = forms.CharField(required=False, widget=forms.Textarea, label=_("Notes"))


class MemberForm(forms.Form):
    committee = forms.ChoiceField(choices=CommitteeMember.Committee.choices, label=_("Committee"))
    name = forms.CharField(max_length=200, label=_("Name"))
    institution = forms.CharField(max_length=300, label=_("Institution"))
    role = forms.CharField(max_length=200, required=False, label=_("Role"))


class DocumentForm(forms.Form):
    upload = forms.FileField(
        label=_("Document"),
        widget=forms.ClearableFileInput(attrs={"accept": accepted_types()}),
        help_text=_("Accepted: %(types)s.") % {"types": accepted_types().replace(",", ", ")},
    )
    title = forms.CharField(required=False, max_length=300, label=_("Title"))
