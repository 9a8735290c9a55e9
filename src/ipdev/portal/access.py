"""The access decision of each portal view, stated where the view is defined."""

from __future__ import annotations

from collections.abc import Callable

PUBLIC = "public"


def public(view: Callable) -> Callable:
    """Anyone may call this view, signed in or not.

    The portal is the public face of the data (Development Agenda recommendation 5). What a
    visitor sees of an activity's details is decided by the visibility rule in the selectors, not
    here: signing in as a focal point or as staff shows more, but no portal view requires it.
    """
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view
