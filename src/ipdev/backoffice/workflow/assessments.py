"""Workflow page for needs assessments: every version per country; staff record new ones."""

from __future__ import annotations

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ipdev.activities.visibility import Viewer
from ipdev.planning import selectors, services
from ipdev.reference import models as ref

from .access import writers
from .common import submit
from .forms import DATE


def _text(label) -> django_forms.CharField:
    return django_forms.CharField(label=label, widget=django_forms.Textarea(attrs={"rows": 3}))


class AssessmentForm(django_forms.Form):
    country = django_forms.ModelChoiceField(
        ref.beneficiary_countries(), label=gettext_lazy("Country")
    )
    assessed_on = django_forms.DateField(widget=DATE, label=gettext_lazy("Date of the assessment"))
    title = django_forms.CharField(max_length=300, label=gettext_lazy("Title"))
    findings = _text(gettext_lazy("Findings"))
    priorities = _text(gettext_lazy("Priorities"))
    risks = _text(gettext_lazy("Risks"))
    preparedness = _text(gettext_lazy("Preparedness of the country"))
    national_committee = _text(gettext_lazy("National committee (members and institutions)"))


@writers
@require_http_methods(["GET", "POST"])
def needs_assessments(request: HttpRequest) -> HttpResponse:
    """Staff see every country's and record; a focal point reads their countries'."""
    staff = Viewer.of(request.user).staff
    country = request.GET.get("country", "").upper()[:2]
    form = AssessmentForm(request.POST or None, initial={"country": country or None})
    if request.method == "POST":
        if not staff:
            return HttpResponse(status=403)

        def record(data):
            services.needs_assessment_record(
                user=request.user, data={**data, "country": data["country"].pk}
            )

        if submit(request, form, record, _("The needs assessment was recorded.")):
            return redirect("backoffice-work:needs-assessments")
    context = {
        "rows": selectors.needs_assessment_list(user=request.user, country=country),
        "form": form if staff else None,
        "country": country,
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "backoffice/work/needs_assessments.html", context, status=status)
