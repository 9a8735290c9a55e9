"""The writing side of an import: chunks of drafts into batches, each batch one transaction.

``BatchWriter`` adds each chunk's counts and problems to its file's report and writes its drafts
through the ``Store``, gathering the small chunks of several files into batches of up to
``batch_size`` activities. A serial import runs one; a parallel one (``importer.parallel``)
runs one in each forked process, over the files that process reads.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .draft import Draft
from .reading import Chunk
from .store import Store
from .triage import FileReport

BATCH = 500


@dataclass(frozen=True)
class Progress:
    """Where an import is: the file being read and the activities read so far in the run."""

    file: str
    index: int
    files: int
    read: int
    done: bool = False


@dataclass
class Times:
    """Where one process of an import spent its time: CPU seconds in all and writing (the rest
    is reading), seconds waiting for its turn to write, and its peak resident memory (for a
    forked process, the pages it shares with its parent included). Kept in the run's report."""

    cpu_s: float = 0.0
    write_cpu_s: float = 0.0
    wait_s: float = 0.0
    peak_rss_mb: float = 0.0

    def measured(self, started: float) -> Times:
        """Done: the CPU time since ``started`` (``time.process_time``) and the peak memory."""
        self.cpu_s = time.process_time() - started
        self.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return self

    def as_dict(self) -> dict[str, float]:
        return {
            "cpu_s": round(self.cpu_s, 3),
            "read_cpu_s": round(self.cpu_s - self.write_cpu_s, 3),
            "write_cpu_s": round(self.write_cpu_s, 3),
            "wait_s": round(self.wait_s, 3),
            "peak_rss_mb": round(self.peak_rss_mb, 1),
        }


@dataclass
class BatchWriter:
    """Writes the chunks it is given in batches; ``reports`` has one report per file of the
    run, in the run's order (a chunk's ``index`` counts from 1)."""

    store: Store
    reports: list[FileReport]
    progress: Callable[[Progress], None] | None
    batch_size: int = BATCH
    read: int = 0
    pending: list[tuple[Draft, FileReport]] = field(default_factory=list)
    pending_ids: set[str] = field(default_factory=set)

    def flush(self) -> None:
        if self.pending:
            self.store.write(self.pending)
        self.pending, self.pending_ids = [], set()

    def _add(self, drafts: list[Draft], report: FileReport) -> None:
        # A batch never mixes one identifier from two chunks: the later one is then compared
        # with the earlier one once written, as when each chunk was its own batch.
        full = len(self.pending) + len(drafts) > self.batch_size
        if full or any(d.identifier in self.pending_ids for d in drafts):
            self.flush()
        self.pending += [(d, report) for d in drafts]
        self.pending_ids.update(d.identifier for d in drafts)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def take(self, chunk: Chunk) -> None:
        report = self.reports[chunk.index - 1]
        report.read += chunk.read
        report.skipped += chunk.skipped
        report.not_kept.update(chunk.not_kept)
        for problem in chunk.problems:
            report.add(problem)
        if chunk.drafts:
            self._add(chunk.drafts, report)
        report.version = chunk.version or report.version
        if chunk.refused:
            report.refused = chunk.refused
        for problem in chunk.file_problems:
            report.add(problem)
        if chunk.last:
            self.read += report.read
        if self.progress:
            done = chunk.last
            read = self.read if done else self.read + report.read
            self.progress(Progress(report.name, chunk.index, len(self.reports), read, done=done))
