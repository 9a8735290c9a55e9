"""Workflow pages for the results framework: indicators, targets, actuals and their review."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.activities.models import Activity
from ipdev.core.bounds import in_year_range, whole_number
from ipdev.core.versions import version_for
from ipdev.planning import selectors, services
from ipdev.planning.models import ActualStatus, DAProject, Indicator, PlanLine

from . import forms, result_forms
from .access import staff_only, writers
from .common import submit


@writers
@require_GET
def results_home(request: HttpRequest) -> HttpResponse:
    """Actuals waiting for review (staff) or revision (reporters), and the indicators."""
    context = {
        "submitted": selectors.actuals_queue(user=request.user, status=ActualStatus.SUBMITTED),
        "returned": selectors.actuals_queue(user=request.user, status=ActualStatus.RETURNED),
        "drafts": selectors.actuals_queue(user=request.user, status=ActualStatus.DRAFT),
        "indicators": selectors.indicator_list(user=request.user),
    }
    return render(request, "backoffice/work/results_home.html", context)


def _subject(request: HttpRequest) -> tuple[dict, str, str | None]:
    """The subject named in the query string: its service value, a label and its country."""
    params = request.GET
    if line_pk := whole_number(params.get("plan_line")):
        line = get_object_or_404(PlanLine.objects.select_related("plan"), pk=line_pk)
        return {"plan_line": line}, str(line), line.plan.country_id
    if activity_pk := whole_number(params.get("activity")):
        activity = get_object_or_404(Activity, pk=activity_pk)
        country = activity.countries.values_list("pk", flat=True).first()
        return {"activity": activity}, activity.title, country
    if params.get("da_project"):
        project = get_object_or_404(DAProject, pk=params["da_project"])
        return {"da_project": project}, str(project), None
    return {}, "", None


@staff_only
@require_http_methods(["GET", "POST"])
def indicator_new(request: HttpRequest) -> HttpResponse:
    subject, label, country = _subject(request)
    form = result_forms.IndicatorForm(
        request.POST or None, country=country if "activity" in subject else None
    )
    made = {}

    def create(data):
        made["indicator"] = services.indicator_create(user=request.user, data={**data, **subject})

    if request.method == "POST" and submit(request, form, create, _("The indicator was defined.")):
        return redirect("backoffice-work:indicator", pk=made["indicator"].pk)
    context = {"form": form, "subject_label": label, "has_subject": bool(subject)}
    return render(request, "backoffice/work/indicator_form.html", context)


def _actual_form(detail, year: int) -> result_forms.ActualForm:
    """A blank actual form carrying the version of the indicator's actuals it was opened at."""
    indicator = Indicator.objects.get(pk=detail.pk)
    form = result_forms.ActualForm(
        initial={"period": year},
        by_sex=detail.by_sex,
        quantitative=detail.quantitative,
        periods=result_forms.open_periods(indicator),
    )
    form.set_version(result_forms.actuals_state(indicator), indicator.version)
    return form


def _indicator_page(request, pk: int, status: int = 200, **bound) -> HttpResponse:
    detail = selectors.indicator_detail(user=request.user, pk=pk)
    year = timezone.localdate().year
    context = {
        "i": detail,
        "target_form": bound.get("target") or result_forms.TargetForm(initial={"period": year}),
        "actual_form": bound.get("actual") or _actual_form(detail, year),
        "return_form": bound.get("return_") or result_forms.ReturnForm(),
        "max_height": 160,
    }
    return render(request, "backoffice/work/indicator_detail.html", context, status=status)


@writers
@require_GET
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _indicator_page(request, pk)


@staff_only
@require_POST
def indicator_target(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_for_update(user=request.user, pk=pk)
    form = result_forms.TargetForm(request.POST)

    def save(data):
        services.target_set(user=request.user, indicator=indicator, **data)

    if submit(request, form, save, _("The target was saved.")):
        return redirect("backoffice-work:indicator", pk=pk)
    return _indicator_page(request, pk, 400, target=form)


@writers
@require_POST
def indicator_actual(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.indicator_for_update(user=request.user, pk=pk)
    form = result_forms.ActualForm(
        request.POST, by_sex=indicator.by_sex, quantitative=indicator.quantitative
    )

    def save(data):
        with transaction.atomic():
            form.check_current(indicator)
            fields = {k: v for k, v in data.items() if k not in ("version", "version_state")}
            services.actual_save(user=request.user, indicator=indicator, **fields)

    if submit(request, form, save, _("The actual was saved as a draft.")):
        return redirect("backoffice-work:indicator", pk=pk)
    return _indicator_page(request, pk, 400, actual=form)


@writers
@require_POST
def actual_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit (reporters), approve or return (staff) one actual."""
    actual = selectors.actual_for_update(user=request.user, pk=pk)
    form = result_forms.ReturnForm(request.POST)
    based_on = request.POST.get("version", "")
    if based_on and based_on != version_for(actual):
        messages.error(
            request,
            _(
                "Someone else changed this actual since you opened the page (it is now "
                "“%(status)s”, value %(value)s); nothing was done. Check it below and try again."
            )
            % {"status": actual.get_status_display(), "value": actual.value},
        )
        return redirect("backoffice-work:indicator", pk=actual.indicator_id)
    try:
        if step == "submit":
            services.actual_submit(user=request.user, actual=actual)
        elif step == "approve":
            services.actual_approve(user=request.user, actual=actual)
        else:
            form.is_valid()
            comment = form.cleaned_data.get("comment", "")
            services.actual_return(user=request.user, actual=actual, comment=comment)
    except ValidationError as exc:
        forms.add_service_errors(form, exc)
        return _indicator_page(request, actual.indicator_id, 400, return_=form)
    messages.success(
        request,
        _("Done: %s.")
        % {"submit": _("submitted"), "approve": _("approved")}.get(step, _("returned")),
    )
    return redirect("backoffice-work:indicator", pk=actual.indicator_id)


@writers
@require_GET
def plan_results(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.plan_detail(user=request.user, pk=pk)
    period = request.GET.get("period", "")
    year = whole_number(period)
    if year is None or not in_year_range(year):
        year = detail.row.biennium_start
    results = selectors.plan_results(user=request.user, plan=pk, period=year)
    lines = [line for goal in detail.goals for result in goal.results for line in result.lines]
    context = {"plan": detail, "row": detail.row, "results": results, "lines": lines}
    return render(request, "backoffice/work/plan_results.html", context)
