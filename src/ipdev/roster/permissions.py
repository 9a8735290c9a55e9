"""Who may change what on the roster. One function per decision, used by every interface."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def is_staff(user) -> bool:
    return bool(getattr(user, "is_wipo_staff", False))


def is_own(user, consultant) -> bool:
    """The consultant's own login."""
    return (
        user is not None
        and getattr(user, "is_authenticated", False)
        and consultant.user_id is not None
        and consultant.user_id == user.pk
    )


def require_staff(user) -> None:
    if not is_staff(user):
        raise PermissionDenied(_("Only WIPO staff may do this."))


def require_own_or_staff(user, consultant) -> None:
    if not (is_staff(user) or is_own(user, consultant)):
        raise PermissionDenied(_("Only the consultant or WIPO staff may do this."))


def require_own(user, consultant) -> None:
    if not is_own(user, consultant):
        raise PermissionDenied(_("Only the consultant themself may do this."))
