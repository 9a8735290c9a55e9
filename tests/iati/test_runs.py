"""Import bookkeeping a script can trust: interrupted runs are marked so, the command's exit
status says whether everything was imported."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone

from ipdev.iati import runs
from ipdev.iati.models import ImportRun
from ipdev.iati.services import import_runs_mark_interrupted
from tests.conftest import client_for

from .conftest import activities_file, activity_xml, write_file

pytestmark = pytest.mark.django_db


def dead_process() -> str:
    """The process record of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return f"{runs.socket.gethostname()}/{child.pid}/1"


def test_a_run_whose_process_is_gone_is_marked_interrupted(staff):
    now = timezone.now()
    gone = ImportRun.objects.create(files=["a.xml"], process=dead_process(), heartbeat_at=now)
    live = ImportRun.objects.create(files=["b.xml"], process=runs.this_process())
    assert import_runs_mark_interrupted(now=now) == 1
    gone.refresh_from_db()
    live.refresh_from_db()
    assert gone.status == ImportRun.Status.INTERRUPTED
    assert gone.finished_at == now
    assert gone.report["interrupted"]["written"] == 0
    assert live.status == ImportRun.Status.RUNNING
    assert import_runs_mark_interrupted(now=now) == 0


def test_a_pid_given_to_a_later_process_is_no_proof_of_life():
    me = runs.this_process()
    host, pid, started = me.split("/")
    now = timezone.now()
    assert runs.alive(me, last_beat=None, now=now)
    if started:  # (where /proc tells start times)
        assert not runs.alive(f"{host}/{pid}/{int(started) + 1}", last_beat=None, now=now)


def test_a_run_of_another_host_is_interrupted_once_its_heartbeat_is_stale():
    now = timezone.now()
    other = "another-host/123/456"
    assert runs.alive(other, last_beat=now - dt.timedelta(minutes=5), now=now)
    assert not runs.alive(other, last_beat=now - runs.STALE - dt.timedelta(seconds=1), now=now)
    assert not runs.alive(other, last_beat=None, now=now)


def test_the_back_office_says_an_import_was_interrupted(staff):
    run = ImportRun.objects.create(
        files=["a.xml"], process=dead_process(), heartbeat_at=timezone.now()
    )
    client = client_for(staff)
    listing = client.get("/backoffice/iati/importrun/").content.decode()
    assert "Interrupted" in listing
    page = client.get(f"/backoffice/iati/importrun/{run.pk}/change/").content.decode()
    assert "This import was interrupted" in page
    assert "Import the same files again to finish it" in page


def test_the_periodic_task_marks_them(staff):
    from ipdev.core import jobs

    ImportRun.objects.create(files=["a.xml"], process=dead_process(), heartbeat_at=None)
    jobs.run_due(now=timezone.now())
    assert ImportRun.objects.get().status == ImportRun.Status.INTERRUPTED


def test_each_batch_records_that_the_run_is_alive(tmp_path):
    from ipdev.iati.services import iati_import_files

    path = write_file(tmp_path, "a.xml", activities_file(activity_xml()))
    run = iati_import_files(user=None, paths=[path])
    assert run.process == runs.this_process()
    assert run.heartbeat_at is not None and run.heartbeat_at <= run.finished_at


def command(*paths) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import-iati", *map(str, paths), stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_command_exits_0_when_everything_is_imported(tmp_path):
    path = write_file(tmp_path, "a.xml", activities_file(activity_xml()))
    assert command(path)[0] == 0
    assert command(path)[0] == 0  # (again: unchanged is imported)


def test_the_command_exits_1_when_a_file_is_refused_or_an_activity_fails(tmp_path):
    good = write_file(tmp_path, "good.xml", activities_file(activity_xml("XI-TEST-1-G1")))
    bad = write_file(tmp_path, "bad.xml", "not xml at all")
    status, out, err = command(good, bad)
    assert status == 1
    assert "REFUSED bad.xml" in out
    assert "Exit status 1 (not all imported): 1 files refused" in err
    broken = activity_xml("").replace("<iati-identifier></iati-identifier>", "")
    mixed = write_file(tmp_path, "mixed.xml", activities_file(activity_xml("XI-TEST-1-G2"), broken))
    assert command(mixed)[0] == 1


def test_the_command_exits_2_when_nothing_is_imported(tmp_path):
    bad = write_file(tmp_path, "bad.xml", "not xml at all")
    json_file = write_file(tmp_path, "data.xml", '{"activities": []}')
    status, _, err = command(bad, json_file)
    assert status == 2
    assert "nothing imported" in err
