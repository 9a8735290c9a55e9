"""The choropleth of activities per country, drawn on the server as SVG (it needs no script).

The shapes were projected once at build time (`npm run map`, see data/README.md); here each
country only gets its colour class and its name and count for a tooltip and screen readers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipdev.activities import labels
from ipdev.activities.tally import class_breaks, class_of

from .charts import Chart

MAP_FILE = Path(__file__).with_name("data") / "world-map.json"


@lru_cache(maxsize=1)
def geometry() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Area:
    code: str
    shape: str  # SVG path data, or "" for a dot
    x: float
    y: float
    level: int  # 0 (none) to the number of classes
    title: str


@dataclass(frozen=True)
class Legend:
    level: int
    label: str


@dataclass(frozen=True)
class WorldMap:
    width: int
    height: int
    areas: list[Area]
    unassigned: list[str]
    legend: list[Legend]


def _legend(breaks: list[int]) -> list[Legend]:
    items = [Legend(0, _("None"))]
    for n, low in enumerate(breaks, start=1):
        high = breaks[n] - 1 if n < len(breaks) else None
        if high is None:
            label = _("%(low)s or more") % {"low": low}
        elif high == low:
            label = str(low)
        else:
            label = _("%(low)s to %(high)s") % {"low": low, "high": high}
        items.append(Legend(n, label))
    return items


def world_map(chart: Chart) -> WorldMap:
    """The map of a country chart (a row per country with activities, its code in `code`)."""
    geo = geometry()
    counts = {row.code: row for row in chart.rows}
    names = labels.facet_labels("country", [])
    breaks = class_breaks(int(row.values[0]) for row in chart.rows)
    areas = []
    for kind, items in (("shape", geo["shapes"]), ("dot", geo["dots"])):
        for code, where in items.items():
            row = counts.get(code)
            n = int(row.values[0]) if row else 0
            name = row.label if row else names.get(code, code)
            title = ngettext("%(name)s: %(n)d activity", "%(name)s: %(n)d activities", n) % {
                "name": name,
                "n": n,
            }
            if kind == "shape":
                areas.append(Area(code, where, 0, 0, class_of(n, breaks), title))
            elif row:  # a small country is shown only where it has activities
                areas.append(Area(code, "", where[0], where[1], class_of(n, breaks), title))
    return WorldMap(geo["width"], geo["height"], areas, geo["unassigned"], _legend(breaks))
