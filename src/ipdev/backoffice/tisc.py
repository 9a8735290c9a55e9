"""TISC workspace pages (TPPM): coordinators file their network's reports (form or
spreadsheet), work plans and centre changes; WIPO staff review reports and validate centre
changes. Each view needs a signed-in user; the tisc services decide what they may change
(PermissionDenied is a 403) and the selectors what they see."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ipdev.reports.pdf import render_pdf
from ipdev.tisc import selectors, services, spreadsheet

from . import tisc_forms as forms
from .workspace import signed_in

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(exc: ValidationError) -> str:
    d = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    return "; ".join(f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v)
                     for k, v in d.items())  # fmt: skip


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    networks = list(selectors.managed_networks(user=request.user))
    queue = selectors.review_queue(user=request.user)
    if not networks and queue is None:
        raise PermissionDenied
    return render(request, "workspace/tisc/home.html", {"networks": networks, "queue": queue})


def _action_forms(request, work, certifications, data=None) -> dict:
    return {
        "level": forms.LevelForm(data),
        "tag": forms.TagForm(data),
        "enrol": forms.EnrolForm(data),
        "phase": forms.PhaseForm(data, participants=certifications),
        "survey": forms.SurveyForm(data, centres=work.centres),
        "need": forms.NeedForm(data),
        "feed": forms.FeedForm(data, indicators=work.candidates),
        "unfeed": forms.UnfeedForm(data),
        "agreement": forms.AgreementForm(),
    }


@signed_in
def network(request: HttpRequest, pk: int) -> HttpResponse:
    work = selectors.network_work(user=request.user, pk=pk, today=timezone.localdate())
    certifications = selectors.certifications(user=request.user, network=pk)
    context = {
        "w": work,
        "certifications": certifications,
        "next": selectors.blank_period(work.network, timezone.localdate()),
        "action_forms": _action_forms(request, work, certifications),
    }
    return render(request, "workspace/tisc/network.html", context)


def _run(request, network, action: str, form, certifications) -> str:
    user, d = request.user, form.cleaned_data
    if action == "level":
        services.level_assess(user=user, network=network, level=d["level"],
                              criteria=form.criteria(), decided_on=d["decided_on"])  # fmt: skip
        return _("The maturity level is recorded.")
    if action == "tag":
        services.activity_tag(user=user, network=network, activity=d["activity"], kind=d["kind"])
        return _("The activity is tagged to the network.")
    if action == "enrol":
        services.participant_enrol(user=user, network=network, data=d)
        return _("The participant is enrolled.")
    if action == "phase":
        chosen = next((c for c in certifications if c.pk == d["participant"]), None)
        if chosen is None:
            raise ValidationError({"participant": _("Choose a participant of this network.")})
        services.phase_record(user=user, certification=chosen, phase=d["phase"],
                              status=d["status"], on=d["on"])  # fmt: skip
        return _("The phase is recorded.")
    if action == "survey":
        centre = network.centres.filter(pk=d["centre"]).first()
        if centre is None:
            raise ValidationError({"centre": _("Choose a centre of this network.")})
        services.centre_survey_create(user=user, centre=centre, activity=d["activity"],
                                      people=form.people())  # fmt: skip
        return _("The survey of the centre's users is created.")
    if action == "feed":
        services.indicator_feed_set(user=user, network=network, indicator=d["indicator"],
                                    total=d["total"])  # fmt: skip
        return _("The indicator is linked: each year's approved reports feed it.")
    if action == "unfeed":
        feed = next((f for f in selectors.network_feeds(network) if f.pk == d["feed"]), None)
        if feed is None:
            raise ValidationError({"feed": _("Choose an indicator this network feeds.")})
        services.indicator_feed_remove(user=user, feed=feed)
        return _("The indicator is no longer fed by this network.")
    services.network_need_file(user=user, network=network, data=d)
    return _("The need is saved as a draft in WIPO Match: submit it from your workspace.")


@signed_in
@require_POST
def network_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The network page's forms: level, activity tags, certification, surveys, needs."""
    network = selectors.network_for_update(user=request.user, pk=pk)
    if action not in ("level", "tag", "enrol", "phase", "survey", "need", "feed", "unfeed"):
        raise Http404("No such action.")
    work = selectors.network_work(user=request.user, pk=pk, today=timezone.localdate())
    certifications = selectors.certifications(user=request.user, network=pk)
    form = _action_forms(request, work, certifications, request.POST)[action]
    if not form.is_valid():
        messages.error(
            request,
            "; ".join(
                f"{form[k].label if k in form.fields else ''}: {' '.join(v)}"
                for k, v in form.errors.items()
            ),
        )
    else:
        try:
            messages.success(request, _run(request, network, action, form, certifications))
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    return redirect("workspace:tisc_network", pk=pk)


