"""What the search page shows around the results: facet groups, active filters, errors, pager."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ipdev.activities.filters import ParsedQuery
from ipdev.activities.selectors import ActivityDetail, ActivityPage, FacetOption

TOP = 10  # options shown before "show all"

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


def facet_groups(page: ActivityPage) -> list[FacetGroup]:
    return [
        FacetGroup(name, str(TITLES.get(name, name)), options[:TOP], options[TOP:])
        for name, options in page.facets.items()
    ]


def _replace(params: QueryDict, key: str, values: list[str]) -> str:
    """The query string with `key` set to `values` (none: removed), back on page one."""
    copy = params.copy()
    copy.pop("page", None)
    copy.setlist(key, values)
    if not values:
        copy.pop(key)
    return "?" + copy.urlencode()


def active_filters(params: QueryDict, page: ActivityPage) -> list[ActiveFilter]:
    """Every filter in force, each with a link that removes it."""
    out = []
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
        "facet_groups": facet_groups(page),
        "active_filters": active_filters(params, page),
        "errors": field_errors(parsed),
        "first_number": (page.page - 1) * page.per_page + 1,
        "page_numbers": page_numbers(page.page, page.pages),
        "beyond_last": page.page > page.pages,
        "previous_page": min(page.page - 1, page.pages) if page.page > 1 else None,
        "next_page": page.page + 1 if page.page < page.pages else None,
    }
