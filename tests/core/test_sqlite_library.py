"""SQLite's allocation statistics are off in every process that uses ipdev's SQLite settings."""

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[2] / "src")

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or ctypes.util.find_library("sqlite3") is None,
    reason="needs the shared SQLite library of a Linux system",
)


def _run(code: str, tmp_path: Path) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": SRC,
        "DJANGO_SETTINGS_MODULE": "ipdev.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


MEMORY_USED = (
    "import ctypes; lib = ctypes.CDLL('libsqlite3.so.0'); "
    "lib.sqlite3_memory_used.restype = ctypes.c_int64; print(lib.sqlite3_memory_used())"
)


def test_the_settings_switch_the_statistics_off_before_the_first_connection(tmp_path):
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('SELECT 1'); " + MEMORY_USED
    )
    assert _run(code, tmp_path) == "0"  # (counted, it is some kilobytes once connected)


def test_once_sqlite3_is_imported_nothing_is_changed(tmp_path):
    code = (
        "import sqlite3; from ipdev.core.sqlite_library import count_no_allocations; "
        "print(count_no_allocations()); sqlite3.connect(':memory:').execute('SELECT 1'); "
        + MEMORY_USED
    )
    done, used = _run(code, tmp_path).split()
    assert done == "False" and int(used) > 0
