"""Forms of the results pages: indicators, targets, actuals. They only parse; the services
validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipdev.planning.models import (
    ActualStatus,
    Indicator,
    IndicatorKind,
)

from ..stale import VersionedForm
from .forms import DATE


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


class ActualForm(VersionedForm):
    """An actual, recorded or corrected, based on the indicator's actuals as the page showed
    them: if someone changed them since, nothing is saved and the form says what changed."""

    period = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    value = _number(_("Value reached"))
    value_women = _number(_("of whom women"))
    value_men = _number(_("of whom men"))
    narrative = forms.CharField(widget=forms.Textarea, required=False, label=_("Narrative"))

    # The service's "status" error (that year's actual is under review) is about the year.
    service_fields = {"status": "period"}

    def __init__(
        self,
        *args,
        by_sex: bool = True,
        quantitative: bool = True,
        periods: list[int] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if periods is not None and len(periods) == 1:  # the only year open for reporting
            self.initial["period"] = periods[0]
        if not by_sex or not quantitative:
            del self.fields["value_women"], self.fields["value_men"]
        if quantitative:
            self.fields["value"].required = True  # as the service requires
        else:
            del self.fields["value"]

    def check_current(self, indicator) -> None:
        """Refuse the save (ValidationError) if the indicator's actuals changed since."""
        locked = type(indicator).objects.select_for_update().get(pk=indicator.pk)
        self.check_version(
            lambda: (actuals_state(locked), locked.version),
            labels=self._label,
            history_of=None,
            project=_by_period,
        )

    def _label(self, key: str) -> str:
        name, _sep, period = key.partition("@")
        field = self.fields.get(name)
        label = field.label if field is not None else _("Status")
        return f"{label} ({period})"


def open_periods(indicator) -> list[int]:
    """The years with a target whose actual can still be recorded (none yet, a draft or
    returned for revision), in order."""
    closed = set(
        indicator.actuals.filter(
            status__in=[ActualStatus.SUBMITTED, ActualStatus.APPROVED]
        ).values_list("period", flat=True)
    )
    targets = indicator.targets.values_list("period", flat=True)
    return sorted(set(targets) - closed)


def actuals_state(indicator) -> dict:
    """The indicator's actuals by year, as the stale check compares them."""
    return {
        str(a.period): {
            "value": a.value,
            "value_women": a.value_women,
            "value_men": a.value_men,
            "narrative": a.narrative,
            "status": a.get_status_display(),
        }
        for a in indicator.actuals.all()
    }


def _by_period(state) -> dict:
    return {
        f"{name}@{period}": value
        for period, values in state.items()
        for name, value in values.items()
    }


class ReturnForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea, required=False, label=_("What to revise"))
