"""Build the search documents of activities (public information only) and keep the index fresh."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ipdev.core.translations import all_texts
from ipdev.reference.models import (
    ActivityCategory,
    Country,
    DARecommendation,
    DeliveryMode,
    FundingSource,
    IPArea,
    Region,
    Unit,
)
from ipdev.search import engine
from ipdev.search.text import more_words
from ipdev.search.types import SearchDocument, Words

from .models import Activity

BATCH = 2000


@dataclass(frozen=True)
class Facts:
    """What the index needs of one activity: read from the database, or straight from an
    import's mapped values (``ipdev.iati``), which saves reading back what was just written."""

    id: int
    identifier: str
    title: str
    summary: str
    start_date: dt.date
    category: str | None
    mode: str | None
    funding: str | None
    status: str
    unit: str | None
    reporter: int
    reporter_name: str
    translations: Mapping[str, Mapping[str, str]] | None = None
    countries: Sequence[str] = ()
    regions: Sequence[str] = ()
    ip_areas: Sequence[str] = ()
    das: Sequence[int] = ()
    sdgs: Sequence[int] = ()
    # The words of title, identifier, summary and translations, split where they were read
    # (``search.text.split_words``); the country and reporter names are added here.
    words: Words | None = None


def _through(model_field, ids: list[int], target: str) -> dict[int, list]:
    through = model_field.remote_field.through
    rows = through.objects.filter(activity_id__in=ids).values_list("activity_id", target)
    grouped: dict[int, list] = defaultdict(list)
    for activity_id, value in rows:
        grouped[activity_id].append(value)
    return grouped


NAMED = {
    "country": Country,
    "ip_area": IPArea,
    "category": ActivityCategory,
    "mode": DeliveryMode,
    "funding": FundingSource,
    "unit": Unit,
}


def _all_names(name: str, names: Mapping[str, str] | None) -> str:
    return " ".join(dict.fromkeys(filter(None, [name, *(names or {}).values()])))


class Lookups:
    """Reference facts needed for facets, loaded once."""

    def __init__(self) -> None:
        self.country = {
            c["code"]: c
            for c in Country.objects.values("code", "name", "status", "bureau_id", "region_id")
        }
        self.cluster = dict(DARecommendation.objects.values_list("number", "cluster_id"))
        self.region_parent = dict(Region.objects.values_list("code", "parent_id"))
        # The names of what an activity refers to, in the six languages, one text each:
        # "brevets", "专利" and "Кения" find what "patents" and "Kenya" find.
        self.names = {
            (kind, code): _all_names(name, names)
            for kind, model in NAMED.items()
            for code, name, names in model.objects.values_list("code", "name", "names")
        }

    def names_of(self, facts: Facts, countries: Sequence[str]) -> list[str]:
        """The six-language names of an activity's countries, IP areas, category, delivery
        mode, funding source and unit, one text each (each text recurs across activities)."""
        get = self.names.get
        found = [get(("country", c), "") for c in countries]
        found += [get(("ip_area", a), "") for a in facts.ip_areas]
        for kind, code in (("category", facts.category), ("mode", facts.mode),
                           ("funding", facts.funding), ("unit", facts.unit)):  # fmt: skip
            if code:
                found.append(get((kind, code), ""))
        return [text for text in found if text]

    def region_chain(self, code: str | None) -> list[str]:
        chain = []
        while code and code != "001" and code not in chain:
            chain.append(code)
            code = self.region_parent.get(code)
        return chain


def document(facts: Facts, lookups: Lookups) -> SearchDocument:
    """The search document of one activity."""
    codes = sorted(facts.countries)  # the names' order in the text, whatever the source
    infos = [lookups.country[c] for c in codes if c in lookups.country]
    region_codes = set()
    for info in infos:
        region_codes.update(lookups.region_chain(info["region_id"]))
    for code in facts.regions:
        region_codes.update(lookups.region_chain(code))
    das = [int(n) for n in facts.das]
    names = lookups.names_of(facts, codes)
    start = facts.start_date
    words = None
    if facts.words is not None:
        words = more_words(facts.words, (*names, facts.reporter_name))
    return SearchDocument(
        id=facts.id,
        title=facts.title,
        words=words,
        # Translated titles and summaries are searchable like the original.
        text=" ".join(
            filter(
                None,
                [
                    facts.identifier,
                    facts.summary,
                    *names,
                    facts.reporter_name,
                    *all_texts(facts.translations),
                ],
            )
        ),
        date=start,
        facets={
            "country": codes,
            "group": sorted({i["status"] for i in infos}),
            "bureau": sorted({i["bureau_id"] for i in infos}),
            "region": sorted(region_codes),
            "year": [str(start.year)],
            "category": [facts.category] if facts.category else [],
            "mode": [facts.mode] if facts.mode else [],
            "ip_area": list(facts.ip_areas),
            "da": [str(n) for n in das],
            "cluster": sorted({lookups.cluster[n] for n in das if n in lookups.cluster}),
            "sdg": [str(n) for n in facts.sdgs],
            "funding": [facts.funding] if facts.funding else [],
            "status": [facts.status],
            "unit": [facts.unit] if facts.unit else [],
            "reporter": [str(facts.reporter)],
        },
    )


def documents(activity_ids: Iterable[int] | None = None) -> Iterator[SearchDocument]:
    """Search documents for the given activities (or all), in batches of plain queries."""
    lookups = Lookups()
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
        for row in rows:
            pk = row[0]
            facts = Facts(
                *row,
                countries=countries.get(pk, ()),
                regions=regions.get(pk, ()),
                ip_areas=areas.get(pk, ()),
                das=das.get(pk, ()),
                sdgs=sdgs.get(pk, ()),
            )
            yield document(facts, lookups)


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


def index_facts(
    facts: Iterable[Facts], lookups: Lookups, known: engine.KnownWords | None = None
) -> None:
    """Index activities whose values the caller has in hand (written in its transaction)."""
    engine.index_documents((document(f, lookups) for f in facts), known)


def rebuild() -> int:
    """Rebuild the whole index from the database."""
    return engine.rebuild(documents())
