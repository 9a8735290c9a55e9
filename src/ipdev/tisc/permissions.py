"""Who may do what with TISC networks. One function per decision, used by every interface.

A national TISC coordinator is any signed-in user named among a network's coordinators (no new
role): they see and edit their own network only. WIPO staff see and edit everything.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def is_staff(user) -> bool:
    return bool(getattr(user, "is_wipo_staff", False))


def coordinated_ids(user) -> frozenset[int]:
    """The networks this user coordinates (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_tisc_network_ids", None)
    if cached is None:
        cached = frozenset(user.tisc_networks.values_list("pk", flat=True))
        user._tisc_network_ids = cached
    return cached


def is_coordinator(user, network_id: int) -> bool:
    return network_id in coordinated_ids(user)


def may_manage(user, network_id: int) -> bool:
    """See private details and edit: staff, or the network's coordinator."""
    return is_staff(user) or is_coordinator(user, network_id)


def require_staff(user) -> None:
    if not is_staff(user):
        raise PermissionDenied(_("Only WIPO staff may do this."))


def require_manager(user, network_id: int) -> None:
    if not may_manage(user, network_id):
        raise PermissionDenied(_("Only the network's coordinators or WIPO staff may do this."))
