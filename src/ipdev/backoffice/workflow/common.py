"""The shape every workflow POST shares: parse the form, call one service, show its errors."""

from __future__ import annotations

from collections.abc import Callable

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError

from .forms import add_service_errors


def submit(request, form: django_forms.Form, call: Callable[[dict], object], done: str) -> bool:
    """True when the form was valid and the service accepted it (a message is queued)."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(request, done)
    return True
