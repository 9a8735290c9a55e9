"""The export of ``ipdev export-iati``, built by forked worker processes in parallel.

Building an activity's XML (the details' queries, the elements, their serialisation) is
CPU-bound and the same for every activity, so the file is cut into chunks of ids: this process
reads the matching ids and hands chunk k to worker k mod N; each worker reads the details of
its chunks (through the same selector, so the same visibility rule) and sends back their
serialised elements; they are written in chunk order, so the file is byte for byte the one
``write_activities`` writes. At most ``WINDOW`` chunks per worker are in flight: the memory
stays bounded whatever the number of activities.

The workers are forked before this process opens its database connection again, so none of
them inherits one; each opens its own. That needs a database the workers can open (not an
in-memory SQLite) and no transaction in progress: otherwise ``write_activities_parallel``
writes the file in this process alone.
"""

from __future__ import annotations

import multiprocessing
import queue as queues
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO

from django.db import connection, connections
from django.utils import timezone
from lxml import etree

from ipdev.activities.selectors import activity_details_of

from ..bulk import can_fork, fewer_collections, unmapped
from .elements import ExportContext, activity_element
from .writer import CHUNK, VERSION, _Buffer, _load_orgs, export_context, write_activities

WORKERS = 2
# Chunks sent to each worker and not yet written: one being built, one waiting.
WINDOW = 2


def write_activities_parallel(
    ids: Iterable[int],
    fileobj: IO[bytes],
    *,
    user,
    workers: int = WORKERS,
    ctx: ExportContext | None = None,
    generated: str | None = None,
) -> int:
    """Write the IATI 2.03 file of these activities (as ``user`` may see them) to a binary
    file, with ``workers`` processes building the XML; return how many were written."""
    ctx = ctx or export_context()
    generated = generated or timezone.now().replace(microsecond=0).isoformat()
    if workers < 2 or not can_fork():
        details = _details(ids, user)
        return write_activities(details, fileobj, ctx=ctx, generated=generated)
    for conn in connections.all(initialized_only=True):
        conn.close()  # (reopened on first use: by the workers, each its own, and by this one)
    pool = _Pool.start(workers, user, ctx)
    buffer, count = _Buffer(), 0
    root = {"version": VERSION, "generated-datetime": generated}
    try:
        with etree.xmlfile(buffer, encoding="utf-8") as xf:
            xf.write_declaration()
            with xf.element("iati-activities", root):
                xf.flush()
                fileobj.write(buffer.take())
                for data, written in pool.run(_id_chunks(ids)):
                    fileobj.write(data)
                    count += written
        fileobj.write(buffer.take())
    finally:
        pool.stop()
    return count


def _details(ids: Iterable[int], user) -> Iterator:
    for chunk in _id_chunks(ids):
        yield from activity_details_of(user=user, ids=chunk)


def _id_chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def _work(inbox, outbox, user, ctx: ExportContext) -> None:
    """A worker: for each chunk of ids, the serialised elements of its activities, in order.

    Like the parent, it reads SQLite through the page cache, not the memory map (its own
    connection opens mapped: ``bulk.unmapped``). The objects inherited from the parent are set
    aside from the cycle collector: walking them would write to each one's page, so the worker
    would copy most of the parent's heap."""
    try:
        with unmapped(), fewer_collections():
            while (ids := inbox.get()) is not None:
                details = activity_details_of(user=user, ids=ids)
                _load_orgs(ctx, details)
                elements = (activity_element(d, ctx) for d in details)
                data = b"".join(etree.tostring(el, encoding="utf-8") for el in elements)
                outbox.put((data, len(details)))
    except BaseException as exc:  # reported to the parent, which raises it
        outbox.put(f"{type(exc).__name__}: {exc}")
    finally:
        connection.close()


@dataclass
class _Worker:
    process: multiprocessing.Process
    inbox: multiprocessing.Queue
    outbox: multiprocessing.Queue

    def result(self) -> tuple[bytes, int]:
        while True:
            try:
                item = self.outbox.get(timeout=1)
            except queues.Empty:
                if not self.process.is_alive():
                    raise RuntimeError(
                        f"An export worker ended unexpectedly (exit code {self.process.exitcode})."
                    ) from None
                continue
            if isinstance(item, str):
                raise RuntimeError(f"Exporting the activities failed: {item}")
            return item


@dataclass
class _Pool:
    workers: list[_Worker]

    @classmethod
    def start(cls, count: int, user, ctx: ExportContext) -> _Pool:
        context = multiprocessing.get_context("fork")
        started = []
        for _ in range(count):
            inbox, outbox = context.Queue(), context.Queue()
            process = context.Process(target=_work, args=(inbox, outbox, user, ctx), daemon=True)
            process.start()
            started.append(_Worker(process, inbox, outbox))
        return cls(started)

    def run(self, chunks: Iterable[list[int]]) -> Iterator[tuple[bytes, int]]:
        """Each chunk's result, in the chunks' order, with at most WINDOW per worker out."""
        out: deque[_Worker] = deque()
        for n, ids in enumerate(chunks):
            if len(out) >= WINDOW * len(self.workers):
                yield out.popleft().result()
            worker = self.workers[n % len(self.workers)]
            worker.inbox.put(ids)
            out.append(worker)
        while out:
            yield out.popleft().result()

    def stop(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.inbox.put(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()
            worker.inbox.close()
            worker.outbox.close()
