"""Shared IATI test material: the public data under /work/shared, and small helpers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "iati"
SCHEMA_DIR = SHARED / "schemas" / "iati-2.03"


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"IATI reference data not found at {path} (see shared/data/iati/SOURCES.md)")
    return path


@pytest.fixture
def shared() -> Path:
    return _need(SHARED)


@pytest.fixture
def schema_dir(settings) -> Path:
    """The official 2.03 XSD folder, also configured for the importer's schema check."""
    settings.IPDEV_IATI_SCHEMA_DIR = str(_need(SCHEMA_DIR))
    return SCHEMA_DIR


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
def _schema_check_when_available(settings):
    """Import with the official XSD check whenever the shared schemas are present."""
    if SCHEMA_DIR.exists():
        settings.IPDEV_IATI_SCHEMA_DIR = str(SCHEMA_DIR)
