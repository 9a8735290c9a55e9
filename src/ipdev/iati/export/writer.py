"""Stream ``<iati-activities version="2.03">`` documents in constant memory (lxml ``xmlfile``).

The details come from ``ipdev.activities.selectors.activity_details_stream`` (or any iterable of
``ActivityDetail``), so the visibility rule has already been applied for the requesting user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import IO

from django.conf import settings
from django.utils import timezone
from lxml import etree

from ipdev.activities.selectors import ActivityDetail

from ..codelists import default
from .elements import ExportContext, Org, activity_element

VERSION = "2.03"
CHUNK = 500


def export_context(*, today: dt.date | None = None) -> ExportContext:
    """The context for this instance: its own reporting organisation from the settings."""
    from ipdev.reference.models import FundingSource

    own = Org(
        settings.IPDEV_REPORTING_ORG_REF,
        settings.IPDEV_REPORTING_ORG_NAME,
        default("reporting_org_type"),
    )
    return ExportContext(
        own=own,
        lang=(settings.LANGUAGE_CODE or "en").split("-")[0],
        today=today or timezone.localdate(),
        funding_kinds=dict(FundingSource.objects.values_list("code", "kind")),
    )


def _load_orgs(ctx: ExportContext, details: list[ActivityDetail]) -> None:
    """Fetch the IATI refs and types of the organisations in this chunk (names are public)."""
    from ipdev.accounts.models import Organisation

    wanted = {d.reporting_org.code for d in details if d.source == "iati"}
    wanted.update(p.code for d in details for p in d.partners)
    missing = [int(code) for code in wanted - ctx.orgs.keys() if code.isdigit()]
    if len(ctx.orgs) > 50_000:  # keep memory bounded on huge exports
        ctx.orgs.clear()
    for pk, ref, name, kind in Organisation.objects.filter(pk__in=missing).values_list(
        "pk", "ref", "name", "type"
    ):
        ctx.orgs[str(pk)] = Org(ref, name, kind)


def _chunks(details: Iterable[ActivityDetail]) -> Iterator[list[ActivityDetail]]:
    it = iter(details)
    while chunk := list(islice(it, CHUNK)):
        yield chunk


def write_activities(
    details: Iterable[ActivityDetail],
    fileobj: IO[bytes],
    *,
    ctx: ExportContext | None = None,
    generated: str | None = None,
) -> int:
    """Write an IATI 2.03 activity file of these activities to a binary file; return how many."""
    ctx = ctx or export_context()
    count = 0
    generated = generated or timezone.now().replace(microsecond=0).isoformat()
    with etree.xmlfile(fileobj, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": VERSION, "generated-datetime": generated}):
            for chunk in _chunks(details):
                _load_orgs(ctx, chunk)
                for detail in chunk:
                    xf.write(activity_element(detail, ctx))
                    count += 1
                xf.flush()
    return count


class _Buffer:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.parts.append(bytes(data))

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def stream_activities(
    details: Iterable[ActivityDetail], *, ctx: ExportContext | None = None
) -> Iterator[bytes]:
    """The same document as ``write_activities``, as byte chunks (for a streaming response)."""
    ctx = ctx or export_context()
    buffer = _Buffer()
    generated = timezone.now().replace(microsecond=0).isoformat()
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": VERSION, "generated-datetime": generated}):
            for chunk in _chunks(details):
                _load_orgs(ctx, chunk)
                for detail in chunk:
                    xf.write(activity_element(detail, ctx))
                xf.flush()
                yield buffer.take()
    yield buffer.take()
