"""API v1 for surveys, answering by token, and the DA review; per persona."""

import pytest

from ipdev.evaluation import services
from tests.api.conftest import api_client
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(staff):
    activity = make_activity(user=staff)
    survey = services.survey_create(user=staff, activity=activity, kind="immediate", title="S")
    services.question_add(user=staff, survey=survey, text="Useful?", kind="rating")
    return survey


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("public", 403), ("focal_point", 403), ("staff", 200)],
)
def test_surveys_and_the_review_are_for_staff(personas, persona, expected, survey):
    client = api_client(personas[persona])
    assert client.get("/api/v1/surveys/").status_code == expected
    assert client.get(f"/api/v1/surveys/{survey.pk}/").status_code == expected
    assert client.get("/api/v1/da-review/?year=2024").status_code == expected


def test_answering_by_token_needs_no_account(staff, survey):
    invitation = services.survey_invite(user=staff, survey=survey, people=[("a@example.org", "")])[
        0
    ]
    key = f"q{survey.questions.get().pk}"
    url = f"/api/v1/survey-answers/{invitation.token}/"
    bad = api_client().post(url, {"answers": {key: "9"}}, format="json")
    assert bad.status_code == 400 and key in bad.json()["errors"]
    assert api_client().post(url, {"answers": {key: "4"}}, format="json").status_code == 201
    assert (
        api_client()
        .post("/api/v1/survey-answers/nope/", {"answers": {}}, format="json")
        .status_code
        == 403
    )
    detail = api_client(staff).get(f"/api/v1/surveys/{survey.pk}/").json()
    assert detail["survey"]["response_rate"] == "100.0"
    assert detail["questions"][0]["result"] == "4.00"


def test_the_review_needs_a_year(staff):
    response = api_client(staff).get("/api/v1/da-review/")
    assert response.status_code == 400 and "year" in response.json()["errors"]
    body = api_client(staff).get("/api/v1/da-review/?year=2024").json()
    assert len(body["clusters"]) == 6
