"""The consent rule (DA recommendation 5) through every portal interface, persona by persona.

An activity in Kenya carries unique markers in each detail field and a document. Without
consent the markers and its participant figures never reach outsiders (activity page, search
page, CSV, XLSX, JSON, feeds, embeds, the reports and their charts); Kenya's focal point and
staff see them; a country default consent publishes exactly its groups.
"""

import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from ipdev.activities import services
from tests.conftest import client_for
from tests.factories import make_activity
from tests.portal.helpers import attach_pdf, csv_of, json_of, xlsx_of
from tests.reports.helpers import all_cells, pdf_text

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
# Participant figures are details too: charts (statistics, embeds, reports) must not count them.
WOMEN, MEN = 6173, 3029
ALL_MARKERS = [m for group in MARKERS.values() for m in group.values()] + [DOCUMENT_TITLE]
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


@pytest.fixture
def secret(staff):
    fields = {k: v for group in MARKERS.values() for k, v in group.items()}
    activity = make_activity(
        user=staff, title="Consent test activity", countries=["KE"], cost=Decimal(COST),
        participants_women=WOMEN, participants_men=MEN, participants_total=WOMEN + MEN, **fields
    )  # fmt: skip
    document = attach_pdf(staff, activity, DOCUMENT_TITLE)
    return activity, document


def texts_seen_by(user, activity) -> dict[str, str]:
    """What one user gets from each interface, as text."""
    client = client_for(user)
    csv_rows = csv_of(client.get("/activities/download.csv", {"country": "KE"}))
    xlsx_rows = xlsx_of(client.get("/activities/download.xlsx", {"country": "KE"}))
    json_body = json_of(client.get("/activities/download.json", {"country": "KE"}))
    iati = client.get("/activities/download.xml", {"country": "KE"})
    assert iati.status_code == 200 and iati["Content-Type"].startswith("application/xml")
    return {
        "activity page": client.get(f"/activities/{activity.pk}/").content.decode(),
        "search page": client.get("/activities/", {"country": "KE"}).content.decode(),
        "csv": repr(csv_rows),
        "xlsx": repr(xlsx_rows),
        "json": json.dumps(json_body, ensure_ascii=False),
        "iati xml": b"".join(iati.streaming_content).decode(),
        **following_texts(client),
        **report_texts(client),
    }


def report_texts(client) -> dict[str, str]:
    """The country and DA reports with their charts: web page, PDF and XLSX."""
    year = {"year": str(timezone.localdate().year)}
    return {
        "country report page": client.get("/reports/country/KE.html").content.decode(),
        "country report pdf": pdf_text(client.get("/reports/country/KE.pdf").content),
        "country report xlsx": all_cells(client.get("/reports/country/KE.xlsx").content),
        "da report page": client.get("/reports/development-agenda.html", year).content.decode(),
        "da report xlsx": all_cells(client.get("/reports/development-agenda.xlsx", year).content),
    }


def following_texts(client) -> dict[str, str]:
    """The Atom feed, the embed pages and the saved pictures of a search for Kenya."""
    texts = {"atom feed": client.get("/activities/feed.atom", {"country": "KE"}).content}
    for key in ("countries", "participants", "years"):
        texts[f"embed {key}"] = client.get(f"/embed/statistics/{key}/", {"country": "KE"}).content
        texts[f"svg {key}"] = client.get(f"/statistics/{key}.svg", {"country": "KE"}).content
    return {name: body.decode() for name, body in texts.items()}


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_never_see_details_without_consent(personas, secret, persona):
    activity, document = secret
    for interface, text in texts_seen_by(personas[persona], activity).items():
        for marker in ALL_MARKERS:
            assert marker not in text, (persona, interface, marker)
        assert COST not in text and "48,213.57" not in text, (persona, interface)
        assert f"/documents/{document.pk}/" not in text, (persona, interface)
        for number in (WOMEN, MEN, WOMEN + MEN):  # plain or grouped, in a table or a chart
            assert not re.search(rf"\b{number // 1000}[,\s\u202f.]?{number % 1000:03d}\b", text), (
                persona, interface, number,
            )  # fmt: skip


