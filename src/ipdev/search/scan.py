"""Matches of a query without text, read straight from search_doc: no index in memory.

An export of everything, of a country or of any other facet filters streams its ids in key
order (newest first, or oldest) from the table, a page at a time, checking each page's packed
value codes against the plan's filters with numpy. Memory stays constant whatever the number
of documents, and a process that only exports never pays the index load (seconds and hundreds
of megabytes at a million documents). Order and matches are the index's (tests check both).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .index import ID_MASK, unpack
from .plan import Plan

PAGE = 5000
FIRST = {True: (1 << 63) - 1, False: -1}  # beyond every key, for keyset paging down and up


def value_codes(cursor) -> dict[tuple[str, str], int]:
    cursor.execute("SELECT code, facet, value FROM search_value")
    return {(facet, value): code for code, facet, value in cursor.fetchall()}


def _keep(plan: Plan, blobs: list[bytes]) -> np.ndarray:
    """Which rows hold, for every filtered facet, at least one allowed value code."""
    keep = np.ones(len(blobs), dtype=bool)
    if not plan.constraints:
        return keep
    codes = unpack(b"".join(blobs))
    owner = np.repeat(np.arange(len(blobs)), [len(b) // 4 for b in blobs])
    for allowed in plan.constraints.values():
        hit = np.isin(codes, np.fromiter(allowed, dtype=np.uint32, count=len(allowed)))
        keep &= np.bincount(owner[hit], minlength=len(blobs)) > 0
    return keep


def stream(connection, plan: Plan, *, newest: bool, page: int = PAGE) -> Iterator[list[int]]:
    """The ids matching `plan` (which has no text terms), by key, a page of rows at a time
    (a cursor per page: the caller may query the same connection between pages)."""
    if plan.has_text:
        raise ValueError("a text query needs the index")
    if any(not allowed for allowed in plan.constraints.values()):
        return
    compare, order = ("<", "DESC") if newest else (">", "ASC")
    sql = f"SELECT key, codes FROM search_doc WHERE key {compare} %s ORDER BY key {order} LIMIT %s"
    last = FIRST[newest]
    while True:
        with connection.cursor() as cursor:
            cursor.execute(sql, [last, page])
            rows = cursor.fetchall()
        if not rows:
            return
        keys = np.array([r[0] for r in rows], dtype=np.int64)
        keep = _keep(plan, [bytes(r[1]) for r in rows])
        ids = (keys[keep] & ID_MASK).tolist()
        if ids:
            yield ids
        if len(rows) < page:
            return
        last = int(keys[-1])
