"""`{% facet_options options name %}`: the checkboxes of one facet, one `<li>` an option.

A search page shows a few hundred options (every country of the results); drawn by an
``{% include %}`` each, they cost most of the page's time. Here each is one string format,
escaped as the template escaped it, with the same ids (``f-<facet>-<slug of the value>``) the
page's script, its labels and the tests rely on.
"""

from __future__ import annotations

import html
from functools import lru_cache

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

register = template.Library()

OPTION = (
    '<li><input type="checkbox" id="{id}" name="{name}" value="{value}"{checked}>'
    '<label for="{id}">{label} <span class="count">{count}</span></label></li>'
)


def _escaped(value) -> str:
    """What ``{{ value }}`` writes: safe strings as they are, anything else escaped (Django's
    ``escape`` is ``html.escape``; called directly, without its lazy-string wrapper)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(localize(value)))


@lru_cache(maxsize=4096)
def _slug(value: str) -> str:
    return slugify(value)


@register.simple_tag
def facet_options(options, name) -> SafeString:
    out = []
    for option in options:
        value = option.value
        out.append(
            OPTION.format(
                id=_escaped(f"f-{name}-{_slug(str(value))}"),
                name=_escaped(name),
                value=_escaped(value),
                checked=" checked" if option.selected else "",
                label=_escaped(option.label),
                count=_escaped(option.count),
            )
        )
    return mark_safe("".join(out))
