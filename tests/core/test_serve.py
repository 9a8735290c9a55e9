"""`ipdev serve`: one process per core, warmed before it forks, with the job worker beside it."""

import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from .conftest import IPDEV, env_for


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _children(pid: int) -> list[str]:
    out = subprocess.run(
        ["ps", "--ppid", str(pid), "-o", "args="], capture_output=True, text=True, check=False
    )
    return out.stdout.splitlines()


@pytest.fixture(scope="module")
def served(migrated_sqlite, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    shutil.copy(migrated_sqlite, folder / "ipdev.sqlite3")
    port = _free_port()
    server = subprocess.Popen(
        [*IPDEV, "serve", "--port", str(port), "--workers", "2", "--threads", "2", "--worker"],
        env=env_for(folder),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _get(f"{base}/ready/")[0] == 200:
                break
        except OSError:
            pass
        time.sleep(0.5)
    yield server, base
    if server.poll() is None:
        server.kill()
        server.wait(timeout=30)


def test_every_process_is_ready_as_soon_as_it_serves(served):
    _, base = served
    # The index was loaded before the processes forked: whichever answers is ready.
    for _ in range(6):
        assert _get(f"{base}/ready/") == (200, {"status": "ready", "search_index": "loaded"})
    assert _get(f"{base}/health/") == (200, {"status": "ok", "database": "ok"})


def test_two_web_processes_and_the_job_worker_run_under_one_command(served):
    server, _ = served
    # /ready/ answers once one process serves; the master forks the other one after it (on a
    # busy machine, seconds later).
    deadline = time.monotonic() + 60
    children = _children(server.pid)
    while sum("ipdev.cli serve" in c for c in children) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
        children = _children(server.pid)
    assert sum("ipdev.cli serve" in c for c in children) == 2, children
    assert sum("ipdev.cli worker" in c for c in children) == 1, children


def test_sigterm_stops_the_whole_set(served):
    server, _ = served
    children = _children(server.pid)
    assert children
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=90) == 0
    assert _children(server.pid) == []


def test_the_warm_up_compiles_every_template_of_the_project():
    from pathlib import Path

    from ipdev.core import serving

    assert serving.warm_pages in serving._warmups
    folders = Path(serving.__file__).resolve().parents[1].glob("*/templates")
    assert serving.warm_pages() == sum(len(list(f.rglob("*.html"))) for f in folders) > 100


@pytest.mark.django_db
def test_the_warm_up_serves_the_home_and_search_pages_in_every_language():
    from django.conf import settings

    from ipdev.core import serving

    assert serving.serve_sample_pages() == len(serving.SAMPLE_PAGES) * len(settings.LANGUAGES)


@pytest.mark.django_db(transaction=True)
def test_each_request_thread_of_a_worker_serves_a_page_before_the_first_visitor():
    from concurrent.futures import ThreadPoolExecutor

    from django.db.backends.signals import connection_created

    from ipdev.core import serving

    opened = set()

    def track(sender, connection, **kwargs):
        opened.add(id(connection))

    connection_created.connect(track)
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            assert serving.warm_threads(pool, 3) == 3
            assert len(pool._threads) == 3  # one page in each thread, not three in one
        assert len(opened) == 3  # (each thread's own connection)
        assert serving.warm_threads(None, 1) == 1  # (a sync worker: its own thread)
    finally:
        connection_created.disconnect(track)
