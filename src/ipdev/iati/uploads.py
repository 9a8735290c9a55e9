"""IATI files uploaded through the back office or the API, imported by a background job.

``iati_upload_queue`` keeps the files under ``IPDEV_JOB_FILES_DIR/iati-uploads/<run>/`` and
records a run "waiting to start" with a job to import it, in one transaction: the uploader gets
the run's page (or its address in the API) at once, and the run's status says how far it is.
The job (``iati.import_upload``) claims the run with a conditional UPDATE, so it is imported
once however many workers look, and imports the files with ``iati_import_files``, the service
``ipdev import-iati`` calls: the same triage, audit entries (under the uploader's name) and
idempotency. A worker killed during an import leaves the run "running" with its process gone:
``import_runs_mark_interrupted`` marks it interrupted, as for any import. The files are deleted
once the run is done; those of a run that failed or was interrupted are kept ``KEEP_FAILED`` so
that staff can retry it (``iati_upload_retry``: the same files, queued again; what the first
attempt wrote is found unchanged, since the import is idempotent by IATI identifier and content).
``purge_upload_folders`` removes the rest.
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ipdev.core import jobs
from ipdev.core.audit import audit_log

from .models import ImportRun
from .runs import this_process
from .services import Progress, iati_import_files, import_runs_mark_interrupted

MAX_FILES = 20
MAX_UPLOAD_BYTES = 100 * 1024 * 1024  # per file; larger files go through `ipdev import-iati`
# The largest request read at all: every file at its limit, and room for the form's fields.
MAX_REQUEST_BYTES = MAX_FILES * MAX_UPLOAD_BYTES + 1024 * 1024
TASK = "iati.import_upload"
FOLDER = "iati-uploads"
ENDED = (
    ImportRun.Status.DONE,
    ImportRun.Status.DONE_WITH_PROBLEMS,
    ImportRun.Status.FAILED,
    ImportRun.Status.INTERRUPTED,
)
RETRYABLE = (ImportRun.Status.FAILED, ImportRun.Status.INTERRUPTED)
KEEP_FAILED = dt.timedelta(days=7)  # the files of a failed run, for a retry


class UploadLimit(FileUploadHandler):
    """The first of the upload handlers: it stops reading the request as soon as a file passes
    ``limit`` bytes (the rest of the body is never read) and notes the file's name; a request
    whose Content-Length is over ``MAX_REQUEST_BYTES`` is not read at all."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = MAX_UPLOAD_BYTES if limit is None else limit
        self.too_large: list[str] = []
        self.whole = False  # the request as a whole was too large

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > MAX_REQUEST_BYTES:
            self.whole = True
            return QueryDict(), MultiValueDict()  # (nothing read)
        return None

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large.append(self.file_name or "?")
            raise StopUpload(connection_reset=True)  # (stop reading; do not drain the rest)
        return raw_data

    def file_complete(self, file_size):
        return None


def upload_folder(run_pk: int) -> Path:
    return Path(settings.IPDEV_JOB_FILES_DIR) / FOLDER / str(run_pk)


def may_upload(user) -> bool:
    """IATI files are imported by WIPO staff (and admins) only."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_wipo_staff", False))


def _stored_paths(run: ImportRun) -> list[Path]:
    folder = upload_folder(run.pk)
    return [folder / str(n) / name for n, name in enumerate(run.files)]


@transaction.atomic
def iati_upload_queue(
    *, user, files: Iterable[tuple[str, Iterable[bytes]]], schema_check: bool
) -> ImportRun:
    """Keep the uploaded files (name, chunks) and queue their import; return the waiting run."""
    if not may_upload(user):
        raise PermissionDenied("Only WIPO staff may import IATI files.")
    files = list(files)
    names = [get_valid_filename(name)[:200] or "upload.xml" for name, _chunks in files]
    run = ImportRun.objects.create(
        user=user, files=names, status=ImportRun.Status.QUEUED, heartbeat_at=timezone.now()
    )
    for path, (_name, chunks) in zip(_stored_paths(run), files, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
    jobs.enqueue(TASK, run=run.pk, schema_check=bool(schema_check))
    audit_log(actor=user, action="iati.upload_queued", obj=run, message=", ".join(names)[:500])
    return run


def iati_upload_import(*, run_pk: int, schema_check: bool, now: dt.datetime) -> ImportRun | None:
    """Import a waiting run's files here (the background job); None if it was not waiting."""
    claimed = ImportRun.objects.filter(pk=run_pk, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, process=this_process(), heartbeat_at=now
    )
    if not claimed:
        return None
    run = ImportRun.objects.select_related("user").get(pk=run_pk)
    paths = _stored_paths(run)
    missing = [p.name for p in paths if not p.exists()]
    if missing:
        run.status = ImportRun.Status.FAILED
        run.finished_at = timezone.now()
        run.report = {"error": f"The uploaded files are gone: {', '.join(missing)}."}
        run.save(update_fields=["status", "finished_at", "report"])
        return run
    try:
        done = iati_import_files(
            user=run.user,
            paths=paths,
            schema_check=schema_check,
            run=run,
            progress=_progress(run_pk),
        )
    except Exception as exc:  # (the run is failed; say why in it, keep the files to retry)
        failed = ImportRun.objects.get(pk=run_pk)
        failed.report = {**(failed.report or {}), "error": f"{type(exc).__name__}: {exc}"[:2000]}
        failed.save(update_fields=["report"])
        raise
    shutil.rmtree(upload_folder(run_pk), ignore_errors=True)
    return done


