"""Surveys: immediate and follow-up, personal-link invitations, reminders, answers, results
feeding indicators, and the yearly Development Agenda review."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.evaluation import selectors, services
from ipdev.evaluation.models import Invitation, SurveyStatus
from ipdev.planning.models import Actual, ActualStatus
from tests.factories import make_activity, make_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(staff):
    activity = make_activity(user=staff, end_date=dt.date(2024, 3, 6))
    survey = services.survey_create(
        user=staff, activity=activity, kind="immediate", title="How useful was the workshop?"
    )
    services.question_add(user=staff, survey=survey, text="Overall rating", kind="rating")
    services.question_add(
        user=staff, survey=survey, text="Will you use it?", kind="yes_no", required=False
    )
    services.question_add(user=staff, survey=survey, text="Comments", kind="text", required=False)
    return survey


def _keys(survey):
    return {q.kind: f"q{q.pk}" for q in survey.questions.all()}


def test_a_follow_up_is_due_months_after_the_activity(staff):
    activity = make_activity(user=staff, end_date=dt.date(2024, 3, 6))
    survey = services.survey_create(
        user=staff,
        activity=activity,
        kind="follow_up",
        months_after=6,
        title="Six months on",
        audience="The requesting authority",
    )
    assert survey.due_on == dt.date(2024, 9, 6)
    with pytest.raises(ValidationError) as exc:
        services.survey_create(user=staff, activity=activity, kind="follow_up", title="x")
    assert "months_after" in exc.value.message_dict


def test_invitations_mail_a_personal_link_after_the_commit(
    staff, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.survey_invite(
            user=staff, survey=survey, people=[("Ann@Example.org", "Ann"), ("bo@example.org", "")]
        )
    assert len(made) == 2 and len(mail.outbox) == 2
    assert f"/survey/{made[0].token}/" in mail.outbox[0].body
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    again = services.survey_invite(user=staff, survey=survey, people=[("ann@example.org", "Ann")])
    assert again == []


def test_bad_addresses_are_named_and_nothing_is_sent(staff, survey):
    with pytest.raises(ValidationError) as exc:
        services.survey_invite(
            user=staff, survey=survey, people=[("ok@example.org", ""), ("nope", "")]
        )
    assert "nope" in exc.value.message_dict["emails"][0]
    assert not Invitation.objects.exists()


def test_an_answer_through_the_link_needs_no_login_and_counts_once(staff, survey):
    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    keys = _keys(survey)
    with pytest.raises(ValidationError) as exc:
        services.response_submit(token=invitation.token, answers={keys["rating"]: "7"})
    assert keys["rating"] in exc.value.message_dict
    services.response_submit(
        token=invitation.token,
        answers={keys["rating"]: "4", keys["yes_no"]: "yes", keys["text"]: "Good."},
    )
    with pytest.raises(ValidationError):
        services.response_submit(token=invitation.token, answers={keys["rating"]: "5"})
    with pytest.raises(PermissionDenied):
        services.response_submit(token="forged", answers={})
    detail = selectors.survey_detail(user=staff, pk=survey.pk)
    assert detail.row.response_rate == D("100.0")
    rating = next(q for q in detail.questions if q.kind == "rating")
    assert rating.result == D("4.00") and rating.distribution[4] == 1


def test_a_closed_survey_takes_no_answers(staff, survey):
    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    services.survey_close(user=staff, survey=survey)
    with pytest.raises(ValidationError) as exc:
        services.response_submit(token=invitation.token, answers={_keys(survey)["rating"]: "4"})
    assert "closed" in exc.value.message_dict["survey"][0]


def test_reminders_go_weekly_to_those_who_did_not_answer_at_most_twice(staff, survey):
    first, second = services.survey_invite(
        user=staff, survey=survey, people=[("a@example.org", ""), ("b@example.org", "")]
    )
    services.response_submit(token=first.token, answers={_keys(survey)["rating"]: "5"})
    now = second.sent_at
    assert services.survey_remind(user=staff, survey=survey, now=now) == 0
    week = dt.timedelta(days=7)
    assert services.survey_remind(user=staff, survey=survey, now=now + week) == 1
    assert services.survey_remind(user=staff, survey=survey, now=now + week) == 0
    assert services.survey_remind(user=staff, survey=survey, now=now + 2 * week) == 1
    assert services.survey_remind(user=staff, survey=survey, now=now + 3 * week) == 0
    second.refresh_from_db()
    assert second.reminders == 2


def test_results_feed_the_mapped_indicator_as_a_draft_actual(staff):
    activity = make_activity(user=staff)
    indicator = make_indicator(
        staff,
        activity=activity,
        name="Participants satisfied",
        unit="%",
        by_sex=False,
        cumulative=False,
    )
    survey = services.survey_create(user=staff, activity=activity, kind="immediate", title="S")
    question = services.question_add(
        user=staff, survey=survey, text="Satisfied?", kind="yes_no", indicator=indicator
    )
    people = [(f"p{n}@example.org", "") for n in range(4)]
    for n, invitation in enumerate(
        services.survey_invite(user=staff, survey=survey, people=people)
    ):
        services.response_submit(
            token=invitation.token, answers={f"q{question.pk}": "yes" if n else "no"}
        )
    services.survey_feed_indicators(user=staff, survey=survey, period=2024)
    actual = Actual.objects.get(indicator=indicator, period=2024)
    assert actual.value == D("75.0") and actual.status == ActualStatus.DRAFT


def test_a_text_question_cannot_feed_an_indicator(staff, survey):
    indicator = make_indicator(staff, activity=survey.activity)
    survey.status = SurveyStatus.DRAFT
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            user=staff, survey=survey, text="Why?", kind="text", indicator=indicator.pk
        )
    assert "indicator" in exc.value.message_dict


@pytest.mark.parametrize("persona", ["focal_point", "public", "anonymous"])
def test_only_staff_run_surveys(personas, persona, survey):
    with pytest.raises(PermissionDenied):
        services.survey_invite(user=personas[persona], survey=survey, people=[("a@b.org", "")])
    with pytest.raises(PermissionDenied):
        selectors.survey_list(user=personas[persona])


def test_the_da_review_counts_activities_costs_results_and_evaluations(staff, survey):
    make_activity(user=staff, da_recommendations=[10], cost=D("1000"))
    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    services.response_submit(token=invitation.token, answers={_keys(survey)["rating"]: "5"})
    review = selectors.da_review(user=staff, year=2024)
    cluster_a, members = review.clusters[0]
    rec1 = next(m for m in members if m.key == "1")
    assert rec1.activities == 1 and rec1.cost == D("12500.00") and rec1.surveys == 1
    assert rec1.response_rate == D("100.0")
    assert cluster_a.activities == 2  # recommendations 1 and 10: cluster A, counted once each
    assert review.totals.activities == 2 and review.totals.cost == D("13500.00")


def test_the_activity_page_shows_the_evaluation_only_with_consent_for_the_narrative(staff, survey):
    from django.urls import reverse

    from ipdev.activities import services as activity_services
    from tests.conftest import client_for

    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    services.response_submit(
        token=invitation.token,
        answers={_keys(survey)["rating"]: "4", _keys(survey)["text"]: "secret words"},
    )
    url = reverse("portal:activity", args=[survey.activity_id])
    assert b"Evaluation" not in client_for(None).get(url).content
    staff_page = client_for(staff).get(url).content
    assert b"How useful was the workshop?" in staff_page and b"4.00 / 5" in staff_page
    assert b"secret words" not in staff_page  # free text stays in the back office
    activity_services.consent_grant(
        user=staff, country="KE", groups=["narrative"], granted_by="Permanent Mission of Kenya"
    )
    assert b"4.00 / 5" in client_for(None).get(url).content


def test_the_reminder_command_runs_as_a_staff_account(staff, survey, public_user):
    import io

    from django.core.management import CommandError, call_command

    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - dt.timedelta(days=8)
    )
    out = io.StringIO()
    call_command("send_survey_reminders", "--as", staff.username, stdout=out)
    assert "1 reminders sent." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("send_survey_reminders", "--as", public_user.username)
