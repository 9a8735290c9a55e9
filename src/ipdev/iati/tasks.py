"""Background tasks of the IATI app."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from ipdev.core import jobs

from .export.prepared import TASK as EXPORT_TASK
from .export.prepared import iati_export_build
from .services import import_runs_mark_interrupted
from .uploads import TASK, iati_upload_import, iati_upload_job_retry, purge_upload_folders


@jobs.task("iati.mark_interrupted_imports", every=dt.timedelta(minutes=10))
def mark_interrupted_imports(*, now: dt.datetime) -> str:
    """Imports left "running" by a process that is gone are marked interrupted."""
    marked = import_runs_mark_interrupted(now=now)
    return f"{marked} interrupted import(s) marked" if marked else "no interrupted import"


# One attempt: an import that failed says why in its run; one whose worker was killed is marked
# interrupted (above). Staff retry it from its page, or this job from the jobs' list: both queue
# the run again with its kept files (``iati_upload_retry``), which finishes it idempotently.
@jobs.task(TASK, max_attempts=1, timeout=dt.timedelta(hours=12), retry_with=iati_upload_job_retry)
def import_upload(*, now: dt.datetime, run: int, schema_check: bool = True) -> str:
    """Import the files of an upload waiting to start (back office, API)."""
    done = iati_upload_import(run_pk=run, schema_check=schema_check, now=now)
    if done is None:
        return f"import {run} was not waiting"
    return (
        f"import {done.pk} {done.status}: {done.read} read, {done.created} created, "
        f"{done.updated} updated, {done.unchanged} unchanged, {done.skipped} not imported"
    )


@jobs.task("iati.purge_upload_folders", every=dt.timedelta(hours=6))
def purge_uploads(*, now: dt.datetime) -> str:
    """Delete the kept files of uploads whose import has ended."""
    return f"{purge_upload_folders(now=now)} upload folder(s) deleted"


# One attempt, as for the other downloads: one that failed says so on its page.
@jobs.task(
    EXPORT_TASK,
    max_attempts=1,
    timeout=dt.timedelta(hours=2),
    retry_refused=_("A download that failed is asked for again by its reader, not retried here."),
)
def build_export(*, now: dt.datetime, export: int) -> str:
    """Build the IATI XML file of a large download of the activity search."""
    built = iati_export_build(pk=export)
    if built is None:
        return f"download {export} was not waiting"
    return f"download {export}: {built.rows} activities, {built.size} bytes (xml)"
