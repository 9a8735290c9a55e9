"""Roster pages: search with facets, a profile, the balance page; private fields stay private."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipdev.roster import services
from tests.conftest import client_for
from tests.factories import make_activity, make_consultant

pytestmark = pytest.mark.django_db

PRIVATE_MARKERS = ["cora@example.org", "+221 33 000 00 00", "650.00", "Excellent trainer", "3000"]


@pytest.fixture
def roster(staff, consultant_user):
    c = consultant_user.consultant_profile
    services.cv_upload(
        user=staff,
        consultant=c,
        upload=SimpleUploadedFile("cora-cv.pdf", b"%PDF-1.4\n", content_type="application/pdf"),
    )
    a = services.assignment_create(
        user=staff,
        consultant=c,
        activity=make_activity(user=staff),
        data={"role": "Trainer", "start_date": dt.date(2024, 3, 4), "fee": "3000"},
    )
    services.ethics_accept(user=consultant_user, consultant=c)
    d = services.declaration_submit(user=consultant_user, assignment=a, has_conflict=False)
    services.declaration_review(user=staff, declaration=d, cleared=True)
    services.assignment_change_status(user=staff, assignment=a, status="started")
    services.assignment_change_status(user=staff, assignment=a, status="completed")
    services.assignment_evaluate(user=staff, assignment=a, rating=5, evaluation="Excellent trainer")
    make_consultant(
        staff=staff, name="Carlos Perez", nationality="PE", residence="PE", gender="male"
    )
    return c


def test_roster_page_lists_consultants_with_facets(client, roster, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        response = client.get("/consultants/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cora Consultant" in body and "Carlos Perez" in body
    assert 'name="gender" value="male"' in body
    filtered = client.get("/consultants/?gender=male").content.decode()
    assert "Carlos Perez" in filtered and "Cora Consultant" not in filtered


def test_bad_facet_values_are_reported(client, roster):
    body = client.get("/consultants/?language=zz").content.decode()
    assert "language: Unknown code(s): zz." in body


@pytest.mark.parametrize(
    "persona", ["anonymous", "public", "provider", "seeker", "other_focal_point"]
)
def test_private_fields_never_reach_other_viewers(
    match_personas, roster, persona, other_consultant_user
):
    for user in (match_personas[persona], other_consultant_user):
        client = client_for(user)
        body = client.get(f"/consultants/{roster.pk}/").content.decode()
        assert "Cora Consultant" in body
        for marker in PRIVATE_MARKERS:
            assert marker not in body
        assert client.get(f"/consultants/{roster.pk}/cv/").status_code == 404
        listing = client.get("/consultants/").content.decode()
        for marker in PRIVATE_MARKERS:
            assert marker not in listing


@pytest.mark.parametrize("persona", ["anonymous", "seeker", "consultant", "staff"])
def test_the_roster_download_holds_public_fields_only(match_personas, roster, persona):
    response = client_for(match_personas[persona]).get("/consultants/download.csv")
    body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert "Cora Consultant" in body and "Carlos Perez" in body
    for marker in PRIVATE_MARKERS:
        assert marker not in body
    assert "email" not in body.splitlines()[0]


def test_a_download_with_a_bad_filter_is_refused(client, roster):
    response = client.get("/consultants/download.csv?gender=robot")
    assert response.status_code == 400 and b"gender" in response.content


def test_the_consultant_sees_contacts_but_not_the_evaluation(consultant_user, roster):
    client = client_for(consultant_user)
    body = client.get(f"/consultants/{roster.pk}/").content.decode()
    assert "cora@example.org" in body and "650.00" in body
    assert "Excellent trainer" not in body
    assert client.get(f"/consultants/{roster.pk}/cv/").status_code == 200


def test_staff_see_everything(staff, roster):
    body = client_for(staff).get(f"/consultants/{roster.pk}/").content.decode()
    for marker in PRIVATE_MARKERS:
        assert marker in body


def test_balance_page_shows_a_table_and_a_chart(client, roster):
    body = client.get("/consultants/balance/").content.decode()
    assert "<svg" in body and "Assignments by year" in body
    assert '<th scope="row">2024</th>' in body
