"""Importing IATI files: real publishers' files, idempotent re-import, updates, triage, batches."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from ipdev.iati.export.writer import write_activities
from ipdev.iati.importer import parse
from ipdev.iati.models import ImportedActivity, ImportRun
from ipdev.iati.services import iati_import_files
from ipdev.search import engine
from ipdev.search.types import Query
from tests.factories import make_activity

from .conftest import activities_file, activity_xml, write_file

pytestmark = pytest.mark.django_db


def imported(tmp_path, *activities: str, name: str = "file.xml", **options) -> ImportRun:
    path = write_file(tmp_path, name, activities_file(*activities))
    return iati_import_files(user=None, paths=[path], **options)


def test_real_files_from_many_publishers_and_versions_import(sample, schema_dir):
    run = iati_import_files(user=None, paths=sample)
    files = run.report["files"]
    assert [f["refused"] for f in files] == [""] * len(sample)
    assert {f["version"] for f in files} == {"2.01", "2.02", "2.03"}
    assert run.read == 65
    assert run.created + run.skipped + run.unchanged == run.read
    assert run.created > 50
    assert Activity.objects.filter(source="iati").count() == run.created
    assert AuditEntry.objects.filter(action="activity.imported").count() == run.created
    assert ImportedActivity.objects.count() == run.created


def test_imported_real_activities_export_as_valid_iati(sample, activities_schema):
    from ipdev.activities.selectors import activity_details_stream

    iati_import_files(user=None, paths=sample[:12])
    out = io.BytesIO()
    count = write_activities(activity_details_stream(user=None, query=Query(facets=False)), out)
    assert count == Activity.objects.count()
    activities_schema.assertValid(etree.fromstring(out.getvalue()))


def test_version_1_files_are_refused_with_a_clear_message(version_1):
    run = iati_import_files(user=None, paths=version_1)
    for file in run.report["files"]:
        assert "not supported" in file["refused"]
        assert "2.01 to 2.03" in file["refused"]
    assert run.critical == 2
    assert not Activity.objects.exists()


def test_reimport_changes_nothing(sample, schema_dir):
    first = iati_import_files(user=None, paths=sample)
    audits = AuditEntry.objects.count()
    again = iati_import_files(user=None, paths=sample)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == first.created + first.updated
    assert AuditEntry.objects.count() == audits


def test_changed_activity_is_updated_with_an_audit_entry(tmp_path):
    imported(tmp_path, activity_xml(title="Old title", last_updated="2024-01-01T00:00:00Z"))
    run = imported(tmp_path, activity_xml(title="New title", last_updated="2024-02-01T00:00:00Z"))
    assert (run.created, run.updated) == (0, 1)
    activity = Activity.objects.get(identifier="XI-TEST-1-A1")
    assert activity.title == "New title"
    entry = AuditEntry.objects.get(action="activity.updated_by_import")
    assert entry.object_id == str(activity.pk)
    assert entry.changes == {"title": ["Old title", "New title"]}


def test_an_older_version_does_not_replace_a_newer_one(tmp_path):
    imported(tmp_path, activity_xml(title="Newer", last_updated="2024-02-01T00:00:00Z"))
    run = imported(tmp_path, activity_xml(title="Older", last_updated="2023-01-01T00:00:00Z"))
    assert run.updated == 0
    assert Activity.objects.get().title == "Newer"
    messages = [p["message"] for p in run.report["files"][0]["problems"]]
    assert any("not newer" in m for m in messages), messages


def test_activities_entered_in_ipdev_are_never_overwritten(tmp_path, staff):
    own = make_activity(user=staff, identifier="XI-TEST-1-A1", title="Ours")
    run = imported(tmp_path, activity_xml(title="Theirs"))
    own.refresh_from_db()
    assert own.title == "Ours"
    assert run.skipped == 1
    assert "entered in ipdev" in run.report["files"][0]["problems"][0]["message"]


def test_a_critical_problem_skips_only_that_activity(tmp_path):
    broken = activity_xml("").replace("<iati-identifier></iati-identifier>", "")
    run = imported(tmp_path, activity_xml("XI-TEST-1-A1"), broken, activity_xml("XI-TEST-1-A3"))
    assert (run.read, run.created, run.skipped) == (3, 2, 1)
    problem = run.report["files"][0]["problems"][0]
    assert problem["severity"] == "critical"
    assert problem["xpath"] == "iati-identifier"


def test_problems_and_what_was_not_kept_are_reported(tmp_path):
    extra = (
        '<recipient-country code="ZZ" percentage="100"/>'
        '<transaction><transaction-type code="3"/></transaction>'
        '<transaction><transaction-type code="4"/></transaction>'
    )
    run = imported(tmp_path, activity_xml(extra=extra))
    file = run.report["files"][0]
    assert file["not_kept"]["transaction"] == 2
    codes = [p for p in file["problems"] if p["xpath"] == "recipient-country/@code"]
    assert codes and codes[0]["severity"] == "error" and "ZZ" in codes[0]["message"]
    assert run.status == ImportRun.Status.DONE_WITH_PROBLEMS


def test_schema_errors_are_reported_but_the_activity_is_kept(tmp_path, schema_dir):
    invalid = activity_xml(extra='<activity-scope code="4"/>')  # out of schema order
    run = imported(tmp_path, invalid)
    assert run.created == 1
    messages = [p["message"] for p in run.report["files"][0]["problems"]]
    assert any(m.startswith("Schema:") for m in messages)


def test_imported_activities_are_searchable(tmp_path):
    imported(tmp_path, activity_xml())
    pk = Activity.objects.get().pk
    assert list(engine.matching_ids(Query(filters={"country": ["KE"]}, facets=False))) == [pk]


def test_a_failing_batch_leaves_no_half_activity(tmp_path, monkeypatch):
    from ipdev.iati.importer import store

    calls = []

    index_facts = store.indexing.index_facts

    def failing(facts, lookups, known):
        calls.append(facts)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        index_facts(facts, lookups, known)

    monkeypatch.setattr(store.indexing, "index_facts", failing)
    with pytest.raises(RuntimeError):
        imported(tmp_path, activity_xml("XI-TEST-1-A1"), activity_xml("XI-TEST-1-A2"), batch_size=1)
    first = Activity.objects.get()
    assert first.identifier == "XI-TEST-1-A1"
    assert list(first.countries.values_list("pk", flat=True)) == ["KE"]
    assert ImportedActivity.objects.get().activity_id == first.pk
    assert AuditEntry.objects.filter(action="activity.imported").count() == 1
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED


def test_progress_is_reported(tmp_path):
    seen = []
    path = write_file(tmp_path, "a.xml", activities_file(activity_xml()))
    iati_import_files(user=None, paths=[path], progress=seen.append)
    assert seen[-1].done and seen[-1].read == 1


def test_the_schema_check_uses_the_shipped_schemas_by_default(tmp_path, monkeypatch):
    from ipdev.iati import schema as xsd

    monkeypatch.delenv("IPDEV_IATI_SCHEMA_DIR", raising=False)
    assert xsd.schema_dir() == xsd.PACKAGED
    assert xsd.unavailable_reason() == ""
    bad = activity_xml().replace('<activity-status code="2"/>', "<activity-status/>")
    run = imported(tmp_path, bad)
    assert run.report["schema_check"] == "on"
    assert any(p["message"].startswith("Schema: ") for p in run.report["files"][0]["problems"])


def test_a_missing_schema_folder_is_said_clearly(tmp_path, settings):
    settings.IPDEV_IATI_SCHEMA_DIR = str(tmp_path / "nowhere")
    run = imported(tmp_path, activity_xml())
    assert run.created == 1  # imported, unchecked
    assert run.report["schema_check"].startswith("skipped: IPDEV_IATI_SCHEMA_DIR is ")
    assert "iati-activities-schema.xsd is not there" in run.report["schema_check"]
    warning = run.report["files"][0]["problems"][0]
    assert warning["severity"] == "warning"
    assert warning["message"].startswith("XSD check skipped:")


def test_missing_shipped_schemas_are_said_clearly(tmp_path, monkeypatch):
    from ipdev.iati import schema as xsd

    monkeypatch.setattr(xsd, "PACKAGED", tmp_path / "gone")
    run = imported(tmp_path, activity_xml())
    assert "shipped with ipdev are missing" in run.report["schema_check"]
    assert run.status == ImportRun.Status.DONE  # a warning, not an error


def test_an_unreadable_schema_is_said_clearly_and_does_not_stop_the_import(tmp_path, settings):
    folder = tmp_path / "xsd"
    folder.mkdir()
    (folder / "iati-activities-schema.xsd").write_text("<not-a-schema")
    settings.IPDEV_IATI_SCHEMA_DIR = str(folder)
    run = imported(tmp_path, activity_xml())
    assert run.created == 1
    assert "cannot be read" in run.report["schema_check"]


def test_the_schema_check_is_recorded(tmp_path, schema_dir):
    assert imported(tmp_path, activity_xml("XI-TEST-1-S1")).report["schema_check"] == "on"
    off = imported(tmp_path, activity_xml("XI-TEST-1-S2"), schema_check=False)
    assert off.report["schema_check"] == "off"


def test_the_command_warns_when_the_schema_check_cannot_run(tmp_path, settings):
    from django.core.management import call_command

    settings.IPDEV_IATI_SCHEMA_DIR = str(tmp_path / "nowhere")
    path = write_file(tmp_path, "one.xml", activities_file(activity_xml()))
    out = io.StringIO()
    call_command("import-iati", str(path), stdout=out, stderr=io.StringIO())
    assert "WARNING: XSD check skipped: IPDEV_IATI_SCHEMA_DIR is" in out.getvalue()
    assert "1 created" in out.getvalue()


def test_the_command_refuses_no_workers(tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = write_file(tmp_path, "one.xml", activities_file(activity_xml()))
    with pytest.raises(CommandError, match=r"--workers: give 1 or more\."):
        call_command("import-iati", str(path), "--workers", "0")
    out = io.StringIO()
    call_command("import-iati", str(path), "--workers", "1", stdout=out, stderr=io.StringIO())
    assert "1 created" in out.getvalue()


def _reading_options() -> dict:
    from ipdev.iati import schema as xsd
    from ipdev.iati.services import load_vocabulary

    schema = xsd.schema_for("iati-activity")
    return {"vocab": load_vocabulary(), "schema": schema, "batch_size": 50, "max_bytes": 10**9}


def _chunk_facts(chunks) -> list:
    return [
        (c.index, c.read, c.skipped, c.version, c.last, c.refused, c.problems, c.file_problems,
         dict(c.not_kept), [d.content() for d in c.drafts], [d.identifier for d in c.drafts])
        for c in chunks
    ]  # fmt: skip


def test_a_file_read_as_a_tree_or_streamed_gives_the_same_chunks(
    sample, version_1, schema_dir, monkeypatch
):
    """Small files are parsed whole and schema-checked in one call; larger ones are streamed
    and checked activity by activity, either held until they have parsed to the end or
    checked in a first pass. Same activities, same problems, same schema messages."""
    from ipdev.iati.importer.reading import read_chunks

    paths = [*sample, *version_1]
    options = _reading_options()
    as_trees = _chunk_facts(read_chunks(paths, **options))
    monkeypatch.setattr(parse, "TREE_BYTES", 0)
    held = _chunk_facts(read_chunks(paths, **options))
    monkeypatch.setattr(parse, "HOLD_BYTES", 0)
    streamed = _chunk_facts(read_chunks(paths, **options))
    assert as_trees == held == streamed
    messages = [p.message for c in as_trees for p in c[6]]
    assert sum(m.startswith("Schema: line ") for m in messages) > 20


def test_schema_errors_of_a_whole_file_go_to_their_activities(schema_dir):
    from ipdev.iati import schema as xsd

    schema = xsd.schema_for("iati-activity")
    ok, bad = (
        activity_xml("XI-TEST-1-OK"),
        activity_xml("XI-TEST-1-BAD").replace("</iati-activity>", "<not-iati/></iati-activity>"),
    )
    tree = etree.ElementTree(etree.fromstring(activities_file(ok, bad, ok).encode()))
    found = xsd.errors_by_activity(schema, tree)
    assert list(found) == [2]
    assert found[2] == xsd.errors_of(schema, tree.getroot()[1])
    assert "not-iati" in found[2][0]
    single = etree.ElementTree(etree.fromstring(activities_file(bad).encode()))
    assert list(xsd.errors_by_activity(schema, single)) == [1]  # (no [1] in a lone one's path)


class _SchemaThatCannotRun:
    """A schema whose check fails inside libxml2 ("Internal error in XML Schema validation")."""

    error_log = ()

    def validate(self, _):
        raise etree.XMLSchemaValidateError("Internal error in XML Schema validation.")


@pytest.mark.parametrize("tree_bytes", [parse.TREE_BYTES, 0], ids=["tree", "held"])
def test_a_schema_check_that_cannot_run_is_a_warning_not_a_failed_import(
    tmp_path, monkeypatch, tree_bytes
):
    from ipdev.iati.importer.reading import read_chunks

    monkeypatch.setattr(parse, "TREE_BYTES", tree_bytes)
    path = write_file(tmp_path, "a.xml", activities_file(activity_xml("XI-TEST-1-U1")))
    options = {**_reading_options(), "schema": _SchemaThatCannotRun()}
    (chunk,) = read_chunks([path], **options)
    assert [d.identifier for d in chunk.drafts] == ["XI-TEST-1-U1"]
    assert [(p.severity, p.message) for p in chunk.problems] == [
        ("warning", "The schema check could not run: Internal error in XML Schema validation.")
    ]


def _comparable(doc):
    facets = {name: sorted(values) for name, values in doc.facets.items()}
    return (doc.id, doc.title, doc.text, doc.date, facets)


def test_search_documents_built_from_drafts_match_those_read_back(sample, monkeypatch):
    from ipdev.activities import indexing
    from ipdev.iati.importer import store

    built = []
    index_facts = store.indexing.index_facts

    def recording(facts, lookups, known):
        facts = list(facts)
        built.extend(indexing.document(f, lookups) for f in facts)
        index_facts(facts, lookups, known)

    monkeypatch.setattr(store.indexing, "index_facts", recording)
    run = iati_import_files(user=None, paths=sample, schema_check=False)
    assert run.created == len(built) > 50
    from_db = {doc.id: doc for doc in indexing.documents([doc.id for doc in built])}
    assert [_comparable(d) for d in built] == [_comparable(from_db[d.id]) for d in built]
    # The words split where the files were read are those the engine splits from the text.
    from ipdev.search.text import split_words

    assert all(d.words == split_words(d.title, [d.text]) for d in built)
    assert any(not d.text.isascii() for d in built)
    assert any(d.facets["region"] for d in built) and any(d.facets["country"] for d in built)


def test_small_files_share_a_transaction(tmp_path, monkeypatch):
    from ipdev.iati.importer.store import Store

    batches = []
    write = Store.write

    def counting(self, items):
        batches.append(len(items))
        return write(self, items)

    monkeypatch.setattr(Store, "write", counting)
    paths = [
        write_file(tmp_path, f"f{n}.xml", activities_file(activity_xml(f"XI-TEST-1-S{n}")))
        for n in range(6)
    ]
    run = iati_import_files(user=None, paths=paths, batch_size=4)
    assert run.created == 6 and batches == [4, 2]  # one transaction each
    assert [f["created"] for f in run.report["files"]] == [1] * 6


@pytest.mark.parametrize("hold_bytes", [parse.HOLD_BYTES, 0], ids=["held", "checked first"])
def test_a_streamed_file_that_breaks_after_a_batch_imports_nothing(
    tmp_path, monkeypatch, hold_bytes
):
    """Streamed, a file cut off after its first batches: held, what was read of it is dropped
    when the parse fails; checked first, it is refused before anything is read. Either way
    nothing of it is written and the next file is imported."""
    monkeypatch.setattr(parse, "TREE_BYTES", 0)
    monkeypatch.setattr(parse, "HOLD_BYTES", hold_bytes)
    items = [activity_xml(f"XI-TEST-1-C{n}") for n in range(7)]
    broken = write_file(tmp_path, "broken.xml", activities_file(*items)[:-40])
    fine = write_file(tmp_path, "fine.xml", activities_file(activity_xml("XI-TEST-1-FINE")))
    run = iati_import_files(user=None, paths=[broken, fine], batch_size=3)
    first, second = run.report["files"]
    assert "incomplete" in first["refused"]
    assert (first["read"], first["created"], first["problems_by_severity"]["critical"]) == (0, 0, 1)
    assert second["created"] == 1
    assert list(Activity.objects.values_list("identifier", flat=True)) == ["XI-TEST-1-FINE"]


def test_creation_entries_point_at_the_fingerprint(tmp_path):
    run = imported(tmp_path, activity_xml("XI-TEST-1-F1"))
    assert run.created == 1
    entry = AuditEntry.objects.get(action="activity.imported")
    fingerprint = ImportedActivity.objects.get()
    assert entry.changes == {
        "identifier": [None, "XI-TEST-1-F1"],
        "content_hash": [None, fingerprint.content_hash],
    }
    assert fingerprint.content["title"]


def test_the_same_content_under_an_older_fingerprint_is_unchanged(tmp_path):
    """A fingerprint written another way (an earlier version of ipdev) is only refreshed."""
    path = write_file(tmp_path, "one.xml", activities_file(activity_xml("XI-TEST-1-F2")))
    iati_import_files(user=None, paths=[path])
    fingerprint = ImportedActivity.objects.get()
    ImportedActivity.objects.update(content_hash="0" * 64)
    again = iati_import_files(user=None, paths=[path])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert not AuditEntry.objects.filter(action="activity.updated_by_import").exists()
    assert ImportedActivity.objects.get().content_hash == fingerprint.content_hash
