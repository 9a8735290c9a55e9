"""The directories' overview, what waits for staff, and the use figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Sum

from ipdev.reference.models import Country

from ..models import (
    DatabaseReport,
    Directory,
    LandscapeReport,
    Policy,
    Register,
    Suggestion,
    UseCount,
)
from .common import Named, _names, _today


# Overview, curation and use -----------------------------------------------------------------
@dataclass(frozen=True)
class DirectorySummary:
    key: str
    title: str
    entries: int
    stale: int


def overview() -> list[DirectorySummary]:
    cutoff = _today() - dt.timedelta(days=730)
    out = []
    for key, model in (
        (Directory.REGISTERS, Register),
        (Directory.DATABASES, DatabaseReport),
        (Directory.LANDSCAPES, LandscapeReport),
        (Directory.POLICIES, Policy),
    ):
        out.append(
            DirectorySummary(
                key,
                str(Directory(key).label),
                model.objects.count(),
                model.objects.filter(last_verified__lt=cutoff).count(),
            )
        )
    return out


def pending_suggestions(*, user) -> int:
    """How many suggestions wait for staff (0 for anyone else)."""
    if not getattr(user, "is_wipo_staff", False):
        return 0
    return Suggestion.objects.filter(status=Suggestion.Status.PENDING).count()


@dataclass(frozen=True)
class UseFigures:
    years: list[int]
    by_year: dict[int, dict[str, int]]  # year -> kind -> count
    year: int | None
    top_countries: list[tuple[Named, int]]
    unknown: int
    directory: str


def use_figures(*, directory: str = "", year: int | None = None) -> UseFigures:
    """Users, page views and downloads by year, and the ten countries with most users in a year
    (the latest by default), for one directory or all of them."""
    rows = UseCount.objects.all()
    if directory:
        rows = rows.filter(directory=directory)
    by_year: dict[int, dict[str, int]] = defaultdict(Counter)
    for y, kind, n in rows.values_list("year", "kind").annotate(n=Sum("count")):
        by_year[y][kind] += n
    years = sorted(by_year)
    if year is None and years:
        year = years[-1]
    countries: Counter[str] = Counter()
    for code, n in (
        rows.filter(year=year, kind=UseCount.Kind.VISITOR)
        .values_list("country")
        .annotate(n=Sum("count"))
    ):
        countries[code] += n
    unknown = countries.pop("", 0)
    names = _names(Country)
    top = [(Named(c, names.get(c, c)), n) for c, n in countries.most_common(10)]
    return UseFigures(years, dict(by_year), year, top, unknown, directory)
