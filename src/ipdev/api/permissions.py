"""Coarse gates at the door. The fine rules (which countries, staff-only deletes) live in the
activities services, which raise PermissionDenied themselves; these classes only keep people who
can write nothing at all from reaching validation.
"""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ipdev.activities.visibility import Viewer


def is_writer(user) -> bool:
    """Staff, or a focal point for at least one country."""
    viewer = Viewer.of(user)
    return viewer.staff or bool(viewer.countries)


class IsWriter(BasePermission):
    """Signed in as staff or as a country focal point (anonymous: 401, anyone else: 403)."""

    message = "Only WIPO staff and country focal points may do this."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated) and is_writer(request.user)


class PublicReadWriterWrite(IsWriter):
    """Anyone may read; writing needs a writer."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or super().has_permission(request, view)
