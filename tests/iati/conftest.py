"""IATI test material: a sample of real files committed here, the full shared collection when it
is present (``../shared/data/iati`` beside the repository, or ``IPDEV_SHARED_IATI``), helpers."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

SHARED = Path(
    os.environ.get("IPDEV_SHARED_IATI")
    or Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati"
)
DATA = Path(__file__).resolve().with_name("data") / "activities"  # (see data/README.md)
# Nineteen real files of as many publishers (2.01, 2.02, 2.03; test fixtures and live data),
# each cut to its first six activities at most.
SAMPLE = (
    "AA-AAA-123456789/IATI__IATI-Datastore__2.01-example-annotated.xml",
    "GB-GOV-1/zimmerman-team__IATI.cloud__5e87f792-3d59-4f06-afcf-a8efa8523553.xml",
    "ES-DIR3-E04585801/zimmerman-team__IATI.cloud__MAEC_IATI_INDONESIA.xml",
    "XM-DAC-2-10/pwyf__aid-transparency-tracker__test_03-be-dgd-excludes-self-refs.xml",
    "GB-CHC-285776/OCHA-DAP__hdx-scraper-iati-viz__dportal_23.xml",
    "XX-IATI-TEST/iati-data-access__iati-flattener__budget-dates-issue-activity.xml",
    "GB-CHC-1143797/iati-data-access__iati-flattener__sr-activity.xml",
    "41AAA/iati-data-access__iati-flattener__unops-at-activity.xml",
    "DK-CVR-31378028/iati-data-access__iati-flattener__3fi-activity.xml",
    "CH-FDJP-110.162.567/iati-data-access__iati-flattener__finddiagnostics-activity.xml",
    "CA-3/iati-data-access__iati-flattener__canada-activity.xml",
    "GB-COH-11126312/iati-data-access__iati-flattener__gdihub-activity.xml",
    "44000/iati-data-access__iati-flattener__worldbank-activity.xml",
    "_multi-publisher/OCHA-DAP__hdx-scraper-iati-viz__dportal.xml",
    "XM-DAC-7/zimmerman-team__IATI.cloud__example_203_file.xml",
    "US-GOV-1/iati-data-access__iati-flattener__usaid-activity.xml",
    "GB-GOV-13/iati-data-access__iati-flattener__beis-activity.xml",
    "US-EIN-300108263/OCHA-DAP__hdx-scraper-iati-viz__dportal_58.xml",
    "DE-1/OCHA-DAP__hdx-scraper-iati-viz__dportal_14.xml",
)
# Two IATI 1.0x files, which the importer refuses.
VERSION_1 = (
    "GB-1/pwyf__aid-transparency-tracker__dfid-ml.xml",
    "21033/openaid-IATI__OIPA-V2__collection.xml",
)


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"The shared IATI collection is not at {path} (set IPDEV_SHARED_IATI to its folder; "
            "see shared/data/iati/SOURCES.md): this test needs more than the committed sample"
        )
    return path


@pytest.fixture
def shared() -> Path:
    """The full shared collection: for the few tests that need all of it (skipped without)."""
    return _need(SHARED)


@pytest.fixture
def sample() -> list[Path]:
    """The committed sample of real files (always present)."""
    return [DATA / name for name in SAMPLE]


@pytest.fixture
def version_1() -> list[Path]:
    return [DATA / name for name in VERSION_1]


@pytest.fixture
def schema_dir(settings) -> Path:
    """The official 2.03 XSD folder shipped with ipdev, in use (no override)."""
    from ipdev.iati.schema import PACKAGED

    settings.IPDEV_IATI_SCHEMA_DIR = ""
    return PACKAGED


@pytest.fixture
def activities_schema(schema_dir) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schema_dir / "iati-activities-schema.xsd")))


# Until "ipdev.iati" is in INSTALLED_APPS its models cannot even be imported: collect nothing.
collect_ignore_glob = [] if "ipdev.iati" in settings.INSTALLED_APPS else ["test_*.py"]


def export_xml(user=None, **params) -> bytes:
    """The IATI file an interface would serve this user for these search parameters."""
    import dataclasses

    from ipdev.activities import filters
    from ipdev.activities.selectors import activity_details_stream
    from ipdev.iati.export.writer import write_activities

    query = dataclasses.replace(filters.parse(params, facets=False).query, facets=False)
    out = io.BytesIO()
    write_activities(activity_details_stream(user=user, query=query), out)
    return out.getvalue()


def write_file(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def activity_xml(identifier: str = "XI-TEST-1-A1", *, title: str = "A test activity",
                 extra: str = "", last_updated: str = "") -> str:  # fmt: skip
    """One minimal, schema-valid 2.03 activity."""
    updated = f' last-updated-datetime="{last_updated}"' if last_updated else ""
    return f"""<iati-activity xml:lang="en" default-currency="USD"{updated}>
  <iati-identifier>{identifier}</iati-identifier>
  <reporting-org ref="XI-TEST-1" type="22"><narrative>Test NGO</narrative></reporting-org>
  <title><narrative>{title}</narrative></title>
  <description type="1"><narrative>What it does.</narrative></description>
  <participating-org role="4" ref="XI-TEST-2" type="22">
    <narrative>Partner</narrative>
  </participating-org>
  <activity-status code="2"/>
  <activity-date type="2" iso-date="2023-01-15"/>
  <recipient-country code="KE" percentage="100"/>
  {extra}
</iati-activity>"""


def activities_file(*activities: str, version: str = "2.03") -> str:
    body = "\n".join(activities)
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f'{head}\n<iati-activities version="{version}">\n{body}\n</iati-activities>\n'


@pytest.fixture(autouse=True)
def _shipped_schemas(settings, monkeypatch):
    """The import's schema check uses the XSD files shipped with ipdev, whatever the
    environment says (a test that overrides them sets the setting itself)."""
    monkeypatch.delenv("IPDEV_IATI_SCHEMA_DIR", raising=False)
    settings.IPDEV_IATI_SCHEMA_DIR = ""
