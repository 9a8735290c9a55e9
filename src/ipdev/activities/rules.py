"""What makes an activity valid, once: pure functions over plain values (no database).

Each function returns the problems it finds as ``{field name: message}`` (empty when there are
none). The services raise them as a ``ValidationError`` (``Activity.clean`` and
``services._validate`` call them); the IATI import's triage (``iati.importer.mappers.finish``)
calls ``activity_errors`` on each mapped activity and turns each problem into a critical one in
its report, so an activity the services would refuse is never stored by an import either.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sized
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Scope, Source, Status

LANGUAGE = re.compile(r"[a-z]{2,3}")
Errors = dict[str, str]


def language_errors(text_language: str | None) -> Errors:
    if LANGUAGE.fullmatch(text_language or ""):
        return {}
    return {"text_language": _("A language code of two or three small letters, e.g. fr.")}


def date_errors(start_date, end_date) -> Errors:
    if start_date is not None and end_date is not None and end_date < start_date:
        return {"end_date": _("The end date is before the start date.")}
    return {}


def time_frame_errors(status: str | None, end_date) -> Errors:
    """A completed activity has ended on a known day; a planned one states its time frame,
    start and end (DA recommendation 1). The start date is always required."""
    if end_date is not None:
        return {}
    if status == Status.COMPLETED:
        return {"end_date": _("A completed activity needs its end date.")}
    if status == Status.PLANNED:
        return {"end_date": _("A planned activity needs its time frame: give its end date.")}
    return {}


# The statuses of an activity that took place (or is taking place).
DELIVERED_STATUSES = (Status.ONGOING, Status.COMPLETED)


def delivered(status: str | None, start_date: dt.date | None, today: dt.date) -> bool:
    """Whether the activity took place: ongoing or completed, and started by `today`. Only a
    delivered activity's participants count as reached (planned or future ones do not)."""
    return status in DELIVERED_STATUSES and start_date is not None and start_date <= today


def da_project_errors(
    start_date: dt.date | None, first_year: int | None, last_year: int | None
) -> Errors:
    """An activity linked to a Development Agenda project starts within the project's years."""
    if start_date is None:
        return {}
    if (first_year and start_date.year < first_year) or (last_year and start_date.year > last_year):
        return {
            "da_project": _(
                "The activity starts in %(year)s, outside the project's years (%(first)s-%(last)s)."
            )
            % {"year": start_date.year, "first": first_year or "…", "last": last_year or "…"}
        }
    return {}


def cost_errors(cost: Decimal | None) -> Errors:
    if cost is not None and cost < 0:
        return {"cost": _("The cost cannot be negative.")}
    return {}


def participants_errors(total: int | None, women: int | None, men: int | None) -> Errors:
    known = [n for n in (women, men) if n is not None]
    if total is not None and sum(known) > total:
        return {
            "participants_total": _(
                "Women and men together are more than the total number of participants."
            )
        }
    return {}


def scope_errors(scope: str, countries: Sized, regions: Sized) -> Errors:
    """A national activity has one country; a regional one names its region or countries."""
    if scope == Scope.NATIONAL and len(countries) != 1:
        return {"countries": _("A national activity has exactly one beneficiary country.")}
    if scope == Scope.REGIONAL and not (len(regions) or len(countries)):
        return {"regions": _("A regional activity names its region or its countries.")}
    return {}


def required_errors(source: str, category: Any, delivery_mode: Any) -> Errors:
    """An activity entered in ipdev names its category and delivery mode (imported ones may
    lack them: IATI has no such elements)."""
    if source != Source.IPDEV:
        return {}
    return {
        name: _("This field is required.")
        for name, value in (("category", category), ("delivery_mode", delivery_mode))
        if value is None
    }


def row_errors(values: Mapping[str, Any]) -> Errors:
    """The rules about the activity's own columns (``Activity.clean`` calls this)."""
    get = values.get
    return {
        **participants_errors(
            get("participants_total"), get("participants_women"), get("participants_men")
        ),
        **cost_errors(get("cost")),
        **date_errors(get("start_date"), get("end_date")),
        **time_frame_errors(get("status"), get("end_date")),
    }


def activity_errors(values: Mapping[str, Any]) -> Errors:
    """Every rule over an activity given as plain values: its fields (codes for the
    references), ``countries`` and ``regions`` as lists, ``source``."""
    get = values.get
    return {
        **required_errors(get("source", Source.IPDEV), get("category"), get("delivery_mode")),
        **scope_errors(get("scope", Scope.NATIONAL), get("countries", ()), get("regions", ())),
        **row_errors(values),
        **language_errors(get("text_language", "en")),
    }


def import_source(*, reporting_ref: str, identifier: str, own_ref: str) -> str:
    """How an imported activity is kept: as another publisher's (``Source.IATI``: public in
    full, its publisher has published it) or as this instance's own organisation's
    (``Source.IATI_OWN``: its details follow the consent rule, as if entered by hand).

    Its own when its reporting organisation is this instance's (``IPDEV_REPORTING_ORG_REF``),
    or when its identifier starts with that reference (IATI identifiers are prefixed with
    their publisher's): compared without case or surrounding spaces, so a file cannot slip
    past the rule with ``xm-wipo`` or `` XM-WIPO``.
    """
    own = own_ref.strip().casefold()
    if not own:
        return Source.IATI
    if reporting_ref.strip().casefold() == own:
        return Source.IATI_OWN
    if identifier.strip().casefold().startswith(own + "-"):
        return Source.IATI_OWN
    return Source.IATI
