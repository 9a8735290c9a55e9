"""Centres on the portal's world map: the Equal Earth projection the map was drawn with
(reports/data/world-map.json, `npm run map`: d3's geoEqualEarth fitted to 960 px wide)."""

from __future__ import annotations

import math

SCALE = 180.72423394560667
TRANSLATE = (480.0, 235.9225591310207)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Map coordinates (x, y) in the map's SVG space of a point in degrees."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return round(TRANSLATE[0] + SCALE * x, 1), round(TRANSLATE[1] - SCALE * y, 1)
