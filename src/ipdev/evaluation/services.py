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
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ipdev.accounts.models import User
from ipdev.activities.models import Activity
from ipdev.activities.visibility import Viewer
from ipdev.core.audit import audit_log
from ipdev.core.language_urls import site_link
from ipdev.planning import services as planning_services
from ipdev.planning.dates import add_months
from ipdev.planning.models import Indicator

from . import stats
from .models import Answer, Invitation, Question, Survey, SurveyFeed, SurveyKind, SurveyStatus

REMIND_AFTER_DAYS = 7
MAX_REMINDERS = 2
OPEN_DAYS = 28  # how long a survey takes answers when no closing date is given
REMIND_BEFORE_CLOSING_DAYS = 7  # the last reminder goes out this many days before closing
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
    due_on = add_months(ended, months_after)
    survey = Survey(
        activity=activity,
        kind=kind,
        title=(title or "").strip(),
        audience=audience,
        months_after=months_after,
        due_on=due_on,
        # By default open four weeks from the due date, or from today for a late survey.
        closes_on=closes_on or max(due_on, timezone.localdate()) + dt.timedelta(days=OPEN_DAYS),
    )
    if closes_on and closes_on < survey.due_on:
        raise ValidationError(
            {
                "closes_on": _("The survey cannot close before it is due (%(date)s).")
                % {"date": formats.date_format(due_on, "DATE_FORMAT")}
            }
        )
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


def survey_due_date(survey: Survey) -> dt.date:
    """When a survey is due: the activity's end (its start if it has no end) plus the delay."""
    activity = survey.activity
    return add_months(activity.end_date or activity.start_date, survey.months_after)


def surveys_follow_their_activities(*, now: dt.datetime) -> int:
    """Move each survey not yet sent to the date its activity's present dates give.

    A survey is dated from its activity's end when it is created; the activity's dates may
    change afterwards (a workshop postponed, a mission extended). No invitee holds a link to a
    survey before it is sent, so moving the due date, and the closing date with it, changes
    nothing anyone was told. Returns how many surveys moved.
    """
    moved = 0
    waiting = Survey.objects.filter(
        status__in=(SurveyStatus.DRAFT, SurveyStatus.SCHEDULED)
    ).select_related("activity")
    for survey in waiting:
        due_on = survey_due_date(survey)
        if due_on == survey.due_on:
            continue
        with transaction.atomic():
            shift = due_on - survey.due_on
            before = (survey.due_on, survey.closes_on)
            survey.due_on = due_on
            survey.closes_on = max(survey.closes_on + shift, due_on)
            survey.save(update_fields=["due_on", "closes_on"])
            audit_log(
                actor=None,
                action="survey.rescheduled",
                obj=survey.activity,
                changes={
                    "due_on": [str(before[0]), str(survey.due_on)],
                    "closes_on": [str(before[1]), str(survey.closes_on)],
                },
                message=f"survey {survey.pk} follows the activity's dates",
            )
        moved += 1
    return moved


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
    if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.SCHEDULED):
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
        if question.indicator.by_sex:
            raise ValidationError(
                {
                    "indicator": _(
                        "This indicator is disaggregated by sex; a survey result has no split."
                    )
                }
            )
    question.full_clean()
    question.save()
    audit_log(
        actor=user, action="survey.question_added", obj=survey, changes={"questions": [None, text]}
    )
    return question


def personal_link(invitation: Invitation) -> str:
    """The invitee's address of the survey, in the language the invitation is written in."""
    return site_link(f"/survey/{invitation.token}/")


def _language_of(email: str) -> str:
    """The language of the account with this address, if any has chosen one; else the site's."""
    user = User.objects.filter(email__iexact=email).exclude(language="").first()
    return user.email_language() if user else settings.LANGUAGE_CODE


def _send(invitation: Invitation, reminder: bool) -> None:
    survey = invitation.survey
    with translation.override(_language_of(invitation.email)):
        subject = _("Reminder: %(title)s") % {"title": survey.title} if reminder else survey.title
        greeting = (
            _("Dear %(name)s,") % {"name": invitation.name} if invitation.name else _("Hello,")
        )
        lines = [
            greeting,
            "",
            _("WIPO asks for your views on: %(title)s.") % {"title": survey.activity.title},
            _("Your personal link (no account needed): %(link)s")
            % {"link": personal_link(invitation)},
        ]
        if survey.closes_on:
            lines.append(
                _("The survey closes on %(date)s.")
                % {"date": formats.date_format(survey.closes_on, "DATE_FORMAT")}
            )
    body = "\n".join(lines) + "\n"
    # Sent after the commit, so that a rolled-back invitation is never mailed.
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )


