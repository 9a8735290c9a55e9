"""A chart's standalone SVG picture, whatever its kind: the map (`worldmap.map_svg`) or bars
(`chart_svg.chart_svg`). The statistics page's saved pictures, embeds and reports use this."""

from __future__ import annotations

from .chart_svg import chart_svg
from .charts import Chart
from .worldmap import map_svg


def picture_svg(chart: Chart, *, source_url: str) -> str:
    if chart.kind == "map":
        return map_svg(chart, source_url=source_url)
    return chart_svg(chart, source_url=source_url)
