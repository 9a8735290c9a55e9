"""Institutional IP policies: keyword search in their full text, facets, coverage, models."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipdev.reference.models import Country, Language

from .. import fulltext
from ..faceting import Facet, Query, parse_query
from ..models import (
    Institution,
    NationalModel,
    Policy,
    PolicyType,
)
from .common import Listing, Named, Verified, _choices, _listing, _named, _names, _today, _verified


# Institutional IP policies --------------------------------------------------------------------
@dataclass(frozen=True)
class PolicyCard:
    id: int
    title: str
    institution_id: int
    institution: str
    institution_type: str
    institution_type_label: str
    ror: str
    country: Named
    year: int
    types: list[Named]
    language: Named
    url: str
    has_document: bool
    document_type: str
    document_size: int
    verified: Verified


def _policy_cards(ids: list[int] | None = None) -> list[PolicyCard]:
    countries = _names(Country)
    languages = _names(Language)
    types = {k: str(v) for k, v in PolicyType.choices}
    kinds = {k: str(v) for k, v in Institution.Type.choices}
    rows = Policy.objects.select_related("institution").defer("text")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    cards = [
        PolicyCard(
            id=p.pk,
            title=p.title,
            institution_id=p.institution_id,
            institution=p.institution.name,
            institution_type=p.institution.type,
            institution_type_label=kinds[p.institution.type],
            ror=p.institution.ror,
            country=Named(p.institution.country_id, countries.get(p.institution.country_id, "")),
            year=p.year,
            types=_named(p.types, types),
            language=Named(p.language, languages.get(p.language, p.language)),
            url=p.url,
            has_document=bool(p.document),
            document_type="PDF" if p.document_type.endswith("pdf") else "DOCX",
            document_size=p.document_size,
            verified=_verified(p),
        )
        for p in rows
    ]
    if ids is not None:
        order = {pk: n for n, pk in enumerate(ids)}
        cards.sort(key=lambda c: order[c.id])
    return cards


POLICY_FACETS = [
    Facet("country", gettext_lazy("Country"), lambda p: [p.country.code], lambda: _names(Country)),
    Facet(
        "institution_type",
        gettext_lazy("Institution type"),
        lambda p: [p.institution_type],
        _choices(Institution.Type),
    ),
    Facet(
        "type",
        gettext_lazy("Policy type"),
        lambda p: [t.code for t in p.types],
        _choices(PolicyType),
    ),
    Facet(
        "year",
        gettext_lazy("Year"),
        lambda p: [str(p.year)],
        lambda: {str(y): str(y) for y in range(_today().year + 1, 1949, -1)},
        by_count=False,
    ),
    Facet(
        "language",
        gettext_lazy("Language"),
        lambda p: [p.language.code],
        lambda: _names(Language),
    ),
]


def policy_parse(params) -> Query:
    return parse_query(params, POLICY_FACETS)


def policy_search(*, query: Query, per_page: int = 25) -> Listing:
    """Policies matching the keywords in their title, institution and document text (best
    first), or all of them newest first, with the facets."""
    ids = fulltext.matching(query.text)
    cards = _policy_cards(ids)
    return _listing(cards, POLICY_FACETS, query, per_page)


@dataclass(frozen=True)
class PolicyDetail:
    card: PolicyCard
    institution_url: str
    others: list[PolicyCard]
    national_models: list[NationalModelRow]


def policy_detail(*, pk: int) -> PolicyDetail:
    policy = Policy.objects.select_related("institution").filter(pk=pk).first()
    if policy is None:
        raise Http404("No such policy.")
    others = list(
        Policy.objects.filter(institution=policy.institution)
        .exclude(pk=pk)
        .values_list("pk", flat=True)
    )
    return PolicyDetail(
        card=_policy_cards([pk])[0],
        institution_url=policy.institution.url,
        others=_policy_cards(others),
        national_models=national_models(country=policy.institution.country_id),
    )


def policy_document(*, pk: int) -> Policy:
    policy = Policy.objects.filter(pk=pk).first()
    if policy is None or not policy.document:
        raise Http404("No document for this policy.")
    return policy


def policy_download_rows(*, query: Query) -> tuple[list[str], Iterator[list]]:
    cards = policy_search(query=query).all_items
    header = [
        _("Title"),
        _("Institution"),
        _("Institution type"),
        _("ROR identifier"),
        _("Country"),
        _("Year"),
        _("Policy types"),
        _("Language"),
        _("Address"),
        _("Document"),
        _("Last verified"),
    ]

    def generate():
        for c in cards:
            yield [
                c.title,
                c.institution,
                c.institution_type_label,
                c.ror,
                c.country.name,
                c.year,
                ", ".join(t.name for t in c.types),
                c.language.name,
                c.url,
                c.document_type if c.has_document else "",
                c.verified.last_verified,
            ]

    return [str(h) for h in header], generate()


@dataclass(frozen=True)
class Coverage:
    policies: int
    institutions: int
    countries: int
    national_models: int


def policy_coverage() -> Coverage:
    """How many policies, institutions with a policy, and countries they come from."""
    institutions = Policy.objects.values("institution").distinct()
    return Coverage(
        policies=Policy.objects.count(),
        institutions=institutions.count(),
        countries=Institution.objects.filter(policies__isnull=False)
        .values("country")
        .distinct()
        .count(),
        national_models=NationalModel.objects.filter(status=NationalModel.Status.AVAILABLE)
        .values("country")
        .distinct()
        .count(),
    )


@dataclass(frozen=True)
class NationalModelRow:
    id: int
    country: Named
    title: str
    year: int | None
    status: str
    status_label: str
    languages: list[Named]
    url: str
    verified: Verified


def national_models(*, country: str | None = None) -> list[NationalModelRow]:
    countries = _names(Country)
    languages = _names(Language)
    rows = NationalModel.objects.all()
    if country:
        rows = rows.filter(country_id=country)
    out = [
        NationalModelRow(
            m.pk,
            Named(m.country_id, countries.get(m.country_id, m.country_id)),
            m.title,
            m.year,
            m.status,
            str(m.get_status_display()),
            _named(m.languages, languages),
            m.url,
            _verified(m),
        )
        for m in rows
    ]
    out.sort(key=lambda m: (m.country.name, -(m.year or 0)))
    return out
