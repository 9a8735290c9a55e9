"""Load the reference data files (``reference/data/*.json``) into the database.

The data migration calls this with its historical app registry; tests and management code may
call it without one. Every row is upserted by primary key (one INSERT ... ON CONFLICT DO UPDATE
per model), so loading twice changes nothing and editing a JSON file then loading again updates
the rows. Rows that are no longer in the files are left alone: other tables may point at them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import DEFAULT_DB_ALIAS, models, transaction

DATA_DIR = Path(__file__).resolve().parent / "data"

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """How one model is filled: from which file, keyed by which field, copying which fields."""

    model: str
    file: str
    key: str
    fields: tuple[str, ...]
    defaults: tuple[tuple[str, Any], ...] = (("names", {}),)


LOCALIZED = ("name", "names")
CODED = (*LOCALIZED, "description", "order")

# In dependency order: a table only points at tables above it.
TABLES: tuple[Table, ...] = (
    Table("Bureau", "bureaus.json", "code", (*LOCALIZED, "short_name")),
    Table("Region", "regions.json", "code", (*LOCALIZED, "parent")),
    Table(
        "Country",
        "countries.json",
        "code",
        (
            *LOCALIZED,
            "iso3",
            "numeric",
            "status",
            "bureau",
            "region",
            "ldc_since",
            "ldc_graduated",
            "beneficiary",
        ),
        (
            ("names", {}),
            ("region", None),
            ("ldc_since", None),
            ("ldc_graduated", None),
            ("beneficiary", False),
        ),
    ),
    Table("DACluster", "da_clusters.json", "code", LOCALIZED),
    Table(
        "DARecommendation",
        "da_recommendations.json",
        "number",
        (*LOCALIZED, "cluster", "description"),
    ),
    Table("SDG", "sdgs.json", "number", (*LOCALIZED, "description")),
    Table("StrategicGoal", "strategic_goals.json", "code", (*LOCALIZED, "order")),
    Table("ExpectedResult", "strategic_goals.json", "code", (*LOCALIZED, "goal", "order")),
    Table("IPArea", "ip_areas.json", "code", CODED, (("names", {}), ("description", ""))),
    Table(
        "ActivityCategory",
        "activity_categories.json",
        "code",
        CODED,
        (("names", {}), ("description", "")),
    ),
    Table(
        "DeliveryMode", "delivery_modes.json", "code", CODED, (("names", {}), ("description", ""))
    ),
    Table(
        "FundingSource",
        "funding_sources.json",
        "code",
        (*CODED, "kind", "donor"),
        (("names", {}), ("description", ""), ("donor", None)),
    ),
    Table(
        "Unit",
        "units.json",
        "code",
        (*CODED, "sector"),
        (("names", {}), ("description", ""), ("sector", "")),
    ),
    Table("Language", "languages.json", "code", LOCALIZED),
    Table("Currency", "currencies.json", "code", LOCALIZED),
)


def load_reference_data(
    apps: Apps | None = None,
    *,
    data_dir: Path | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> dict[str, int]:
    """Upsert every reference table from the JSON files; return the number of rows per model."""
    registry = apps or global_apps
    directory = Path(data_dir) if data_dir is not None else DATA_DIR
    files: dict[str, list[Row]] = {}
    counts: dict[str, int] = {}
    with transaction.atomic(using=using):
        for table in TABLES:
            if table.file not in files:
                files[table.file] = read_rows(directory / table.file)
            rows = rows_for(table, files[table.file])
            model = registry.get_model("reference", table.model)
            counts[table.model] = upsert(model, table, rows, using=using)
    return counts


def read_rows(path: Path) -> list[Row]:
    """One data file: a JSON list of objects."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path.name}: expected a JSON list")
    return data


def rows_for(table: Table, rows: list[Row]) -> list[Row]:
    """The rows of one model; expected results are nested inside their strategic goal."""
    if table.model != "ExpectedResult":
        return rows
    return [
        {**result, "goal": goal["code"]}
        for goal in rows
        for result in goal.get("expected_results", [])
    ]


def upsert(model: type[models.Model], table: Table, rows: Iterable[Row], *, using: str) -> int:
    """Insert the rows, or update them where the primary key already exists."""
    defaults = dict(table.defaults)
    # An earlier migration loads with the model as it was then: columns added later wait for
    # the migration that adds them (which loads again).
    present = {f.name for f in model._meta.get_fields()}
    fields = [name for name in table.fields if name in present]
    objects = []
    for row in rows:
        values = {table.key: row[table.key]}
        for name in fields:
            value = row[name] if name in row else copy.copy(defaults[name])
            field = model._meta.get_field(name)
            values[field.attname] = value
        objects.append(model(**values))
    if objects:
        model._default_manager.using(using).bulk_create(
            objects,
            update_conflicts=True,
            unique_fields=[table.key],
            update_fields=fields,
        )
    return len(objects)
