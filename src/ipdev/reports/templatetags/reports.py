"""Cells of a report table in a PDF: numbers grouped, dates in ISO form, empty for None."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat

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
        return value.isoformat()
    return str(value)


@register.filter
def with_columns(row, columns):
    return zip(row, columns, strict=False)
