"""A parallel import: forked processes that each read some of the files and write them, in turn.

Reading a file (check, parse, map, schema check, words) needs no database and is most of the
work; writing it is one transaction per batch. The files are cut into units of consecutive
files (``UNIT_BYTES`` of XML, or one larger file); process k reads units k, k + N, ... and
writes each one when its turn comes. The turn passes unit by unit in the run's order, so the
writes happen in the order a single process makes them: the same activities, ids, audit
entries and reports. While it waits for its turn a process reads ahead, at most ``AHEAD``
batches of activities, so memory stays bounded whatever the files.

Nothing crosses between the processes but the turn and, once a unit is written, its files'
reports (a few kilobytes): the drafts are written where they are read. Each process opens its
own database connection; the processes are forked before this one opens its connection
again, so none inherits one. That needs a database they can open (not an in-memory SQLite)
and no transaction of this process's own (``bulk.can_fork``); otherwise the caller imports in
this process alone.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue as queues
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections

from ..bulk import fewer_checkpoints, fewer_collections, unmapped
from .batches import BatchWriter, Progress, Times
from .reading import read_chunks

WORKERS = 2
# Consecutive small files are read and written as one unit of about this much XML (a batch of
# activities is about 5 MB of real publishers' XML); a larger file is a unit of its own.
UNIT_BYTES = 4 * 1024 * 1024
# Batches of activities a process may hold, read but not written, while it waits for its turn.
AHEAD = 3
# Chunks it may hold (files without an importable activity still make one each).
AHEAD_CHUNKS = 1000
WAIT_SECONDS = 1.0


def units_of(paths: list[Path], unit_bytes: int | None = None) -> list[list[int]]:
    """The files' numbers (from 1) in units of consecutive files of about ``unit_bytes``
    (``UNIT_BYTES`` unless given)."""
    unit_bytes = unit_bytes or UNIT_BYTES
    units: list[list[int]] = []
    unit: list[int] = []
    size = 0
    for number, path in enumerate(paths, 1):
        with contextlib.suppress(OSError):  # (the reader reports it)
            size += path.stat().st_size
        unit.append(number)
        if size >= unit_bytes:
            units.append(unit)
            unit, size = [], 0
    if unit:
        units.append(unit)
    return units


class _Stopped(Exception):
    """Another process failed: this one stops without writing more."""


class _Turns:
    """Whose turn it is to write (a unit's position), shared by the processes of one run."""

    def __init__(self, context) -> None:
        self.unit = context.Value("q", 0, lock=False)
        self.failed = context.Value("b", 0, lock=False)
        self.changed = context.Condition()

    def mine(self, unit: int) -> bool:
        return self.unit.value == unit

    def wait(self, unit: int, parent: int) -> None:
        with self.changed:
            while self.unit.value != unit:
                if self.failed.value or os.getppid() != parent:
                    raise _Stopped
                self.changed.wait(WAIT_SECONDS)

    def pass_on(self, unit: int) -> None:
        with self.changed:
            self.unit.value = unit + 1
            self.changed.notify_all()

    def fail(self) -> None:
        with self.changed:
            self.failed.value = 1
            self.changed.notify_all()


@dataclass
class _Work:
    """What one forked process does: read its units, write each in its turn, report them."""

    number: int  # from 0
    count: int
    units: list[list[int]]
    paths: list[Path]
    writer: BatchWriter
    options: dict
    turns: _Turns
    out: multiprocessing.Queue
    parent: int
    pending: deque = field(default_factory=deque)
    held: int = 0
    times: Times = field(default_factory=Times)

    def run(self) -> None:
        try:
            self.writer.progress = self._progress
            started = time.process_time()
            with unmapped(), fewer_checkpoints(), fewer_collections():
                limit = AHEAD * self.writer.batch_size
                for unit, chunk in self._chunks():
                    self.pending.append((unit, chunk))
                    self.held += len(chunk.drafts)
                    self._write(limit)
                self._write(-1)
            self.out.put(("end", self.times.measured(started)))
        except _Stopped:
            self.out.put(("stopped",))
        except BaseException as exc:  # reported to the parent, which raises it
            self.turns.fail()
            self.out.put(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    def _chunks(self):
        for unit in range(self.number, len(self.units), self.count):
            numbers = self.units[unit]
            paths = [self.paths[n - 1] for n in numbers]
            chunks = read_chunks(paths, numbers=numbers, between=self._between, **self.options)
            for chunk in chunks:
                yield unit, chunk

    def _between(self) -> None:
        """Between two activities of the file being read: write what was read before, if its
        turn has come (else the turn would wait for the end of this file)."""
        if self.turns.failed.value:  # (another process failed: stop reading too)
            raise _Stopped
        if self.pending and self.turns.mine(self.pending[0][0]):
            self._write(None)

    def _write(self, limit: int | None) -> None:
        """Write the chunks whose turn has come; wait for it while more than ``limit``
        activities (or ``AHEAD_CHUNKS`` chunks) are held (never, with None)."""
        while self.pending:
            unit, chunk = self.pending[0]
            if not self.turns.mine(unit):
                if limit is None or (self.held <= limit and len(self.pending) <= AHEAD_CHUNKS):
                    return
                waiting = time.perf_counter()
                self.turns.wait(unit, self.parent)
                self.times.wait_s += time.perf_counter() - waiting
            self.pending.popleft()
            self.held -= len(chunk.drafts)
            writing = time.process_time()
            self.writer.take(chunk)
            numbers = self.units[unit]
            if chunk.last and chunk.index == numbers[-1]:
                self.writer.flush()
                reports = {n: self.writer.reports[n - 1] for n in numbers}
                self.out.put(("unit", unit, reports))
                self.turns.pass_on(unit)
            self.times.write_cpu_s += time.process_time() - writing

    def _progress(self, progress: Progress) -> None:
        if not progress.done:  # (a finished file is in its unit's message)
            read = self.writer.reports[progress.index - 1].read
            self.out.put(("read", progress.index, read))


@dataclass
class _Process:
    process: multiprocessing.Process
    out: multiprocessing.Queue

    def _get(self):
        """The next message; raises if the process ended without sending one."""
        while True:
            try:
                return self.out.get(timeout=WAIT_SECONDS)
            except queues.Empty:
                if self.process.is_alive():
                    continue
            try:  # (it may have sent its last message just before it ended)
                return self.out.get(timeout=WAIT_SECONDS)
            except queues.Empty:
                raise RuntimeError(
                    f"An IATI import process ended unexpectedly (exit code "
                    f"{self.process.exitcode})."
                ) from None

    def next_message(self):
        item = self._get()
        if isinstance(item, str):
            raise RuntimeError(f"Importing the IATI files failed: {item}")
        if item[0] == "stopped":  # (another process failed: its message says why)
            raise _Stopped
        if item[0] == "end":
            raise RuntimeError("An IATI import process ended before its last file.")
        return item

    def failure(self) -> str | None:
        """The error this process sent, if any (read after another one stopped)."""
        while True:
            try:
                item = self.out.get(timeout=WAIT_SECONDS)
            except queues.Empty:
                if self.process.is_alive():
                    continue
                return None
            if isinstance(item, str):
                return item
            if item[0] in ("stopped", "end"):
                return None

    def finish(self) -> Times:
        item = self._get()  # (every unit was reported: only the end or a failure is left)
        if isinstance(item, str):
            raise RuntimeError(f"Importing the IATI files failed: {item}")
        self.process.join()
        return item[1]


def import_in_processes(
    paths: list[Path],
    units: list[list[int]],
    *,
    writer: BatchWriter,
    options: dict,
    workers: int = WORKERS,
) -> list[Times]:
    """Read and write these files, in these units (``units_of``), in ``workers`` forked
    processes taking turns; the writer's reports end as a serial run leaves them, and its
    progress is called as files are done. Returns each process's ``Times``."""
    count = max(1, min(workers, len(units)))
    progress: Callable[[Progress], None] | None = writer.progress
    reports = writer.reports
    for conn in connections.all(initialized_only=True):
        conn.close()  # (reopened on first use: by each process, its own, and by this one)
    context = multiprocessing.get_context("fork")
    turns = _Turns(context)
    started: list[_Process] = []
    finished = False
    try:
        for number in range(count):
            out = context.Queue()
            work = _Work(number, count, units, paths, writer, options, turns, out, os.getpid())
            process = context.Process(target=work.run, daemon=True)
            process.start()
            started.append(_Process(process, out))
        read = 0
        for unit, numbers in enumerate(units):
            child = started[unit % count]
            while True:
                try:
                    message = child.next_message()
                except _Stopped:
                    turns.fail()
                    found = [f for f in (c.failure() for c in started) if f]
                    why = found[0] if found else "a process stopped without saying why"
                    raise RuntimeError(f"Importing the IATI files failed: {why}") from None
                if message[0] == "read":
                    _, index, so_far = message
                    if progress:
                        name = reports[index - 1].name
                        progress(Progress(name, index, len(reports), read + so_far))
                    continue
                _, done, written = message
                assert done == unit, "the units are reported in their order"
                for number in numbers:
                    reports[number - 1] = written[number]
                    read += written[number].read
                    if progress:
                        name = reports[number - 1].name
                        progress(Progress(name, number, len(reports), read, done=True))
                break
        times = [child.finish() for child in started]
        writer.read = read
        finished = True
    finally:
        if not finished:
            turns.fail()
        for child in started:
            if child.process.is_alive():
                child.process.terminate()
            child.process.join()
            child.out.close()
    return times
