"""Who may do what on WIPO Match. One function per decision, used by services and selectors.

Seekers are the focal points of a member state (for needs of their countries); providers are
users with the provider role (donors, organisations, companies, institutions). WIPO staff
assess every need and offer before publication and may act for either side.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from ipdev.accounts.models import Role


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def is_staff(user) -> bool:
    return bool(getattr(user, "is_wipo_staff", False))


def may_seek_for(user, country_code: str | None) -> bool:
    """Staff, a focal point for the need's country, or its national TISC coordinator."""
    if is_staff(user):
        return True
    if not _signed_in(user):
        return False
    if country_code in user.focal_country_codes():
        return True
    # A national TISC coordinator files needs for their network (the tisc app's relation).
    networks = getattr(user, "tisc_networks", None)
    return networks is not None and networks.filter(country_id=country_code).exists()


def may_offer(user) -> bool:
    return is_staff(user) or (_signed_in(user) and user.role == Role.PROVIDER)


def owns(user, listing) -> bool:
    """The seeker or provider side of a need or offer (not staff: see `may_manage`)."""
    if not _signed_in(user):
        return False
    if listing.created_by_id == user.pk:
        return True
    if hasattr(listing, "country_id") and listing.country_id in user.focal_country_codes():
        return True
    org = getattr(user, "organisation_id", None)
    return (
        org is not None
        and listing.organisation_id == org
        and not hasattr(listing, "country_id")
        and user.role == Role.PROVIDER
    )


def may_manage(user, listing) -> bool:
    return is_staff(user) or owns(user, listing)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def side_of(user, match) -> str | None:
    """'seeker' or 'provider' when the user speaks for one side of the match, else None."""
    if owns(user, match.need):
        return "seeker"
    if owns(user, match.offer):
        return "provider"
    return None