@signed_in
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """The service-level agreement's file: staff and the coordinators download it (never
    public); staff upload a new one or remove it."""
    if request.method == "GET":
        document, content_type = selectors.agreement_file(user=request.user, pk=pk)
        try:
            handle = document.open("rb")
        except FileNotFoundError:
            raise Http404("The agreement's file is missing.") from None
        name = document.name.rsplit("/", 1)[-1]
        response = FileResponse(handle, as_attachment=True, filename=name,
                                content_type=content_type)  # fmt: skip
        patch_cache_control(response, private=True)
        return response
    network = selectors.network_for_update(user=request.user, pk=pk)
    try:
        if request.POST.get("remove"):
            services.agreement_remove(user=request.user, network=network)
            messages.success(request, _("The agreement document is removed."))
        else:
            form = forms.AgreementForm(request.POST, request.FILES)
            if not form.is_valid():
                raise ValidationError({"sla_file": form.errors["sla_file"]})
            services.agreement_upload(user=request.user, network=network,
                                      upload=form.cleaned_data["sla_file"])  # fmt: skip
            messages.success(request, _("The agreement document is kept with the network."))
    except ValidationError as exc:
        label = str(forms.AgreementForm.base_fields["sla_file"].label)
        messages.error(request, f"{label}: {' '.join(exc.messages)}")
    return redirect("workspace:tisc_network", pk=pk)


def _report_form(request, report):
    data = services.report_data(report) if report is not None else None
    rows = max(4, len(data["training"]) + 1) if data else 4
    stories = max(2, len(data["stories"]) + 1) if data else 2
    initial = forms.ReportForm.initial_from(data) if data else {}
    return forms.ReportForm(request.POST or None, initial=initial, training_rows=rows,
                            story_rows=stories)  # fmt: skip


@signed_in
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int, year: int, quarter: int) -> HttpResponse:
    network = selectors.network_for_update(user=request.user, pk=pk)
    report = network.reports.filter(year=year, quarter=quarter).first()
    if report is not None and report.status not in services.reports.EDITABLE:
        return redirect("workspace:tisc_report", pk=report.pk)
    form = _report_form(request, report)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_save(
                user=request.user,
                network=network,
                year=year,
                quarter=quarter,
                data=form.data_for_service(),
            )
        except ValidationError as exc:
            forms.report_errors(form, exc)
        else:
            messages.success(request, _("The report is saved as a draft. Submit it when ready."))
            return redirect("workspace:tisc_report", pk=report.pk)
    context = {"network": network, "year": year, "quarter": quarter, "report": report,
               "form": form, "upload": forms.UploadForm()}  # fmt: skip
    return render(request, "workspace/tisc/report_form.html", context)


@signed_in
def report_template(request: HttpRequest, pk: int, year: int, quarter: int) -> HttpResponse:
    network = selectors.network_for_update(user=request.user, pk=pk)
    report = network.reports.filter(year=year, quarter=quarter).first()
    content = spreadsheet.template(
        network_id=network.pk, network_name=network.name, year=year, quarter=quarter,
        data=services.report_data(report) if report else None,
    )  # fmt: skip
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = f"tisc-report-{network.pk}-{year}{f'-q{quarter}' if quarter else ''}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@signed_in
@require_POST
def report_upload(request: HttpRequest, pk: int, year: int, quarter: int) -> HttpResponse:
    network = selectors.network_for_update(user=request.user, pk=pk)
    upload = forms.UploadForm(request.POST, request.FILES)
    cells: list[spreadsheet.CellError] = []
    if upload.is_valid():
        f = upload.cleaned_data["file"]
        if f.size > spreadsheet.MAX_BYTES:
            cells = [spreadsheet.CellError(_("file"), None, None,
                                           _("The file is larger than 2 MB."))]  # fmt: skip
        else:
            try:
                report = services.report_upload(user=request.user, network=network, year=year,
                                                 quarter=quarter, content=f.read())  # fmt: skip
            except spreadsheet.SpreadsheetError as exc:
                cells = exc.cells
            except ValidationError as exc:
                cells = [spreadsheet.CellError(_("file"), None, None, _errors(exc))]
            else:
                messages.success(request, _("The spreadsheet is read: the report is saved as a "
                                            "draft. Check it and submit it."))  # fmt: skip
                return redirect("workspace:tisc_report", pk=report.pk)
    report = network.reports.filter(year=year, quarter=quarter).first()
    data = services.report_data(report) if report is not None else None
    form = forms.ReportForm(initial=forms.ReportForm.initial_from(data) if data else {})
    context = {"network": network, "year": year, "quarter": quarter, "report": report,
               "form": form, "upload": upload, "cells": cells}  # fmt: skip
    return render(request, "workspace/tisc/report_form.html", context, status=400)


