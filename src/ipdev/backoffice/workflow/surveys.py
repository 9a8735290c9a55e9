"""Survey pages: staff define and send surveys; invitees answer through their personal link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.activities.models import Activity
from ipdev.evaluation import selectors, services
from ipdev.reports.pdf import render_pdf

from . import forms
from .access import personal_link, staff_only
from .common import submit


@staff_only
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.order_by("-start_date").values("pk", "title")[:200]
    context = {"surveys": selectors.survey_list(user=request.user), "activities": activities}
    return render(request, "backoffice/work/survey_list.html", context)


@staff_only
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    """A new survey of the activity named by `?activity=<id>`."""
    activity_pk = request.GET.get("activity", "")
    activity = get_object_or_404(Activity, pk=activity_pk) if activity_pk.isdigit() else None
    if activity is None:
        return redirect("backoffice-work:surveys")
    form = forms.SurveyForm(request.POST or None)
    made = {}

    def create(data):
        made["survey"] = services.survey_create(
            user=request.user,
            activity=activity,
            **{**data, "months_after": data["months_after"] or 0},
        )

    if request.method == "POST" and submit(request, form, create, _("The survey was created.")):
        return redirect("backoffice-work:survey", pk=made["survey"].pk)
    context = {"form": form, "activity": activity}
    return render(request, "backoffice/work/survey_form.html", context)


def _survey_page(request, pk: int, status: int = 200, **bound) -> HttpResponse:
    detail = selectors.survey_detail(user=request.user, pk=pk)
    context = {
        "s": detail,
        "row": detail.row,
        "question_form": bound.get("question")
        or forms.QuestionForm(activity=detail.row.activity_pk),
        "invite_form": bound.get("invite") or forms.InviteForm(),
        "feed_form": bound.get("feed")
        or forms.FeedForm(initial={"period": timezone.localdate().year}),
        "errors": bound.get("errors", []),
    }
    return render(request, "backoffice/work/survey_detail.html", context, status=status)


@staff_only
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _survey_page(request, pk)


@staff_only
@require_POST
def survey_question(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for_update(user=request.user, pk=pk)
    form = forms.QuestionForm(request.POST, activity=survey.activity_id)

    def add(data):
        services.question_add(user=request.user, survey=survey, **data)

    if submit(request, form, add, _("The question was added.")):
        return redirect("backoffice-work:survey", pk=pk)
    return _survey_page(request, pk, 400, question=form)


@staff_only
@require_POST
def survey_invite(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for_update(user=request.user, pk=pk)
    form = forms.InviteForm(request.POST)

    def invite(_data):
        made = services.survey_invite(user=request.user, survey=survey, people=form.pairs())
        messages.info(request, _("%d invitations sent.") % len(made))

    if submit(request, form, invite, _("Invitations recorded.")):
        return redirect("backoffice-work:survey", pk=pk)
    return _survey_page(request, pk, 400, invite=form)


@staff_only
@require_POST
def survey_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Remind those who did not answer, close the survey, or feed its results to indicators."""
    survey = selectors.survey_for_update(user=request.user, pk=pk)
    form = forms.FeedForm(request.POST)
    try:
        if action == "remind":
            sent = services.survey_remind(user=request.user, survey=survey)
            messages.success(request, _("%d reminders sent.") % sent)
        elif action == "close":
            services.survey_close(user=request.user, survey=survey)
            messages.success(request, _("The survey was closed."))
        elif form.is_valid():
            feeds = services.survey_feed_indicators(
                user=request.user, survey=survey, period=form.cleaned_data["period"]
            )
            messages.success(request, _("%d indicators received a draft actual.") % len(feeds))
        else:
            return _survey_page(request, pk, 400, feed=form)
    except ValidationError as exc:
        return _survey_page(request, pk, 400, errors=exc.messages)
    return redirect("backoffice-work:survey", pk=pk)


@staff_only
@require_GET
def da_review(request: HttpRequest) -> HttpResponse:
    year = request.GET.get("year", "")
    chosen = int(year) if year.isdigit() else timezone.localdate().year - 1
    review = selectors.da_review(user=request.user, year=chosen)
    return render(request, "backoffice/work/da_review.html", {"review": review})


@staff_only
@require_GET
def da_review_pdf(request: HttpRequest) -> HttpResponse:
    """The same review as a PDF, for the CDIP documents."""
    year = request.GET.get("year", "")
    chosen = int(year) if year.isdigit() else timezone.localdate().year - 1
    review = selectors.da_review(user=request.user, year=chosen)
    pdf = render_pdf("backoffice/work/da_review_pdf.html", {"review": review}, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="da-review-{chosen}.pdf"'
    return response


@personal_link
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The questionnaire behind a personal link: no account, one answer per link."""
    form = selectors.survey_form(token=token)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and form.open and not form.answered:
        try:
            services.response_submit(token=token, answers=request.POST)
        except PermissionDenied:
            raise
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            return render(request, "backoffice/work/survey_thanks.html", {"form": form})
    context = {"form": form, "errors": errors, "posted": request.POST}
    response = render(
        request, "backoffice/work/survey_answer.html", context, status=400 if errors else 200
    )
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to other sites
    return response
