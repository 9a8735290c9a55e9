"""Reading files into chunks of mapped activities (check, parse, map, XSD; no database).

A serial import takes the chunks in this process; a parallel one (``importer.parallel``) in
each forked process, over the files that process reads.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import schema as xsd
from .draft import Draft, Vocabulary
from .mappers import map_activity
from .parse import Refused, activities, check_file
from .triage import CRITICAL, ERROR, WARNING, Problem


@dataclass
class Chunk:
    """Part of one file: the importable drafts, and the counts and problems of all it read."""

    index: int  # the file's position in the run, from 1
    drafts: list[Draft] = field(default_factory=list)
    read: int = 0
    skipped: int = 0
    version: str = ""
    problems: list[Problem] = field(default_factory=list)
    not_kept: Counter = field(default_factory=Counter)
    last: bool = False  # the file's last chunk
    refused: str = ""  # why the whole file was refused
    file_problems: list[Problem] = field(default_factory=list)  # about the file, reported last


def read_chunks(
    paths: list[Path],
    *,
    vocab: Vocabulary,
    schema: etree.XMLSchema | None,
    batch_size: int,
    max_bytes: int,
    numbers: Iterable[int] | None = None,
    between: Callable[[], None] | None = None,
) -> Iterator[Chunk]:
    """Every file, ``batch_size`` importable activities a chunk; each file ends with a last one.
    A held file's chunks (``FileInfo.held``) come only once the whole file has parsed; if it
    does not, the file is refused as a whole, like a file refused before it is read.

    ``numbers`` are the files' positions in the run (1, 2, ... unless given); ``between``, if
    given, is called after each activity (a parallel import writes there what it may)."""
    for index, path in zip(numbers or itertools.count(1), paths, strict=False):
        chunk = Chunk(index)
        held: list[Chunk] = []
        holding = False
        try:
            info = check_file(path, max_bytes=max_bytes)
            holding = info.held
            # A file read as a tree is schema-checked whole, in one call; a streamed one (or
            # one whose errors libxml2 cannot place) activity by activity.
            found = None
            if schema is not None and info.tree is not None:
                found = xsd.errors_by_activity(schema, info.tree)
            for position, el in activities(info):
                chunk.version = info.version
                chunk.read += 1
                draft = map_activity(el, vocab)
                if schema is not None:
                    _schema_check(draft, schema, el, found, position)
                chunk.not_kept.update(draft.not_kept)
                chunk.problems += draft.problems
                if draft.importable:
                    draft.pack()
                    chunk.drafts.append(draft)
                else:
                    chunk.skipped += 1
                if between is not None:
                    between()
                if len(chunk.drafts) >= batch_size:
                    if holding:
                        held.append(chunk)
                    else:
                        yield chunk
                    chunk = Chunk(index, version=info.version)
            chunk.version = info.version
            chunk.file_problems = list(info.problems)
        except Refused as exc:
            if holding:  # what was read of it is dropped: nothing of it is kept
                held, chunk = [], Chunk(index)
            chunk.drafts, chunk.refused = [], exc.problem.message
            chunk.problems.append(exc.problem)
        except etree.XMLSyntaxError as exc:  # the file changed between the check and the read
            chunk.drafts, chunk.refused = [], f"The XML is not well-formed: {exc}"
            chunk.problems.append(Problem(CRITICAL, "/", chunk.refused))
        yield from held
        chunk.last = True
        yield chunk


def _schema_check(draft: Draft, schema, el, found: dict | None, position: int) -> None:
    if found is None:
        try:
            messages = xsd.errors_of(schema, el)
        except etree.XMLSchemaValidateError as exc:  # (libxml2 could not run the check)
            draft.problem(WARNING, "iati-activity", f"The schema check could not run: {exc}")
            return
    else:
        messages = found.get(position, ())
    for message in messages:
        draft.problem(ERROR, "iati-activity", f"Schema: {message}")
