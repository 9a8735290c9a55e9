"""The export of ``ipdev export-iati``, built by forked workers: the same file, the same rule."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from ipdev.activities.selectors import activity_details_stream, matching_activity_ids
from ipdev.iati.export import parallel
from ipdev.iati.export.writer import write_activities
from ipdev.reference.loader import load_reference_data
from ipdev.search import engine
from ipdev.search.types import Query
from tests.factories import make_activity

SECRET = "SECRET-NARRATIVE-4242"
GENERATED = "2026-01-01T00:00:00+00:00"
pytestmark = pytest.mark.usefixtures("database_restored_after_module")


def _both(user, workers: int = 2) -> tuple[bytes, bytes]:
    query = Query(facets=False)
    serial, forked = io.BytesIO(), io.BytesIO()
    write_activities(activity_details_stream(user=user, query=query), serial, generated=GENERATED)
    count = parallel.write_activities_parallel(
        matching_activity_ids(query), forked, user=user, workers=workers, generated=GENERATED
    )
    assert count == len(re.findall(rb"<iati-activity[ >]", forked.getvalue()))
    return serial.getvalue(), forked.getvalue()


@pytest.fixture
def committed(transactional_db):
    """Committed rows (the workers' connections see them), reference data included: the flush
    after a transactional test empties the reference tables, restored once the module ends."""
    load_reference_data()
    engine.rebuild([])


def test_workers_write_the_file_one_process_writes(committed, staff, monkeypatch):
    """Committed data, so on a database server the workers really fork (an in-memory SQLite
    cannot be shared: the file is then written in this process, the same way)."""
    monkeypatch.setattr(parallel, "CHUNK", 3)  # several chunks per worker, in order
    for n in range(11):
        make_activity(user=staff, title=f"Activity {n}", description=SECRET)
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    assert parallel.can_fork() == (not in_memory)
    serial, forked = _both(None)
    assert forked == serial
    assert SECRET.encode() not in forked  # no consent: the narrative stays hidden
    staff_serial, staff_forked = _both(staff, workers=3)
    assert staff_forked == staff_serial
    assert SECRET.encode() in staff_forked


@pytest.mark.django_db
def test_inside_a_transaction_the_file_is_written_here(staff):
    """The workers could not see this transaction's rows: no fork, and nothing missing."""
    make_activity(user=staff, title="Uncommitted")
    assert not parallel.can_fork()
    serial, forked = _both(None)
    assert forked == serial
    assert b"Uncommitted" in forked


def _ipdev(env: dict, *args: str) -> subprocess.CompletedProcess:
    code = "from ipdev.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


ACTIVITY = """<iati-activity default-currency="EUR" last-updated-datetime="2026-01-01T00:00:00Z">
 <iati-identifier>XM-TEST-{n}</iati-identifier>
 <reporting-org ref="XM-TEST" type="10"><narrative>Test publisher</narrative></reporting-org>
 <title><narrative>Patent office support {n}</narrative></title>
 <description type="1"><narrative>Training for examiners, round {n}.</narrative></description>
 <activity-status code="2"/>
 <activity-date type="2" iso-date="2024-0{month}-01"/>
 <recipient-country code="KE" percentage="100"/>
 <budget type="1"><period-start iso-date="2024-01-01"/><period-end iso-date="2024-12-31"/>
  <value currency="EUR" value-date="2024-01-01">{n}000</value></budget>
</iati-activity>"""


def test_the_command_on_a_database_file(tmp_path: Path):
    """``ipdev export-iati`` end to end on an SQLite file, where its workers fork (1,100
    activities: three chunks): the file is byte for byte the one a single process writes."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(IPDEV_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="ipdev.settings")
    source = tmp_path / "source.xml"
    items = "\n".join(ACTIVITY.format(n=n, month=1 + n % 9) for n in range(1100))
    source.write_text(f'<iati-activities version="2.03">{items}</iati-activities>')
    for args in (("migrate", "--verbosity", "0"), ("import-iati", str(source))):
        done = _ipdev(env, *args)
        assert done.returncode == 0, done.stderr
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"export-{workers}.xml"
        done = _ipdev(env, "export-iati", "--workers", workers, "-o", str(out))
        assert done.returncode == 0, done.stderr
        assert "1100 activities written." in done.stderr
        outputs[workers] = re.sub(rb'generated-datetime="[^"]+"', b"", out.read_bytes())
    assert outputs["2"] == outputs["1"]
    assert outputs["2"].count(b"<iati-activity ") == 1100
    done = _ipdev(env, "export-iati", "--workers", "0", "-o", str(tmp_path / "x.xml"))
    assert done.returncode != 0
    assert "--workers: give 1 or more." in done.stderr
