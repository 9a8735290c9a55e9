"""Which WIPO units a country's request goes to (pure: works on codes, not rows)."""

from __future__ import annotations

from ipdev.reference.models import DevelopmentStatus

# Each regional bureau (and the department for transition and developed countries) is a unit.
BUREAU_UNITS: dict[str, str] = {
    "africa": "rb-africa",
    "arab": "rb-arab",
    "asia_pacific": "rb-asia-pacific",
    "lac": "rb-lac",
    "tdc": "tdc",
}
LDC_UNIT = "ldcs"
TRANSITION_UNIT = "tdc"


def route(*, bureau: str, status: str) -> list[str]:
    """The units that receive a request: the bureau's, plus LDC or transition specialists."""
    units = [BUREAU_UNITS[bureau]]
    if status == DevelopmentStatus.LDC:
        units.append(LDC_UNIT)
    if status == DevelopmentStatus.TRANSITION:
        units.append(TRANSITION_UNIT)
    return list(dict.fromkeys(units))


def staff_units(*, bureau: str | None, unit: str | None) -> set[str]:
    """The units whose requests a member of staff handles (their unit and their bureau's)."""
    units = {unit} if unit else set()
    if bureau in BUREAU_UNITS:
        units.add(BUREAU_UNITS[bureau])
    return units
