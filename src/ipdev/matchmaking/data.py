"""Needs and offers as the plain data the scoring functions take (one query per batch)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet

from .models import Need, Offer
from .scoring import NeedData, OfferData


def _text(listing) -> str:
    return f"{listing.title}\n{listing.description}"


def _translations(listing) -> tuple[tuple[str, str], ...]:
    """(language, text) of each language the title and description are also given in."""
    return tuple(
        (code, "\n".join(t for t in (texts.get("title"), texts.get("description")) if t))
        for code, texts in sorted((listing.translations or {}).items())
        if code != listing.text_language
    )


def need_data(need: Need) -> NeedData:
    return NeedData(
        id=need.pk,
        title=need.title,
        text=f"{_text(need)}\n{need.beneficiaries}",
        ip_areas=frozenset(a.pk for a in need.ip_areas.all()),
        support_types=frozenset(need.support_types),
        languages=frozenset(lang.pk for lang in need.languages.all()),
        country=need.country_id,
        country_status=need.country.status,
        text_language=need.text_language,
        translations=_translations(need),
        ldc_graduated=need.country.ldc_graduated,
    )


def offer_data(offer: Offer) -> OfferData:
    return OfferData(
        id=offer.pk,
        title=offer.title,
        text=f"{_text(offer)}\n{offer.capacity}",
        ip_areas=frozenset(a.pk for a in offer.ip_areas.all()),
        support_types=frozenset(offer.support_types),
        languages=frozenset(lang.pk for lang in offer.languages.all()),
        eligible_countries=frozenset(c.pk for c in offer.eligible_countries.all()),
        eligible_groups=frozenset(offer.eligible_groups),
        text_language=offer.text_language,
        translations=_translations(offer),
        ldc_transition_years=offer.ldc_transition_years,
    )


def needs_data(needs: QuerySet[Need], chunk: int = 2000) -> Iterator[NeedData]:
    qs = needs.select_related("country").prefetch_related("ip_areas", "languages")
    for need in qs.iterator(chunk_size=chunk):
        yield need_data(need)


def offers_data(offers: QuerySet[Offer], chunk: int = 2000) -> Iterator[OfferData]:
    qs = offers.prefetch_related("ip_areas", "languages", "eligible_countries")
    for offer in qs.iterator(chunk_size=chunk):
        yield offer_data(offer)
