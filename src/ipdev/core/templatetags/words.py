"""`{{ code|word:"app.Model.field" }}`: a stored code shown as the words of its choice."""

from __future__ import annotations

from functools import cache

from django import template
from django.apps import apps

register = template.Library()


@cache
def _choices(path: str) -> dict:
    app_label, model, field = path.split(".")
    return dict(apps.get_model(app_label, model)._meta.get_field(field).flatchoices)


@register.filter
def word(code, path: str):
    """The label of `code` among the choices of the field at `path` (the code if unknown)."""
    if code in (None, ""):
        return code
    return _choices(path).get(code, code)
