"""Workflow pages for country plans and national IP strategy processes (staff edit them)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.core.bounds import INT_MAX, whole_number
from ipdev.planning import selectors, services
from ipdev.planning.models import CommitteeMember, PlanLine, StrategyStepRecord

from . import plan_forms
from .access import staff_only, writers
from .common import submit


@writers
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    context = {
        "plans": selectors.plan_list(user=request.user),
        "strategies": selectors.strategy_list(user=request.user),
    }
    return render(request, "backoffice/work/plan_list.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_new(request: HttpRequest) -> HttpResponse:
    form = plan_forms.PlanForm(request.POST or None)
    made = {}

    def create(data):
        made["plan"] = services.plan_create(user=request.user, data=form.data_for_service())

    if request.method == "POST" and submit(request, form, create, _("The plan was created.")):
        return redirect("backoffice-work:plan", pk=made["plan"].pk)
    return render(request, "backoffice/work/plan_form.html", {"form": form})


def _plan_page(request, pk: int, status: int = 200, **bound) -> HttpResponse:
    detail = selectors.plan_detail(user=request.user, pk=pk)
    context = {"plan": detail, "row": detail.row}
    if detail.editable:
        context.update(
            line_form=bound.get("line") or plan_forms.PlanLineForm(country=detail.row.country_code),
            consultation_form=bound.get("consultation") or plan_forms.PlanConsultationForm(),
            agree_form=bound.get("agree") or plan_forms.PlanAgreeForm(),
            review_form=bound.get("review") or plan_forms.PlanReviewForm(),
        )
    if detail.validatable:
        context["validate_form"] = bound.get("validate") or plan_forms.PlanValidateForm()
    return render(request, "backoffice/work/plan_detail.html", context, status=status)


@writers
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, pk)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    initial = {name: getattr(plan, name) for name in plan_forms.PlanEditForm.base_fields}
    form = plan_forms.PlanEditForm(request.POST or None, initial=initial, country=plan.country_id)

    def save(_data):
        services.plan_update(user=request.user, plan=plan, data=form.data_for_service())

    if request.method == "POST" and submit(request, form, save, _("The plan was saved.")):
        return redirect("backoffice-work:plan", pk=pk)
    context = {"form": form, "row": selectors.plan_detail(user=request.user, pk=pk).row}
    return render(request, "backoffice/work/plan_edit.html", context)


@writers
@require_POST
def plan_validate(request: HttpRequest, pk: int) -> HttpResponse:
    """The focal point's side of the agreement (the service refuses anyone else)."""
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    form = plan_forms.PlanValidateForm(request.POST)

    def validate(data):
        services.plan_validate(user=request.user, plan=plan, **data)

    if submit(request, form, validate, _("You validated the plan; WIPO can now agree it.")):
        return redirect("backoffice-work:plan", pk=pk)
    return _plan_page(request, pk, 400, validate=form)


@staff_only
@require_POST
def plan_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    form = plan_forms.PlanLineForm(request.POST, country=plan.country_id)

    def add(_data):
        services.plan_line_save(user=request.user, plan=plan, data=form.data_for_service())

    if submit(request, form, add, _("The line was added to the matrix.")):
        return redirect("backoffice-work:plan", pk=pk)
    return _plan_page(request, pk, 400, line=form)


@staff_only
@require_http_methods(["GET", "POST"])
def plan_line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    line = get_object_or_404(PlanLine, pk=line_pk, plan=plan)
    initial = {
        **{
            f: getattr(line, f)
            for f in plan_forms.PlanLineForm.base_fields
            if f not in ("activities", "outside_reason")
        },
        "outside_reason": next(
            (r for r in line.planlineactivity_set.values_list("outside_reason", flat=True) if r),
            "",
        ),
        "activities": list(line.activities.all()),
    }
    form = plan_forms.PlanLineForm(request.POST or None, initial=initial, country=plan.country_id)

    def save(_data):
        services.plan_line_save(
            user=request.user, plan=plan, line=line, data=form.data_for_service()
        )

    if request.method == "POST":
        if request.POST.get("remove") == "1":
            services.plan_line_remove(user=request.user, line=line)
            return redirect("backoffice-work:plan", pk=pk)
        if submit(request, form, save, _("The line was saved.")):
            return redirect("backoffice-work:plan", pk=pk)
    context = {"form": form, "row": selectors.plan_detail(user=request.user, pk=pk).row}
    return render(request, "backoffice/work/plan_line_form.html", context)


@staff_only
@require_POST
def plan_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    form = plan_forms.PlanConsultationForm(request.POST)

    def add(data):
        services.plan_consultation_add(user=request.user, plan=plan, **data)

    if submit(request, form, add, _("The consultation was recorded.")):
        return redirect("backoffice-work:plan", pk=pk)
    return _plan_page(request, pk, 400, consultation=form)


