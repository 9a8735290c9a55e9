"""The one write path for surveys: define, invite by personal link, remind, answer, close,
and feed the results to indicators (as draft actuals, through the planning services)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities.models import Activity
from ipdev.activities.visibility import Viewer
from ipdev.core.audit import audit_log
from ipdev.planning import services as planning_services
from ipdev.planning.dates import add_months
from ipdev.planning.models import Indicator

from . import stats
from .models import Answer, Invitation, Question, Survey, SurveyFeed, SurveyKind, SurveyStatus

REMIND_AFTER_DAYS = 7
MAX_REMINDERS = 2
MAX_TEXT = 5000


def _require_staff(user) -> None:
    if not Viewer.of(user).staff:
        raise PermissionDenied(_("Only WIPO staff run surveys."))


@transaction.atomic
def survey_create(
    *,
    user,
    activity: Activity,
    kind: str,
    title: str,
    audience: str = "",
    months_after: int = 0,
    closes_on: dt.date | None = None,
) -> Survey:
    """A survey of an activity: immediate (due when it ends) or delayed by some months."""
    _require_staff(user)
    if kind not in SurveyKind.values:
        raise ValidationError(
            {"kind": _("Choose one of: %(values)s.") % {"values": ", ".join(SurveyKind.values)}}
        )
    if kind == SurveyKind.FOLLOW_UP and not months_after:
        raise ValidationError({"months_after": _("Say how many months after the activity.")})
    if kind == SurveyKind.IMMEDIATE and months_after:
        raise ValidationError({"months_after": _("An immediate survey has no delay.")})
    ended = activity.end_date or activity.start_date
    survey = Survey(
        activity=activity,
        kind=kind,
        title=(title or "").strip(),
        audience=audience,
        months_after=months_after,
        due_on=add_months(ended, months_after),
        closes_on=closes_on,
    )
    if closes_on and closes_on < survey.due_on:
        raise ValidationError({"closes_on": _("The survey cannot close before it is due.")})
    survey.full_clean()
    survey.save()
    audit_log(
        actor=user,
        action="survey.created",
        obj=activity,
        changes={"surveys": [None, survey.title]},
        message=f"{kind}, due {survey.due_on}",
    )
    return survey


@transaction.atomic
def question_add(
    *,
    user,
    survey: Survey,
    text: str,
    kind: str,
    required: bool = True,
    indicator: Indicator | int | None = None,
) -> Question:
    """Add a question; a rating, yes/no or number question may feed an indicator."""
    _require_staff(user)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError({"survey": _("Questions are added before the survey opens.")})
    if indicator is not None and not isinstance(indicator, Indicator):
        try:
            indicator = Indicator.objects.get(pk=indicator)
        except (Indicator.DoesNotExist, ValueError, TypeError):
            raise ValidationError(
                {"indicator": _("Unknown indicator '%(indicator)s'.") % {"indicator": indicator}}
            ) from None
    question = Question(
        survey=survey,
        text=(text or "").strip(),
        kind=kind,
        required=required,
        indicator=indicator or None,
        order=survey.questions.count() + 1,
    )
    if question.indicator is not None:
        if kind == Question.Kind.TEXT:
            raise ValidationError(
                {"indicator": _("A free-text question cannot feed an indicator.")}
            )
        if not question.indicator.quantitative:
            raise ValidationError({"indicator": _("Only a quantitative indicator takes a result.")})
    question.full_clean()
    question.save()
    audit_log(
        actor=user, action="survey.question_added", obj=survey, changes={"questions": [None, text]}
    )
    return question


def personal_link(invitation: Invitation) -> str:
    return f"{settings.IPDEV_SITE_URL}/survey/{invitation.token}/"


def _send(invitation: Invitation, reminder: bool) -> None:
    survey = invitation.survey
    subject = ("Reminder: " if reminder else "") + survey.title
    greeting = f"Dear {invitation.name}," if invitation.name else "Hello,"
    body = (
        f"{greeting}\n\nWIPO asks for your views on: {survey.activity.title}.\n"
        f"Your personal link (no account needed): {personal_link(invitation)}\n"
        + (f"The survey closes on {survey.closes_on}.\n" if survey.closes_on else "")
    )
    # Sent after the commit, so that a rolled-back invitation is never mailed.
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )


@transaction.atomic
def survey_invite(*, user, survey: Survey, people: Iterable[tuple[str, str]]) -> list[Invitation]:
    """Invite (email, name) pairs; each gets a personal link. Already invited ones are skipped."""
    _require_staff(user)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError({"survey": _("The survey is closed.")})
    if not survey.questions.exists():
        raise ValidationError({"survey": _("Add questions before inviting anyone.")})
    people = list(people)
    bad = []
    for email, _name in people:
        try:
            validate_email(email)
        except ValidationError:
            bad.append(email)
    if bad:
        raise ValidationError(
            {"emails": _("Not email addresses: %(values)s.") % {"values": ", ".join(bad[:10])}}
        )
    known = set(survey.invitations.values_list("email", flat=True))
    made = []
    for email, name in people:
        email = email.strip().lower()
        if email in known:
            continue
        known.add(email)
        invitation = Invitation.objects.create(
            survey=survey,
            email=email,
            name=name.strip(),
            token=secrets.token_urlsafe(32),
            sent_at=timezone.now(),
        )
        _send(invitation, reminder=False)
        made.append(invitation)
    if survey.status == SurveyStatus.DRAFT:
        survey.status = SurveyStatus.OPEN
        survey.save(update_fields=["status"])
    audit_log(
        actor=user,
        action="survey.invited",
        obj=survey,
        changes={"invitations": [len(known) - len(made), len(known)]},
    )
    return made


@transaction.atomic
def survey_remind(*, user, survey: Survey, now: dt.datetime | None = None) -> int:
    """Remind those who have not answered, a week after the last message, at most twice."""
    _require_staff(user)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError({"survey": _("Only an open survey sends reminders.")})
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=REMIND_AFTER_DAYS)
    due = [
        i
        for i in survey.invitations.select_for_update().filter(
            responded_at__isnull=True, reminders__lt=MAX_REMINDERS
        )
        if (i.reminded_at or i.sent_at) <= cutoff
    ]
    for invitation in due:
        invitation.reminders += 1
        invitation.reminded_at = now
        invitation.save(update_fields=["reminders", "reminded_at"])
        _send(invitation, reminder=True)
    audit_log(
        actor=user, action="survey.reminded", obj=survey, changes={"reminded": [None, len(due)]}
    )
    return len(due)


def _answer_value(question: Question, raw: Any) -> tuple[Any, str]:
    raw = "" if raw is None else str(raw).strip()
    if question.kind == Question.Kind.TEXT:
        if len(raw) > MAX_TEXT:
            raise ValidationError(
                {f"q{question.pk}": _("At most %(MAX_TEXT)s characters.") % {"MAX_TEXT": MAX_TEXT}}
            )
        return None, raw
    if raw == "":
        return None, ""
    if question.kind == Question.Kind.YES_NO:
        if raw not in {"yes", "no"}:
            raise ValidationError({f"q{question.pk}": _("Answer yes or no.")})
        return (1 if raw == "yes" else 0), ""
    number = planning_services.decimal_value(f"q{question.pk}", raw)
    if question.kind == Question.Kind.RATING and number not in {1, 2, 3, 4, 5}:
        raise ValidationError({f"q{question.pk}": _("Choose a rating from 1 to 5.")})
    return number, ""


@transaction.atomic
def response_submit(*, token: str, answers: Mapping[str, Any]) -> Invitation:
    """Answer through a personal link: once, while the survey is open. Keys are `q<id>`."""
    invitation = (
        Invitation.objects.select_for_update().select_related("survey").filter(token=token).first()
    )
    if invitation is None:
        raise PermissionDenied(_("This link is not valid."))
    survey = invitation.survey
    if invitation.responded_at is not None:
        raise ValidationError({"survey": _("You have already answered this survey. Thank you.")})
    today = timezone.localdate()
    if survey.status != SurveyStatus.OPEN or (survey.closes_on and survey.closes_on < today):
        raise ValidationError({"survey": _("This survey is closed.")})
    errors: dict[str, str] = {}
    rows = []
    for question in survey.questions.all():
        key = f"q{question.pk}"
        try:
            number, text = _answer_value(question, answers.get(key))
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
            continue
        if question.required and number is None and not text:
            errors[key] = _("Please answer this question.")
            continue
        rows.append(Answer(invitation=invitation, question=question, number=number, text=text))
    if errors:
        raise ValidationError(errors)
    Answer.objects.bulk_create(rows)
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["responded_at"])
    audit_log(
        actor=None,
        action="survey.answered",
        obj=survey,
        changes={"responses": [None, invitation.pk]},
    )
    return invitation


@transaction.atomic
def survey_close(*, user, survey: Survey) -> Survey:
    _require_staff(user)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError({"survey": _("The survey is already closed.")})
    old = survey.status
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status"])
    audit_log(actor=user, action="survey.closed", obj=survey, changes={"status": [old, "closed"]})
    return survey


@transaction.atomic
def survey_feed_indicators(*, user, survey: Survey, period: int) -> list[SurveyFeed]:
    """Send each mapped question's result to its indicator as a draft actual for `period`,
    which then goes through the indicator's own review (submitted, approved)."""
    _require_staff(user)
    feeds = []
    for question in survey.questions.filter(indicator__isnull=False).select_related("indicator"):
        values = list(question.answers.values_list("number", flat=True))
        value = stats.question_result(question.kind, values)
        if value is None:
            continue
        planning_services.actual_save(
            user=user,
            indicator=question.indicator,
            period=period,
            value=value,
            narrative=f"From the survey '{survey.title}' ({len(values)} answers).",
        )
        feeds.append(
            SurveyFeed.objects.create(question=question, period=period, value=value, fed_by=user)
        )
    if not feeds:
        raise ValidationError({"survey": _("No question mapped to an indicator has answers yet.")})
    audit_log(
        actor=user,
        action="survey.fed_indicators",
        obj=survey,
        changes={"indicators": [None, [f.question.indicator_id for f in feeds]]},
        message=f"period {period}",
    )
    return feeds
