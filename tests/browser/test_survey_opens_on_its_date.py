"""A follow-up survey in a real browser, with the clock moved: before its due date the personal
link says when it opens and takes no answer; on the date the scheduler sends it and the same
link takes the answers."""

import datetime as dt

import pytest
from django.utils import timezone

from ipdev.core import jobs
from ipdev.evaluation import services
from ipdev.evaluation.models import Survey, SurveyStatus
from tests.browser.support import axe_violations, new_page, shot
from tests.factories import make_activity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def invitation(staff):
    today = timezone.localdate()
    activity = make_activity(
        user=staff, status="planned", category="legislative",
        title="Advice on the draft patent law",
        start_date=today + dt.timedelta(days=20), end_date=today + dt.timedelta(days=22),
    )  # fmt: skip
    survey = services.survey_create(
        user=staff, activity=activity, kind="follow_up", months_after=12,
        title="A year after the legislative advice",
    )  # fmt: skip
    services.question_add(
        user=staff, survey=survey, text="Has the law been adopted?", kind="yes_no"
    )
    services.question_add(user=staff, survey=survey, text="How useful was it?", kind="rating")
    (made,) = services.survey_invite(
        user=staff, survey=survey, people=[("legal@office.example.org", "Legal affairs")]
    )
    return made


def test_the_link_opens_on_the_due_date(live_server, browser, invitation, monkeypatch):
    survey = invitation.survey
    url = f"{live_server.url}/survey/{invitation.token}/"
    page, watch = new_page(browser, live_server.url)

    page.goto(url)
    notice = page.inner_text("#not-open-yet")
    assert "This survey opens on" in notice
    assert page.locator("#survey-form").count() == 0
    assert not axe_violations(page)
    shot(page, "survey-before-its-date")

    # The clock moves to the due date: the scheduler sends the survey, the link takes answers.
    moved = timezone.make_aware(dt.datetime.combine(survey.due_on, dt.time(9)))
    monkeypatch.setattr(timezone, "now", lambda: moved)
    jobs.run_due(now=moved)
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.OPEN

    page.goto(url)
    assert page.locator("#not-open-yet").count() == 0
    questions = list(survey.questions.order_by("order"))
    page.check(f"#q{questions[0].pk}-yes")
    page.check(f"#q{questions[1].pk}-4")
    assert not axe_violations(page)
    shot(page, "survey-on-its-date")
    with page.expect_navigation():  # the form's page has an h1 too
        page.click("#survey-form button[type=submit]")
    page.wait_for_selector("h1")
    shot(page, "survey-answered")
    invitation.refresh_from_db()
    assert invitation.responded_at is not None
    assert not watch.problems
    page.context.close()
