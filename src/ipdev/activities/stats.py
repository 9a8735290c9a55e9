"""Aggregates of general (public) information for the country pages. Plain read-only selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Bureau, Country, names_key
from ipdev.search import engine
from ipdev.search.types import Query

from . import labels
from .models import Status


@dataclass(frozen=True)
class Tally:
    """A code, its label and how many activities have it."""

    code: str
    label: str
    count: int


@dataclass(frozen=True)
class CountryEntry:
    code: str
    name: str
    activities: int


@dataclass
class BureauCountries:
    """The countries of one regional bureau, with their activity counts."""

    code: str
    name: str
    countries: list[CountryEntry]

    @property
    def activities(self) -> int:
        return sum(c.activities for c in self.countries)


@dataclass(frozen=True)
class CountryProfile:
    code: str
    iso3: str
    name: str
    status: str
    status_label: str
    bureau: Tally
    region: Tally | None
    ldc_since: int | None
    activities: int
    ongoing: int
    completed: int


Counted = tuple[int, dict[str, dict[str, int]]]


def counts(filters: dict[str, list[str]] | None = None) -> Counted:
    """The number of activities matching `filters` and, per facet, per value: the search
    index's exact counts, so a page costs what it shows, not what the database holds."""
    found = engine.result_counts(Query(filters=filters or {}))
    return found.total, {
        facet: {v.value: v.count for v in values} for facet, values in found.facets.items()
    }


def country_list(*, beneficiaries_only: bool = False) -> list[BureauCountries]:
    """The countries technical assistance can go to, grouped by regional bureau, with their
    number of activities; plus, unless `beneficiaries_only`, any other country that has some
    (e.g. a territory named by an imported IATI activity)."""
    _, by = counts()
    per_country = by.get("country", {})
    with_activities = [code for code, n in per_country.items() if n]
    chosen = (
        Q(beneficiary=True)
        if beneficiaries_only
        else Q(beneficiary=True) | Q(code__in=with_activities)
    )
    countries = Country.objects.filter(chosen).values_list("code", "name", "names", "bureau_id")
    bureau_names = labels.facet_labels("bureau", [])
    lang = names_key()
    grouped: dict[str, list[CountryEntry]] = {}
    for code, name, names, bureau in countries:
        n = per_country.get(code, 0)
        grouped.setdefault(bureau, []).append(CountryEntry(code, names.get(lang) or name, n))
    out = [
        BureauCountries(code, bureau_names.get(code, code), sorted(entries, key=lambda c: c.name))
        for code, entries in grouped.items()
    ]
    return sorted(out, key=lambda b: b.name)


def bureau_totals(by: dict[str, dict[str, int]] | None = None) -> list[Tally]:
    """Each regional bureau with the number of activities in its countries (`by`: the counts
    of every activity by facet, when the caller has them already)."""
    if by is None:
        _, by = counts()
    per_bureau = by.get("bureau", {})
    names = labels.facet_labels("bureau", [])
    return sorted(
        (
            Tally(code, names.get(code, code), per_bureau.get(code, 0))
            for code in Bureau.objects.values_list("code", flat=True)
        ),
        key=lambda t: t.label,
    )


def country_profile(*, code: str, counted: Counted | None = None) -> CountryProfile:
    """The facts of one country and its activity totals (`counted`: `counts()` of the
    country's activities, when the caller has them already); 404 for an unknown code."""
    try:
        country = Country.objects.select_related("bureau", "region").get(code=str(code).upper())
    except Country.DoesNotExist:
        raise Http404("No such country.") from None
    total, by = counted or counts({"country": [country.code]})
    statuses = by.get("status", {})
    totals = {
        "activities": total,
        "ongoing": statuses.get(Status.ONGOING, 0),
        "completed": statuses.get(Status.COMPLETED, 0),
    }
    region = country.region
    return CountryProfile(
        code=country.code,
        iso3=country.iso3,
        name=country.localized_name,
        status=country.status,
        status_label=country.get_status_display(),
        bureau=Tally(country.bureau_id, country.bureau.localized_name, 0),
        region=Tally(region.code, region.localized_name, 0) if region else None,
        ldc_since=country.ldc_since,
        **totals,
    )


# The label of activities without a category, in the country page and report alike.
NO_CATEGORY = gettext_lazy("No category")


def activities_by_year(*, country: str, counted: Counted | None = None) -> list[Tally]:
    """How many activities started in each year, newest year first."""
    _, by = counted or counts({"country": [str(country).upper()]})
    years = sorted(((y, n) for y, n in by.get("year", {}).items() if n), reverse=True)
    return [Tally(year, year, n) for year, n in years]


def activities_by_category(*, country: str, counted: Counted | None = None) -> list[Tally]:
    """How many activities of each category, the largest first."""
    total, by = counted or counts({"country": [str(country).upper()]})
    per_category = {code: n for code, n in by.get("category", {}).items() if n}
    names = labels.facet_labels("category", [])
    rows = [Tally(code, names.get(code, code), n) for code, n in per_category.items()]
    rows.sort(key=lambda t: (-t.count, t.code))
    # An activity has at most one category: the rest have none (imported ones, mostly).
    if none := total - sum(per_category.values()):
        rows.append(Tally("", str(NO_CATEGORY), none))
    return rows
