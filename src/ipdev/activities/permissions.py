"""Who may change an activity or its consent. One rule, used by every interface."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .visibility import Viewer


def can_edit(user, country_codes: Iterable[str]) -> bool:
    """Staff edit everything; a focal point edits activities whose countries are all theirs."""
    viewer = Viewer.of(user)
    if viewer.staff:
        return True
    codes = set(country_codes)
    return bool(codes) and bool(viewer.countries) and codes <= viewer.countries


def require_edit(user, country_codes: Iterable[str]) -> None:
    if not can_edit(user, country_codes):
        raise PermissionDenied(_("You may not change activities of these countries."))


def can_manage_consent(user, country_code: str | None) -> bool:
    """Staff record consent on a member state's behalf; focal points give their country's."""
    viewer = Viewer.of(user)
    if viewer.staff:
        return True
    return country_code is not None and country_code in viewer.countries
