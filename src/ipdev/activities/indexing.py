"""Build the search documents of activities (public information only) and keep the index fresh."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from ipdev.core.translations import all_texts
from ipdev.reference.models import Country, DARecommendation
from ipdev.search import engine
from ipdev.search.types import SearchDocument

from .models import Activity

BATCH = 2000


def _through(model_field, ids: list[int], target: str) -> dict[int, list]:
    through = model_field.remote_field.through
    rows = through.objects.filter(activity_id__in=ids).values_list("activity_id", target)
    grouped: dict[int, list] = defaultdict(list)
    for activity_id, value in rows:
        grouped[activity_id].append(value)
    return grouped


class _Lookups:
    """Reference facts needed for facets, loaded once."""

    def __init__(self) -> None:
        self.country = {
            c["code"]: c
            for c in Country.objects.values("code", "name", "status", "bureau_id", "region_id")
        }
        self.cluster = dict(DARecommendation.objects.values_list("number", "cluster_id"))
        from ipdev.reference.models import Region

        self.region_parent = dict(Region.objects.values_list("code", "parent_id"))
        self.country_names = {code: c["name"] for code, c in self.country.items()}

    def region_chain(self, code: str | None) -> list[str]:
        chain = []
        while code and code != "001" and code not in chain:
            chain.append(code)
            code = self.region_parent.get(code)
        return chain


def documents(activity_ids: Iterable[int] | None = None) -> Iterator[SearchDocument]:
    """Search documents for the given activities (or all), in batches of plain queries."""
    lookups = _Lookups()
    base = Activity.objects.order_by("id")
    if activity_ids is not None:
        wanted = sorted(set(activity_ids))
        chunks: Iterable[list[int]] = (wanted[i : i + BATCH] for i in range(0, len(wanted), BATCH))
    else:
        chunks = _id_chunks(base)
    fields = Activity._meta
    for ids in chunks:
        rows = base.filter(id__in=ids).values_list(
            "id",
            "identifier",
            "title",
            "summary",
            "start_date",
            "category_id",
            "delivery_mode_id",
            "funding_source_id",
            "status",
            "implementing_unit_id",
            "reporting_org_id",
            "reporting_org__name",
            "translations",
        )
        countries = _through(fields.get_field("countries"), ids, "country_id")
        regions = _through(fields.get_field("regions"), ids, "region_id")
        areas = _through(fields.get_field("ip_areas"), ids, "iparea_id")
        das = _through(fields.get_field("da_recommendations"), ids, "darecommendation_id")
        sdgs = _through(fields.get_field("sdgs"), ids, "sdg_id")
        for (
            pk,
            identifier,
            title,
            summary,
            start,
            category,
            mode,
            funding,
            status,
            unit,
            reporter,
            reporter_name,
            translations,
        ) in rows:
            codes = countries.get(pk, [])
            infos = [lookups.country[c] for c in codes if c in lookups.country]
            region_codes = set()
            for info in infos:
                region_codes.update(lookups.region_chain(info["region_id"]))
            for code in regions.get(pk, []):
                region_codes.update(lookups.region_chain(code))
            da = das.get(pk, [])
            names = " ".join(lookups.country_names.get(c, "") for c in codes)
            yield SearchDocument(
                id=pk,
                title=title,
                # Translated titles and summaries are searchable like the original.
                text=" ".join(
                    filter(
                        None, [identifier, summary, names, reporter_name, *all_texts(translations)]
                    )
                ),
                date=start,
                facets={
                    "country": codes,
                    "group": sorted({i["status"] for i in infos}),
                    "bureau": sorted({i["bureau_id"] for i in infos}),
                    "region": sorted(region_codes),
                    "year": [str(start.year)],
                    "category": [category] if category else [],
                    "mode": [mode] if mode else [],
                    "ip_area": areas.get(pk, []),
                    "da": [str(n) for n in da],
                    "cluster": sorted({lookups.cluster[n] for n in da if n in lookups.cluster}),
                    "sdg": [str(n) for n in sdgs.get(pk, [])],
                    "funding": [funding] if funding else [],
                    "status": [status],
                    "unit": [unit] if unit else [],
                    "reporter": [str(reporter)],
                },
            )


def _id_chunks(queryset) -> Iterator[list[int]]:
    last = 0
    while True:
        ids = list(queryset.filter(id__gt=last).values_list("id", flat=True)[:BATCH])
        if not ids:
            return
        yield ids
        last = ids[-1]


def reindex(activity_ids: Iterable[int]) -> None:
    """Bring the index up to date for these activities (called by the services)."""
    engine.index_documents(documents(activity_ids))


def rebuild() -> int:
    """Rebuild the whole index from the database."""
    return engine.rebuild(documents())
