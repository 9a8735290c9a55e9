"""``GET /api/v1/activities.xml``: the search as an IATI file, streamed, with the consent rule."""

from decimal import Decimal

import pytest
from lxml import etree

from ipdev.activities import services
from ipdev.activities.models import DetailGroup
from ipdev.iati.schema import PACKAGED
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

URL = "/api/v1/activities.xml"
NARRATIVE = "MARKER-IATI-DESCRIPTION-7301"
OBJECTIVES = "MARKER-IATI-OBJECTIVES-7302"
INSTITUTIONS = "MARKER-IATI-INSTITUTIONS-7303"
COST = "876543.21"
ALL_MARKERS = [NARRATIVE, OBJECTIVES, INSTITUTIONS, COST]
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


@pytest.fixture
def activity(staff):
    return make_activity(
        user=staff,
        description=NARRATIVE,
        objectives=OBJECTIVES,
        beneficiary_institutions=INSTITUTIONS,
        cost=Decimal(COST),
    )


def xml_of(response) -> bytes:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_get_no_detail_without_consent(clients, activity, persona):
    body = xml_of(clients[persona].get(URL))
    root = etree.fromstring(body)
    assert root.findtext("iati-activity/iati-identifier") == activity.identifier
    for marker in ALL_MARKERS:
        assert marker.encode() not in body
    assert root.find("iati-activity/budget") is None


@pytest.mark.parametrize("persona", INSIDERS)
def test_focal_point_and_staff_get_the_details(clients, activity, persona):
    root = etree.fromstring(xml_of(clients[persona].get(URL)))
    descriptions = [d.findtext("narrative") for d in root.iter("description")]
    assert NARRATIVE in descriptions
    assert OBJECTIVES in descriptions
    assert root.findtext("iati-activity/budget/value") == COST


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_consent_publishes_exactly_its_groups_in_the_file(clients, activity, staff, persona):
    services.consent_grant(
        user=staff, country="KE", groups=[DetailGroup.NARRATIVE], granted_by="Kenya mission"
    )
    body = xml_of(clients[persona].get(URL))
    assert NARRATIVE.encode() in body
    assert COST.encode() not in body


def test_the_file_follows_the_search_filters(clients, staff):
    kenya = make_activity(user=staff, title="Kenyan patent workshop", countries=["KE"])
    peru = make_activity(user=staff, title="Peruvian design seminar", countries=["PE"])
    root = etree.fromstring(xml_of(clients["anonymous"].get(URL, {"country": "PE"})))
    assert [a.findtext("iati-identifier") for a in root] == [peru.identifier]
    root = etree.fromstring(xml_of(clients["anonymous"].get(URL, {"q": "kenyan"})))
    assert [a.findtext("iati-identifier") for a in root] == [kenya.identifier]


def test_the_file_is_not_paged(clients, staff):
    for n in range(3):
        make_activity(user=staff, title=f"Activity {n}")
    root = etree.fromstring(xml_of(clients["anonymous"].get(URL, {"per_page": "1"})))
    assert len(root) == 3


def test_the_file_is_valid_iati_2_03(clients, activity):
    schema = etree.XMLSchema(etree.parse(str(PACKAGED / "iati-activities-schema.xsd")))
    for persona in ("anonymous", "staff"):
        root = etree.fromstring(xml_of(clients[persona].get(URL)))
        schema.assertValid(root)
        assert root.get("version") == "2.03"


def test_the_file_is_streamed(clients, activity):
    response = clients["anonymous"].get(URL)
    assert response.streaming
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("accept", ["application/json", "application/xml", "text/html"])
def test_a_bad_filter_is_a_400_naming_the_field(clients, accept):
    response = clients["anonymous"].get(URL, {"country": "ZZ"}, HTTP_ACCEPT=accept)
    assert response.status_code == 400
    assert "country" in response.json()["errors"]


def test_the_schema_documents_the_file(anonymous):
    schema = anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/activities.xml"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "country", "da", "sdg", "year_from", "year_to", "sort"} <= names
    assert "page" not in names
    assert "application/xml" in operation["responses"]["200"]["content"]
    assert "application/json" in operation["responses"]["400"]["content"]
