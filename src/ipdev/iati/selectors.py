"""Reads of the IATI importer's records for the interfaces (the portal's freshness banner)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import ImportRun


@dataclass(frozen=True)
class ImportSummary:
    """The latest import run: when, how it ended, and what it changed (no file names, no user)."""

    started_at: dt.datetime
    finished_at: dt.datetime | None
    status: str
    status_label: str
    read: int
    created: int
    updated: int

    @property
    def succeeded(self) -> bool:
        return self.status == ImportRun.Status.DONE


def newest_run_columns() -> list[str]:
    """SQL expressions of the newest run's id and status, for a query that reads them beside
    other figures in one round trip (the portal's data state, ipdev.portal.conditional)."""
    newest = f"FROM {ImportRun._meta.db_table} ORDER BY started_at DESC, id DESC LIMIT 1"
    return [f"(SELECT id {newest})", f"(SELECT status {newest})"]


def last_import() -> ImportSummary | None:
    """The most recent IATI import run, or None if there has been none."""
    # (Not its report: a JSON document of up to thousands of problems, read on every page.)
    fields = ["started_at", "finished_at", "status", "read", "created", "updated"]
    run = ImportRun.objects.order_by("-started_at", "-id").only(*fields).first()
    if run is None:
        return None
    return ImportSummary(
        started_at=run.started_at,
        finished_at=run.finished_at,
        status=run.status,
        status_label=str(run.get_status_display()),
        read=run.read,
        created=run.created,
        updated=run.updated,
    )
