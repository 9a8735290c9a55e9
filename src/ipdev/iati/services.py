"""IATI import: read files, map each activity, write in audited batches, report what happened."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from lxml import etree

from ipdev.reference import models as ref

from . import schema as xsd
from .importer.draft import Vocabulary
from .importer.mappers import map_activity
from .importer.parse import MAX_FILE_BYTES, FileInfo, Refused, check_file, iter_activities
from .importer.store import Store
from .importer.triage import CRITICAL, ERROR, WARNING, FileReport, Problem
from .models import ImportRun

BATCH = 500


@dataclass(frozen=True)
class Progress:
    """Where an import is: the file being read and the activities read so far in the run."""

    file: str
    index: int
    files: int
    read: int
    done: bool = False


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
    )


def iati_import_files(
    *,
    user,
    paths: Iterable[str | Path],
    progress: Callable[[Progress], None] | None = None,
    batch_size: int = BATCH,
    schema_check: bool = True,
    max_bytes: int = MAX_FILE_BYTES,
) -> ImportRun:
    """Import IATI 2.01-2.03 activity files: create new activities, update changed ones.

    Idempotent: an activity whose mapped content is unchanged is skipped, so importing the same
    files again creates, updates and audits nothing. Each batch of ``batch_size`` activities is
    one transaction. A critical problem skips that activity (or the whole file, when the file
    cannot be read safely); the run's ``report`` lists every file's counts and problems.
    """
    paths = [Path(p) for p in paths]
    run = ImportRun.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        files=[p.name for p in paths],
    )
    schema = xsd.schema_for("iati-activity") if schema_check else None
    skipped_check = xsd.unavailable_reason() if schema_check and schema is None else ""
    reader = _Reader(
        store=Store(run=run, user=user),
        vocab=load_vocabulary(),
        schema=schema,
        batch_size=batch_size,
        progress=progress,
        files=len(paths),
    )
    reports: list[FileReport] = []
    try:
        for index, path in enumerate(paths, 1):
            report = FileReport(name=path.name)
            reports.append(report)
            if skipped_check and index == 1:
                report.add(Problem(WARNING, "/", f"XSD check skipped: {skipped_check}."))
            reader.read_file(path, report, index, max_bytes)
    except BaseException:
        _finish(run, reports, schema_check, skipped_check, failed=True)
        raise
    _finish(run, reports, schema_check, skipped_check)
    return run


@dataclass
class _Reader:
    """Reads files activity by activity and hands batches to the store."""

    store: Store
    vocab: Vocabulary
    schema: etree.XMLSchema | None
    batch_size: int
    progress: Callable[[Progress], None] | None
    files: int
    read: int = 0

    def read_file(self, path: Path, report: FileReport, index: int, max_bytes: int) -> None:
        try:
            info = check_file(path, max_bytes=max_bytes)
            self._activities(info, report, index)
        except Refused as exc:
            report.refused = exc.problem.message
            report.add(exc.problem)
        except etree.XMLSyntaxError as exc:  # the file changed between the check and the read
            report.refused = f"The XML is not well-formed: {exc}"
            report.add(Problem(CRITICAL, "/", report.refused))
        self.read += report.read
        self._report(path.name, index, done=True)

    def _activities(self, info: FileInfo, report: FileReport, index: int) -> None:
        batch = []
        for el in iter_activities(info):
            report.version = info.version
            report.read += 1
            draft = map_activity(el, self.vocab)
            if self.schema is not None:
                for message in xsd.errors_of(self.schema, el):
                    draft.problem(ERROR, "iati-activity", f"Schema: {message}")
            report.not_kept.update(draft.not_kept)
            for problem in draft.problems:
                report.add(problem)
            if draft.importable:
                batch.append(draft)
            else:
                report.skipped += 1
            if len(batch) >= self.batch_size:
                self.store.write(batch, report)
                batch = []
                self._report(info.path.name, index, extra=report.read)
        if batch:
            self.store.write(batch, report)
        report.version = info.version
        for problem in info.problems:
            report.add(problem)

    def _report(self, name: str, index: int, extra: int = 0, done: bool = False) -> None:
        if self.progress:
            self.progress(Progress(name, index, self.files, self.read + extra, done=done))


def _finish(
    run: ImportRun, reports: list[FileReport], check: bool, skipped: str, failed: bool = False
) -> None:
    for field in ("read", "created", "updated", "unchanged", "skipped"):
        setattr(run, field, sum(getattr(r, field) for r in reports))
    run.critical = sum(r.severity_counts[CRITICAL] for r in reports)
    run.errors = sum(r.severity_counts[ERROR] for r in reports)
    run.warnings = sum(r.severity_counts[WARNING] for r in reports)
    run.report = {
        "files": [r.as_dict() for r in reports],
        # "on", "off" (not asked for) or why it could not run.
        "schema_check": (f"skipped: {skipped}" if skipped else "on") if check else "off",
    }
    if failed:
        run.status = ImportRun.Status.FAILED
    elif run.critical or run.errors:
        run.status = ImportRun.Status.DONE_WITH_PROBLEMS
    else:
        run.status = ImportRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
