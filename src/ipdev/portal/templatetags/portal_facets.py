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
from django.utils.translation import get_language

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


@lru_cache(maxsize=8192)
def _option_parts(name: str, value, label: str, safe: bool) -> tuple[str, str, str, str]:
    """The escaped id, name, value and label of an option: the same for every page that shows
    it (labels are the reference tables' names, cached per process and language). The label
    comes as text (a lazy translation already in the reader's language) and whether it was
    marked safe, so that the cache never holds one language's or one escaping's text for
    another."""
    return (
        _escaped(f"f-{name}-{_slug(str(value))}"),
        _escaped(name),
        _escaped(value),
        label if safe else html.escape(label),
    )


@lru_cache(maxsize=8192)
def _count(count: int, language: str | None) -> str:
    """A count as the reader's language writes numbers (``language`` keys the cache)."""
    return _escaped(count)


@register.simple_tag
def facet_options(options, name) -> SafeString:
    language = get_language()
    out = []
    for option in options:
        label = option.label
        safe = hasattr(label, "__html__")
        text = label.__html__() if safe else str(localize(label))
        ident, field, value, label = _option_parts(name, option.value, text, safe)
        out.append(
            OPTION.format(
                id=ident,
                name=field,
                value=value,
                checked=" checked" if option.selected else "",
                label=label,
                count=_count(option.count, language),
            )
        )
    return mark_safe("".join(out))
