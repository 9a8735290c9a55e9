"""The access decision of each workflow view, stated where the view is defined."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ipdev.activities.visibility import Viewer

WRITERS = "writers"
STAFF = "staff"


def _gate(level: str, allowed: Callable[[Viewer], bool]) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(Viewer.of(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access = level  # type: ignore[attr-defined]
        return wrapped

    return decorator


# Staff and country focal points; which rows they see is the selectors' and services' rule.
writers = _gate(WRITERS, lambda v: v.staff or bool(v.countries))
# WIPO staff only.
staff_only = _gate(STAFF, lambda v: v.staff)

PERSONAL_LINK = "personal-link"


def personal_link(view: Callable) -> Callable:
    """Anyone holding the personal link may call this view: the token in the URL is the key."""
    view.access = PERSONAL_LINK  # type: ignore[attr-defined]
    return view


PUBLIC_FORM = "public-form"


def public_form(view: Callable) -> Callable:
    """Anyone may call this view, signed in or not: a public form whose service guards it
    (validation, limits per sender and per e-mail address)."""
    view.access = PUBLIC_FORM  # type: ignore[attr-defined]
    return view
