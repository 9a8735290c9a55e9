"""The IATI codelists and ipdev -> IATI mappings this app needs, loaded once from data files."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return json.load(fh)


def codelist(name: str) -> dict[str, str]:
    """An IATI codelist as code -> English name (e.g. ``codelist("ActivityStatus")``)."""
    return _load("codelists.json")["lists"][name]


def mapping(name: str) -> Any:
    """One of the ipdev <-> IATI mappings in ``data/mappings.json``."""
    return _load("mappings.json")[name]


def default(name: str) -> str:
    return mapping("defaults")[name]


def vocabulary_uri(name: str) -> str:
    return mapping("vocabulary_uri")[name]
