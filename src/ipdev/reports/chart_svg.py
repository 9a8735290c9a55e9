"""Each chart as a standalone SVG file, drawn on the server from the same `Chart` as the page's
table, so that a saved picture, a report's chart and the data always agree. The browser turns
this SVG into a PNG (portal.js); the page's interactive charts stay Chart.js; the map is
`worldmap.map_svg`.

Bars run horizontally whatever the chart's kind: labels of any length and any number of rows
fit. Every file ends with its source and licence (the attribution the data asks for)."""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.translation import gettext as _

from .charts import Chart

PALETTE = ("#1f5f99", "#c2410c", "#5f6b76", "#2e7d32", "#7b3fa0", "#a1662f")
FONT = "font-family=\"system-ui, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', sans-serif\""
WIDTH = 800
LABEL_WIDTH = 290
ROW = 26
LABEL_CHARS = 38


def attribution(source_url: str) -> str:
    return _("Source: %(site)s, %(url)s. Licence: %(licence)s.") % {
        "site": _("Technical Assistance Database"),
        "url": source_url,
        "licence": settings.IPDEV_DATA_LICENCE,
    }


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def svg_text(
    x: float, y: float, text: str, *, size: int = 13, anchor: str = "start", **attrs
) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
        f"{escape(text)}</text>"
    )


def svg_document(width: int, height: int, title: str, body: list[str]) -> str:
    # No direction="rtl" on the root: it would turn every text-anchor around. Arabic labels
    # still read right to left (the bidirectional algorithm orders each text run).
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" {FONT} fill="#1b2733" role="img">'
        f"<title>{escape(title)}</title>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>\n"
    )


def _legend(names: list[str], y: float) -> list[str]:
    parts, x = [], 20.0
    for i, name in enumerate(names):
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 11:.1f}" width="12" height="12" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        parts.append(svg_text(x + 18, y, name, size=12))
        x += 30 + 7.5 * len(name)
    return parts


def chart_svg(chart: Chart, *, source_url: str) -> str:
    """Horizontal bars, stacked or side by side, of the chart's drawn columns."""
    columns = [str(c) for c in chart.columns[: chart.drawn]]
    rows = [(row.label, [float(v) for v in row.values[: chart.drawn]]) for row in chart.rows]
    n = len(columns)
    per_row = ROW if chart.stacked or n == 1 else max(ROW, 12 * n + 8)
    top = 56 + (24 if n > 1 else 0)
    height = int(top + per_row * max(1, len(rows)) + 60)
    body = [svg_text(20, 30, str(chart.title), size=18, font_weight="bold")]
    if n > 1:
        body += _legend(columns, 62)
    totals = [sum(values) if chart.stacked else max(values, default=0) for _l, values in rows]
    top_value = max(totals, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 90
    for i, (label, values) in enumerate(rows):
        y = top + i * per_row
        body.append(svg_text(LABEL_WIDTH - 10, y + per_row / 2 + 4, _short(label), anchor="end"))
        x = float(LABEL_WIDTH)
        bar_h = (per_row - 8) if chart.stacked or n == 1 else (per_row - 8) / n
        for j, value in enumerate(values):
            w = span * value / top_value
            by = y + 4 if chart.stacked or n == 1 else y + 4 + j * bar_h
            body.append(
                f'<rect x="{x:.1f}" y="{by:.1f}" width="{w:.1f}" height="{bar_h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)}, {escape(columns[j])}: '
                f"{number_format(value, force_grouping=True)}</title></rect>"
            )
            if chart.stacked:
                x += w
            elif n > 1:
                body.append(svg_text(x + w + 4, by + bar_h - 1, _plain(value), size=10))
        if chart.stacked or n == 1:  # the total (or the one value) at the end of the bar
            end = x if chart.stacked else x + span * values[0] / top_value
            shown = totals[i] if chart.stacked else values[0]
            body.append(svg_text(end + 6, y + per_row / 2 + 4, _plain(shown), size=12))
    if not rows:
        body.append(svg_text(20, top + 20, _("Nothing to show for this selection.")))
    body.append(svg_text(20, height - 20, attribution(source_url), size=11, fill="#4a5866"))
    return svg_document(WIDTH, height, str(chart.title), body)


def _plain(value: float) -> str:
    return number_format(int(value) if float(value).is_integer() else round(value, 1),
                         force_grouping=True)  # fmt: skip
