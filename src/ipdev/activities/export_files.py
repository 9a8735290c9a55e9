"""Large downloads of the activity search, built by a background job into a file.

A download with more rows than ``IPDEV_EXPORT_BACKGROUND_ROWS`` is not streamed: the portal asks
``export_request`` for a prepared file and shows a page that waits for it. The file is built by
the job ``activities.build_export`` with the writers of ``exports`` and the details of
``selectors.activity_details_stream`` for the *audience* the reader belongs to (the visibility
rule's ``Viewer``: the public, staff, or the focal point of some countries), so it holds exactly
what the reader would have had streamed. Files live under ``IPDEV_JOB_FILES_DIR/exports/``.
A format written above this app (the IATI XML file, ``iati.export.prepared``) goes through the
same two functions: it names its own task to ``export_request`` and hands its writer to
``export_build``, so reuse, audiences and purging are the same for every format.

Reuse without leaks: a request identical in search, language, format, audience, day and data
generation (the newest audit entry and the search index's generation, as for conditional pages)
to one made within ``REUSE`` gets the same file. A file is handed only to a reader of its own
audience (``prepared_for``): an anonymous reader never receives a file built for staff, nor
staff one built for the public. ``activities.purge_exports`` deletes files after ``KEEP``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from ipdev.core import jobs
from ipdev.core.audit import latest_entry_id
from ipdev.search import engine
from ipdev.search.types import Query

from . import exports, selectors
from .models import ExportFile
from .visibility import PUBLIC, Viewer

TASK = "activities.build_export"
REUSE = dt.timedelta(minutes=30)  # an identical request within this gets the same file
KEEP = dt.timedelta(days=1)  # files are deleted after this
STOPPED = dt.timedelta(hours=3)  # a download still not built after this never will be
FOLDER = "exports"
FORMATS = ("csv", "json", "xlsx", "xml")
LIVE = (ExportFile.State.QUEUED, ExportFile.State.RUNNING, ExportFile.State.READY)


@dataclass(frozen=True)
class Prepared:
    """A prepared download as its reader sees it."""

    token: str
    format: str
    language: str
    state: str
    state_label: str
    rows: int | None
    size: int | None
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    path: Path
    search_url: str

    @property
    def ready(self) -> bool:
        return self.state == ExportFile.State.READY

    @property
    def waiting(self) -> bool:
        return self.state in (ExportFile.State.QUEUED, ExportFile.State.RUNNING)


def audience_of(viewer: Viewer) -> str:
    """The visibility context a download is built for: what decides which details it holds."""
    if viewer.staff:
        return "staff"
    if viewer.countries:
        return "countries:" + ",".join(sorted(viewer.countries))
    return "public"


def _viewer(audience: str) -> Viewer:
    if audience == "staff":
        return Viewer(staff=True)
    if audience.startswith("countries:"):
        return Viewer(countries=frozenset(audience.split(":", 1)[1].split(",")))
    return PUBLIC


def _query_data(query: Query) -> dict:
    return {
        "text": query.text,
        "filters": {k: sorted(v) for k, v in sorted(query.filters.items()) if v},
        "year_from": query.year_from,
        "year_to": query.year_to,
        "sort": query.sort,
    }


def _path(token: str, fmt: str) -> Path:
    return Path(settings.IPDEV_JOB_FILES_DIR) / FOLDER / f"{token}.{fmt}"


def _prepared(row: ExportFile) -> Prepared:
    return Prepared(
        token=row.token,
        format=row.format,
        language=row.language,
        state=row.state,
        state_label=str(row.get_state_display()),
        rows=row.rows,
        size=row.size,
        error=row.error,
        created_at=row.created_at,
        finished_at=row.finished_at,
        path=_path(row.token, row.format),
        search_url=str((row.about or {}).get("search_url", "")),
    )


def built_in_background(query: Query) -> bool:
    """Whether a download of this search is large enough to be built by a job."""
    return selectors.activity_count(query) > settings.IPDEV_EXPORT_BACKGROUND_ROWS


def export_request(
    *,
    user,
    query: Query,
    fmt: str,
    language: str,
    about: exports.About,
    now=None,
    task: str = TASK,
) -> Prepared:
    """The prepared download of this search for this reader: a recent identical one, or a new
    one queued for the worker (``task``, which builds it with ``export_build``)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    now = now or timezone.now()
    audience = audience_of(Viewer.of(user))
    wanted = [
        _query_data(query),
        fmt,
        language,
        audience,
        timezone.localdate(now).isoformat(),
        latest_entry_id(),
        list(engine.generation()),
    ]
    key = hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()
    recent = ExportFile.objects.filter(
        key=key, audience=audience, state__in=LIVE, created_at__gte=now - REUSE
    )
    for row in recent.order_by("-created_at"):
        if row.state != ExportFile.State.READY or _path(row.token, row.format).exists():
            return _prepared(row)
    with transaction.atomic():
        row = ExportFile.objects.create(
            token=secrets.token_urlsafe(32),
            key=key,
            audience=audience,
            format=fmt,
            language=language,
            query=_query_data(query),
            about={"search_url": about.search_url, "filters": [list(f) for f in about.filters]},
            created_at=now,
        )
        jobs.enqueue(task, export=row.pk)
    return _prepared(row)


