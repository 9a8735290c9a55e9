"""The choropleth of activities per country, drawn on the server as SVG (it needs no script).

The shapes were projected once at build time (`npm run map`, see data/README.md); here each
country only gets its colour class and its name and count for a tooltip and screen readers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipdev.activities import labels
from ipdev.activities.tally import class_breaks, class_of

from .chart_svg import WIDTH, attribution, svg_document, svg_text
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
    href: str = ""  # the search of this country, where it has activities


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
            # A country with activities is a link to them (and a stop of the keyboard).
            href = row.href if row and n else ""
            if kind == "shape":
                areas.append(Area(code, where, 0, 0, class_of(n, breaks), title, href))
            elif row:  # a small country is shown only where it has activities
                areas.append(Area(code, "", where[0], where[1], class_of(n, breaks), title, href))
    return WorldMap(geo["width"], geo["height"], areas, geo["unassigned"], _legend(breaks))


MAP_FILLS = ("#e3e7eb", "#c6dbef", "#8fbbdd", "#4f94c8", "#2166a8", "#0b3c6e")


def map_svg(chart: Chart, *, source_url: str, world: WorldMap | None = None) -> str:
    """The choropleth as a standalone SVG file, with its legend and attribution in the bars'
    lettering (colours inline: no style sheet), so that a saved map and its table agree."""
    world = world or world_map(chart)
    scale = WIDTH / world.width
    map_h = world.height * scale
    height = int(50 + map_h + 70)
    body = [svg_text(20, 30, str(chart.title), size=18, font_weight="bold")]
    body.append(f'<g transform="translate(0 44) scale({scale:.4f})" stroke="#ffffff" '
                f'stroke-width="0.5">')  # fmt: skip
    body += [f'<path d="{d}" fill="{MAP_FILLS[0]}"/>' for d in world.unassigned]
    for a in world.areas:
        fill = MAP_FILLS[min(a.level, len(MAP_FILLS) - 1)]
        title = f"<title>{escape(a.title)}</title>"
        if a.shape:
            body.append(f'<path d="{a.shape}" fill="{fill}">{title}</path>')
        else:
            body.append(
                f'<circle cx="{a.x}" cy="{a.y}" r="3.5" fill="{fill}" stroke="#1b2733" '
                f'stroke-width="0.6">{title}</circle>'
            )
    body.append("</g>")
    x, y = 20.0, 44 + map_h + 22
    for item in world.legend:
        fill = MAP_FILLS[min(item.level, len(MAP_FILLS) - 1)]
        body.append(f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" fill="{fill}" '
                    f'stroke="#6b7785"/>')  # fmt: skip
        body.append(svg_text(x + 18, y, str(item.label), size=12))
        x += 36 + 7 * len(str(item.label))
    body.append(svg_text(20, height - 16, attribution(source_url), size=11, fill="#4a5866"))
    return svg_document(WIDTH, height, str(chart.title), body)
