"""The parameters of a report, checked once for the portal, the API and the CLI.

Bad values raise `ValidationError` keyed by the parameter's name (a 400); an unknown country
raises `Http404` naming the parameter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from ipdev.core.bounds import YEAR_MAX, YEAR_MIN, whole_number
from ipdev.reference.models import Country

FORMATS = ("pdf", "xlsx")
FIRST_YEAR, LAST_YEAR = YEAR_MIN, YEAR_MAX
MAX_SPAN = 60


@dataclass(frozen=True)
class Years:
    first: int | None = None
    last: int | None = None

    @property
    def label(self) -> str:
        if self.first is None and self.last is None:
            return _("all years")
        if self.first == self.last:
            return str(self.first)
        return f"{self.first or '…'}\u2013{self.last or '…'}"

    @property
    def slug(self) -> str:
        """For file names: `2024`, `2020-2024`, `2020-`, `all`."""
        if self.first is None and self.last is None:
            return "all"
        if self.first == self.last:
            return str(self.first)
        return f"{self.first or ''}-{self.last or ''}"


def _year(name: str, raw) -> int | None:
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    year = whole_number(text)
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {name: _("A year is a whole number from %(first)d to %(last)d.")
             % {"first": FIRST_YEAR, "last": LAST_YEAR}}
        )  # fmt: skip
    return year


def parse_years(params: Mapping, *, default: int | None = None) -> Years:
    """`year` (one year) or `year_from` / `year_to` (a range, either end open)."""
    one = _year("year", params.get("year"))
    if one is not None:
        return Years(one, one)
    first = _year("year_from", params.get("year_from"))
    last = _year("year_to", params.get("year_to"))
    if first is None and last is None and default is not None:
        return Years(default, default)
    if first is not None and last is not None:
        if first > last:
            raise ValidationError({"year_to": _("The last year comes before the first year.")})
        if last - first > MAX_SPAN:
            raise ValidationError({"year_to": _("A report covers at most %d years.") % MAX_SPAN})
    return Years(first, last)


def parse_format(raw) -> str:
    fmt = str(raw or "").strip().lower()
    if fmt not in FORMATS:
        raise ValidationError({"format": _("Known formats: %s.") % ", ".join(FORMATS)})
    return fmt


def country(code) -> Country:
    """The country with this ISO code (either case); 404 naming the parameter otherwise."""
    text = str(code or "").strip().upper()
    found = Country.objects.select_related("bureau", "region").filter(code=text).first()
    if found is None:
        raise Http404(_("Unknown country code '%s' (parameter: country).") % text[:10])
    return found
