"""What the search page shows around the results: facet groups, active filters, errors, pager."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ipdev.activities.filters import ParsedQuery
from ipdev.activities.selectors import ActivityDetail, ActivityPage, FacetOption

TOP = 10  # options shown before "show all"
LONG = 15  # a facet with more options than this gets a box to type in
# Facets the page shows otherwise: the years as one range control.
NOT_LISTED = frozenset({"year"})

TITLES = {
    "q": _("Search text"),
    "country": _("Country"),
    "group": _("Country group"),
    "bureau": _("Regional bureau"),
    "region": _("Region"),
    "year": _("Year"),
    "year_from": _("From year"),
    "year_to": _("To year"),
    "category": _("Category"),
    "mode": _("Delivery mode"),
    "ip_area": _("IP area"),
    "da": _("Development Agenda recommendation"),
    "cluster": _("Development Agenda cluster"),
    "sdg": _("Sustainable Development Goal"),
    "funding": _("Funding"),
    "status": _("Status"),
    "unit": _("Implementing unit"),
    "reporter": _("Reporting organisation"),
    "sort": _("Sort"),
    "page": _("Page"),
    "per_page": _("Results per page"),
}

SORTS = (
    ("relevance", _("Relevance")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
)


@dataclass
class FacetGroup:
    name: str
    title: str
    top: list[FacetOption]
    rest: list[FacetOption]

    @property
    def rest_open(self) -> bool:
        """Keep "show all" open when a choice in it is ticked, so it stays where it was."""
        return any(o.selected for o in self.rest)

    @property
    def long(self) -> bool:
        """Long enough to need type-ahead (the country facet always is)."""
        return self.name == "country" or len(self.top) + len(self.rest) > LONG


@dataclass(frozen=True)
class ActiveFilter:
    title: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class FieldError:
    field: str
    title: str
    message: str


@dataclass(frozen=True)
class Suggestion:
    """A filter whose removal would give results: what it is, how many, and the link."""

    title: str
    label: str
    count: int
    url: str


def facet_groups(page: ActivityPage) -> list[FacetGroup]:
    groups = []
    for name, options in page.facets.items():
        if name in NOT_LISTED:
            continue
        # The chosen options come first; a long list shows at least all of them at once.
        top = max(TOP, sum(o.selected for o in options))
        groups.append(FacetGroup(name, str(TITLES.get(name, name)), options[:top], options[top:]))
    return groups


def year_bounds(page: ActivityPage) -> tuple[int, int] | None:
    """The first and last start years of the activities, for the year range's limits."""
    years = [int(o.value) for o in page.facets.get("year", ()) if o.value.isdigit()]
    return (min(years), max(years)) if years else None


def suggestions(params: QueryDict, page: ActivityPage) -> list[Suggestion]:
    """For an empty result, each filter whose removal gives results, with that number (from
    the index's counts of the same query without it), most results first."""
    out = []
    for name, count in page.relaxed.items():
        if not count:
            continue
        if name == "q":
            text = params.get("q", "")
            out.append(Suggestion(str(TITLES["q"]), text, count, _replace(params, "q", [])))
        elif name == "year":
            url = _replace(_without(params, "year_from", "year_to"), "year", [])
            out.append(Suggestion(str(TITLES["year"]), _years_label(params), count, url))
        else:
            chosen = [o.label for o in page.facets.get(name, ()) if o.selected]
            label = ", ".join(chosen) or ", ".join(params.getlist(name))
            out.append(Suggestion(str(TITLES[name]), label, count, _replace(params, name, [])))
    return sorted(out, key=lambda s: -s.count)


def _without(params: QueryDict, *keys: str) -> QueryDict:
    copy = params.copy()
    for key in keys:
        copy.pop(key, None)
    return copy


def _years_label(params: QueryDict) -> str:
    low, high = params.get("year_from", ""), params.get("year_to", "")
    chosen = params.getlist("year")
    if low or high:
        return f"{low or '…'}\u2013{high or '…'}"  # an en dash
    return ", ".join(chosen)


def _replace(params: QueryDict, key: str, values: list[str]) -> str:
    """The query string with `key` set to `values` (none: removed), back on page one."""
    copy = params.copy()
    copy.pop("page", None)
    copy.setlist(key, values)
    if not values:
        copy.pop(key)
    return "?" + copy.urlencode()


def active_filters(params: QueryDict, page: ActivityPage) -> list[ActiveFilter]:
    """Every filter in force, the search text first, each with a link that removes it."""
    out = []
    if params.get("q", "").strip():
        out.append(ActiveFilter(str(TITLES["q"]), params["q"], _replace(params, "q", [])))
    for name, options in page.facets.items():
        chosen = [o for o in options if o.selected]
        for option in chosen:
            others = [o.value for o in chosen if o is not option]
            out.append(
                ActiveFilter(str(TITLES[name]), option.label, _replace(params, name, others))
            )
    for name in ("year_from", "year_to"):
        if params.get(name):
            out.append(ActiveFilter(str(TITLES[name]), params[name], _replace(params, name, [])))
    return out


def field_errors(parsed: ParsedQuery) -> list[FieldError]:
    return [
        FieldError(field, str(TITLES.get(field, field)), message)
        for field, message in parsed.errors.items()
    ]


def page_numbers(page: int, pages: int) -> list[int | None]:
    """Page numbers to link to: the first, the last and two either side; None marks a gap."""
    current = min(page, pages)
    wanted = {1, pages, *range(current - 2, current + 3)}
    numbers = sorted(n for n in wanted if 1 <= n <= pages)
    out: list[int | None] = []
    for n in numbers:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


# The detail groups the activity page has a section for (consultants come with the roster).
PAGE_GROUPS = ("narrative", "participants", "finance", "documents")


def withheld_groups(detail: ActivityDetail) -> list[str]:
    """The groups with a section on the activity page that this viewer may not see."""
    return [group for group in PAGE_GROUPS if not detail.shows(group)]


def search_context(parsed: ParsedQuery, page: ActivityPage, params: QueryDict) -> dict:
    """Everything the search templates need beyond the page of results itself."""
    return {
        "parsed": parsed,
        "page": page,
        "q": parsed.query.text,
        "sort": parsed.query.sort,
        "sorts": SORTS,
        "year_from": params.get("year_from", ""),
        "year_to": params.get("year_to", ""),
        "year_bounds": year_bounds(page),
        "suggestions": suggestions(params, page) if not page.total else [],
        "facet_groups": facet_groups(page),
        "active_filters": active_filters(params, page),
        "errors": field_errors(parsed),
        "first_number": (page.page - 1) * page.per_page + 1,
        "page_numbers": page_numbers(page.page, page.pages),
        "beyond_last": page.page > page.pages,
        "previous_page": min(page.page - 1, page.pages) if page.page > 1 else None,
        "next_page": page.page + 1 if page.page < page.pages else None,
        # Larger downloads are prepared by a job: the link opens a page that waits for the file.
        "downloads_prepared": page.total > settings.IPDEV_EXPORT_BACKGROUND_ROWS,
    }
