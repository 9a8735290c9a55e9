"""A parallel import, forked processes each reading some files and writing them in turn, is
the serial import: the same activities and ids, the same audit, index and report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from ipdev.iati import bulk
from ipdev.iati.importer.parallel import units_of
from ipdev.iati.services import iati_import_files
from ipdev.reference.loader import load_reference_data
from ipdev.search import engine

from .conftest import activities_file, activity_xml, write_file

SCRIPT = Path(__file__).with_name("forked_import.py")


def test_units_are_consecutive_files_of_about_the_size_given(tmp_path):
    sizes = [100, 300, 700, 50, 2000, 10, 10]
    paths = [write_file(tmp_path, f"{n}.xml", b"x" * size) for n, size in enumerate(sizes)]
    assert units_of(paths, 1000) == [[1, 2, 3], [4, 5], [6, 7]]
    assert units_of(paths, 1) == [[n] for n in range(1, 8)]
    assert units_of(paths, 10**9) == [list(range(1, 8))]
    missing = tmp_path / "missing.xml"  # (counted as empty: the reader refuses it)
    assert units_of([missing, *paths[:2]], 300) == [[1, 2, 3]]


def _script(data_dir: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(IPDEV_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="ipdev.settings")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else {}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """An SQLite database file, migrated once for the module's imports."""
    folder = tmp_path_factory.mktemp("migrated")
    _script(folder, "--migrate")
    return folder / "ipdev.sqlite3"


def _database(migrated: Path, folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(migrated, folder / "ipdev.sqlite3")
    return folder


def test_forked_processes_write_what_one_process_writes(migrated, sample, schema_dir, tmp_path):
    """Nineteen real publishers' files and a file given twice (every activity met again: each
    unchanged or compared with the version written before it), in units of about one file:
    several units per process, each waiting its turn."""
    files = [str(path) for path in sample]
    files = [*files, files[2]]
    serial = _script(_database(migrated, tmp_path / "serial"), "--serial", *files)
    forked = _script(_database(migrated, tmp_path / "forked"), "--unit-bytes", "20000", *files)
    three = _script(
        _database(migrated, tmp_path / "three"), "--workers", "3", "--unit-bytes", "1", *files
    )
    assert serial["run"]["counts"][1] > 50  # created
    assert serial["run"]["report"]["files"][-1]["unchanged"] > 0
    # (the report says how each process spent its time)
    assert (serial.pop("processes"), forked.pop("processes"), three.pop("processes")) == (1, 2, 3)
    for key in serial:
        assert forked[key] == serial[key], key
        assert three[key] == serial[key], key


def test_a_failure_in_a_forked_process_fails_the_run(migrated, tmp_path):
    """The process that fails stops the others: the run is marked failed and the error named.
    Units are written in the run's order, each in its own transactions: what was written
    before the failure stays, with no gap, and nothing from the failing file on (how far
    the others got depends on timing)."""
    source = tmp_path / "files"
    source.mkdir()
    files = [
        str(write_file(source, f"f{n}.xml", activities_file(activity_xml(f"XI-TEST-1-P{n}"))))
        for n in range(6)
    ]
    found = _script(
        _database(migrated, tmp_path / "db"), "--unit-bytes", "1", "--fail-on", "XI-TEST-1-P3",
        *files,
    )  # fmt: skip
    assert "mapper exploded on XI-TEST-1-P3" in found["error"]
    assert found["run"]["status"] == "failed"
    written = [row[1] for row in found["activities"]]
    assert written == [f"XI-TEST-1-P{n}" for n in range(len(written))]
    assert len(written) <= 3
    assert found["documents"] == len(written)


@pytest.fixture
def committed(transactional_db, database_restored_after_module):
    """Committed reference data, so that on a database server the processes really fork (the
    test database is put back as migrated once the module ends)."""
    load_reference_data()
    engine.rebuild([])


def test_a_parallel_import_here_is_the_same_import(committed, sample, schema_dir):
    """In the suite's own database: forked on PostgreSQL, in this process on an in-memory
    SQLite (which no other process can open); the same result either way."""
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert bulk.can_fork() == (not in_memory)
    run = iati_import_files(user=None, paths=sample, parallel=True)
    assert run.read == 65
    assert run.created + run.skipped + run.unchanged == run.read
    assert Activity.objects.filter(source="iati").count() == run.created
    assert AuditEntry.objects.filter(action="activity.imported").count() == run.created
    assert engine.document_count() == run.created
    again = iati_import_files(user=None, paths=sample, parallel=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, run.created)


def test_inside_a_transaction_the_import_runs_here(db, tmp_path):
    """Forked processes could not see this transaction's rows, nor be part of it."""
    paths = [
        write_file(tmp_path, f"t{n}.xml", activities_file(activity_xml(f"XI-TEST-1-T{n}")))
        for n in range(3)
    ]
    assert not bulk.can_fork()
    run = iati_import_files(user=None, paths=paths, parallel=True)
    assert run.created == 3


def test_an_import_killed_midway_is_marked_interrupted_and_finished_by_a_rerun(migrated, tmp_path):
    """A real kill (SIGKILL, nothing can run on the way out): the run is left "running";
    the next look at the runs marks it interrupted, with what it wrote; importing the same
    files again writes the rest and finds what was written unchanged."""
    source = tmp_path / "files"
    source.mkdir()
    files = [
        str(write_file(source, f"k{n}.xml", activities_file(
            activity_xml(f"XI-TEST-1-K{n}A"), activity_xml(f"XI-TEST-1-K{n}B")
        )))
        for n in range(3)
    ]  # fmt: skip
    folder = _database(migrated, tmp_path / "db")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(IPDEV_DATA_DIR=str(folder), DJANGO_SETTINGS_MODULE="ipdev.settings")
    killed = subprocess.run(
        [sys.executable, str(SCRIPT), "--serial", "--batch-size", "2", "--kill-after", "2",
         *files],
        env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert killed.returncode == -9, killed.stderr[-2000:]
    seen = _script(folder, "--runs")
    assert seen["marked"] == 1
    (run,) = seen["runs"]
    assert run["status"] == "interrupted"
    assert run["report"]["interrupted"]["written"] == 2
    assert _script(folder, "--runs")["marked"] == 0  # (once)
    again = _script(folder, "--serial", *files)
    assert again["run"]["status"] == "done"
    assert again["run"]["counts"] == [6, 4, 0, 2, 0]  # read, created, updated, unchanged, skipped
    assert len(again["activities"]) == 6
