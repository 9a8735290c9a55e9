"""Cells of a report table: numbers grouped and dates written in the reader's locale, empty for
None; and a report's chart as inline SVG."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe

from ipdev.reports.pictures import picture_svg

register = template.Library()


@register.filter
def cell(value, kind: str = "") -> str:
    if value is None:
        return ""
    if kind == "year":
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return intcomma(value)
    if isinstance(value, Decimal | float):
        return intcomma(floatformat(value, -2))
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


@register.filter
def with_columns(row, columns):
    return zip(row, columns, strict=False)


@register.filter
def svg(chart, source_url: str) -> SafeString:
    """The chart drawn as in the statistics page's saved picture, inline (without the XML
    declaration); every text in it is escaped by `chart_svg`."""
    drawn = picture_svg(chart, source_url=source_url)
    return mark_safe(drawn[drawn.index("<svg") :])
