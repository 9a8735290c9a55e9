"""Run by test_import_parallel.py in a fresh process, on the SQLite file of IPDEV_DATA_DIR (where
an import's processes really fork; the suite's in-memory database cannot be shared): migrate,
or import files, then print as JSON what the database holds.

    python tests/iati/forked_import.py --migrate
    python tests/iati/forked_import.py [--serial] [--workers N] [--unit-bytes B]
        [--fail-on IDENTIFIER] [--batch-size N] [--kill-after N] FILE...
    python tests/iati/forked_import.py --runs   # the runs, once those interrupted are marked
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # (for ``tests``)


def state(run) -> dict:
    """Everything an import writes, in a form two databases can be compared by."""
    from ipdev.accounts.models import Organisation
    from ipdev.activities.models import Activity
    from ipdev.core.models import AuditEntry
    from ipdev.iati.models import ImportedActivity
    from ipdev.search import engine
    from ipdev.search.types import Query

    def rows(queryset, *fields):
        return [list(row) for row in queryset.order_by("pk").values_list(*fields)]

    searches = {}
    for text in ("health", "water", "education programme", '"technical assistance"'):
        result = engine.search(Query(text=text, limit=50))
        countries = [(f.value, f.count) for f in result.facets.get("country", [])]
        searches[text] = [result.total, result.ids, countries]
    return {
        "run": {
            "status": run.status,
            "counts": [run.read, run.created, run.updated, run.unchanged, run.skipped],
            "problems": [run.critical, run.errors, run.warnings],
            "report": {k: v for k, v in run.report.items() if k != "processes"},
        },
        "processes": len(run.report.get("processes", [])),
        "activities": rows(
            Activity.objects.all(), "pk", "identifier", "title", "reporting_org_id", "cost"
        ),
        "countries": rows(Activity.countries.through.objects.all(), "activity_id", "country_id"),
        "partners": rows(Activity.partners.through.objects.all(), "activity_id", "organisation_id"),
        "organisations": rows(Organisation.objects.all(), "pk", "ref", "name", "type"),
        "fingerprints": rows(ImportedActivity.objects.all(), "activity_id", "content_hash"),
        "audit": rows(AuditEntry.objects.all(), "action", "object_id", "object_repr", "changes"),
        "search": searches,
        "documents": engine.document_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--migrate", action="store_true")
    parser.add_argument("--serial", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--unit-bytes", type=int, default=0)
    parser.add_argument("--fail-on", default="")
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--kill-after", type=int, default=0, help="SIGKILL itself once read")
    parser.add_argument("--runs", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipdev.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if args.migrate:
        call_command("migrate", verbosity=0)
        return
    from ipdev.iati.importer import parallel, reading
    from ipdev.iati.models import ImportRun
    from ipdev.iati.services import iati_import_files, import_runs_mark_interrupted

    if args.runs:
        from django.utils import timezone

        marked = import_runs_mark_interrupted(now=timezone.now())
        runs = ImportRun.objects.order_by("pk").values("pk", "status", "report", "process")
        print(json.dumps({"marked": marked, "runs": list(runs)}, default=str))
        return
    progress = None
    if args.kill_after:
        import signal

        def progress(p):
            if p.read >= args.kill_after:
                os.kill(os.getpid(), signal.SIGKILL)

    if args.unit_bytes:
        parallel.UNIT_BYTES = args.unit_bytes
    if args.fail_on:
        mapped = reading.map_activity

        def failing(el, vocab):
            draft = mapped(el, vocab)
            if draft.identifier == args.fail_on:
                raise ValueError(f"mapper exploded on {draft.identifier}")
            return draft

        reading.map_activity = failing  # (the forked processes inherit it)
    paths = [Path(f) for f in args.files]
    try:
        run = iati_import_files(
            user=None,
            paths=paths,
            parallel=not args.serial,
            workers=args.workers,
            batch_size=args.batch_size,
            progress=progress,
        )
    except RuntimeError as exc:
        run = ImportRun.objects.get()
        print(json.dumps({"error": str(exc), **state(run)}, default=str))
        return
    print(json.dumps(state(run), default=str))


if __name__ == "__main__":
    main()
