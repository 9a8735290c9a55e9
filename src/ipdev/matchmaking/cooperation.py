"""South-South and triangular cooperation, derived from the parties' countries (pure function).

The South here is what the reference data calls least developed, developing and in-transition
countries; the North, developed countries. A party without a country (an intergovernmental
organisation) is neither.
"""

from __future__ import annotations

SOUTH = frozenset({"ldc", "developing", "transition"})
NORTH = frozenset({"developed"})


def cooperation_type(
    *,
    seeker: str | None,
    provider: str | None,
    facilitator: str | None = None,
    has_facilitator: bool = False,
) -> str:
    """The match type from the development status of the seeker's, provider's and (if any)
    facilitator's countries: `south_south`, `triangular`, `north_south`, `multilateral`, `other`.

    Triangular: two countries of the South work together with the support of a third party
    (a developed country or an international organisation)."""
    if seeker in SOUTH and provider in SOUTH:
        third = has_facilitator or facilitator is not None
        if third and facilitator not in SOUTH:
            return "triangular"
        return "south_south"
    if provider is None and seeker in SOUTH:
        return "multilateral"
    if provider in NORTH and seeker in SOUTH:
        return "north_south"
    return "other"
