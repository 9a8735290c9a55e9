"""Forms of the survey pages. They only parse; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipdev.evaluation.models import Question, Survey, SurveyKind, SurveyStatus
from ipdev.planning.models import (
    Indicator,
    IndicatorKind,
)

from ..stale import VersionedForm
from .forms import DATE


class SurveyForm(forms.Form):
    kind = forms.ChoiceField(choices=SurveyKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=300, label=_("Title"))
    audience = forms.CharField(max_length=300, required=False, label=_("Audience"))
    months_after = forms.IntegerField(
        min_value=0, max_value=60, required=False, initial=0, label=_("Months after")
    )
    closes_on = forms.DateField(widget=DATE, required=False, label=_("Closes on"))


class QuestionForm(VersionedForm):
    """A question added to the questionnaire as the page showed it: if someone else changed
    the survey or its questions since, nothing is added and the form says what changed."""

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

    def open_at(self, survey: Survey) -> None:
        self.set_version(questions_state(survey), survey.version)

    def check_current(self, survey: Survey) -> None:
        """Refuse the save (ValidationError) if the survey or its questions changed since."""
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        self.check_version(
            lambda: (questions_state(locked), locked.version),
            labels=_survey_label,
            history_of=locked,
            project=_survey_words,
        )


def questions_state(survey: Survey) -> dict:
    """What the stale check of the question form compares: the survey's title and status and
    each question (text, kind, required), as codes."""
    state = {"title": survey.title, "status": survey.status}
    for q in survey.questions.order_by("order", "pk"):
        state[f"question@{q.pk}"] = [q.text, q.kind, q.required]
    return state


def _survey_words(state) -> dict:
    """The state in words: statuses and question kinds by their labels."""
    kinds, statuses = dict(Question.Kind.choices), dict(SurveyStatus.choices)
    out = {}
    for key, value in state.items():
        if key == "status":
            out[key] = str(statuses.get(value, value))
        elif key.startswith("question@") and isinstance(value, list) and len(value) == 3:
            text, kind, required = value
            kind = str(kinds.get(kind, kind))
            out[key] = f"{text} ({kind}, {_('required') if required else _('optional')})"
        else:
            out[key] = value
    return out


def _survey_label(key: str) -> str:
    return str({"title": _("Title"), "status": _("Status")}.get(key, _("Question")))


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
