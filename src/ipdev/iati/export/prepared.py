"""Large IATI XML downloads, prepared by a background job like the other large downloads.

The portal's ``activities/download.xml`` and the API's ``activities.xml`` stream the file while
the search holds at most ``IPDEV_EXPORT_BACKGROUND_ROWS`` activities; above that they ask
``iati_export_request`` for a prepared file. It is ``activities.export_files`` that keeps it: one
file per audience of the visibility rule, reused for an identical request, purged after a day.
This module only names the task and writes the XML (``writer.write_activities``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ipdev.activities import export_files
from ipdev.activities.exports import About
from ipdev.search.types import Query

from .writer import write_activities

TASK = "iati.build_export"


def _write_xml(details: Iterable, path: Path, about: About) -> None:
    with path.open("wb") as fh:
        write_activities(details, fh)


def iati_export_request(*, user, query: Query, language: str, about: About):
    """The prepared IATI file of this search for this reader (``export_files.export_request``)."""
    return export_files.export_request(
        user=user, query=query, fmt="xml", language=language, about=about, task=TASK
    )


def iati_export_build(*, pk: int):
    """Build a queued IATI file (the background job); None if it was not queued."""
    return export_files.export_build(pk=pk, write=_write_xml)
