"""``ipdev import-iati PATH...``: import IATI 2.01-2.03 activity files, with a summary.

Exit status, for scripts: 0 every file read and every activity imported (or found unchanged);
1 some file refused or some activity not imported, the rest imported; 2 nothing imported (every
file refused, or every activity not imported). An error that stops the import (the run is then
marked failed) ends the command with status 1 and the error.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipdev.iati.importer.parallel import WORKERS
from ipdev.iati.services import Progress, iati_import_files

ALL_IMPORTED, SOME_NOT_IMPORTED, NOTHING_IMPORTED = 0, 1, 2


def exit_status(run) -> int:
    """0 all imported, 1 some file refused or activity not imported, 2 nothing imported."""
    refused = sum(1 for f in run.report.get("files", []) if f["refused"])
    if not refused and not run.skipped:
        return ALL_IMPORTED
    return SOME_NOT_IMPORTED if run.created + run.updated + run.unchanged else NOTHING_IMPORTED


class Command(BaseCommand):
    help = (
        "Import IATI activity files (2.01-2.03): new activities are created, changed ones updated. "
        "Exit status: 0 all imported, 1 some file refused or activity not imported, "
        "2 nothing imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="XML files or folders (read recursively).")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--no-schema-check", action="store_true", help="Skip the per-activity XSD check."
        )
        parser.add_argument(
            "--problems", type=int, default=10, help="How many problems to list per file."
        )
        parser.add_argument(
            "--serial",
            action="store_true",
            help="Read and write in this process alone (by default, on a machine with more than "
            "one core, two processes each read some of the files and write them in turn).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=WORKERS,
            help=f"Processes reading and writing in turn (default {WORKERS}; 1: this process).",
        )

    def handle(self, *args, **options):
        if options["workers"] < 1:
            raise CommandError("--workers: give 1 or more.")
        paths = _expand(options["paths"])
        if not paths:
            raise CommandError("No XML files found.")
        started = time.monotonic()
        bar = _Bar(sys.stderr)
        run = iati_import_files(
            user=None,
            paths=paths,
            progress=bar,
            batch_size=options["batch_size"],
            schema_check=not options["no_schema_check"],
            parallel=not options["serial"] and (os.cpu_count() or 1) > 1,
            workers=options["workers"],
        )
        bar.close()
        seconds = time.monotonic() - started
        if run.report.get("schema_check", "").startswith("skipped"):
            self.stdout.write(f"WARNING: XSD check {run.report['schema_check']}.")
        for file in run.report["files"]:
            if file["refused"]:
                self.stdout.write(f"REFUSED {file['name']}: {file['refused']}")
                continue
            counts = file["problems_by_severity"]
            if any(counts.values()):
                self.stdout.write(
                    f"{file['name']}: {counts['critical']} critical, {counts['error']} errors, "
                    f"{counts['warning']} warnings"
                )
                for problem in file["problems"][: options["problems"]]:
                    where = f" [{problem['activity']}]" if problem.get("activity") else ""
                    self.stdout.write(
                        f"  {problem['severity']}{where} {problem['xpath']}: {problem['message']}"
                    )
        rate = run.read / seconds if seconds else 0
        self.stdout.write(
            f"Import run {run.pk} ({run.status}): {len(paths)} files, {run.read} activities read "
            f"in {seconds:.1f} s ({rate:,.0f}/s): {run.created} created, {run.updated} updated, "
            f"{run.unchanged} unchanged, {run.skipped} skipped; problems: {run.critical} "
            f"critical, {run.errors} errors, {run.warnings} warnings."
        )
        status = exit_status(run)
        if status != ALL_IMPORTED:
            refused = sum(1 for f in run.report["files"] if f["refused"])
            what = "nothing imported" if status == NOTHING_IMPORTED else "not all imported"
            self.stderr.write(
                f"Exit status {status} ({what}): {refused} files refused, "
                f"{run.skipped} activities not imported."
            )
            sys.exit(status)


def _expand(items: list[str]) -> list[Path]:
    paths: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            paths += sorted(p for p in path.rglob("*.xml") if p.is_file())
        else:
            paths.append(path)
    return paths


class _Bar:
    """A plain progress line on stderr: files done, activities read."""

    def __init__(self, stream, width: int = 30):
        self.stream, self.width, self.live = stream, width, stream.isatty()

    def __call__(self, p: Progress) -> None:
        done = int(self.width * (p.index if p.done else p.index - 1) / p.files)
        bar = "#" * done + "." * (self.width - done)
        line = f"[{bar}] {p.index}/{p.files} files, {p.read:,} activities"
        if self.live:
            self.stream.write("\r" + line)
            self.stream.flush()
        elif p.done:
            self.stream.write(f"{line} ({p.file})\n")

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
