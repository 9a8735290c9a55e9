"""The settings of a long bulk run: set for its duration, then as they were."""

from __future__ import annotations

import pytest
from django.db import connection

from ipdev.iati.bulk import BULK_CHECKPOINT_PAGES, fewer_checkpoints
from ipdev.iati.importer.store import Store
from ipdev.iati.services import iati_import_files

from .conftest import activities_file, activity_xml, write_file

pytestmark = pytest.mark.django_db


def checkpoint_pages() -> int | None:
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        return cursor.fetchone()[0]


def test_checkpoints_are_fewer_for_the_duration_then_as_before():
    before = checkpoint_pages()
    with fewer_checkpoints():
        during = checkpoint_pages()
    assert checkpoint_pages() == before
    if connection.vendor == "sqlite":
        assert during == BULK_CHECKPOINT_PAGES != before
    else:  # nothing to set on PostgreSQL
        assert during is None


def test_they_are_restored_when_the_run_fails():
    before = checkpoint_pages()
    with pytest.raises(RuntimeError), fewer_checkpoints():
        raise RuntimeError("the import failed")
    assert checkpoint_pages() == before


def test_an_import_writes_with_fewer_checkpoints(tmp_path, monkeypatch):
    seen, write = [], Store.write

    def spy(self, items):
        seen.append(checkpoint_pages())
        return write(self, items)

    monkeypatch.setattr(Store, "write", spy)
    before = checkpoint_pages()
    path = write_file(tmp_path, "one.xml", activities_file(activity_xml()))
    run = iati_import_files(user=None, paths=[path])
    assert run.created == 1 and seen
    expected = BULK_CHECKPOINT_PAGES if connection.vendor == "sqlite" else None
    assert set(seen) == {expected} and checkpoint_pages() == before
