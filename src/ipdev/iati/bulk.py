"""Long bulk runs (an import, an export) keep their resident memory bounded on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def unmapped() -> Iterator[None]:
    """Read the SQLite file through its page cache (64 MB, settings) rather than the 1 GB
    memory map for the duration: every mapped page a long run touches counts as resident
    memory of the process, so at a million activities the map alone would pass 300 MB. The
    speed is the same within a few per cent (the pages stay in the system's file cache)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size")
        row = cursor.fetchone()  # none for an in-memory database: nothing mapped
        if row is not None:
            cursor.execute("PRAGMA mmap_size = 0")
    if row is None:
        yield
        return
    (before,) = row
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {int(before)}")
