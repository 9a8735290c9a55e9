"""Survey pages: staff build and send surveys; invitees answer with their personal link."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ipdev.accounts.models import Role
from ipdev.evaluation import services
from ipdev.evaluation.models import Invitation, Survey
from tests.conftest import client_for
from tests.factories import UserFactory, make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(staff):
    activity = make_activity(user=staff)
    survey = services.survey_create(user=staff, activity=activity, kind="immediate", title="S")
    services.question_add(user=staff, survey=survey, text="Useful?", kind="rating")
    return survey


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("public", 403), ("focal_point", 403), ("staff", 200)],
)
def test_only_staff_open_the_survey_pages(personas, persona, expected, survey):
    client = client_for(personas[persona])
    assert client.get(reverse("backoffice-work:surveys")).status_code == expected
    assert client.get(reverse("backoffice-work:da-review")).status_code == expected
    assert client.get(reverse("backoffice-work:survey", args=[survey.pk])).status_code == expected


def test_staff_create_a_follow_up_add_questions_and_invite(
    staff, django_capture_on_commit_callbacks
):
    activity = make_activity(user=staff, end_date=dt.date(2024, 3, 6))
    client = client_for(staff)
    response = client.post(
        reverse("backoffice-work:survey-new") + f"?activity={activity.pk}",
        {"kind": "follow_up", "title": "A year on", "months_after": "12"},
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("backoffice-work:survey", args=[survey.pk])
    assert survey.due_on == dt.date(2025, 3, 6)
    client.post(
        reverse("backoffice-work:survey-question", args=[survey.pk]),
        {"text": "Was the law adopted?", "kind": "yes_no", "required": "on"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("backoffice-work:survey-invite", args=[survey.pk]),
            {"people": "minister@example.gov, The Minister\nadvisor@example.gov"},
        )
    assert Invitation.objects.count() == 2 and len(mail.outbox) == 2
    bad = client.post(
        reverse("backoffice-work:survey-invite", args=[survey.pk]), {"people": "not-an-email"}
    )
    assert bad.status_code == 400


def test_the_personal_link_works_without_login_once(staff, survey):
    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    url = reverse("survey:answer", args=[invitation.token])
    anonymous = client_for(None)
    page = anonymous.get(url)
    assert page.status_code == 200 and b"Useful?" in page.content
    assert page["Referrer-Policy"] == "same-origin"
    key = f"q{survey.questions.get().pk}"
    missing = anonymous.post(url, {})
    assert missing.status_code == 400 and key.encode() + b"-errors" in missing.content
    done = anonymous.post(url, {key: "5"})
    assert b"Thank you" in done.content
    assert b"already answered" in anonymous.get(url).content
    assert anonymous.get(reverse("survey:answer", args=["forged-token"])).status_code == 404


def test_remind_close_and_feed_buttons(staff, survey):
    services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])
    client = client_for(staff)
    client.post(reverse("backoffice-work:survey-remind", args=[survey.pk]))
    feed = client.post(reverse("backoffice-work:survey-feed", args=[survey.pk]), {"period": "2024"})
    assert feed.status_code == 400  # no question feeds an indicator
    client.post(reverse("backoffice-work:survey-close", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == "closed"


def test_the_da_review_page_shows_the_clusters(staff, survey):
    page = client_for(staff).get(reverse("backoffice-work:da-review") + "?year=2024")
    assert b"Development Agenda review, 2024" in page.content
    assert page.context["review"].totals.activities == 1


def test_the_personal_link_view_states_its_access():
    from django.urls import get_resolver

    views = [p.callback for p in get_resolver("ipdev.backoffice.survey_urls").url_patterns]
    assert [v.access for v in views] == ["personal-link"]


def test_the_da_review_downloads_as_a_pdf(staff, focal_point, survey):
    url = reverse("backoffice-work:da-review-pdf") + "?year=2024"
    assert client_for(focal_point).get(url).status_code == 403
    response = client_for(staff).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="da-review-2024.pdf"' in response["Content-Disposition"]


def _opened(client, survey) -> dict:
    page = client.get(reverse("backoffice-work:survey", args=[survey.pk]))
    initial = page.context["question_form"].initial
    return {k: initial[k] for k in ("version", "version_state")}


def test_a_stale_question_form_is_refused_and_says_what_changed(staff, survey):
    """Two members of staff add questions from pages opened at the same time."""
    colleague = UserFactory(username="kim.staff", role=Role.STAFF, is_staff=True)
    mine, theirs = client_for(staff), client_for(colleague)
    add = reverse("backoffice-work:survey-question", args=[survey.pk])
    my_version, their_version = _opened(mine, survey), _opened(theirs, survey)
    their_post = {"text": "Would you recommend it?", "kind": "yes_no", "required": "on"}
    assert theirs.post(add, {**their_post, **their_version}).status_code == 302
    response = mine.post(add, {"text": "What was missing?", "kind": "text", **my_version})
    assert response.status_code == 400
    html = response.content.decode()
    assert "your changes were not saved" in html and "kim.staff" in html
    assert "Question: “—” → “Would you recommend it? (Yes or no, required)”" in html
    texts = list(survey.questions.values_list("text", flat=True))
    assert texts == ["Useful?", "Would you recommend it?"]


def test_a_fresh_question_form_saves(staff, survey):
    client = client_for(staff)
    add = reverse("backoffice-work:survey-question", args=[survey.pk])
    post = {"text": "What was missing?", "kind": "text", **_opened(client, survey)}
    assert client.post(add, post).status_code == 302
    assert survey.questions.count() == 2


def test_the_only_year_open_in_the_fed_indicators_is_preselected(staff, survey):
    from ipdev.planning import services as planning_services
    from tests.factories import make_indicator

    indicator = make_indicator(staff, activity=survey.activity, by_sex=False)
    planning_services.target_set(user=staff, indicator=indicator, period=2025, value="10")
    services.question_add(
        user=staff, survey=survey, text="Trained?", kind="yes_no", indicator=indicator
    )
    page = client_for(staff).get(reverse("backoffice-work:survey", args=[survey.pk]))
    assert page.context["feed_form"].initial["period"] == 2025
    planning_services.target_set(user=staff, indicator=indicator, period=2026, value="20")
    page = client_for(staff).get(reverse("backoffice-work:survey", args=[survey.pk]))
    assert page.context["feed_form"].initial["period"] == timezone.localdate().year  # two years
