"""Fill the ST.3 jurisdictions: every country of the reference data, and the regional and
international offices of ``data/st3_offices.json``. Idempotent: run by the migration and again by
``ensure_jurisdictions`` when the reference countries change."""

from __future__ import annotations

import json
from pathlib import Path

OFFICES = Path(__file__).with_name("data") / "st3_offices.json"


def offices() -> list[dict]:
    return json.loads(OFFICES.read_text(encoding="utf-8"))


def load(jurisdiction_model, country_model, *, descriptions: bool = True) -> int:
    """Create or refresh the jurisdictions with the given (historical or real) models."""
    rows = {}
    for c in country_model.objects.all():
        rows[c.code] = {"kind": "country", "name": c.name, "names": c.names, "country_id": c.code}
    for o in offices():
        rows[o["code"]] = {
            "kind": o["kind"],
            "name": o["name"],
            "names": o["names"],
            "short_name": o["short_name"],
            "description": o["description"],
            "descriptions": o.get("descriptions", {}),
            "country_id": None,
        }
    for code, fields in rows.items():
        if not descriptions:  # a model state before the field existed (migration 0002)
            fields.pop("descriptions", None)
        jurisdiction_model.objects.update_or_create(code=code, defaults=fields)
    return len(rows)


def ensure_jurisdictions() -> int:
    from ipdev.reference.models import Country

    from .models import Jurisdiction

    return load(Jurisdiction, Country)