@staff_only
@require_POST
def plan_agree(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    form = plan_forms.PlanAgreeForm(request.POST)

    def agree(data):
        services.plan_agree(user=request.user, plan=plan, **data)

    if submit(request, form, agree, _("The plan was agreed and saved as version 1.")):
        return redirect("backoffice-work:plan", pk=pk)
    return _plan_page(request, pk, 400, agree=form)


@staff_only
@require_POST
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_update(user=request.user, pk=pk)
    form = plan_forms.PlanReviewForm(request.POST)

    def review(data):
        services.plan_review(user=request.user, plan=plan, note=data["note"])

    if submit(request, form, review, _("The annual review was saved as a new version.")):
        return redirect("backoffice-work:plan", pk=pk)
    return _plan_page(request, pk, 400, review=form)


@writers
@require_GET
def plan_compare(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.plan_detail(user=request.user, pk=pk)
    a, b = request.GET.get("a", "1"), request.GET.get("b", "0")
    error, changes = "", []
    va, vb = whole_number(a), whole_number(b)
    if va is None or vb is None or max(va, vb) > INT_MAX:
        error = _("Choose two versions.")
    else:
        try:
            changes = selectors.version_compare(user=request.user, pk=pk, a=va, b=vb)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    context = {"plan": detail, "row": detail.row, "a": a, "b": b, "changes": changes}
    context["error"] = error
    return render(
        request, "backoffice/work/plan_compare.html", context, status=400 if error else 200
    )


@staff_only
@require_http_methods(["GET", "POST"])
def strategy_new(request: HttpRequest) -> HttpResponse:
    form = plan_forms.StrategyForm(request.POST or None)
    made = {}

    def start(data):
        made["process"] = services.strategy_start(user=request.user, **data)

    if request.method == "POST" and submit(request, form, start, _("The process was opened.")):
        return redirect("backoffice-work:strategy", pk=made["process"].pk)
    return render(request, "backoffice/work/strategy_form.html", {"form": form})


def _strategy_page(request, pk: int, status: int = 200, **extra) -> HttpResponse:
    detail = selectors.strategy_detail(user=request.user, pk=pk)
    context = {"s": detail, "row": detail.row, "member_form": plan_forms.MemberForm(), **extra}
    return render(request, "backoffice/work/strategy_detail.html", context, status=status)


@writers
@require_GET
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _strategy_page(request, pk)


@staff_only
@require_POST
def strategy_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    process = selectors.strategy_for_update(user=request.user, pk=pk)
    form = plan_forms.MemberForm(request.POST)

    def add(data):
        services.committee_member_add(user=request.user, process=process, **data)

    if submit(request, form, add, _("The member was added.")):
        return redirect("backoffice-work:strategy", pk=pk)
    return _strategy_page(request, pk, 400, member_form=form)


@staff_only
@require_POST
def strategy_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    process = selectors.strategy_for_update(user=request.user, pk=pk)
    member = get_object_or_404(CommitteeMember, pk=member_pk, process=process)
    services.committee_member_remove(user=request.user, member=member)
    messages.success(request, _("The member was removed."))
    return redirect("backoffice-work:strategy", pk=pk)


def _step(request, pk: int, step_pk: int) -> StrategyStepRecord:
    process = selectors.strategy_for_update(user=request.user, pk=pk)
    return get_object_or_404(StrategyStepRecord, pk=step_pk, process=process)


@staff_only
@require_POST
def strategy_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    step = _step(request, pk, step_pk)
    form = plan_forms.StrategyStepForm(request.POST)

    def update(data):
        services.strategy_step_update(user=request.user, step=step, **data)

    if submit(request, form, update, _("The step was updated.")):
        return redirect("backoffice-work:strategy", pk=pk)
    return _strategy_page(request, pk, 400, step_errors={step.pk: form})


@staff_only
@require_POST
def strategy_document(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    step = _step(request, pk, step_pk)
    form = plan_forms.DocumentForm(request.POST, request.FILES)

    def attach(data):
        services.strategy_document_attach(
            user=request.user, step=step, upload=data["upload"], title=data["title"]
        )

    if submit(request, form, attach, _("The document was attached.")):
        return redirect("backoffice-work:strategy", pk=pk)
    return _strategy_page(request, pk, 400, step_errors={step.pk: form})


@writers
@require_GET
def strategy_document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    doc = selectors.strategy_document_for_download(
        user=request.user, pk=pk, document_pk=document_pk
    )
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=Path(doc.file.name).name, content_type=doc.content_type
    )
    patch_cache_control(response, private=True)
    return response
