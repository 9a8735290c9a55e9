"""The consent rule (DA recommendation 5) through every portal interface, persona by persona.

An activity in Kenya carries unique markers in each detail field and a document. Without
consent the markers never reach outsiders (activity page, search page, CSV, XLSX); Kenya's
focal point and staff see them; a country default consent publishes exactly its groups.
"""

from decimal import Decimal

import pytest

from ipdev.activities import services
from tests.conftest import client_for
from tests.factories import make_activity
from tests.portal.helpers import attach_pdf, csv_of, xlsx_of

pytestmark = pytest.mark.django_db

MARKERS = {
    "narrative": {
        "description": "MARKER-DESCRIPTION-5b1",
        "objectives": "MARKER-OBJECTIVES-9c2",
        "outcomes": "MARKER-OUTCOMES-3d7",
        "lessons": "MARKER-LESSONS-4e8",
    },
    "participants": {"beneficiary_institutions": "MARKER-INSTITUTIONS-6f0"},
}
DOCUMENT_TITLE = "MARKER-DOCUMENT-1a9"
COST = "48213.57"
ALL_MARKERS = [m for group in MARKERS.values() for m in group.values()] + [DOCUMENT_TITLE]
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


@pytest.fixture
def secret(staff):
    fields = {k: v for group in MARKERS.values() for k, v in group.items()}
    activity = make_activity(
        user=staff, title="Consent test activity", countries=["KE"], cost=Decimal(COST), **fields
    )
    document = attach_pdf(staff, activity, DOCUMENT_TITLE)
    return activity, document


def texts_seen_by(user, activity) -> dict[str, str]:
    """What one user gets from each interface, as text."""
    client = client_for(user)
    csv_rows = csv_of(client.get("/activities/download.csv", {"country": "KE"}))
    xlsx_rows = xlsx_of(client.get("/activities/download.xlsx", {"country": "KE"}))
    return {
        "activity page": client.get(f"/activities/{activity.pk}/").content.decode(),
        "search page": client.get("/activities/", {"country": "KE"}).content.decode(),
        "csv": repr(csv_rows),
        "xlsx": repr(xlsx_rows),
    }


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_never_see_details_without_consent(personas, secret, persona):
    activity, document = secret
    for interface, text in texts_seen_by(personas[persona], activity).items():
        for marker in ALL_MARKERS:
            assert marker not in text, (persona, interface, marker)
        assert COST not in text and "48,213.57" not in text, (persona, interface)
        assert f"/documents/{document.pk}/" not in text, (persona, interface)


def test_the_search_index_holds_no_details(personas, secret):
    """Searching for a detail finds nothing, whoever asks: the index holds public text only."""
    activity, _ = secret
    for user in personas.values():
        body = client_for(user).get("/activities/", {"q": MARKERS["narrative"]["outcomes"]})
        assert "0 activities" in body.content.decode()
        assert f'href="/activities/{activity.pk}/"' not in body.content.decode()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_see_empty_detail_cells_in_downloads(personas, secret, persona):
    client = client_for(personas[persona])
    (row,) = csv_of(client.get("/activities/download.csv", {"country": "KE"}))
    assert row["title"] == "Consent test activity"
    for column in (
        "description",
        "beneficiary_institutions",
        "cost",
        "participants_total",
        "documents",
        "published_details",
    ):
        assert row[column] == "", column
    (cells,) = xlsx_of(client.get("/activities/download.xlsx", {"country": "KE"}))
    assert cells["description"] is None and cells["cost"] is None


@pytest.mark.parametrize("persona", INSIDERS)
def test_the_focal_point_and_staff_see_every_detail(personas, secret, persona):
    activity, document = secret
    seen = texts_seen_by(personas[persona], activity)
    for interface in ("activity page", "csv", "xlsx"):
        for marker in ALL_MARKERS:
            assert marker in seen[interface], (persona, interface, marker)
    assert f"/activities/{activity.pk}/documents/{document.pk}/" in seen["activity page"]
    assert "has not consented" not in seen["activity page"]


def test_the_other_countries_focal_point_cannot_download_the_document(other_focal_point, secret):
    activity, document = secret
    url = f"/activities/{activity.pk}/documents/{document.pk}/"
    assert client_for(other_focal_point).get(url).status_code == 404


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_country_default_consent_publishes_exactly_its_groups(personas, staff, secret, persona):
    activity, document = secret
    services.consent_grant(
        user=staff, country="KE", groups=["narrative", "documents"], granted_by="Kenya mission"
    )
    seen = texts_seen_by(personas[persona], activity)
    for interface in ("activity page", "csv", "xlsx"):
        for marker in MARKERS["narrative"].values():
            assert marker in seen[interface], (persona, interface, marker)
        assert DOCUMENT_TITLE in seen[interface], (persona, interface)
        assert MARKERS["participants"]["beneficiary_institutions"] not in seen[interface]
        assert COST not in seen[interface] and "48,213.57" not in seen[interface]
    page = seen["activity page"]
    assert f"/activities/{activity.pk}/documents/{document.pk}/" in page
    assert page.count("Not published: the beneficiary member state") == 2  # participants, cost
    client = client_for(personas[persona])
    response = client.get(f"/activities/{activity.pk}/documents/{document.pk}/")
    assert response.status_code == 200
    (row,) = csv_of(client.get("/activities/download.csv", {"country": "KE"}))
    assert row["published_details"] == "documents; narrative"
    assert row["participants_total"] == "" and row["cost"] == ""
