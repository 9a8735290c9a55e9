"""The header's view of the signed-in user: their role's name and how much waits for them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipdev.accounts.models import Role
from ipdev.tisc.permissions import coordinated_ids

from . import waiting


def role_label(user) -> str:
    """The role's name; a user named as a TISC network's coordinator (an account with no
    other role) is shown as one."""
    if user.role == Role.PUBLIC and not user.is_wipo_staff and coordinated_ids(user):
        return _("TISC coordinator")
    return user.get_role_display()


def signed_in(request) -> dict:
    """Lazy: the count's one query runs only when a page shows it, for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    counted: list[int] = []

    def waiting_total() -> int:
        # A callable (templates call it when they show it), giving a real int: a lazy proxy
        # fails in plural rules that take a remainder (Arabic's n % 100).
        if not counted:
            # The start page has counted already: it leaves its total on the request.
            counted.append(
                request.waiting_total
                if hasattr(request, "waiting_total")
                else waiting.total_waiting(user)
            )
        return counted[0]

    return {
        "waiting_total": waiting_total,
        "user_role": role_label(user),
    }
