"""Surveys on time: a follow-up goes out on its due date, not when it is created; its personal
link takes answers only from then until it closes; reminders go out before it closes. The
clock is moved by running the scheduler at a given `now` and answering on a given day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ipdev.activities import services as activity_services
from ipdev.core import jobs
from ipdev.core.models import AuditEntry
from ipdev.evaluation import selectors, services
from ipdev.evaluation.models import Survey, SurveyStatus
from ipdev.planning.dates import add_months
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def follow_up(staff):
    """Legislative assistance ending in 60 days, surveyed twelve months after."""
    today = timezone.localdate()
    activity = make_activity(
        user=staff, status="planned", category="legislative",
        start_date=today + dt.timedelta(days=58), end_date=today + dt.timedelta(days=60),
    )  # fmt: skip
    survey = services.survey_create(
        user=staff, activity=activity, kind="follow_up", months_after=12,
        title="Twelve months after the legislative advice",
    )  # fmt: skip
    services.question_add(user=staff, survey=survey, text="Was the law adopted?", kind="yes_no")
    return survey


def _run_scheduler(now: dt.datetime, capture) -> None:
    with capture(execute=True):
        jobs.run_due(now=now)


def test_a_follow_up_is_only_recorded_when_people_are_invited_before_its_date(
    staff, follow_up, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.survey_invite(
            user=staff, survey=follow_up, people=[("minister@example.org", "")]
        )
    follow_up.refresh_from_db()
    assert follow_up.status == SurveyStatus.SCHEDULED
    assert made[0].sent_at is None and mail.outbox == []
    assert follow_up.closes_on == follow_up.due_on + dt.timedelta(days=services.OPEN_DAYS)
    entry = AuditEntry.objects.filter(action="survey.invited").latest("id")
    assert entry.changes["status"] == ["draft", "scheduled"]


def test_the_link_says_when_it_opens_and_refuses_answers_before(staff, follow_up):
    (invitation,) = services.survey_invite(
        user=staff, survey=follow_up, people=[("a@example.org", "")]
    )
    form = selectors.survey_form(token=invitation.token)
    assert form.opens_on == follow_up.due_on and not form.open
    key = f"q{follow_up.questions.get().pk}"
    with pytest.raises(ValidationError) as caught:
        services.response_submit(token=invitation.token, answers={key: "yes"})
    assert list(caught.value.message_dict) == ["survey"]
    assert "opens on" in caught.value.messages[0]


def test_the_scheduler_sends_it_on_its_due_date_and_then_it_takes_answers(
    staff, follow_up, django_capture_on_commit_callbacks
):
    (invitation,) = services.survey_invite(
        user=staff, survey=follow_up, people=[("a@example.org", "")]
    )
    due = follow_up.due_on
    _run_scheduler(at(due - dt.timedelta(days=1)), django_capture_on_commit_callbacks)
    assert Survey.objects.get(pk=follow_up.pk).status == SurveyStatus.SCHEDULED
    assert mail.outbox == []
    _run_scheduler(at(due), django_capture_on_commit_callbacks)
    follow_up.refresh_from_db()
    assert follow_up.status == SurveyStatus.OPEN and follow_up.sent_at == at(due)
    assert len(mail.outbox) == 1 and invitation.token in mail.outbox[0].body
    key = f"q{follow_up.questions.get().pk}"
    services.response_submit(token=invitation.token, answers={key: "yes"}, today=due)
    assert AuditEntry.objects.filter(action="survey.sent", actor=None).count() == 1


def test_a_survey_not_yet_sent_follows_its_activity_when_the_activity_is_postponed(
    staff, follow_up, django_capture_on_commit_callbacks
):
    services.survey_invite(user=staff, survey=follow_up, people=[("a@example.org", "")])
    activity = follow_up.activity
    old_due, old_closes = follow_up.due_on, follow_up.closes_on
    activity_services.activity_update(
        user=staff,
        activity=activity,
        data={
            "start_date": activity.start_date + dt.timedelta(days=30),
            "end_date": activity.end_date + dt.timedelta(days=30),
        },
    )
    _run_scheduler(at(old_due), django_capture_on_commit_callbacks)
    follow_up.refresh_from_db()
    assert follow_up.status == SurveyStatus.SCHEDULED and mail.outbox == []
    # Twelve months after the new end; the window it stays open keeps its length.
    assert follow_up.due_on == add_months(activity.end_date + dt.timedelta(days=30), 12)
    assert follow_up.due_on > old_due
    assert follow_up.closes_on - follow_up.due_on == old_closes - old_due
    entry = AuditEntry.objects.filter(action="survey.rescheduled").latest("id")
    assert entry.changes["due_on"] == [str(old_due), str(follow_up.due_on)]
    _run_scheduler(at(follow_up.due_on), django_capture_on_commit_callbacks)
    follow_up.refresh_from_db()
    assert follow_up.status == SurveyStatus.OPEN and len(mail.outbox) == 1


def test_an_immediate_survey_goes_out_when_the_activity_ends(
    staff, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    activity = make_activity(
        user=staff, status="ongoing", start_date=today, end_date=today + dt.timedelta(days=3)
    )
    survey = services.survey_create(
        user=staff, activity=activity, kind="immediate", title="How was it?"
    )
    services.question_add(user=staff, survey=survey, text="Rating", kind="rating")
    services.survey_invite(user=staff, survey=survey, people=[("p@example.org", "")])
    assert survey.due_on == activity.end_date
    _run_scheduler(at(activity.end_date), django_capture_on_commit_callbacks)
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN
    assert len(mail.outbox) == 1


def test_a_reminder_goes_out_once_before_closing_and_the_survey_closes_after(
    staff, follow_up, django_capture_on_commit_callbacks
):
    invitations = services.survey_invite(
        user=staff, survey=follow_up, people=[("a@example.org", ""), ("b@example.org", "")]
    )
    key = f"q{follow_up.questions.get().pk}"
    _run_scheduler(at(follow_up.due_on), django_capture_on_commit_callbacks)
    services.response_submit(
        token=invitations[0].token, answers={key: "no"}, today=follow_up.due_on
    )
    closes = follow_up.closes_on
    mail.outbox.clear()
    _run_scheduler(at(closes - dt.timedelta(days=services.REMIND_BEFORE_CLOSING_DAYS)),
                   django_capture_on_commit_callbacks)  # fmt: skip
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
    assert mail.outbox[0].subject.startswith("Reminder")
    _run_scheduler(at(closes - dt.timedelta(days=2)), django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1  # once only
    _run_scheduler(at(closes + dt.timedelta(days=1)), django_capture_on_commit_callbacks)
    assert Survey.objects.get(pk=follow_up.pk).status == SurveyStatus.CLOSED
    with pytest.raises(ValidationError) as caught:
        services.response_submit(
            token=invitations[1].token, answers={key: "yes"}, today=closes + dt.timedelta(days=1)
        )
    assert caught.value.messages == ["This survey is closed."]


def test_a_closing_date_before_the_due_date_is_refused_by_field(staff, follow_up):
    with pytest.raises(ValidationError) as caught:
        services.survey_create(
            user=staff, activity=follow_up.activity, kind="follow_up", months_after=6,
            title="Too early", closes_on=timezone.localdate(),
        )  # fmt: skip
    assert list(caught.value.message_dict) == ["closes_on"]


def test_questions_can_still_be_added_while_it_is_scheduled(staff, follow_up):
    services.survey_invite(user=staff, survey=follow_up, people=[("a@example.org", "")])
    follow_up.refresh_from_db()
    services.question_add(
        user=staff, survey=follow_up, text="Comments", kind="text", required=False
    )
    assert follow_up.questions.count() == 2


def test_the_personal_link_page_says_when_it_opens(client, staff, follow_up):
    (invitation,) = services.survey_invite(
        user=staff, survey=follow_up, people=[("a@example.org", "")]
    )
    page = client.get(f"/survey/{invitation.token}/")
    assert page.status_code == 200
    assert b'id="not-open-yet"' in page.content and b'id="survey-form"' not in page.content
    posted = client.post(f"/survey/{invitation.token}/", {"q1": "yes"})
    assert b'id="survey-form"' not in posted.content
    assert not invitation.answers.exists()


def test_the_api_refuses_an_answer_before_the_date(client, staff, follow_up):
    (invitation,) = services.survey_invite(
        user=staff, survey=follow_up, people=[("a@example.org", "")]
    )
    key = f"q{follow_up.questions.get().pk}"
    response = client.post(
        f"/api/v1/survey-answers/{invitation.token}/",
        {"answers": {key: "yes"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "survey" in response.json()["errors"]


def test_staff_see_when_a_scheduled_survey_goes_out(client, staff, follow_up):
    services.survey_invite(user=staff, survey=follow_up, people=[("a@example.org", "")])
    client.force_login(staff)
    page = client.get(f"/backoffice/work/surveys/{follow_up.pk}/").content.decode()
    assert 'id="survey-scheduled"' in page and "Scheduled" in page
    assert "Add a question" in page
