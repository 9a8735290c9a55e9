"""Aggregates of general (public) information for the country pages. Plain read-only selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Bureau, Country, names_key

from . import labels
from .models import Activity, Status


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


def country_list() -> list[BureauCountries]:
    """Every country, grouped by regional bureau, with its number of activities."""
    countries = Country.objects.annotate(n=Count("activities")).values_list(
        "code", "name", "names", "bureau_id", "n"
    )
    bureau_names = labels.facet_labels("bureau", [])
    lang = names_key()
    grouped: dict[str, list[CountryEntry]] = {}
    for code, name, names, bureau, n in countries:
        grouped.setdefault(bureau, []).append(CountryEntry(code, names.get(lang) or name, n))
    out = [
        BureauCountries(code, bureau_names.get(code, code), sorted(entries, key=lambda c: c.name))
        for code, entries in grouped.items()
    ]
    return sorted(out, key=lambda b: b.name)


def bureau_totals() -> list[Tally]:
    """Each regional bureau with the number of activities in its countries."""
    rows = Bureau.objects.annotate(n=Count("countries__activities", distinct=True)).values_list(
        "code", "n"
    )
    names = labels.facet_labels("bureau", [])
    return sorted(
        (Tally(code, names.get(code, code), n) for code, n in rows), key=lambda t: t.label
    )


def country_profile(*, code: str) -> CountryProfile:
    """The facts of one country and its activity totals; 404 for an unknown code."""
    try:
        country = Country.objects.select_related("bureau", "region").get(code=str(code).upper())
    except Country.DoesNotExist:
        raise Http404("No such country.") from None
    totals = Activity.objects.filter(countries=country).aggregate(
        activities=Count("id"),
        ongoing=Count("id", filter=Q(status=Status.ONGOING)),
        completed=Count("id", filter=Q(status=Status.COMPLETED)),
    )
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


def activities_by_year(*, country: str) -> list[Tally]:
    """How many activities started in each year, newest year first."""
    rows = (
        Activity.objects.filter(countries=country)
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("-year")
    )
    return [Tally(str(r["year"]), str(r["year"]), r["n"]) for r in rows]


def activities_by_category(*, country: str) -> list[Tally]:
    """How many activities of each category, the largest first."""
    rows = (
        Activity.objects.filter(countries=country)
        .values("category_id")
        .annotate(n=Count("id"))
        .order_by("-n", "category_id")
    )
    names = labels.facet_labels("category", [])
    return [
        Tally(code, names.get(code, code), r["n"])
        if (code := r["category_id"])
        else Tally("", str(NO_CATEGORY), r["n"])  # (imported activities, mostly: no link)
        for r in rows
    ]