def prepared_for(*, token: str, user) -> Prepared:
    """A prepared download, for a reader of the audience it was built for only (else 404)."""
    row = ExportFile.objects.filter(token=token[:64]).first()
    if row is None or row.audience != audience_of(Viewer.of(user)):
        raise Http404("No such download.")
    waiting = row.state in (ExportFile.State.QUEUED, ExportFile.State.RUNNING)
    if waiting and row.created_at < timezone.now() - STOPPED:  # (its worker was stopped)
        ExportFile.objects.filter(pk=row.pk, state=row.state).update(
            state=ExportFile.State.FAILED, error="interrupted", finished_at=timezone.now()
        )
        row.refresh_from_db()
    return _prepared(row)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xml": "application/xml; charset=utf-8",
}


def file_response(*, token: str, user) -> FileResponse:
    """The prepared file itself, for a reader of its audience, once ready (else 404); never
    cached by anyone but that reader."""
    prepared = prepared_for(token=token, user=user)
    if not prepared.ready:
        raise Http404("This download is not ready.")
    try:
        handle = prepared.path.open("rb")
    except FileNotFoundError:
        raise Http404("This download has been deleted; ask for it again.") from None
    made = timezone.localtime(prepared.finished_at or prepared.created_at).date()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"ipdev-activities-{made:%Y-%m-%d}.{prepared.format}",
        content_type=CONTENT_TYPES[prepared.format],
    )
    response["Content-Language"] = prepared.language
    patch_cache_control(response, private=True, no_store=True)
    return response


class _Counted:
    def __init__(self, items: Iterable):
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator:
        for item in self.items:
            self.count += 1
            yield item


# Writes the details to a file at a path; ``about`` is what the file says about itself.
Writer = Callable[[Iterable, Path, exports.About], None]


def _write_table(details: Iterable, path: Path, about: exports.About) -> None:
    """The CSV, JSON and XLSX files, by the path's suffix (as streamed by the portal)."""
    fmt = path.name.removesuffix(".part").rsplit(".", 1)[1]
    if fmt == "xlsx":
        exports.write_xlsx(details, path, about=about)
        return
    write = exports.csv_rows if fmt == "csv" else exports.json_chunks
    with path.open("wb") as fh:
        for chunk in write(details, about=about):
            fh.write(chunk)


def export_build(*, pk: int, write: Writer = _write_table) -> Prepared | None:
    """Build a queued download's file with ``write`` (the background job); None if it was not
    queued."""
    if not ExportFile.objects.filter(pk=pk, state=ExportFile.State.QUEUED).update(
        state=ExportFile.State.RUNNING
    ):
        return None
    row = ExportFile.objects.get(pk=pk)
    path = _path(row.token, row.format)
    part = path.with_name(path.name + ".part")
    part.parent.mkdir(parents=True, exist_ok=True)
    query = Query(**row.query, limit=1, facets=False)
    try:
        with translation.override(row.language):
            about = exports.About(
                search_url=row.about.get("search_url", ""),
                filters=[tuple(f) for f in row.about.get("filters", [])],
                made_at=timezone.now(),
            )
            details = _Counted(
                selectors.activity_details_stream(viewer=_viewer(row.audience), query=query)
            )
            write(details, part, about)
        part.rename(path)
    except Exception as exc:
        part.unlink(missing_ok=True)
        ExportFile.objects.filter(pk=pk).update(
            state=ExportFile.State.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    ExportFile.objects.filter(pk=pk).update(
        state=ExportFile.State.READY,
        rows=details.count,
        size=path.stat().st_size,
        finished_at=timezone.now(),
    )
    row.refresh_from_db()
    return _prepared(row)


def export_purge(*, now: dt.datetime) -> int:
    """Delete the downloads made more than ``KEEP`` ago, and files no row knows; how many."""
    purged = 0
    for row in ExportFile.objects.filter(created_at__lt=now - KEEP):
        _path(row.token, row.format).unlink(missing_ok=True)
        row.delete()
        purged += 1
    folder = Path(settings.IPDEV_JOB_FILES_DIR) / FOLDER
    if folder.is_dir():
        known = {f"{t}.{f}" for t, f in ExportFile.objects.values_list("token", "format")}
        cutoff = (now - KEEP).timestamp()
        for file in folder.iterdir():
            name = file.name.removesuffix(".part")
            if name not in known and file.stat().st_mtime < cutoff:
                file.unlink(missing_ok=True)
                purged += 1
    return purged
