"""Activities of this instance's own organisation that arrive by IATI import follow the consent
rule as if entered by hand: no interface shows their details to outsiders without consent.

A file whose reporting-org is this instance's (``IPDEV_REPORTING_ORG_REF``, ``XM-WIPO``)
carries unique markers in its objectives, beneficiary institutions, description and budget; it
is imported, then every interface is read as each persona: the portal's activity and search
pages, CSV and XLSX downloads, the API's JSON and ``activities.xml``, the country and DA reports.
"""

from __future__ import annotations

import pytest

from ipdev.activities import services
from ipdev.activities.models import Activity, Source
from ipdev.activities.rules import import_source
from ipdev.iati.services import iati_import_files
from tests.conftest import client_for
from tests.reports.helpers import all_cells

from .conftest import activities_file, write_file

pytestmark = pytest.mark.django_db

DESCRIPTION = "MARKER-OWN-DESCRIPTION-8101"
OBJECTIVES = "MARKER-OWN-OBJECTIVES-8102"
INSTITUTIONS = "MARKER-OWN-INSTITUTIONS-8103"
COST = "734512.00"
MARKERS = [DESCRIPTION, OBJECTIVES, INSTITUTIONS]
COSTS = [COST, "734512", "734,512"]
OUTSIDERS = ["anonymous", "public", "other_focal_point"]
INSIDERS = ["focal_point", "staff", "admin"]


def own_activity(identifier: str, reporting_ref: str = "XM-WIPO", country: str = "KE") -> str:
    return f"""<iati-activity xml:lang="en" default-currency="CHF"
        last-updated-datetime="2025-03-01T00:00:00Z">
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="{reporting_ref}" type="40"><narrative>WIPO</narrative></reporting-org>
  <title><narrative>Own imported workshop {identifier}</narrative></title>
  <description type="1"><narrative>A public summary of the workshop.</narrative></description>
  <description type="2"><narrative>{OBJECTIVES}</narrative></description>
  <description type="3"><narrative>{INSTITUTIONS}</narrative></description>
  <description type="4"><narrative>{DESCRIPTION}</narrative></description>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2025-02-10"/>
  <recipient-country code="{country}" percentage="100"/>
  <budget type="1">
    <period-start iso-date="2025-01-01"/>
    <period-end iso-date="2025-12-31"/>
    <value currency="CHF" value-date="2025-01-01">{COST}</value>
  </budget>
</iati-activity>"""


@pytest.fixture
def imported(tmp_path) -> Activity:
    path = write_file(tmp_path, "own.xml", activities_file(own_activity("XM-WIPO-OWN-1")))
    run = iati_import_files(user=None, paths=[path])
    assert (run.created, run.critical) == (1, 0), run.report
    activity = Activity.objects.get(identifier="XM-WIPO-OWN-1")
    assert activity.source == Source.IATI_OWN
    assert activity.objectives == OBJECTIVES  # kept, for those who may see it
    return activity


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def texts_seen_by(user, activity: Activity) -> dict[str, str]:
    client = client_for(user)
    search = {"country": "KE"}
    return {
        "activity page": client.get(f"/activities/{activity.pk}/").content.decode(),
        "search page": client.get("/activities/", search).content.decode(),
        "csv": body(client.get("/activities/download.csv", search)).decode("utf-8-sig"),
        "xlsx": all_cells(body(client.get("/activities/download.xlsx", search))),
        "api list": client.get("/api/v1/activities/", search).content.decode(),
        "api detail": client.get(f"/api/v1/activities/{activity.pk}/").content.decode(),
        "activities.xml": body(client.get("/api/v1/activities.xml", search)).decode(),
        "country report": all_cells(body(client.get("/api/v1/reports/country/KE.xlsx"))),
        "DA report": all_cells(body(client.get("/api/v1/reports/da.xlsx", {"year": 2025}))),
    }


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_outsiders_see_no_detail_of_an_own_imported_activity(personas, imported, persona):
    seen = texts_seen_by(personas[persona], imported)
    assert "Own imported workshop" in seen["activity page"]  # general information is public
    assert "Own imported workshop" in seen["activities.xml"]
    for interface, text in seen.items():
        for marker in MARKERS + COSTS:
            assert marker not in text, (persona, interface, marker)


