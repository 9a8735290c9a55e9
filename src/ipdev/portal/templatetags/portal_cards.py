"""`{% activity_card item %}`: one activity in a list of results, a `<li class="card">`.

A results page shows twenty cards; drawn by an ``{% include %}`` each, with their loops,
filters and lookups, they cost more of the page's time than the search that found them. Here a
card is a few string formats, escaped as the template escaped them. ``item`` is anything with
an activity summary's attributes (`activities.selectors.ActivitySummary`): id, identifier,
status and its label, dates, countries, regions, category, delivery mode, and the title and
summary shown in the reader's language.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

# The words of a summary a card shows (the `truncatewords` filter's ending).
SUMMARY_WORDS = 45
ELLIPSIS = " \u2026"


def _e(value) -> str:
    return conditional_escape(value)


@lru_cache(maxsize=4096)
def _dated(value, language: str | None) -> str:
    """A date as the reader's language writes it (``language`` keys the cache)."""
    return f'<time datetime="{value.isoformat()}">{_e(date_format(value, "DATE_FORMAT"))}</time>'


def _date(value) -> str:
    return _dated(value, get_language())


# A number no activity has, reversed once per language and script prefix, then replaced by
# each card's id: one URL reversal a page instead of one a card.
_MARK = 987654321


@lru_cache(maxsize=64)
def _activity_url(language: str | None, prefix: str) -> tuple[str, str]:
    before, _, after = reverse("portal:activity", args=[_MARK]).partition(str(_MARK))
    return _e(before), _e(after)


def _title(item) -> str:
    title = item.shown_title
    before, after = _activity_url(get_language(), get_script_prefix())
    url = f"{before}{int(item.id)}{after}"
    out = (
        f'<h3 class="card-title" dir="auto" lang="{_e(title.lang)}">'
        f'<a href="{url}">{_e(title.text)}</a>'
    )
    if title.fallback:
        note = gettext("Not yet given in your language: shown as written.")
        out += (
            f' <span class="translation-badge" lang="{_e(get_language())}" title="{_e(note)}">'
            f"{_e(title.language_name)}</span>"
        )
    return out + "</h3>"


def _meta(item) -> str:
    when = _date(item.start_date) if item.start_date else ""
    if item.end_date and item.end_date != item.start_date:
        when += f" \u2013 {_date(item.end_date)}"
    out = (
        f'<p class="card-meta"><span class="status status-{_e(item.status)}">'
        f"{_e(item.status_label)}</span> <span>{when}</span>"
    )
    if item.identifier:
        out += f' <span class="identifier">{_e(item.identifier)}</span>'
    return out + "</p>"


def _tags(item) -> str:
    tags = []
    places = item.countries or item.regions
    if places:
        tags.append(", ".join(_e(p.name) for p in places))
    for named in (item.category, item.delivery_mode):
        name = getattr(named, "name", None) if named else None
        if name:
            tags.append(_e(name))
    return '<p class="card-tags">' + " ".join(f"<span>{t}</span>" for t in tags) + "</p>"


def _first_words(text: str, count: int) -> str:
    """What ``truncatewords`` writes (the words joined by single spaces, " …" after the
    last if there were more), splitting no further than it needs: an imported summary can
    run to thousands of words."""
    words = text.split(None, count)
    if len(words) <= count:
        return " ".join(words)
    shown = " ".join(words[:count])
    return shown if shown.endswith(ELLIPSIS) else shown + ELLIPSIS


@register.simple_tag
def activity_card(item, compact: bool = False) -> SafeString:
    out = f'<li class="card">{_title(item)}{_meta(item)}{_tags(item)}'
    if not compact:
        summary = item.shown_summary
        if summary.text:
            words = _first_words(summary.text, SUMMARY_WORDS)
            out += f'<p class="card-summary" dir="auto" lang="{_e(summary.lang)}">{_e(words)}</p>'
    return mark_safe(out + "</li>")
