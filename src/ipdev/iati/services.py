"""IATI import: read files, map each activity, write in audited batches, report what happened."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ipdev.reference import models as ref

from . import schema as xsd
from .bulk import can_fork, fewer_checkpoints, fewer_collections, unmapped
from .importer.batches import BATCH, BatchWriter, Progress, Times
from .importer.draft import Vocabulary
from .importer.parallel import WORKERS, import_in_processes, units_of
from .importer.parse import MAX_FILE_BYTES
from .importer.reading import read_chunks
from .importer.store import Store
from .importer.triage import CRITICAL, ERROR, WARNING, FileReport, Problem
from .models import ImportedActivity, ImportRun
from .runs import alive, this_process

__all__ = [
    "BATCH",
    "Progress",
    "iati_import_files",
    "import_runs_mark_interrupted",
    "load_vocabulary",
]


def load_vocabulary() -> Vocabulary:
    """The reference codes an imported activity may use."""

    def codes(model, field: str = "pk") -> frozenset[str]:
        return frozenset(str(v) for v in model.objects.values_list(field, flat=True))

    return Vocabulary(
        countries=codes(ref.Country),
        regions=codes(ref.Region),
        currencies=codes(ref.Currency),
        sdgs=codes(ref.SDG),
        ip_areas=codes(ref.IPArea),
        categories=codes(ref.ActivityCategory),
        da_recommendations=codes(ref.DARecommendation),
        expected_results=codes(ref.ExpectedResult),
        own_ref=settings.IPDEV_REPORTING_ORG_REF,
    )


def iati_import_files(
    *,
    user,
    paths: Iterable[str | Path],
    progress: Callable[[Progress], None] | None = None,
    batch_size: int = BATCH,
    schema_check: bool = True,
    max_bytes: int = MAX_FILE_BYTES,
    parallel: bool = False,
    workers: int = WORKERS,
    run: ImportRun | None = None,
) -> ImportRun:
    """Import IATI 2.01-2.03 activity files: create new activities, update changed ones.

    Idempotent: an activity whose mapped content is unchanged is skipped, so importing the same
    files again creates, updates and audits nothing. Each batch of ``batch_size`` activities is
    one transaction. A critical problem skips that activity (or the whole file, when the file
    cannot be read safely); the run's ``report`` lists every file's counts and problems.
    With ``parallel``, ``workers`` forked processes each read some of the files and write
    them in turn (``importer.parallel``): the same result, sooner on a machine with two free
    cores. Inside a transaction, or on an in-memory SQLite, the import runs here alone.
    ``run`` is a run already recorded and claimed by this process (an upload imported by a
    background job, ``iati.uploads``); otherwise a new run is recorded.
    """
    paths = [Path(p) for p in paths]
    import_runs_mark_interrupted(now=timezone.now())
    if run is None:
        run = ImportRun.objects.create(
            user=user if getattr(user, "is_authenticated", False) else None,
            files=[p.name for p in paths],
            process=this_process(),
            heartbeat_at=timezone.now(),
        )
    schema = xsd.schema_for("iati-activity") if schema_check else None
    skipped_check = xsd.unavailable_reason() if schema_check and schema is None else ""
    reports = [FileReport(name=p.name) for p in paths]
    if skipped_check and reports:
        reports[0].add(Problem(WARNING, "/", f"XSD check skipped: {skipped_check}."))
    options = {
        "vocab": load_vocabulary(),
        "schema": schema,
        "batch_size": batch_size,
        "max_bytes": max_bytes,
    }
    writer = BatchWriter(Store(run=run, user=user), reports, progress, batch_size)
    try:
        forked = parallel and workers > 1 and len(paths) > 1 and can_fork()
        units = units_of(paths) if forked else []
        if len(units) > 1:  # (one unit, one big file say, is read and written here)
            times = import_in_processes(
                paths, units, writer=writer, options=options, workers=workers
            )
        else:
            times = [_import_here(paths, writer, options)]
    except BaseException:
        _finish(run, reports, schema_check, skipped_check, failed=True)
        raise
    _finish(run, reports, schema_check, skipped_check, times=times)
    return run


def import_runs_mark_interrupted(*, now) -> int:
    """Mark as interrupted every run left "running" by a process that is gone; return how many.

    What such a run wrote before it stopped stays (each batch was its own transaction) and is
    counted in its report; importing the same files again finishes the work, idempotently:
    what was written is found unchanged. Runs at the start of every import, when the back
    office lists or shows imports, and as the periodic task ``iati.mark_interrupted_imports``.
    """
    marked = 0
    for run in ImportRun.objects.filter(status=ImportRun.Status.RUNNING):
        if alive(run.process, last_beat=run.heartbeat_at, now=now):
            continue
        written = ImportedActivity.objects.filter(run=run).count()
        report = dict(run.report or {})
        report["interrupted"] = {"written": written, "last_beat": _iso(run.heartbeat_at)}
        changed = ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.RUNNING).update(
            status=ImportRun.Status.INTERRUPTED,
            finished_at=run.heartbeat_at or now,
            report=report,
        )  # (a conditional update: two callers never both mark it)
        marked += changed
    return marked


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _import_here(paths: list[Path], writer: BatchWriter, options: dict) -> Times:
    times, started = Times(), time.process_time()
    with unmapped(), fewer_checkpoints(), fewer_collections():
        for chunk in read_chunks(paths, **options):
            writing = time.process_time()
            writer.take(chunk)
            times.write_cpu_s += time.process_time() - writing
        writing = time.process_time()
        writer.flush()
        times.write_cpu_s += time.process_time() - writing
    return times.measured(started)


def _finish(
    run: ImportRun,
    reports: list[FileReport],
    check: bool,
    skipped: str,
    failed: bool = False,
    times: list[Times] = (),
) -> None:
    for name in ("read", "created", "updated", "unchanged", "skipped"):
        setattr(run, name, sum(getattr(r, name) for r in reports))
    run.critical = sum(r.severity_counts[CRITICAL] for r in reports)
    run.errors = sum(r.severity_counts[ERROR] for r in reports)
    run.warnings = sum(r.severity_counts[WARNING] for r in reports)
    run.report = {
        "files": [r.as_dict() for r in reports],
        # "on", "off" (not asked for) or why it could not run.
        "schema_check": (f"skipped: {skipped}" if skipped else "on") if check else "off",
        # Per process: CPU seconds reading and writing, seconds waiting for the turn to write.
        "processes": [t.as_dict() for t in times],
    }
    if failed:
        run.status = ImportRun.Status.FAILED
    elif run.critical or run.errors:
        run.status = ImportRun.Status.DONE_WITH_PROBLEMS
    else:
        run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