@pytest.mark.parametrize("persona", INSIDERS)
def test_kenyas_focal_point_and_staff_see_its_details(personas, imported, persona):
    seen = texts_seen_by(personas[persona], imported)
    for interface in ("activity page", "csv", "xlsx", "api detail", "activities.xml"):
        for marker in MARKERS:
            assert marker in seen[interface], (persona, interface, marker)
    # (the country report lists cost and outcomes to those who may see them)
    assert any(c in seen["country report"] for c in COSTS), persona


def test_consent_publishes_an_own_imported_activity_like_any_other(personas, staff, imported):
    services.consent_grant(
        user=staff, country="KE", groups=["narrative"], granted_by="Kenya mission"
    )
    seen = texts_seen_by(None, imported)
    assert DESCRIPTION in seen["activity page"] and OBJECTIVES in seen["api detail"]
    for text in seen.values():
        assert INSTITUTIONS not in text and COST not in text


def test_the_search_index_holds_no_detail_of_it(personas, imported):
    for user in personas.values():
        body = client_for(user).get("/activities/", {"q": OBJECTIVES}).content.decode()
        assert f'href="/activities/{imported.pk}/"' not in body


def test_another_publishers_activity_is_still_public_in_full(tmp_path, personas):
    path = write_file(
        tmp_path, "other.xml", activities_file(own_activity("XI-OTHER-1", reporting_ref="XI-OTHER"))
    )
    iati_import_files(user=None, paths=[path])
    activity = Activity.objects.get(identifier="XI-OTHER-1")
    assert activity.source == Source.IATI
    page = client_for(None).get(f"/activities/{activity.pk}/").content.decode()
    assert OBJECTIVES in page and DESCRIPTION in page


@pytest.mark.parametrize(
    ("reporting_ref", "identifier", "expected"),
    [
        ("XM-WIPO", "XM-WIPO-1", Source.IATI_OWN),
        (" xm-wipo ", "ANY-1", Source.IATI_OWN),  # no way round by case or spaces
        ("XI-OTHER", "XM-WIPO-TAD-0000007", Source.IATI_OWN),  # our identifier, their name
        ("XI-OTHER", "xm-wipo-7", Source.IATI_OWN),
        ("XI-OTHER", "XI-OTHER-XM-WIPO-1", Source.IATI),
        ("XM-WIPOX", "XM-WIPOX-1", Source.IATI),
    ],
)
def test_what_counts_as_this_organisations_own(reporting_ref, identifier, expected):
    assert import_source(reporting_ref=reporting_ref, identifier=identifier, own_ref="XM-WIPO") == (
        expected
    )


def test_the_setting_names_the_own_organisation(tmp_path, settings):
    settings.IPDEV_REPORTING_ORG_REF = "XM-OTHER-INSTANCE"
    path = write_file(tmp_path, "own.xml", activities_file(own_activity("XM-WIPO-OWN-2")))
    iati_import_files(user=None, paths=[path])
    assert Activity.objects.get(identifier="XM-WIPO-OWN-2").source == Source.IATI


def test_reimporting_an_own_activity_is_idempotent_and_keeps_the_rule(tmp_path, imported):
    path = write_file(tmp_path, "again.xml", activities_file(own_activity("XM-WIPO-OWN-1")))
    again = iati_import_files(user=None, paths=[path])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    imported.refresh_from_db()
    assert imported.source == Source.IATI_OWN


def test_an_older_import_of_an_own_activity_is_marked_by_the_migration(imported):
    """Before the rule, an own activity was kept as another publisher's: the migration's
    function marks it own (and leaves other publishers' alone)."""
    from importlib import import_module

    from django.apps import apps

    Activity.objects.filter(pk=imported.pk).update(source=Source.IATI)
    module = import_module(
        "ipdev.activities.migrations.0008_imported_own_activities_follow_consent"
    )
    module.mark_own(apps, None)
    imported.refresh_from_db()
    assert imported.source == Source.IATI_OWN
