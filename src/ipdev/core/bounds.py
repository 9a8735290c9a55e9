"""The ranges every date, year and number the platform accepts must fall in, in one place.

Python's dates stop at year 9999 and PostgreSQL's integers at 2**31 - 1; a value near either
edge, stored or asked for, ends in an overflow somewhere later (a year filter that adds one
year, a report that builds 1 January of the next year). So every interface bounds what it
accepts by these figures and answers 400 naming the field; docs/api.md states them.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

YEAR_MIN = 1970
YEAR_MAX = 2100
DATE_MIN = dt.date(YEAR_MIN, 1, 1)
DATE_MAX = dt.date(YEAR_MAX, 12, 31)
# Page numbers and ids asked for in a URL or query: past this nothing exists.
INT_MAX = 2**31 - 1
BIGINT_MAX = 2**63 - 1  # the largest id a row can have


def year_error() -> str:
    return _("A year between %(lo)s and %(hi)s.") % {"lo": YEAR_MIN, "hi": YEAR_MAX}


def date_error() -> str:
    return _("A date between %(lo)s and %(hi)s.") % {
        "lo": DATE_MIN.isoformat(),
        "hi": DATE_MAX.isoformat(),
    }


def parse_year(raw, *, field: str = "year", default: int | None = None) -> int | None:
    """A year from a query parameter or form value; empty gives `default`.

    Raises ValidationError({field: ...}) for anything that is not a whole number in range.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return default
    year = whole_number(raw)
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError({field: year_error()})
    return year


def in_year_range(year: int | None) -> bool:
    return year is None or YEAR_MIN <= year <= YEAR_MAX


def in_date_range(value: dt.date | None) -> bool:
    if value is None:
        return True
    if isinstance(value, dt.datetime):
        value = value.date()
    return DATE_MIN <= value <= DATE_MAX


@deconstructible
class DateInRange:
    """Model and form field validator: the date lies between DATE_MIN and DATE_MAX."""

    code = "date_out_of_range"

    def __call__(self, value) -> None:
        if not in_date_range(value):
            raise ValidationError(date_error(), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, DateInRange)

    def __hash__(self) -> int:
        return hash(self.code)


@deconstructible
class YearInRange:
    """Model and form field validator: the year lies between YEAR_MIN and YEAR_MAX."""

    code = "year_out_of_range"

    def __call__(self, value) -> None:
        if value is not None and not in_year_range(value):
            raise ValidationError(year_error(), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, YearInRange)

    def __hash__(self) -> int:
        return hash(self.code)


date_in_range = DateInRange()
year_in_range = YearInRange()


def whole_number(raw) -> int | None:
    """The value of a plain ASCII whole number ("12"), else None.

    `str.isdigit` also accepts "²" and "١٢", which `int()` then refuses or reads; a query
    parameter is only ever written with 0-9.
    """
    text = str(raw if raw is not None else "").strip()
    if not text or len(text) > 18 or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def parse_id(raw, *, field: str) -> int | None:
    """An id from a query parameter (empty gives None), or ValidationError naming `field`."""
    if raw is None or not str(raw).strip():
        return None
    value = whole_number(raw)
    if value is None or not 1 <= value <= INT_MAX:
        raise ValidationError({field: _("An id: a whole number from 1.")})
    return value
