"""Names for facet codes, from the reference data (read-only at run time, so cached per process)."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import gettext as _

from ipdev.accounts.models import Organisation
from ipdev.core.lookups import RowsById, ids_in
from ipdev.reference import models as ref
from ipdev.reference.models import names_key

from .models import Status

REFERENCE = {
    "country": ref.Country,
    "bureau": ref.Bureau,
    "region": ref.Region,
    "category": ref.ActivityCategory,
    "mode": ref.DeliveryMode,
    "ip_area": ref.IPArea,
    "da": ref.DARecommendation,
    "cluster": ref.DACluster,
    "sdg": ref.SDG,
    "funding": ref.FundingSource,
    "unit": ref.Unit,
}


def normalise(facet: str, value: str) -> str:
    if facet in {"country", "cluster"}:
        return value.upper()
    if facet in {"category", "mode", "ip_area", "funding", "unit", "bureau", "group", "status"}:
        return value.lower()
    return value


@lru_cache(maxsize=256)
def _reference_labels(facet: str, lang: str) -> dict[str, str]:
    model = REFERENCE[facet]
    out = {}
    for obj in model.objects.all():
        name = obj.names.get(lang) or obj.name
        key = str(obj.pk)
        if facet == "da":
            name = f"{obj.pk}. {name}"
        elif facet == "sdg":
            name = _("SDG %(number)s") % {"number": obj.pk} + f": {name}"
        elif facet == "cluster":
            name = f"{obj.pk}. {name}"
        out[key] = name
    return out


def clear_cache() -> None:
    _reference_labels.cache_clear()
    ordered_names.cache_clear()
    _beneficiary_codes.cache_clear()


@lru_cache(maxsize=1)
def _beneficiary_codes() -> tuple[str, ...]:
    return tuple(ref.beneficiary_countries().order_by("code").values_list("code", flat=True))


def beneficiary_codes() -> list[str]:
    """The codes of the countries technical assistance can go to, by code (the country facet
    offers each of them on every search page)."""
    return list(_beneficiary_codes())


def valid_codes(facet: str) -> set[str] | None:
    """The codes a filter may take, or None when any value is allowed (years, reporters)."""
    if facet in REFERENCE:
        return set(_reference_labels(facet, "en"))
    if facet == "group":
        return set(ref.DevelopmentStatus.values)
    if facet == "status":
        return set(Status.values)
    if facet == "reporter":
        return None
    return None


_REPORTER_NAMES = RowsById(
    lambda ids: Organisation.objects.filter(**ids_in("pk", ids)).values_list("pk", "name")
)


def facet_labels(facet: str, codes: list[str]) -> dict[str, str]:
    lang = names_key()
    if facet in REFERENCE:
        return _reference_labels(facet, lang)
    if facet == "group":
        return {k: str(v) for k, v in ref.DevelopmentStatus.choices}
    if facet == "status":
        return {k: str(v) for k, v in Status.choices}
    if facet == "reporter":
        ids = [int(c) for c in codes if c.isascii() and c.isdigit() and len(c) < 19]
        return {str(pk): name for pk, name in _REPORTER_NAMES(ids)}
    return {c: c for c in codes}


@lru_cache(maxsize=256)
def ordered_names(model, lang: str) -> dict:
    """``pk -> (position, name)`` of a reference table, in its default ordering, for bulk reads."""
    rows = model.objects.values_list("pk", "name", "names")
    return {pk: (n, (names or {}).get(lang) or name) for n, (pk, name, names) in enumerate(rows)}


def warm() -> None:
    """Read the reference names of every facet in every interface language before the server
    forks (``serving.on_warm``): its processes share them, and a process's first search page
    costs what later ones do."""
    from django.conf import settings
    from django.utils import translation

    beneficiary_codes()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            lang = names_key()
            for facet, model in REFERENCE.items():
                _reference_labels(facet, lang)
                ordered_names(model, lang)
