"""Turn request parameters into a search query, the same way for portal, API and downloads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from ipdev.core.bounds import INT_MAX, YEAR_MAX, YEAR_MIN, whole_number
from ipdev.search.types import FACETS, Query

from . import labels

SORTS = ("relevance", "newest", "oldest")
MAX_PER_PAGE = 100
MAX_TEXT = 500


@dataclass
class ParsedQuery:
    query: Query
    page: int
    per_page: int
    errors: dict[str, str]

    @property
    def active_filters(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self.query.filters.items() if v}


def _int(
    params: Mapping, name: str, errors: dict, lo: int, hi: int, default: int | None
) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        errors[name] = _("'%(raw)s' is not a whole number.") % {"raw": str(raw)[:40]}
        return default
    if not lo <= value <= hi:
        errors[name] = _("Must be between %(lo)s and %(hi)s.") % {"lo": lo, "hi": hi}
        return default
    return value


def parse(params, *, default_per_page: int = 20, facets: bool = True) -> ParsedQuery:
    """Read `q`, one parameter per facet (repeatable), year_from/to, sort, page, per_page;
    `year` (older links) is the same range (see `_year_span`).

    Unknown codes are reported per field in `errors`; the query is still usable without them.
    """
    getlist = params.getlist if hasattr(params, "getlist") else lambda k: _as_list(params.get(k))
    errors: dict[str, str] = {}
    text = (params.get("q") or "").strip()
    if len(text) > MAX_TEXT:
        errors["q"] = _("The search text is longer than %(MAX_TEXT)s characters.") % {
            "MAX_TEXT": MAX_TEXT
        }
        text = text[:MAX_TEXT]
    filters: dict[str, tuple[str, ...]] = {}
    for facet in FACETS:
        if facet == "year":
            continue
        values = [v.strip() for raw in getlist(facet) for v in str(raw).split(",") if v.strip()]
        if not values:
            continue
        known = labels.valid_codes(facet)
        normalised = [labels.normalise(facet, v) for v in values]
        bad = [
            v
            for v, n in zip(values, normalised, strict=True)
            if (n not in known if known is not None else whole_number(n) is None)
        ]
        if bad:
            errors[facet] = _("Unknown code(s): %(values)s.") % {"values": ", ".join(bad[:5])}
        good = [
            n
            for n in normalised
            if (n in known if known is not None else whole_number(n) is not None)
        ]
        filters[facet] = tuple(dict.fromkeys(good))
    year_from = _int(params, "year_from", errors, YEAR_MIN, YEAR_MAX, None)
    year_to = _int(params, "year_to", errors, YEAR_MIN, YEAR_MAX, None)
    if year_from and year_to and year_from > year_to:
        errors["year_to"] = _("The end year is before the start year.")
        year_to = None
    years = [v.strip() for raw in getlist("year") for v in str(raw).split(",") if v.strip()]
    if years:
        if all(YEAR_MIN <= (whole_number(y) or 0) <= YEAR_MAX for y in years):
            span = _year_span(sorted({int(y) for y in years}), year_from, year_to)
            if span is None:
                filters["year"] = tuple(str(int(y)) for y in years)
            else:
                year_from, year_to = span
        else:
            errors["year"] = _("Years are whole numbers between %(lo)s and %(hi)s.") % {
                "lo": YEAR_MIN,
                "hi": YEAR_MAX,
            }
    sort = params.get("sort") or ("relevance" if text else "newest")
    if sort not in SORTS:
        errors["sort"] = _("Sort by one of: %(values)s.") % {"values": ", ".join(SORTS)}
        sort = "relevance" if text else "newest"
    per_page = (
        _int(params, "per_page", errors, 1, MAX_PER_PAGE, default_per_page) or default_per_page
    )
    page = _int(params, "page", errors, 1, INT_MAX, 1) or 1
    query = Query(
        text=text,
        filters=filters,
        year_from=year_from,
        year_to=year_to,
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        facets=facets,
    )
    return ParsedQuery(query=query, page=page, per_page=per_page, errors=errors)


def _year_span(years: list[int], low: int | None, high: int | None) -> tuple[int, int] | None:
    """`year`, the parameter of older links (and of the former year facet), as the one year
    range the page shows: one year, or consecutive years, from the first to the last, within
    year_from and year_to when given. None for years that are not one range (2019 and 2021):
    they stay a filter on those years alone, as they always were."""
    if years[-1] - years[0] != len(years) - 1:
        return None
    first = max(years[0], low) if low is not None else years[0]
    last = min(years[-1], high) if high is not None else years[-1]
    return (first, last) if first <= last else None


def canonical(params: QueryDict) -> QueryDict | None:
    """These parameters with `year` written as year_from and year_to, as the search page's
    range control, chips and links show a selection; None when there is nothing to rewrite
    (no `year`, years that are not one range, or a year in error)."""
    if not params.getlist("year"):
        return None
    parsed = parse(params, facets=False)
    query = parsed.query
    if "year" in query.filters or {"year", "year_from", "year_to"} & set(parsed.errors):
        return None
    rewritten = params.copy()
    rewritten.pop("year")
    rewritten["year_from"] = str(query.year_from)
    rewritten["year_to"] = str(query.year_to)
    return rewritten


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