def _schema_check_of(run: ImportRun) -> bool:
    """Whether the run's upload asked for the schema check (as its last job was queued)."""
    from ipdev.core.models import Job

    job = Job.objects.filter(name=TASK, kwargs__run=run.pk).order_by("-id").first()
    return bool(job.kwargs.get("schema_check", True)) if job else True


def retry_refusal(run: ImportRun) -> str:
    """Why this run may not be retried ("" if it may), in words for the person asking."""
    if run.status not in RETRYABLE:
        return _(
            "Import %(pk)d is %(status)s: only a failed or interrupted import can be retried."
        ) % {"pk": run.pk, "status": run.get_status_display().lower()}
    missing = [p.name for p in _stored_paths(run) if not p.exists()]
    if missing or not run.files:
        return _(
            "The files of import %(pk)d are no longer kept: upload them again to import them."
        ) % {"pk": run.pk}
    return ""


def iati_upload_retry(*, run: ImportRun, user) -> ImportRun:
    """Queue a failed or interrupted upload's import again, with the files it kept (staff)."""
    if not may_upload(user):
        raise PermissionDenied("Only WIPO staff may import IATI files.")
    import_runs_mark_interrupted(now=timezone.now())  # (a run whose worker died is ended)
    run.refresh_from_db()
    refused = retry_refusal(run)
    if refused:
        raise jobs.RetryRefused(refused)
    before = {"status": run.status, "why": run.failure_text()}
    with transaction.atomic():
        queued = ImportRun.objects.filter(pk=run.pk, status=run.status).update(
            status=ImportRun.Status.QUEUED,
            finished_at=None,
            process="",
            heartbeat_at=timezone.now(),
            report={"retried": {**before, "by": getattr(user, "username", "")}},
        )
        if not queued:  # (someone else retried it in between)
            raise jobs.RetryRefused(_("Import %(pk)d is already queued again.") % {"pk": run.pk})
        jobs.enqueue(TASK, run=run.pk, schema_check=_schema_check_of(run))
        run.refresh_from_db()
        audit_log(
            actor=user,
            action="iati.upload_retried",
            obj=run,
            changes={"status": [before["status"], run.status]},
            message=before["why"][:500],
        )
    return run


def iati_upload_job_retry(*, job, user) -> ImportRun:
    """A failed ``iati.import_upload`` job is retried through its run (``jobs.retry_with``)."""
    run = ImportRun.objects.filter(pk=job.kwargs.get("run")).first()
    if run is None:
        raise jobs.RetryRefused(_("The import of this job no longer exists."))
    return iati_upload_retry(run=run, user=user)


def _progress(run_pk: int):
    """Keep the run's count of activities read up to date (at most every 2 s) while it runs."""
    last = [time.monotonic()]

    def note(progress: Progress) -> None:
        now = time.monotonic()
        if now - last[0] >= 2:
            running = ImportRun.objects.filter(pk=run_pk, status=ImportRun.Status.RUNNING)
            running.update(read=progress.read)
            last[0] = now

    return note


def purge_upload_folders(*, now: dt.datetime | None = None) -> int:
    """Delete the kept files of runs that are done, failed or interrupted more than
    ``KEEP_FAILED`` ago, or no longer exist; return how many."""
    now = now or timezone.now()
    root = Path(settings.IPDEV_JOB_FILES_DIR) / FOLDER
    if not root.is_dir():
        return 0
    folders = {int(p.name): p for p in root.iterdir() if p.is_dir() and p.name.isdigit()}
    runs = ImportRun.objects.filter(pk__in=list(folders))
    waiting = set(runs.exclude(status__in=ENDED).values_list("pk", flat=True))
    waiting |= set(
        runs.filter(status__in=RETRYABLE, finished_at__gte=now - KEEP_FAILED).values_list(
            "pk", flat=True
        )
    )
    purged = 0
    for pk, folder in folders.items():
        if pk not in waiting:
            shutil.rmtree(folder, ignore_errors=True)
            purged += 1
    return purged
