"""Forms of the workflow pages. They only parse; the services validate and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipdev.planning.models import (
    ANSWERED_CRITERIA,
    CRITERIA,
    DECISIONS,
    LEAD_TIME_MONTHS,
    AssistanceRequest,
    DAProject,
    NeedsAssessment,
    PlanLine,
    RequestKind,
    StrategyProcess,
)
from ipdev.planning.services import requests as request_services
from ipdev.reference import models as ref

from ..uploads import HeldFileField, HoldsFiles

DATE = forms.DateInput(attrs={"type": "date"})
SERVICE_CHECKED = (
    "purpose",
    "expected_outcome",
    "beneficiaries_profile",
    "project",
    "rationale",
    "readiness",
)


class RequestForm(HoldsFiles, forms.ModelForm):
    """A request for technical assistance, with the official letter.

    The fields each kind of request must state are required here too, so that every missing
    one is named at once; the letter is kept across a failed submit (see `uploads`)."""

    kind = RequestKind.ASSISTANCE
    letter = HeldFileField(
        label=_("Official letter"),
        error_messages={"required": _("Attach the official letter of request.")},
    )

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
            "plan_line",
            "needs_assessment",
        ]
        widgets = {"preferred_start": DATE, "preferred_end": DATE}
        labels = {"plan_line": _("Part of the country plan (line)")}

    def __init__(self, *args, user, countries=None, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_held(user)
        if countries is not None:
            self.fields["country"].queryset = ref.beneficiary_countries().filter(code__in=countries)
            if len(countries) == 1:  # the focal point's only country
                self.initial.setdefault("country", next(iter(countries)))
        links = link_choices(countries)
        for name in ("plan_line", "needs_assessment"):
            if name in self.fields:
                self.fields[name].queryset = links[name]
                self.fields[name].required = False
        organisation = getattr(user, "organisation", None)
        if organisation is not None:
            self.initial.setdefault("institution", organisation.name)
        required = set(request_services.REQUIRED[self.kind])
        for name in SERVICE_CHECKED:
            if name in self.fields:
                self.fields[name].required = name in required
        today = today or timezone.localdate()
        self.fields["preferred_start"].widget.attrs.update(
            {
                "data-lead-from": today.isoformat(),
                "data-lead-months": str(LEAD_TIME_MONTHS),
                "data-lead-warning": _(
                    "This date is less than five months away. WIPO asks for requests five to"
                    " six months ahead, for consultations and approval; you can still file it,"
                    " marked as short notice."
                ),
                "data-past-warning": _(
                    "This date is already past: a request cannot be filed for it. Choose a"
                    " later date."
                ),
            }
        )

    def _post_clean(self):
        """Skip the model validation: the service does it (and names the fields)."""

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "letter"}


class ProjectRequestForm(RequestForm):
    """A letter of interest in joining a new or ongoing project."""

    kind = RequestKind.PROJECT

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
            "needs_assessment",
        ]
        labels = {"expected_outcome": _("Expected benefits or impact")}


def link_choices(countries) -> dict:
    """What a request of these countries (None: any) can be linked to."""
    lines = PlanLine.objects.select_related("plan", "expected_result")
    strategies = StrategyProcess.objects.all()
    assessments = NeedsAssessment.objects.all()
    if countries is not None:
        lines = lines.filter(plan__country__in=countries)
        strategies = strategies.filter(country__in=countries)
        assessments = assessments.filter(country__in=countries)
    return {
        "plan_line": lines.order_by("plan__biennium_start", "order"),
        "strategy": strategies,
        "da_project": DAProject.objects.all(),
        "needs_assessment": assessments,
    }


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ReviewForm(forms.Form):
    """The criteria answered yes or no (none may be left open), and what the request is part
    of: the criterion "part of the plan" is that link, not a tick."""

    notes = forms.CharField(
        label=_("Review notes (internal)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, country: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ANSWERED_CRITERIA:
            self.fields[f"criterion_{name}"] = forms.ChoiceField(
                label=CRITERIA[name],
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer yes or no.")},
            )
        links = link_choices([country])
        labels = {
            "plan_line": _("Line of the country plan"),
            "strategy": _("National IP strategy"),
            "da_project": _("WIPO or Development Agenda project"),
            "needs_assessment": _("Needs assessment"),
        }
        for name, queryset in links.items():
            self.fields[name] = forms.ModelChoiceField(queryset, required=False, label=labels[name])

    def criteria(self) -> dict[str, bool]:
        return {name: self.cleaned_data[f"criterion_{name}"] == "yes" for name in ANSWERED_CRITERIA}

    def links(self) -> dict:
        data = self.cleaned_data
        return {name: data[name].pk if data[name] else None for name in link_choices(None)}

    def criterion_fields(self):
        return [self[f"criterion_{name}"] for name in ANSWERED_CRITERIA]

    def link_fields(self):
        return [self[name] for name in ("plan_line", "strategy", "da_project", "needs_assessment")]


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
    consultation_waiver = forms.CharField(
        label=_("If no consultation was recorded: why none was needed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    no_framework_reason = forms.CharField(
        label=_("If approved outside any plan, strategy or project: why"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
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
    moved = getattr(form, "service_fields", {})
    for name, messages in errors.items():
        name = moved.get(name, name)
        if name and name.startswith("criteria.") and f"criterion_{name[9:]}" in form.fields:
            name = f"criterion_{name[9:]}"
        field = name if name in form.fields else None
        if name and field is None:
            messages = [f"{name}: {m}" for m in messages]
        for message in messages:
            form.add_error(field, message)


def long_text(label) -> forms.CharField:
    """A free-text field of a few lines, optional."""
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False)
