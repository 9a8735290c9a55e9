"""`ipdev backup` and `ipdev restore`: what was backed up comes back, uploads included."""

import os
import subprocess

import pytest

from .conftest import IPDEV, env_for


def ipdev(folder, *args, **extra):
    return subprocess.run(
        [*IPDEV, *args],
        env=env_for(folder, **extra),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def usernames(folder) -> list[str]:
    code = "from ipdev.accounts.models import User; print(*sorted(User.objects.values_list('username', flat=True)))"  # noqa: E501
    return ipdev(folder, "shell", "--no-imports", "-c", code).split()


def test_a_restored_backup_brings_back_the_data_and_the_uploads(sqlite_site, tmp_path):
    password = {"IPDEV_ADMIN_PASSWORD": "a-long-password-1"}
    ipdev(sqlite_site, "createadmin", "alice", "--email", "alice@example.org", **password)
    letter = sqlite_site / "media" / "requests" / "letter.pdf"
    letter.parent.mkdir(parents=True)
    letter.write_bytes(b"%PDF-1.4 the official letter")

    written = ipdev(sqlite_site, "backup", str(tmp_path / "backups")).split()
    database, media = sorted(written, key=lambda p: p.endswith(".tar.gz"))
    assert database.endswith(".sqlite3") and media.endswith(".tar.gz")

    # Later changes, then the restore.
    ipdev(sqlite_site, "createadmin", "bob", "--email", "bob@example.org", **password)
    letter.write_bytes(b"overwritten")
    (sqlite_site / "media" / "stray.txt").write_text("added after the backup")
    assert usernames(sqlite_site) == ["alice", "bob"]
    ipdev(sqlite_site, "restore", database, "--media", media, "--yes")

    assert usernames(sqlite_site) == ["alice"]
    assert letter.read_bytes() == b"%PDF-1.4 the official letter"
    assert not (sqlite_site / "media" / "stray.txt").exists()


def test_restore_refuses_a_missing_file(sqlite_site, tmp_path):
    with pytest.raises(subprocess.CalledProcessError) as failed:
        ipdev(sqlite_site, "restore", str(tmp_path / "none.sqlite3"), "--yes")
    assert "database: no file at" in failed.value.stderr


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the PostgreSQL backup runs in the PostgreSQL pass of the suite",
)
def test_a_postgresql_backup_restores(tmp_path):
    from urllib.parse import urlparse

    url = urlparse(os.environ["DATABASE_URL"])
    scratch = f"ipdev_backup_{os.getpid()}"
    server = f"{url.scheme}://{url.netloc}"
    psql = ["psql", "-h", url.hostname or "127.0.0.1", "-U", url.username or "postgres", "-qtA"]
    subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {scratch}"], check=True)
    subprocess.run([*psql, "-c", f"CREATE DATABASE {scratch}"], check=True)
    try:
        in_scratch = [*psql, "-d", scratch, "-c"]
        subprocess.run(
            [*in_scratch, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before')"],
            check=True,
        )
        env = {"DATABASE_URL": f"{server}/{scratch}"}
        folder = tmp_path / "site"
        folder.mkdir()
        run = [*IPDEV]
        written = subprocess.run(
            [*run, "backup", str(tmp_path / "b")],
            env={**env_for(folder), **env},
            check=True, capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        dump = next(p for p in written if p.endswith(".dump"))
        subprocess.run([*in_scratch, "UPDATE kept SET v = 'after'"], check=True)
        subprocess.run([*run, "restore", dump, "--yes"], env={**env_for(folder), **env}, check=True)
        value = subprocess.run(
            [*in_scratch, "SELECT v FROM kept"], check=True, capture_output=True, text=True
        ).stdout.strip()
        assert value == "before"
    finally:
        subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {scratch}"], check=False)