def test_the_report_charts_count_the_participants_for_insiders_only(personas, secret):
    """The control of the test above: the same pages do show the figures to Kenya's focal
    point, so their absence for outsiders is the consent rule at work."""
    texts = report_texts(client_for(personas["focal_point"]))
    assert "6,173" in texts["country report page"] and "6,173" in texts["country report pdf"]
    assert "6173" in texts["country report xlsx"]


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
    (record,) = json_of(client.get("/activities/download.json", {"country": "KE"}))["activities"]
    assert record["title"] == "Consent test activity"
    for key in ("description", "beneficiary_institutions", "cost", "participants_total"):
        assert record[key] is None, key
    assert record["documents"] == [] and record["published_details"] == []


@pytest.mark.parametrize("persona", INSIDERS)
def test_the_focal_point_and_staff_see_every_detail(personas, secret, persona):
    activity, document = secret
    seen = texts_seen_by(personas[persona], activity)
    for interface in ("activity page", "csv", "xlsx", "json"):
        for marker in ALL_MARKERS:
            assert marker in seen[interface], (persona, interface, marker)
    assert f">{COST}</value>" in seen["iati xml"]
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
    for interface in ("activity page", "csv", "xlsx", "json"):
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
    assert row["published_details"] == "Description, objectives, outcomes and lessons; Documents"
    (record,) = json_of(client.get("/activities/download.json", {"country": "KE"}))["activities"]
    assert [g["code"] for g in record["published_details"]] == ["narrative", "documents"]
    assert record["participants_total"] is None and record["cost"] is None
    assert row["participants_total"] == "" and row["cost"] == ""


def consent_interfaces_seen_by(user, activity) -> dict[str, str]:
    """The interfaces of consent: what one user gets from each, as text."""
    client = client_for(user)
    preview = {
        "country": "KE",
        "scope": "activity",
        "groups": ["narrative", "participants", "finance", "documents"],
        "granted_on": "2026-01-01",
        "granted_by": "x",
        "reference": "x",
    }
    return {
        "request form": client.get(f"/activities/{activity.pk}/request-details/").content.decode(),
        "consent preview": client.post(
            f"/backoffice/work/activities/{activity.pk}/consent/", preview
        ).content.decode(),
        "country page": client.get("/backoffice/work/consent/KE/").content.decode(),
        "requests": client.get("/backoffice/work/details-requests/").content.decode(),
    }


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_consent_interfaces_leak_no_detail_to_outsiders(personas, secret, persona):
    activity, _document = secret
    for interface, text in consent_interfaces_seen_by(personas[persona], activity).items():
        for marker in ALL_MARKERS:
            assert marker not in text, (persona, interface, marker)
        assert COST not in text and "48,213.57" not in text, (persona, interface)
    from ipdev.activities.models import Consent

    assert not Consent.objects.exists()


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_a_consent_dated_in_the_future_publishes_nothing_before_its_date(
    personas, focal_point, secret, persona
):
    import datetime as dt

    from django.utils import timezone

    activity, _ = secret
    services.consent_grant(
        user=focal_point,
        country="KE",
        groups=["narrative", "participants", "finance", "documents"],
        granted_by="Kenya",
        granted_on=timezone.localdate() + dt.timedelta(days=10),
    )
    for interface, text in texts_seen_by(personas[persona], activity).items():
        for marker in ALL_MARKERS:
            assert marker not in text, (persona, interface, marker)


@pytest.mark.parametrize("persona", ["public", "focal_point", "staff"])
def test_feeds_embeds_and_alerts_show_no_detail_to_anyone(personas, secret, persona):
    """These outputs are the same for every reader (a feed and an embed are public, an alert
    may be forwarded): general information only, even for Kenya's focal point and staff."""
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from ipdev.activities import alerts
    from ipdev.activities.models import SavedSearch

    activity, document = secret
    user = personas[persona]
    alerts.saved_search_create(user=user, name="Kenya", query="country=KE")
    SavedSearch.objects.update(checked_at=timezone.now() - dt.timedelta(days=2))
    assert alerts.send_alerts(now=timezone.now()) == 1
    texts = following_texts(client_for(user))
    assert texts == following_texts(client_for(None))  # what the public gets, to the byte
    texts["alert"] = mail.outbox[-1].subject + mail.outbox[-1].body
    assert activity.title in texts["alert"] and activity.title in texts["atom feed"]
    for interface, text in texts.items():
        for marker in ALL_MARKERS:
            assert marker not in text, (persona, interface, marker)
        assert COST not in text and "48,213.57" not in text, (persona, interface)
        assert f"/documents/{document.pk}/" not in text, (persona, interface)
