"""Patent register files by jurisdiction: the table, a file, the map's values, the download."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Language

from ..faceting import Facet, Query, parse_query, text_matcher
from ..models import (
    Availability,
    Cost,
    Jurisdiction,
    Register,
    ResourceKind,
)
from ..vocab import ST27, ST27_DESCRIPTIONS
from .common import Listing, Named, Verified, _choices, _listing, _named, _names, _verified


# Registers --------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResourceCell:
    kind: str
    label: str
    availability: str
    availability_label: str
    url: str
    languages: list[Named]
    cost: str
    cost_label: str
    coverage_from: int | None
    notes: str


@dataclass(frozen=True)
class RegisterRow:
    code: str
    name: str
    kind: str
    kind_label: str
    office: str
    description: str
    resources: dict[str, ResourceCell]
    legal_status: list[Named]
    search_tips: str
    sample_numbers: str
    verified: Verified

    def cell(self, kind: str) -> ResourceCell | None:
        return self.resources.get(kind)

    @property
    def cells(self) -> list[ResourceCell | None]:
        return [self.resources.get(k) for k in ResourceKind.values]

    @property
    def resource_rows(self) -> list[tuple[str, ResourceCell | None]]:
        return [(str(label), self.resources.get(k)) for k, label in ResourceKind.choices]


# (key, label) of each resource; the labels stay lazy, translated where they are shown.
RESOURCE_COLUMNS = list(ResourceKind.choices)


def _register_rows() -> list[RegisterRow]:
    languages = _names(Language)
    st27 = dict(ST27.choices)
    kinds = dict(ResourceKind.choices)
    availability = dict(Availability.choices)
    costs = dict(Cost.choices)
    rows = []
    registers = Register.objects.select_related("jurisdiction").prefetch_related("resources")
    for r in registers:
        j = r.jurisdiction
        cells = {
            res.kind: ResourceCell(
                res.kind,
                str(kinds[res.kind]),
                res.availability,
                str(availability[res.availability]),
                res.url,
                _named(res.languages, languages),
                res.cost,
                str(costs[res.cost]),
                res.coverage_from,
                res.notes,
            )
            for res in r.resources.all()
        }
        rows.append(
            RegisterRow(
                code=j.code,
                name=j.localized_name,
                kind=j.kind,
                kind_label=str(j.get_kind_display()),
                office=r.office,
                description=j.localized_description,
                resources=cells,
                legal_status=[Named(c, str(st27.get(c, c))) for c in r.legal_status],
                search_tips=r.search_tips,
                sample_numbers=r.sample_numbers,
                verified=_verified(r),
            )
        )
    rows.sort(key=lambda row: row.name)
    return rows


def _availability_of(kind: str):
    def values(row: RegisterRow) -> list[str]:
        cell = row.resources.get(kind)
        return [cell.availability if cell else Availability.UNKNOWN]

    return values


def _register_facets() -> list[Facet]:
    facets = [
        Facet(
            "kind",
            gettext_lazy("Jurisdiction"),
            lambda r: [r.kind],
            _choices(Jurisdiction.Kind),
            by_count=False,
        )
    ]
    facets += [
        Facet(kind, label, _availability_of(kind), _choices(Availability), by_count=False)
        for kind, label in ResourceKind.choices
    ]
    facets += [
        Facet(
            "cost",
            gettext_lazy("Cost of the online register"),
            lambda r: [r.resources["register"].cost] if "register" in r.resources else [],
            _choices(Cost),
            by_count=False,
        ),
        Facet(
            "language",
            gettext_lazy("Language"),
            lambda r: {n.code for c in r.resources.values() for n in c.languages},
            lambda: _names(Language),
        ),
        Facet(
            "legal_status",
            gettext_lazy("Legal-status information (ST.27)"),
            lambda r: [n.code for n in r.legal_status],
            _choices(ST27),
            every=True,
            by_count=False,
        ),
        Facet(
            "verification",
            gettext_lazy("Verification"),
            lambda r: ["stale" if r.verified.stale else "current"],
            lambda: {
                "current": _("Verified in the last two years"),
                "stale": _("To be verified"),
            },
            by_count=False,
        ),
    ]
    return facets


REGISTER_FACETS = _register_facets()


def register_parse(params) -> Query:
    query = parse_query(params, REGISTER_FACETS)
    column = params.get("map") or "register"
    if column not in ResourceKind.values:
        query.errors["map"] = _("Choose one of: %s.") % ", ".join(ResourceKind.values)
        column = "register"
    query.extra["map"] = column
    return query


def register_table(*, query: Query, per_page: int = 300) -> Listing:
    """The register files matching the query, with one cell per resource."""
    rows = _register_rows()
    match = text_matcher(query.text)
    if match:
        rows = [r for r in rows if match(f"{r.code} {r.name} {r.office} {r.description}")]
    return _listing(rows, REGISTER_FACETS, query, per_page)


def register_file(*, code: str) -> RegisterRow:
    code = code.upper()
    for row in _register_rows():
        if row.code == code:
            return row
    raise Http404("No register file for this jurisdiction.")


@dataclass(frozen=True)
class MapValue:
    code: str
    name: str
    level: int  # 1 not available, 2 not known, 3 in part, 5 available
    label: str


LEVELS = {"no": 1, "unknown": 2, "partial": 3, "yes": 5}


def register_map_values(rows: Iterable[RegisterRow], column: str) -> list[MapValue]:
    """Per jurisdiction on the map, the colour level of the chosen resource's availability.
    A regional office's value is shown on itself only: its member states keep their own."""
    labels = dict(Availability.choices)
    out = []
    for row in rows:
        cell = row.resources.get(column)
        value = cell.availability if cell else "unknown"
        out.append(MapValue(row.code, row.name, LEVELS[value], str(labels[value])))
    return out


def register_download_rows(*, query: Query) -> tuple[list[str], Iterator[list]]:
    """Header and rows of the register table as filtered: one column group per resource."""
    rows = register_table(query=query).all_items
    header = [str(_("ST.3 code")), str(_("Jurisdiction")), str(_("Office"))]
    for _kind, lazy in RESOURCE_COLUMNS:
        label = str(lazy)
        header += [
            label,
            f"{label}: {_('address')}",
            f"{label}: {_('cost')}",
            f"{label}: {_('languages')}",
            f"{label}: {_('from')}",
        ]
    header += [str(_("Legal status (ST.27)")), str(_("Last verified"))]

    unknown = str(_("Not known"))  # now: the rows are written after the view has returned

    def generate():
        for r in rows:
            line = [r.code, r.name, r.office]
            for kind, _label in RESOURCE_COLUMNS:
                c = r.resources.get(kind)
                line += (
                    [
                        c.availability_label,
                        c.url,
                        c.cost_label,
                        ", ".join(n.name for n in c.languages),
                        c.coverage_from or "",
                    ]
                    if c
                    else [unknown, "", "", "", ""]
                )
            line += [" ".join(n.code for n in r.legal_status), r.verified.last_verified]
            yield line

    return header, generate()


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    description: str
    shown: bool


def st27_categories(*, shown: Iterable[str] = ()) -> list[Category]:
    """The WIPO ST.27 categories offered, in the reader's language, marked when in `shown`."""
    chosen = set(shown)
    return [
        Category(code, str(label), str(ST27_DESCRIPTIONS[code]), code in chosen)
        for code, label in ST27.choices
    ]
