"""Who may file, see, review and decide requests, and edit plans and results. One rule each."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ipdev.activities.visibility import Viewer


def can_file_request(user, country_code: str) -> bool:
    """A country's focal points file its requests; staff may file one received by letter."""
    viewer = Viewer.of(user)
    return viewer.staff or country_code in viewer.countries


def can_see_request(user, country_code: str) -> bool:
    viewer = Viewer.of(user)
    return viewer.staff or country_code in viewer.countries


def can_review(user) -> bool:
    """Review and decisions are WIPO's: staff only."""
    return Viewer.of(user).staff


def can_edit_plan(user) -> bool:
    return Viewer.of(user).staff


def can_validate_plan(user, country_code: str) -> bool:
    """The country's side of the agreement: its focal points validate its plan."""
    return country_code in Viewer.of(user).countries


def can_report_results(user, country_codes) -> bool:
    """Staff, and focal points for results of their own countries, enter actuals."""
    viewer = Viewer.of(user)
    codes = set(country_codes)
    return viewer.staff or (bool(codes) and codes <= viewer.countries)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)
