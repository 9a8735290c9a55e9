"""Reading files into chunks of mapped activities, in this process or in a second one.

Reading (check, parse, map, XSD) needs no database, so ``chunks_in_subprocess`` can run it in a
forked process while this one writes the previous batch: on two cores the two halves overlap.
Both paths run the same ``read_chunks``, so they give the same chunks in the same order. The
queue between them holds a few batches at most, so memory stays bounded whatever the file size.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue as queues
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import schema as xsd
from ..bulk import fewer_collections
from .draft import Draft, Vocabulary
from .mappers import map_activity
from .parse import Refused, activities, check_file
from .triage import CRITICAL, ERROR, WARNING, Problem

# Parcels (chunks of ``batch_size`` drafts in all) waiting for the writer: enough that it finds
# a whole batch ready whenever it has written one, few enough to bound the memory.
QUEUE_PARCELS = 3
# Reader processes of a parallel import: with the writer, three processes share two cores, so
# that reading (the larger half) never waits for one core while the writer waits for it.
READERS = 2
READER_NICENESS = 5


@dataclass
class Chunk:
    """Part of one file: the importable drafts, and the counts and problems of all it read."""

    index: int  # the file's position in the run, from 1
    drafts: list[Draft] = field(default_factory=list)
    read: int = 0
    skipped: int = 0
    version: str = ""
    problems: list[Problem] = field(default_factory=list)
    not_kept: Counter = field(default_factory=Counter)
    last: bool = False  # the file's last chunk
    refused: str = ""  # why the whole file was refused
    file_problems: list[Problem] = field(default_factory=list)  # about the file, reported last


def read_chunks(
    paths: list[Path],
    *,
    vocab: Vocabulary,
    schema: etree.XMLSchema | None,
    batch_size: int,
    max_bytes: int,
    numbers: Iterable[int] | None = None,
) -> Iterator[Chunk]:
    """Every file, ``batch_size`` importable activities a chunk; each file ends with a last one.

    ``numbers`` are the files' positions in the run (1, 2, ... unless given)."""
    for index, path in zip(numbers or itertools.count(1), paths, strict=False):
        chunk = Chunk(index)
        try:
            info = check_file(path, max_bytes=max_bytes)
            # A file read as a tree is schema-checked whole, in one call; a streamed one (or
            # one whose errors libxml2 cannot place) activity by activity.
            found = None
            if schema is not None and info.tree is not None:
                found = xsd.errors_by_activity(schema, info.tree)
            for position, el in activities(info):
                chunk.version = info.version
                chunk.read += 1
                draft = map_activity(el, vocab)
                if schema is not None:
                    _schema_check(draft, schema, el, found, position)
                chunk.not_kept.update(draft.not_kept)
                chunk.problems += draft.problems
                if draft.importable:
                    draft.pack()
                    chunk.drafts.append(draft)
                else:
                    chunk.skipped += 1
                if len(chunk.drafts) >= batch_size:
                    yield chunk
                    chunk = Chunk(index, version=info.version)
            chunk.version = info.version
            chunk.file_problems = list(info.problems)
        except Refused as exc:
            chunk.drafts, chunk.refused = [], exc.problem.message
            chunk.problems.append(exc.problem)
        except etree.XMLSyntaxError as exc:  # the file changed between the check and the read
            chunk.drafts, chunk.refused = [], f"The XML is not well-formed: {exc}"
            chunk.problems.append(Problem(CRITICAL, "/", chunk.refused))
        chunk.last = True
        yield chunk


def _schema_check(draft: Draft, schema, el, found: dict | None, position: int) -> None:
    if found is None:
        try:
            messages = xsd.errors_of(schema, el)
        except etree.XMLSchemaValidateError as exc:  # (libxml2 could not run the check)
            draft.problem(WARNING, "iati-activity", f"The schema check could not run: {exc}")
            return
    else:
        messages = found.get(position, ())
    for message in messages:
        draft.problem(ERROR, "iati-activity", f"Schema: {message}")


def _produce(paths: list[Path], numbers: list[int], options: dict, out) -> None:
    """Send the chunks in parcels of about a batch: most files are far smaller than a batch,
    and a queue of single chunks would run dry while the writer writes one."""
    try:
        # Readers yield to the writer: with more processes than free cores, the writer (one
        # process, the other half of the work) would otherwise get only its share of them.
        os.nice(READER_NICENESS)
        with fewer_collections():  # (the forked process holds a copy of the writer's heap)
            parcel, size = [], 0
            for chunk in read_chunks(paths, numbers=numbers, **options):
                parcel.append(chunk)
                size += len(chunk.drafts)
                if size >= options["batch_size"]:
                    out.put(parcel)
                    parcel, size = [], 0
            if parcel:
                out.put(parcel)
        out.put(None)
    except BaseException as exc:  # report it to the parent, which raises it
        out.put(f"{type(exc).__name__}: {exc}")


@dataclass
class _Reader:
    """One forked reader process, the queue it fills, and the chunks taken but not used."""

    process: multiprocessing.Process
    out: multiprocessing.Queue
    taken: deque = field(default_factory=deque)

    def next_chunk(self) -> Chunk:
        while not self.taken:
            try:
                item = self.out.get(timeout=1)
            except queues.Empty:
                if not self.process.is_alive():
                    raise RuntimeError(
                        f"The IATI reader process ended unexpectedly (exit code "
                        f"{self.process.exitcode})."
                    ) from None
                continue
            if item is None:
                raise RuntimeError("The IATI reader process ended before its last file.")
            if isinstance(item, str):
                raise RuntimeError(f"Reading the IATI files failed: {item}")
            self.taken.extend(item)
        return self.taken.popleft()


def chunks_in_subprocess(
    paths: list[Path], *, readers: int | None = None, **options
) -> Iterator[Chunk]:
    """``read_chunks`` run in ``readers`` forked processes (they never touch the database),
    each reading every ``readers``-th file; their chunks are taken file by file in the run's
    order, so the result is the same as one process's."""
    context = multiprocessing.get_context("fork")
    count = max(1, min(readers or READERS, len(paths)))
    started: list[_Reader] = []
    try:
        for k in range(count):
            numbers = list(range(k + 1, len(paths) + 1, count))
            out = context.Queue(maxsize=QUEUE_PARCELS)
            args = ([paths[n - 1] for n in numbers], numbers, options, out)
            process = context.Process(target=_produce, args=args, daemon=True)
            process.start()
            started.append(_Reader(process, out))
        for n in range(len(paths)):
            reader = started[n % count]
            while True:
                chunk = reader.next_chunk()
                yield chunk
                if chunk.last:
                    break
    finally:
        for reader in started:
            if reader.process.is_alive():
                reader.process.terminate()
            reader.process.join()
            reader.out.close()
