"""`{% freshness %}`: the data freshness banner of the portal pages (totals, last changes)."""

from __future__ import annotations

from django import template

from ipdev.activities import statistics
from ipdev.iati import selectors as iati_selectors

register = template.Library()


@register.inclusion_tag("portal/_freshness.html")
def freshness() -> dict:
    """Three small queries; the banner is on the home, search and statistics pages only."""
    return {"fresh": statistics.activity_freshness(), "last_import": iati_selectors.last_import()}
