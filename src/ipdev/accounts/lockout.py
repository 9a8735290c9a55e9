"""What a locked-out sign-in gets (django-axes calls it): a page, or JSON under /api/."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def locked_out(request, credentials=None, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-ins. Try again in %(minutes)d minutes, or reset your password."
    ) % {"minutes": minutes}
    retry = {"Retry-After": str(minutes * 60)}
    if request.path.startswith("/api/"):
        body = {"detail": message, "code": "locked_out", "errors": {}}
        return JsonResponse(body, status=429, headers=retry)
    response = render(request, "registration/locked_out.html", {"message": message}, status=429)
    response["Retry-After"] = retry["Retry-After"]
    return response


def username(request, credentials=None) -> str | None:
    """The name django-axes records for an attempt, cut to the 255 characters its table holds.

    A user name can be no longer than 150 characters, so a longer one is never a real account;
    cutting it keeps the lockout counting while PostgreSQL no longer refuses the row.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    if value is None:
        return None
    return str(value)[:255]