@transaction.atomic
def survey_invite(
    *, user, survey: Survey, people: Iterable[tuple[str, str]], now: dt.datetime | None = None
) -> list[Invitation]:
    """Invite (email, name) pairs; each gets a personal link. Already invited ones are skipped.

    Before the survey's due date the invitations are only recorded (the survey is scheduled):
    the `evaluation.surveys_due` task sends them on the date. From then on they go at once."""
    _require_staff(user)
    now = now or timezone.now()
    due = survey.due_on <= timezone.localdate(now)
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
            sent_at=now if due else None,
        )
        if due:
            _send(invitation, reminder=False)
        made.append(invitation)
    old = survey.status
    if due and survey.status in (SurveyStatus.DRAFT, SurveyStatus.SCHEDULED):
        survey.status, survey.sent_at = SurveyStatus.OPEN, now
        survey.save(update_fields=["status", "sent_at"])
    elif not due and survey.status == SurveyStatus.DRAFT:
        survey.status = SurveyStatus.SCHEDULED
        survey.save(update_fields=["status"])
    audit_log(
        actor=user,
        action="survey.invited",
        obj=survey,
        changes={
            "invitations": [len(known) - len(made), len(known)],
            **({"status": [old, survey.status]} if old != survey.status else {}),
        },
        message="" if due else f"to be sent on {survey.due_on}",
    )
    return made


@transaction.atomic
def survey_send(*, survey: Survey, now: dt.datetime, user=None) -> int:
    """Send a scheduled survey whose due date has come: each recorded invitation is mailed and
    the survey opens. Run by the `evaluation.surveys_due` task (no user)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.SCHEDULED:
        return 0
    if survey.due_on > timezone.localdate(now):
        raise ValidationError(
            {
                "due_on": _("The survey is due on %(date)s.")
                % {"date": formats.date_format(survey.due_on, "DATE_FORMAT")}
            }
        )
    waiting = list(survey.invitations.select_for_update().filter(sent_at__isnull=True))
    for invitation in waiting:
        invitation.sent_at = now
        invitation.save(update_fields=["sent_at"])
        _send(invitation, reminder=False)
    survey.status, survey.sent_at = SurveyStatus.OPEN, now
    survey.save(update_fields=["status", "sent_at"])
    audit_log(
        actor=user,
        action="survey.sent",
        obj=survey,
        changes={"status": [SurveyStatus.SCHEDULED, SurveyStatus.OPEN]},
        message=f"{len(waiting)} invitations, due {survey.due_on}",
    )
    return len(waiting)


def _remind(survey: Survey, due: list[Invitation], now: dt.datetime) -> None:
    for invitation in due:
        invitation.reminders += 1
        invitation.reminded_at = now
        invitation.save(update_fields=["reminders", "reminded_at"])
        _send(invitation, reminder=True)


@transaction.atomic
def survey_remind_before_closing(*, survey: Survey, now: dt.datetime) -> int:
    """In the last days before an open survey closes, remind once those who have not answered
    (and were not reminded in those days already). Run by the `evaluation.surveys_due` task."""
    if survey.status != SurveyStatus.OPEN or survey.closes_on is None:
        return 0
    today = timezone.localdate(now)
    window_opens = survey.closes_on - dt.timedelta(days=REMIND_BEFORE_CLOSING_DAYS)
    if not window_opens <= today <= survey.closes_on:
        return 0
    since = timezone.make_aware(dt.datetime.combine(window_opens, dt.time.min))
    due = [
        i
        for i in survey.invitations.select_for_update().filter(
            responded_at__isnull=True, sent_at__isnull=False
        )
        if i.reminded_at is None or i.reminded_at < since
    ]
    _remind(survey, due, now)
    if due:
        audit_log(
            actor=None,
            action="survey.reminded",
            obj=survey,
            changes={"reminded": [None, len(due)]},
            message=f"closes on {survey.closes_on}",
        )
    return len(due)


@transaction.atomic
def survey_close_expired(*, survey: Survey, now: dt.datetime) -> bool:
    """Close an open survey whose closing date has passed (the task's daily round)."""
    if survey.status != SurveyStatus.OPEN or survey.closes_on is None:
        return False
    if survey.closes_on >= timezone.localdate(now):
        return False
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status"])
    audit_log(
        actor=None,
        action="survey.closed",
        obj=survey,
        changes={"status": [SurveyStatus.OPEN, SurveyStatus.CLOSED]},
        message=f"closing date {survey.closes_on}",
    )
    return True


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
            responded_at__isnull=True, reminders__lt=MAX_REMINDERS, sent_at__isnull=False
        )
        if (i.reminded_at or i.sent_at) <= cutoff
    ]
    _remind(survey, due, now)
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
def response_submit(
    *, token: str, answers: Mapping[str, Any], today: dt.date | None = None
) -> Invitation:
    """Answer through a personal link: once, from the survey's due date until it closes.
    Keys are `q<id>`."""
    invitation = (
        Invitation.objects.select_for_update().select_related("survey").filter(token=token).first()
    )
    if invitation is None:
        raise PermissionDenied(_("This link is not valid."))
    survey = invitation.survey
    if invitation.responded_at is not None:
        raise ValidationError({"survey": _("You have already answered this survey. Thank you.")})
    window = survey.window(today or timezone.localdate())
    if window == "early":
        raise ValidationError(
            {
                "survey": _("This survey opens on %(date)s.")
                % {"date": formats.date_format(survey.due_on, "DATE_FORMAT")}
            }
        )
    if window == "closed":
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
