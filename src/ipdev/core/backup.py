"""Backups of the database and the uploaded files, and their restore, on either database.

SQLite is copied with its online backup API (consistent while the site runs, the write-ahead
log included); PostgreSQL with `pg_dump --format=custom` and `pg_restore --clean`. The uploaded
files go into a tar.gz beside it. The search index is in the database and comes back with it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def backup(*, folder: Path, stamp: str | None = None) -> list[Path]:
    """Write the database and the uploads into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = stamp or dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    written = []
    if connection.vendor == "sqlite":
        target = folder / f"ipdev-{stamp}.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        target = folder / f"ipdev-{stamp}.dump"
        name = settings.DATABASES["default"]["NAME"]
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={target}", name],
            env=_pg_env(),
            check=True,
        )
    written.append(target)
    media = Path(settings.MEDIA_ROOT)
    archive = folder / f"media-{stamp}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        if media.exists():
            tar.add(media, arcname="media")
    written.append(archive)
    return written


def restore(*, database: Path, media: Path | None = None) -> None:
    """Put a backup back in place of the current data (stop the server and workers first)."""
    if not database.exists():
        raise FileNotFoundError(f"no backup at {database}")
    connections.close_all()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(database)
        live = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        try:
            source.backup(live)  # page by page, in one transaction of the live database
        finally:
            live.close()
            source.close()
    else:
        name = settings.DATABASES["default"]["NAME"]
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={name}", database],
            env=_pg_env(),
            check=True,
        )
    if media is not None:
        root = Path(settings.MEDIA_ROOT)
        staged = root.with_name(root.name + ".restoring")
        shutil.rmtree(staged, ignore_errors=True)
        staged.mkdir(parents=True)
        with tarfile.open(media, "r:gz") as tar:
            tar.extractall(staged, filter="data")  # no absolute paths, links out or devices
        shutil.rmtree(root, ignore_errors=True)
        extracted = staged / "media"
        (extracted if extracted.exists() else staged).rename(root)
        shutil.rmtree(staged, ignore_errors=True)
