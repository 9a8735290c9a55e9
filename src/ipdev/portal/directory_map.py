"""The world map of the patent register table, recoloured by the resource chosen: the portal's
server-drawn SVG (worldmap.geometry), with classes for availability instead of counts."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipdev.directories.selectors import LEVELS, MapValue
from ipdev.reports.worldmap import Area, Legend, WorldMap, geometry


def register_map(values: list[MapValue]) -> WorldMap:
    """Countries coloured by the availability of one resource; offices are not on the map."""
    geo = geometry()
    found = {v.code: v for v in values}
    areas = []
    for kind, items in (("shape", geo["shapes"]), ("dot", geo["dots"])):
        for code, where in items.items():
            value = found.get(code)
            if kind == "dot" and value is None:
                continue
            if value is None:
                areas.append(
                    Area(code, where, 0, 0, 0, _("%(code)s: no register file") % {"code": code})
                )
                continue
            title = f"{value.name}: {value.label}"
            if kind == "shape":
                areas.append(Area(code, where, 0, 0, value.level, title))
            else:
                areas.append(Area(code, "", where[0], where[1], value.level, title))
    labels = {1: _("Not available"), 2: _("Not known"), 3: _("In part"), 5: _("Available")}
    legend = [Legend(0, _("No register file"))] + [
        Legend(level, labels[level]) for level in sorted(set(LEVELS.values()))
    ]
    return WorldMap(geo["width"], geo["height"], areas, geo["unassigned"], legend)
