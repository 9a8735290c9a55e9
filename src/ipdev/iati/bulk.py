"""Long bulk runs (an import, an export): bounded resident memory and fewer checkpoints on
SQLite, fewer collections."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


def can_fork() -> bool:
    """Whether forked processes can share this process's database: a file or a server (not an
    in-memory SQLite), and no transaction of this process's own (its writes would be invisible
    to them, and theirs could not be part of it)."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


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


# Pages of write-ahead log between two checkpoints during a bulk write (SQLite's default 1,000,
# about 4 MB, checkpoints every few batches of an import; each checkpoint waits on the disk).
BULK_CHECKPOINT_PAGES = 10_000


@contextmanager
def fewer_checkpoints(pages: int = BULK_CHECKPOINT_PAGES) -> Iterator[None]:
    """Let SQLite's write-ahead log grow to ``pages`` pages (about 40 MB) before it is copied
    into the database, for the duration. A checkpoint syncs both files to disk: at the default
    it ran every two or three batches of an import, and was a third of the time spent in
    commits (2.5 s -> 1.6 s of wall clock for the 14,246 shared real activities). The log is
    still checkpointed, so it stays bounded whatever is imported."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(before)}")


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """Collect cycles less often for the duration, and never scan what exists already.

    An import allocates millions of short-lived objects without cycles (reference counting
    frees them); at the default threshold of 700 the collector would run thousands of times,
    each time walking every object the process holds (Django, caches, the heap a forked reader
    inherits): a fifth of an import's time. ``gc.freeze`` sets the existing objects aside;
    the raised threshold still collects any cycles made meanwhile.
    """
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