@signed_in
def report(request: HttpRequest, pk: int) -> HttpResponse:
    report, data = selectors.report_view(user=request.user, pk=pk)
    context = {"report": report, "data": data, "return_form": forms.ReturnForm(),
               "is_staff": request.user.is_wipo_staff,
               "labels": _labels()}  # fmt: skip
    return render(request, "workspace/tisc/report.html", context)


def _labels():
    from ipdev.tisc.vocab import COURSES, EVENTS, MEASURES

    return {"measures": MEASURES, "events": EVENTS, "courses": COURSES,
            "headings": forms.HEADINGS}  # fmt: skip


@signed_in
@require_POST
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = selectors.report_for_update(user=request.user, pk=pk)
    try:
        if action == "submit":
            services.report_submit(user=request.user, report=report)
            messages.success(request, _("The report is sent to WIPO for review."))
        elif action == "approve":
            services.report_approve(user=request.user, report=report)
            messages.success(request, _("The report is approved."))
        elif action == "return":
            services.report_return(user=request.user, report=report,
                                   comment=request.POST.get("comment", ""))  # fmt: skip
            messages.success(request, _("The report is returned to the coordinator."))
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("workspace:tisc_report", pk=pk)


@signed_in
@require_http_methods(["GET", "POST"])
def centre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    centre = selectors.centre_for_update(user=request.user, pk=pk)
    initial = services.centres.snapshot(centre)
    form = forms.CentreForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_change_submit(
                user=request.user,
                network=centre.network,
                centre=centre,
                data=form.data_for_service(),
            )
        except ValidationError as exc:
            _add(form, exc)
        else:
            messages.success(request, _("The change is sent to WIPO; it is public once "
                                        "validated."))  # fmt: skip
            return redirect("workspace:tisc_network", pk=centre.network_id)
    return render(
        request,
        "workspace/tisc/centre_form.html",
        {"form": form, "network": centre.network, "centre": centre},
    )


def _add(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for name, msgs in errors.items():
        form.add_error(name if name in form.fields else None, msgs)


@signed_in
@require_http_methods(["GET", "POST"])
def centre_new(request: HttpRequest, pk: int) -> HttpResponse:
    network = selectors.network_for_update(user=request.user, pk=pk)
    form = forms.CentreForm(request.POST or None, initial={"status": "active"})
    if request.method == "POST" and form.is_valid():
        try:
            services.centre_change_submit(
                user=request.user, network=network, data=form.data_for_service()
            )
        except ValidationError as exc:
            _add(form, exc)
        else:
            messages.success(request, _("The new centre is sent to WIPO; it is public once "
                                        "validated."))  # fmt: skip
            return redirect("workspace:tisc_network", pk=network.pk)
    return render(
        request,
        "workspace/tisc/centre_form.html",
        {"form": form, "network": network, "centre": None},
    )


@signed_in
@require_POST
def change_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    change = selectors.change_for_review(user=request.user, pk=pk)
    try:
        if action == "approve":
            services.centre_change_approve(user=request.user, change=change)
            messages.success(request, _("The change is validated and public."))
        elif action == "reject":
            services.centre_change_reject(
                user=request.user, change=change, comment=request.POST.get("comment", "")
            )
            messages.success(request, _("The change is refused."))
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect("workspace:tisc")


@signed_in
@require_http_methods(["GET", "POST"])
def work_plan(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    network = selectors.network_for_update(user=request.user, pk=pk)
    plan = network.work_plans.filter(year=year).first()
    initial = {}
    if plan:
        initial = {"objectives": plan.objectives, "planned_activities": plan.planned_activities,
                   **{f"targets__{k}": v for k, v in plan.targets.items()}}  # fmt: skip
    form = forms.WorkPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_plan_save(
                user=request.user, network=network, year=year, data=form.data_for_service()
            )
        except ValidationError as exc:
            forms.report_errors(form, exc)
        else:
            messages.success(request, _("The work plan is saved."))
            return redirect("workspace:tisc_network", pk=network.pk)
    return render(
        request, "workspace/tisc/work_plan.html", {"form": form, "network": network, "year": year}
    )


@signed_in
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    found = [c for c in selectors.certifications(user=request.user) if c.pk == pk]
    if not found or not found[0].certified_on:
        raise Http404("No certificate.")
    pdf = render_pdf("workspace/tisc/certificate_pdf.html", {"c": found[0]}, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found[0].certificate_number}.pdf"'
    return response
