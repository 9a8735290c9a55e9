"""Survey pages: staff define and send surveys; invitees answer through their personal link."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ipdev.activities.models import Activity
from ipdev.core.bounds import YEAR_MAX, YEAR_MIN, parse_year, whole_number
from ipdev.evaluation import selectors, services
from ipdev.evaluation.models import Survey
from ipdev.planning.models import Indicator
from ipdev.reports.pdf import render_pdf

from ..stale import VERSION_FIELDS
from . import result_forms, survey_forms
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
    activity_pk = whole_number(request.GET.get("activity"))
    activity = get_object_or_404(Activity, pk=activity_pk) if activity_pk else None
    if activity is None:
        return redirect("backoffice-work:surveys")
    form = survey_forms.SurveyForm(request.POST or None)
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


def _question_form(pk: int, activity: int) -> survey_forms.QuestionForm:
    """A blank question form carrying the version of the questionnaire it was opened at."""
    form = survey_forms.QuestionForm(activity=activity)
    form.open_at(Survey.objects.get(pk=pk))
    return form


def _feed_year(pk: int) -> int:
    """The year to feed the results to: the only one open for reporting in the indicators the
    questions feed, if there is one; otherwise this year."""
    fed = Indicator.objects.filter(survey_questions__survey=pk).distinct()
    years = {year for indicator in fed for year in result_forms.open_periods(indicator)}
    return years.pop() if len(years) == 1 else timezone.localdate().year


def _survey_page(request, pk: int, status: int = 200, **bound) -> HttpResponse:
    detail = selectors.survey_detail(user=request.user, pk=pk)
    context = {
        "s": detail,
        "row": detail.row,
        "question_form": bound.get("question") or _question_form(pk, detail.row.activity_pk),
        "invite_form": bound.get("invite") or survey_forms.InviteForm(),
        "feed_form": bound.get("feed") or survey_forms.FeedForm(initial={"period": _feed_year(pk)}),
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
    form = survey_forms.QuestionForm(request.POST, activity=survey.activity_id)

    def add(data):
        with transaction.atomic():
            form.check_current(survey)
            fields = {k: v for k, v in data.items() if k not in VERSION_FIELDS}
            services.question_add(user=request.user, survey=survey, **fields)

    if submit(request, form, add, _("The question was added.")):
        return redirect("backoffice-work:survey", pk=pk)
    return _survey_page(request, pk, 400, question=form)


@staff_only
@require_POST
def survey_invite(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.survey_for_update(user=request.user, pk=pk)
    form = survey_forms.InviteForm(request.POST)

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
    form = survey_forms.FeedForm(request.POST)
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


def _review_year(request: HttpRequest) -> tuple[int, str]:
    """The year asked for (last year by default), or last year and why the one asked is not."""
    default = timezone.localdate().year - 1
    try:
        return parse_year(request.GET.get("year"), field="year", default=default) or default, ""
    except ValidationError as exc:
        return default, " ".join(exc.messages)


def _review_page(request: HttpRequest) -> HttpResponse:
    chosen, error = _review_year(request)
    review = selectors.da_review(user=request.user, year=chosen)
    context = {"review": review, "year_error": error, "year_min": YEAR_MIN, "year_max": YEAR_MAX}
    return render(request, "backoffice/work/da_review.html", context, status=400 if error else 200)


@staff_only
@require_GET
def da_review(request: HttpRequest) -> HttpResponse:
    return _review_page(request)


@staff_only
@require_GET
def da_review_pdf(request: HttpRequest) -> HttpResponse:
    """The same review as a PDF, for the CDIP documents."""
    chosen, error = _review_year(request)
    if error:
        return _review_page(request)
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
    # The token must not leak to other sites; "no-referrer" would also make the browser send
    # `Origin: null` with the form, which the CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response
