"""Patent database reports: search with a facet per field, one report, the comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Language

from ..faceting import Facet, Query, parse_query, text_matcher
from ..models import (
    DatabaseReport,
    Jurisdiction,
)
from ..vocab import Interface
from .common import Listing, Named, Verified, _choices, _listing, _named, _names, _today, _verified

# Patent database reports --------------------------------------------------------------------
FEATURES = [
    ("boolean_search", gettext_lazy("Boolean search")),
    ("semantic_search", gettext_lazy("Semantic search")),
    ("classification_search", gettext_lazy("IPC/CPC classification")),
    ("chemical_search", gettext_lazy("Chemical structure")),
    ("sequence_search", gettext_lazy("Sequence search")),
    ("crosslingual_search", gettext_lazy("Cross-lingual search")),
    ("full_text", gettext_lazy("Full text")),
    ("export", gettext_lazy("Export")),
    ("analytics", gettext_lazy("Analytics")),
]


@dataclass(frozen=True)
class DatabaseCard:
    id: int
    name: str
    provider: str
    kind: str
    kind_label: str
    access: str
    access_label: str
    aspi_partner: bool
    url: str
    coverage_countries: list[Named]
    coverage_from: int | None
    languages: list[Named]
    interfaces: list[Named]
    features: dict[str, bool]
    summary: str
    reviewed_on: dt.date
    verified: Verified

    @property
    def feature_list(self) -> list[tuple[str, str, bool]]:
        return [(key, str(label), self.features[key]) for key, label in FEATURES]


def _database_cards() -> list[DatabaseCard]:
    places = _names(Jurisdiction)
    languages = _names(Language)
    interfaces = {k: str(v) for k, v in Interface.choices}
    cards = []
    for d in DatabaseReport.objects.all():
        cards.append(
            DatabaseCard(
                id=d.pk,
                name=d.name,
                provider=d.provider,
                kind=d.kind,
                kind_label=str(d.get_kind_display()),
                access=d.access,
                access_label=str(d.get_access_display()),
                aspi_partner=d.aspi_partner,
                url=d.url,
                coverage_countries=_named(d.coverage_countries, places),
                coverage_from=d.coverage_from,
                languages=_named(d.languages, languages),
                interfaces=_named(d.interfaces, interfaces),
                features={key: getattr(d, key) for key, _label in FEATURES},
                summary=d.summary,
                reviewed_on=d.reviewed_on,
                verified=_verified(d),
            )
        )
    return cards


def _decade(year: int | None) -> list[str]:
    return [str(year - year % 10)] if year else []


DATABASE_FACETS = [
    Facet("kind", gettext_lazy("Kind"), lambda d: [d.kind], _choices(DatabaseReport.Kind)),
    Facet("access", gettext_lazy("Access"), lambda d: [d.access], _choices(DatabaseReport.Access)),
    Facet(
        "aspi",
        gettext_lazy("ASPI partner"),
        lambda d: ["yes" if d.aspi_partner else "no"],
        lambda: {"yes": _("Yes"), "no": _("No")},
        by_count=False,
    ),
    Facet(
        "feature",
        gettext_lazy("Features (all of those chosen)"),
        lambda d: [k for k, on in d.features.items() if on],
        lambda: {k: str(v) for k, v in FEATURES},
        every=True,
        by_count=False,
    ),
    Facet(
        "interface",
        gettext_lazy("Interfaces"),
        lambda d: [n.code for n in d.interfaces],
        _choices(Interface),
        by_count=False,
    ),
    Facet(
        "country",
        gettext_lazy("Countries covered"),
        lambda d: [n.code for n in d.coverage_countries],
        lambda: _names(Jurisdiction),
    ),
    Facet(
        "language",
        gettext_lazy("Interface languages"),
        lambda d: [n.code for n in d.languages],
        lambda: _names(Language),
    ),
    Facet(
        "coverage",
        gettext_lazy("Coverage from (decade)"),
        lambda d: _decade(d.coverage_from),
        lambda: {str(y): f"{y}s" for y in range(1780, 2030, 10)},
        by_count=False,
    ),
    Facet(
        "reviewed",
        gettext_lazy("Review year"),
        lambda d: [str(d.reviewed_on.year)],
        lambda: {str(y): str(y) for y in range(_today().year, 1999, -1)},
        by_count=False,
    ),
]


def database_parse(params) -> Query:
    return parse_query(params, DATABASE_FACETS)


def database_search(*, query: Query, per_page: int = 25) -> Listing:
    cards = _database_cards()
    match = text_matcher(query.text)
    if match:
        cards = [c for c in cards if match(f"{c.name} {c.provider} {c.summary}")]
    return _listing(cards, DATABASE_FACETS, query, per_page)


def database_report(*, pk: int) -> DatabaseCard:
    for card in _database_cards():
        if card.id == pk:
            return card
    raise Http404("No such database report.")


def database_compare(*, ids: Iterable[str]) -> tuple[list[DatabaseCard], dict[str, str]]:
    """Two to four database reports side by side, in the order asked; errors keyed `id`."""
    wanted = []
    for raw in ids:
        if not str(raw).isdigit():
            return [], {"id": _("Not a database report number: %s.") % str(raw)[:20]}
        if int(raw) not in wanted:
            wanted.append(int(raw))
    if not 2 <= len(wanted) <= 4:
        return [], {"id": _("Choose two to four databases to compare.")}
    cards = {c.id: c for c in _database_cards() if c.id in wanted}
    missing = [str(pk) for pk in wanted if pk not in cards]
    if missing:
        return [], {"id": _("No database report number %s.") % ", ".join(missing)}
    return [cards[pk] for pk in wanted], {}


def database_download_rows(*, query: Query) -> tuple[list[str], Iterator[list]]:
    cards = database_search(query=query).all_items
    header = [
        _("Name"),
        _("Provider"),
        _("Kind"),
        _("Access"),
        _("ASPI partner"),
        _("Address"),
        _("Countries covered"),
        _("Coverage from"),
        _("Interface languages"),
        _("Interfaces"),
        *(str(label) for _key, label in FEATURES),
        _("Review date"),
        _("Last verified"),
    ]
    yes, no = _("Yes"), _("No")

    def generate():
        for c in cards:
            yield [
                c.name,
                c.provider,
                c.kind_label,
                c.access_label,
                yes if c.aspi_partner else no,
                c.url,
                " ".join(n.code for n in c.coverage_countries),
                c.coverage_from or "",
                ", ".join(n.name for n in c.languages),
                ", ".join(n.name for n in c.interfaces),
                *(yes if c.features[key] else no for key, _label in FEATURES),
                c.reviewed_on,
                c.verified.last_verified,
            ]

    return [str(h) for h in header], generate()
