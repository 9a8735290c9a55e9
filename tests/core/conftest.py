"""A migrated SQLite file for the tests that run ipdev in other processes (serve, backup)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

IPDEV = [sys.executable, "-m", "ipdev.cli"]


def env_for(folder: Path, **extra: str) -> dict[str, str]:
    """The environment of an ipdev process on the SQLite file in `folder`."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {
        **env,
        "IPDEV_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "ipdev.settings",
        **extra,
    }


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("migrated")
    subprocess.run([*IPDEV, "migrate", "--noinput"], env=env_for(folder), check=True, timeout=900)
    return folder / "ipdev.sqlite3"


@pytest.fixture
def sqlite_site(migrated_sqlite, tmp_path) -> Path:
    """A data folder of its own, holding a copy of the migrated database."""
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copy(migrated_sqlite, folder / "ipdev.sqlite3")
    return folder
