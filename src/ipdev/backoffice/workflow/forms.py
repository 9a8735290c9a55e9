"""Forms of the workflow pages. They only parse; the services validate and write."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ipdev.activities.models import Activity
from ipdev.evaluation.models import Question, SurveyKind
from ipdev.planning.models import (
    CRITERIA,
    DECISIONS,
    AssistanceRequest,
    Indicator,
    IndicatorKind,
    PlanConsultation,
    StepStatus,
)
from ipdev.reference import models as ref

DATE = forms.DateInput(attrs={"type": "date"})
SERVICE_CHECKED = (
    "purpose",
    "expected_outcome",
    "beneficiaries_profile",
    "project",
    "rationale",
    "readiness",
)


class RequestForm(forms.ModelForm):
    """A request for technical assistance, with the official letter."""

    letter = forms.FileField(label=_("Official letter"), required=False)

    class Meta:
        model = AssistanceRequest
        fields = [
            "country",
            "institution",
            "title",
            "assistance_type",
            "delivery_mode",
            "purpose",
            "development_goals",
            "expected_outcome",
            "beneficiaries_number",
            "beneficiaries_profile",
            "preferred_start",
            "preferred_end",
        ]
        widgets = {"preferred_start": DATE, "preferred_end": DATE}

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = ref.Country.objects.filter(code__in=countries)
        # The service says which contents each kind of request must state.
        for name in SERVICE_CHECKED:
            if name in self.fields:
                self.fields[name].required = False

    def _post_clean(self):
        """Skip the model validation: the service does it (and names the fields)."""


class ProjectRequestForm(RequestForm):
    """A letter of interest in joining a new or ongoing project."""

    class Meta(RequestForm.Meta):
        fields = [
            "country",
            "institution",
            "title",
            "project",
            "assistance_type",
            "rationale",
            "development_goals",
            "expected_outcome",
            "beneficiaries_number",
            "beneficiaries_profile",
            "local_partners",
            "readiness",
            "preferred_start",
            "preferred_end",
        ]
        labels = {"expected_outcome": _("Expected benefits or impact")}


class ReviewForm(forms.Form):
    notes = forms.CharField(
        label=_("Review notes (internal)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in CRITERIA.items():
            self.fields[f"criterion_{name}"] = forms.BooleanField(label=label, required=False)

    def criteria(self) -> dict[str, bool]:
        return {name: self.cleaned_data[f"criterion_{name}"] for name in CRITERIA}


class ConsultationForm(forms.Form):
    unit = forms.ModelChoiceField(ref.Unit.objects.all(), required=False, label=_("WIPO unit"))
    partner = forms.CharField(label=_("or partner institution"), required=False)
    consulted_on = forms.DateField(label=_("Date"), widget=DATE)
    summary = forms.CharField(label=_("Advice given"), widget=forms.Textarea)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(d.value, d.label) for d in DECISIONS],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    reason = forms.CharField(
        label=_("Reason (the requester sees it)"), widget=forms.Textarea, required=False
    )
    delivery_mode = forms.ModelChoiceField(
        ref.DeliveryMode.objects.all(), required=False, label=_("Form of delivery (if approved)")
    )
    start_date = forms.DateField(required=False, widget=DATE, label=_("Planned start"))
    end_date = forms.DateField(required=False, widget=DATE, label=_("Planned end"))

    def activity(self) -> dict:
        data = self.cleaned_data
        mode = data.get("delivery_mode")
        return {
            "delivery_mode": mode.pk if mode else None,
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
        }


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's errors next to the fields they name (or above the form)."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for name, messages in errors.items():
        field = name if name in form.fields else None
        if name and field is None:
            messages = [f"{name}: {m}" for m in messages]
        for message in messages:
            form.add_error(field, message)


class PlanForm(forms.Form):
    country = forms.ModelChoiceField(ref.Country.objects.all(), label=_("Country"))
    biennium_start = forms.IntegerField(
        label=_("First year of the biennium"), min_value=2000, max_value=2100
    )
    title = forms.CharField(required=False, max_length=300, label=_("Title"))
    ip_policy = forms.CharField(
        label=_("National IP policy"), widget=forms.Textarea, required=False
    )
    science_technology_policy = forms.CharField(
        label=_("Science and technology policy"), widget=forms.Textarea, required=False
    )
    innovation_policy = forms.CharField(
        label=_("Innovation policy"), widget=forms.Textarea, required=False
    )
    culture_policy = forms.CharField(
        label=_("Culture policy"), widget=forms.Textarea, required=False
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
    activities = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Linked TAD activities")
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
    kind = forms.ChoiceField(choices=PlanConsultation.Kind.choices, label=_("Kind"))
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
    country = forms.ModelChoiceField(ref.Country.objects.all(), label=_("Country"))
    title = forms.CharField(max_length=300, label=_("Title"))
    started_on = forms.DateField(widget=DATE, label=_("Started on"))


class StrategyStepForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices, label=_("Status"))
    started_on = forms.DateField(widget=DATE, required=False, label=_("Started on"))
    completed_on = forms.DateField(widget=DATE, required=False, label=_("Completed on"))
    notes = forms.CharField(required=False, widget=forms.Textarea, label=_("Notes"))


class DocumentForm(forms.Form):
    upload = forms.FileField(label=_("Document"))
    title = forms.CharField(required=False, max_length=300, label=_("Title"))


def _number(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=18, decimal_places=4, required=False)


class IndicatorForm(forms.Form):
    name = forms.CharField(max_length=300, label=_("Name"))
    kind = forms.ChoiceField(choices=IndicatorKind.choices, label=_("Kind"))
    unit = forms.CharField(max_length=60, required=False, label=_("Unit"))
    baseline_value = _number(_("Baseline value"))
    baseline_narrative = forms.CharField(
        widget=forms.Textarea, required=False, label=_("Baseline narrative")
    )
    baseline_date = forms.DateField(widget=DATE, required=False, label=_("Baseline date"))
    cumulative = forms.BooleanField(required=False, label=_("Cumulative over the periods"))
    by_sex = forms.BooleanField(required=False, label=_("Disaggregated by sex"))
    contributes_to = forms.ModelChoiceField(
        Indicator.objects.none(), required=False, label=_("Rolls up into (plan line indicator)")
    )

    def __init__(self, *args, country: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if country:
            self.fields["contributes_to"].queryset = Indicator.objects.filter(
                plan_line__plan__country=country
            )
        else:
            del self.fields["contributes_to"]


class TargetForm(forms.Form):
    period = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    value = _number(_("Target"))
    narrative = forms.CharField(widget=forms.Textarea, required=False, label=_("Narrative"))


class ActualForm(forms.Form):
    period = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    value = _number(_("Value reached"))
    value_women = _number(_("of whom women"))
    value_men = _number(_("of whom men"))
    narrative = forms.CharField(widget=forms.Textarea, required=False, label=_("Narrative"))

    def __init__(self, *args, by_sex: bool = True, quantitative: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not by_sex or not quantitative:
            del self.fields["value_women"], self.fields["value_men"]
        if not quantitative:
            del self.fields["value"]


class ReturnForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea, required=False, label=_("What to revise"))


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(choices=SurveyKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=300, label=_("Title"))
    audience = forms.CharField(max_length=300, required=False, label=_("Audience"))
    months_after = forms.IntegerField(
        min_value=0, max_value=60, required=False, initial=0, label=_("Months after")
    )
    closes_on = forms.DateField(widget=DATE, required=False, label=_("Closes on"))


class QuestionForm(forms.Form):
    text = forms.CharField(max_length=500, label=_("Text"))
    kind = forms.ChoiceField(choices=Question.Kind.choices, label=_("Kind"))
    required = forms.BooleanField(required=False, initial=True, label=_("Required"))
    indicator = forms.ModelChoiceField(
        Indicator.objects.none(), required=False, label=_("Feeds the indicator")
    )

    def __init__(self, *args, activity: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(
            activity=activity, kind=IndicatorKind.QUANTITATIVE
        )


class InviteForm(forms.Form):
    people = forms.CharField(
        widget=forms.Textarea,
        label=_("One person a line: email, then optionally a comma and the name"),
    )

    def pairs(self) -> list[tuple[str, str]]:
        out = []
        for line in self.cleaned_data["people"].splitlines():
            if line.strip():
                email, _sep, name = line.partition(",")
                out.append((email.strip(), name.strip()))
        return out


class FeedForm(forms.Form):
    period = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year of the results"))
