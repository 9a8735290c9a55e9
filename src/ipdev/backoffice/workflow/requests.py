"""Workflow pages for requests for assistance: file (focal points), review and decide (staff)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.activities.visibility import Viewer
from ipdev.core.bounds import in_year_range, whole_number
from ipdev.planning import selectors, services
from ipdev.planning.models import ANSWERED_CRITERIA, RequestKind, RequestStatus

from . import forms
from .access import staff_only, writers


@writers
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1"
    status = request.GET.get("status", "")
    rows = selectors.request_list(user=request.user, status=status, mine=mine)
    context = {"rows": rows, "mine": mine, "status": status, "statuses": RequestStatus.choices}
    return render(request, "backoffice/work/request_list.html", context)


@writers
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    kind = RequestKind.PROJECT if request.GET.get("kind") == "project" else RequestKind.ASSISTANCE
    form_class = forms.ProjectRequestForm if kind == RequestKind.PROJECT else forms.RequestForm
    viewer = Viewer.of(request.user)
    countries = None if viewer.staff else viewer.countries
    form = form_class(
        request.POST or None, request.FILES or None, user=request.user, countries=countries
    )
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.request_file(
                user=request.user,
                data={**form.data_for_service(), "kind": kind},
                letter=form.held_file("letter"),
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            form.discard_held()
            messages.success(request, _("Your request %s was filed.") % filed.reference)
            return redirect("backoffice-work:request", pk=filed.pk)
    context = {"form": form, "kind": kind}
    return render(request, "backoffice/work/request_form.html", context)


def _detail_page(request: HttpRequest, pk: int, **forms_in_error) -> HttpResponse:
    detail = selectors.request_detail(user=request.user, pk=pk)
    context = {"r": detail, "row": detail.row}
    if detail.staff_view:
        answered = set(ANSWERED_CRITERIA) - set(detail.unanswered_keys)
        criteria = {
            f"criterion_{name}": "yes" if checked else "no"
            for name, _label, checked in detail.criteria
            if name in answered
        }
        filed = selectors.request_for_update(user=request.user, pk=pk)
        links = {name: getattr(filed, f"{name}_id") for name in services.requests.LINKS}
        context.update(
            review_form=forms_in_error.get("review")
            or forms.ReviewForm(
                initial={"notes": detail.review_notes, **criteria, **links},
                country=detail.row.country_code,
            ),
            consultation_form=forms_in_error.get("consultation") or forms.ConsultationForm(),
            decision_form=forms_in_error.get("decision") or forms.DecisionForm(),
        )
    status = 400 if forms_in_error else 200
    return render(request, "backoffice/work/request_detail.html", context, status=status)


@writers
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, pk)


@writers
@require_GET
def request_letter(request: HttpRequest, pk: int) -> FileResponse:
    filed = selectors.request_for_update(user=request.user, pk=pk)
    try:
        handle = filed.letter.open("rb")
    except FileNotFoundError:
        raise Http404("The letter's file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=Path(filed.letter.name).name,
        content_type=filed.letter_content_type,
    )
    patch_cache_control(response, private=True)
    return response


@staff_only
@require_POST
def request_review(request: HttpRequest, pk: int) -> HttpResponse:
    filed = selectors.request_for_update(user=request.user, pk=pk)
    form = forms.ReviewForm(request.POST, country=filed.country_id)
    if form.is_valid():
        try:
            services.request_review(
                user=request.user,
                request=filed,
                criteria=form.criteria(),
                notes=form.cleaned_data["notes"],
                links=form.links(),
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("The review was saved."))
            return redirect("backoffice-work:request", pk=pk)
    return _detail_page(request, pk, review=form)


@staff_only
@require_POST
def request_consult(request: HttpRequest, pk: int) -> HttpResponse:
    filed = selectors.request_for_update(user=request.user, pk=pk)
    form = forms.ConsultationForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_record(user=request.user, request=filed, **form.cleaned_data)
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("The consultation was recorded."))
            return redirect("backoffice-work:request", pk=pk)
    return _detail_page(request, pk, consultation=form)


@staff_only
@require_POST
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    filed = selectors.request_for_update(user=request.user, pk=pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            decided = services.request_decide(
                user=request.user,
                request=filed,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                consultation_waiver=form.cleaned_data["consultation_waiver"],
                no_framework_reason=form.cleaned_data["no_framework_reason"],
                activity=form.activity(),
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded: %s.") % decided.get_status_display())
            return redirect("backoffice-work:request", pk=pk)
    return _detail_page(request, pk, decision=form)


@staff_only
@require_GET
def requests_report(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    chosen = whole_number(year)
    rows = selectors.requests_report(
        user=request.user, year=chosen if in_year_range(chosen) else None
    )
    return render(request, "backoffice/work/requests_report.html", {"rows": rows, "year": year})


@writers
@require_GET
def workspace(request: HttpRequest) -> HttpResponse:
    """The workspace opens on the requests: the open ones first."""
    return redirect("backoffice-work:requests")
