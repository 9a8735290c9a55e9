"""Patent landscape reports: search and facets, the file, the download."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Language

from ..faceting import Facet, Query, parse_query, text_matcher
from ..models import (
    Jurisdiction,
    LandscapeReport,
)
from ..vocab import Field
from .common import Listing, Named, Verified, _choices, _listing, _named, _names, _today, _verified


# Patent landscape reports ---------------------------------------------------------------------
@dataclass(frozen=True)
class LandscapeCard:
    id: int
    title: str
    publisher_kind: str
    publisher_kind_label: str
    publisher: str
    series: str
    series_label: str
    field: str
    field_label: str
    countries: list[Named]
    year: int
    languages: list[Named]
    summary: str
    url: str
    has_file: bool
    verified: Verified


def _landscape_cards() -> list[LandscapeCard]:
    places = _names(Jurisdiction)
    languages = _names(Language)
    fields = dict(Field.choices)
    return [
        LandscapeCard(
            id=r.pk,
            title=r.title,
            publisher_kind=r.publisher_kind,
            publisher_kind_label=str(r.get_publisher_kind_display()),
            publisher=r.publisher,
            series=r.series,
            series_label=str(r.get_series_display()),
            field=r.field,
            field_label=str(fields.get(r.field, r.field)),
            countries=_named(r.countries, places),
            year=r.year,
            languages=_named(r.languages, languages),
            summary=r.summary,
            url=r.url,
            has_file=bool(r.document),
            verified=_verified(r),
        )
        for r in LandscapeReport.objects.all()
    ]


LANDSCAPE_FACETS = [
    Facet(
        "publisher",
        gettext_lazy("Publisher"),
        lambda r: [r.publisher_kind],
        _choices(LandscapeReport.Publisher),
    ),
    Facet("series", gettext_lazy("Series"), lambda r: [r.series], _choices(LandscapeReport.Series)),
    Facet("field", gettext_lazy("Technology field"), lambda r: [r.field], _choices(Field)),
    Facet(
        "country",
        gettext_lazy("Country"),
        lambda r: [n.code for n in r.countries],
        lambda: _names(Jurisdiction),
    ),
    Facet(
        "year",
        gettext_lazy("Year"),
        lambda r: [str(r.year)],
        lambda: {str(y): str(y) for y in range(_today().year + 1, 1989, -1)},
        by_count=False,
    ),
    Facet(
        "language",
        gettext_lazy("Language"),
        lambda r: [n.code for n in r.languages],
        lambda: _names(Language),
    ),
]


def landscape_parse(params) -> Query:
    return parse_query(params, LANDSCAPE_FACETS)


def landscape_search(*, query: Query, per_page: int = 25) -> Listing:
    cards = _landscape_cards()
    match = text_matcher(query.text)
    if match:
        cards = [c for c in cards if match(f"{c.title} {c.publisher} {c.summary}")]
    return _listing(cards, LANDSCAPE_FACETS, query, per_page)


def landscape_file(*, pk: int) -> LandscapeReport:
    """The report whose file is to be downloaded (404 without a file)."""
    report = LandscapeReport.objects.filter(pk=pk).first()
    if report is None or not report.document:
        raise Http404("No file for this report.")
    return report


def landscape_download_rows(*, query: Query) -> tuple[list[str], Iterator[list]]:
    cards = landscape_search(query=query).all_items
    header = [
        _("Title"),
        _("Publisher"),
        _("Publisher name"),
        _("Series"),
        _("Technology field"),
        _("Countries"),
        _("Year"),
        _("Languages"),
        _("Address"),
        _("Last verified"),
    ]

    def generate():
        for c in cards:
            yield [
                c.title,
                c.publisher_kind_label,
                c.publisher,
                c.series_label,
                c.field_label,
                " ".join(n.code for n in c.countries),
                c.year,
                ", ".join(n.name for n in c.languages),
                c.url,
                c.verified.last_verified,
            ]

    return [str(h) for h in header], generate()
