"""A signed-in user's own pages: the start page (what waits for them) and their settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ipdev.accounts import services as account_services
from ipdev.activities import alerts
from ipdev.matchmaking import selectors as match_selectors
from ipdev.matchmaking import services as match_services

from . import forms, waiting
from .workspace import SIGNED_IN


def _signed_in(view):
    wrapped = login_required(view)
    wrapped.access = SIGNED_IN  # type: ignore[attr-defined]
    return wrapped


@_signed_in
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    """What waits for this user, by role, with counts and links."""
    items = waiting.waiting_for(request.user)
    request.waiting_total = sum(i.count for i in items if i.counts)
    context = {
        "act": [i for i in items if i.counts],
        "follow": [i for i in items if not i.counts],
        "total": request.waiting_total,
    }
    return render(request, "workspace/start.html", context)


@_signed_in
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """The language of the user's e-mails, how often they get them, the WIPO Match threshold."""
    user = request.user
    initial = {
        "language": user.language,
        "notifications": user.notifications,
        "threshold": match_selectors.preference_of(user=user)["threshold"],
    }
    form = forms.SettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                account_services.settings_update(
                    user=user, language=data["language"], notifications=data["notifications"]
                )
                match_services.notification_preference_set(user=user, threshold=data["threshold"])
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Your settings are saved."))
            return redirect("workspace:settings")
    context = {"form": form, "saved_searches": alerts.saved_searches_of(user=user)}
    return render(request, "workspace/settings.html", context, status=400 if form.errors else 200)
