"""Template filters of the TISC workspace pages."""

from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """mapping[key], or "" when missing (for figures keyed by code)."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
