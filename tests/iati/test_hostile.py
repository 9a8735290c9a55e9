"""Hostile and broken files: each is refused or triaged with a clear message, quickly, and
nothing is written."""

from __future__ import annotations

import resource
import time

import pytest

from ipdev.activities.models import Activity
from ipdev.iati.services import iati_import_files

from .conftest import activities_file, activity_xml, write_file

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["tree", "held", "stream"])
def reading_mode(request, monkeypatch):
    """Every case three ways: a small file read as one tree; streamed as a larger one is, held
    until it has parsed to the end; and streamed after a check pass, as the largest are."""
    from ipdev.iati.importer import parse

    if request.param != "tree":
        monkeypatch.setattr(parse, "TREE_BYTES", 0)
    if request.param == "stream":
        monkeypatch.setattr(parse, "HOLD_BYTES", 0)
    return request.param


BILLION_LAUGHS = (
    """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03">"""
    + activity_xml(title="&lol9;")
    + "</iati-activities>"
)


def external_entity(system_id: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "{system_id}">]>\n'
        f'<iati-activities version="2.03">{activity_xml(title="&xxe;")}</iati-activities>'
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_on(path, **options):
    """Import one file; bounded time and memory, and nothing written."""
    started, peak = time.monotonic(), peak_rss_mb()
    run = iati_import_files(user=None, paths=[path], **options)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert peak_rss_mb() - peak < 100, "the peak memory grew by more than 100 MB"
    assert not Activity.objects.exists()
    return run.report["files"][0]


CASES = {
    "billion-laughs": (BILLION_LAUGHS, "DOCTYPE|entities"),
    "external-entity-file": (external_entity("file:///etc/passwd"), "DOCTYPE|entities"),
    "external-entity-http": (external_entity("http://127.0.0.1:9/x"), "DOCTYPE|entities"),
    "doctype": (
        '<!DOCTYPE iati-activities SYSTEM "iati.dtd">'
        + activities_file(activity_xml()).split("\n", 1)[1],
        "DOCTYPE",
    ),
    "deep-nesting": (
        '<iati-activities version="2.03"><iati-activity>'
        + "<a>" * 10_000
        + "</a>" * 10_000
        + "</iati-activity></iati-activities>",
        "nested too deeply",
    ),
    "truncated": (
        activities_file(activity_xml(), activity_xml("XI-TEST-1-B"))[:-200],
        "incomplete",
    ),
    "not-xml": ("just some text, no markup", "not XML"),
    "json": ('{"result": []}', "not XML"),
    "empty": ("", "empty"),
    "not-iati": ('<?xml version="1.0"?><result><iati-activity/></result>', "not an IATI"),
    "organisation-file": ('<iati-organisations version="2.03"/>', "not an IATI"),
    "version-1": (activities_file(activity_xml(), version="1.05"), "not supported"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_or_broken_file_is_refused_with_a_clear_message(tmp_path, case):
    import re

    content, expected = CASES[case]
    file = run_on(write_file(tmp_path, f"{case}.xml", content))
    assert file["refused"], file
    assert re.search(expected, file["refused"]), file["refused"]
    assert file["problems_by_severity"]["critical"] == 1


def test_huge_text_node_is_refused(tmp_path):
    content = activities_file(activity_xml(title="x" * 20_000_000))
    file = run_on(write_file(tmp_path, "huge.xml", content))
    assert "too large" in file["refused"] or "huge" in file["refused"].lower()


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    content = activities_file(activity_xml())
    file = run_on(write_file(tmp_path, "big.xml", content), max_bytes=100)
    assert "limit" in file["refused"]


def test_real_file_with_internal_entities_is_refused(shared):
    path = shared / "activities/XM-DAC-41122/khmdagal__IATI-data-analyst-task/fixed-file.xml"
    assert "DOCTYPE" in run_on(path)["refused"]


def test_shared_json_file_named_xml_is_refused(shared):
    path = (
        shared
        / "activities/_multi-publisher/OCHA-DAP__hdx-scraper-iati-viz/saved_data/dportal_140.xml"
    )
    assert "not XML" in run_on(path)["refused"]


def test_utf16_with_a_byte_order_mark_is_read_with_a_warning(tmp_path):
    content = activities_file(activity_xml()).replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write_file(tmp_path, "utf16.xml", content.encode("utf-16"))
    run = iati_import_files(user=None, paths=[path])
    assert run.created == 1
    messages = [p["message"] for p in run.report["files"][0]["problems"]]
    assert any("UTF-16" in m for m in messages)


@pytest.mark.parametrize(
    "name", ["valid-UTF-16BE.xml", "valid-UTF-32.xml", "valid-windows-1252.xml"]
)
def test_badly_encoded_files_are_refused_clearly(shared, name):
    folder = shared / "validator-cases/pyiati-0.4.1-test-data/version_independent/dataset-encoding"
    refused = run_on(folder / name)["refused"]
    assert "cannot be decoded" in refused
    assert "UTF-8" in refused


def test_a_refused_file_does_not_stop_the_others(tmp_path):
    bad = write_file(tmp_path, "bad.xml", "{}")
    good = write_file(tmp_path, "good.xml", activities_file(activity_xml()))
    run = iati_import_files(user=None, paths=[bad, good])
    assert run.created == 1
    assert run.critical == 1
