"""`{% freshness %}`: the data freshness banner of the portal pages (totals, last changes)."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from ipdev.activities import statistics
from ipdev.iati import selectors as iati_selectors
from ipdev.portal.conditional import data_state

register = template.Library()

# The banner as last read, per language, for the data state it was read at (see data_state:
# whatever it shows moves that state). Threads share it; a change of state starts it afresh.
_BANNERS: dict[tuple, dict] = {}


@register.inclusion_tag("portal/_freshness.html", takes_context=True)
def freshness(context) -> dict:
    """The banner of the home, search and statistics pages: read when the data changed, else
    kept (the page's tag has already read the data's state)."""
    key = (data_state(context.get("request")), get_language())
    banner = _BANNERS.get(key)
    if banner is None:
        banner = {
            "fresh": statistics.activity_freshness(),
            "last_import": iati_selectors.last_import(),
        }
        if len(_BANNERS) >= 16:
            _BANNERS.clear()
        _BANNERS[key] = banner
    return banner


def forget_banners() -> None:
    _BANNERS.clear()
