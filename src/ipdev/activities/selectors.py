"""Reads of activities for every interface. Details pass through the visibility rule here only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.http import Http404

from ipdev.core.bounds import BIGINT_MAX
from ipdev.core.lookups import RowsById, ids_in
from ipdev.core.translations import Shown, shown
from ipdev.reference.models import names_key
from ipdev.search import engine
from ipdev.search.types import FACETS, Query

from . import labels, versions
from .filters import ParsedQuery
from .models import Activity, ActivityDocument, DetailGroup, Status
from .visibility import ALL_GROUPS, ConsentIndex, Viewer


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass
class ActivitySummary:
    """General information: public for every activity."""

    id: int
    identifier: str
    title: str
    summary: str
    status: str
    status_label: str
    start_date: dt.date
    end_date: dt.date | None
    scope: str
    category: Named | None
    delivery_mode: Named | None
    countries: list[Named]
    regions: list[Named]
    reporting_org: Named
    # The title and summary as written, in `text_language`, and their translations.
    text_language: str = field(default="en", kw_only=True)
    translations: dict = field(default_factory=dict, kw_only=True)
    # When the activity was added (feeds and alerts say what is new).
    created_at: dt.datetime | None = field(default=None, kw_only=True)

    @property
    def shown_title(self) -> Shown:
        """The title in the reader's language, or the original (saying so)."""
        return shown(self.translations, "title", self.title, self.text_language)

    @property
    def shown_summary(self) -> Shown:
        return shown(self.translations, "summary", self.summary, self.text_language)


@dataclass
class DocumentView:
    id: int
    title: str
    kind: str
    content_type: str
    size: int
    url: str


@dataclass
class ActivityDetail(ActivitySummary):
    """Everything an interface may show one viewer; hidden details are None or empty."""

    ip_areas: list[Named] = field(default_factory=list)
    da_recommendations: list[Named] = field(default_factory=list)
    sdgs: list[Named] = field(default_factory=list)
    expected_results: list[Named] = field(default_factory=list)
    languages: list[Named] = field(default_factory=list)
    partners: list[Named] = field(default_factory=list)
    implementing_unit: Named | None = None
    funding_source: Named | None = None
    da_project: Named | None = None  # the Development Agenda project it serves (public)
    source: str = "ipdev"
    visible_groups: frozenset[str] = frozenset()
    # Details (None when the viewer may not see them).
    description: str | None = None
    objectives: str | None = None
    outcomes: str | None = None
    lessons: str | None = None
    beneficiary_institutions: str | None = None
    participants_total: int | None = None
    participants_women: int | None = None
    participants_men: int | None = None
    cost: Decimal | None = None
    currency: str | None = None
    documents: list[DocumentView] = field(default_factory=list)

    @property
    def hidden_groups(self) -> list[str]:
        return [g for g in DetailGroup.values if g not in self.visible_groups]

    def shows(self, group: str) -> bool:
        return group in self.visible_groups


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ActivityPage:
    items: list[ActivitySummary]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetOption]]
    # When nothing matches: the total without each filter ("q": without the text).
    relaxed: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _summaries_by_id(ids: list[int]) -> dict[int, tuple[ActivitySummary, str]]:
    """``id -> (summary, source)`` of those of these activities that exist."""
    return _Reader().summaries(ids)


def summaries(ids: list[int]) -> list[ActivitySummary]:
    """General information for these activities, in the given order."""
    found = _summaries_by_id(ids)
    return [found[i][0] for i in ids if i in found]


def activity_search(*, user, parsed: ParsedQuery) -> ActivityPage:
    """One page of results with facet counts, for the portal and the API.

    A chosen value stays among its facet's options whatever its count (0 included), first, so
    that it can be seen and undone. The country facet offers every beneficiary country (and
    any other country that has activities), not only those of the current results."""
    result = engine.search(parsed.query)
    facets: dict[str, list[FacetOption]] = {}
    for name in FACETS:
        counts = {v.value: v.count for v in result.facets.get(name, [])}
        if name == "country":
            counts = _with_beneficiaries(counts)
        selected = set(parsed.query.filters.get(name, ()))
        names = labels.facet_labels(name, [*counts, *sorted(selected - set(counts))])
        options = [
            FacetOption(value, names.get(value, value), count, value in selected)
            for value, count in counts.items()
        ]
        options += [
            FacetOption(v, names.get(v, v), 0, True) for v in sorted(selected - set(counts))
        ]
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        options.sort(key=lambda o: not o.selected)  # (stable: the order within each kept)
        if options:
            facets[name] = options
    return ActivityPage(
        items=summaries(result.ids),
        total=result.total,
        page=parsed.page,
        per_page=parsed.per_page,
        facets=facets,
        relaxed=result.relaxed,
    )


def _with_beneficiaries(counts: dict[str, int]) -> dict[str, int]:
    """Country counts with every beneficiary country in them (0 when it has no match), by
    count then code: the countries a search may be narrowed to, not only those it found."""
    merged = dict.fromkeys(beneficiary_codes(), 0) | counts
    return dict(sorted(merged.items(), key=lambda item: (-item[1], item[0])))


def beneficiary_codes() -> list[str]:
    return labels.beneficiary_codes()


# The columns of one activity that a summary and a detail begin with (one row per activity,
# no model objects: building objects cost most of a results page's read).
_GENERAL = (
    "id",
    "identifier",
    "title",
    "summary",
    "status",
    "start_date",
    "end_date",
    "scope",
    "category_id",
    "delivery_mode_id",
    "reporting_org_id",
    "reporting_org__name",
)
_SUMMARY_COLUMNS = (*_GENERAL, "text_language", "translations", "created_at", "source")
# The questions of every results page, compiled once (see RowsById).
_SUMMARY_ROWS = RowsById(
    lambda ids: Activity.objects.filter(**ids_in("id", ids)).values_list(*_SUMMARY_COLUMNS)
)
# ...and the rest of a detail's.
_COLUMNS = (
    *_GENERAL,
    "implementing_unit_id",
    "funding_source_id",
    "source",
    "description",
    "objectives",
    "outcomes",
    "lessons",
    "beneficiary_institutions",
    "participants_total",
    "participants_women",
    "participants_men",
    "cost",
    "currency_id",
    "text_language",
    "translations",
    "da_project_id",
    "da_project__title",
)
# ActivityDetail list field -> many-to-many field of Activity on a reference table.
_REFERENCE_LISTS = (
    "countries",
    "regions",
    "ip_areas",
    "da_recommendations",
    "sdgs",
    "expected_results",
    "languages",
)


def _list_rows(field: str) -> RowsById:
    """(activity id, entry id) of a list field, for the activities asked."""

    def build(ids: list[int]):
        m2m = Activity._meta.get_field(field)
        return m2m.remote_field.through.objects.filter(**ids_in("activity_id", ids)).values_list(
            "activity_id", f"{m2m.m2m_reverse_field_name()}_id"
        )

    return RowsById(build)


_LIST_ROWS = {field: _list_rows(field) for field in _REFERENCE_LISTS}


class _Reader:
    """Builds details for chunks of ids with one query per table, not one object per row.

    Reference names come from a per-process cache (the tables are read-only at run time) in the
    language of the request; lists keep the reference table's own order.
    """

    def __init__(self, viewer: Viewer | None = None):
        self.viewer = viewer  # (summaries need none: they are public)
        self.lang = names_key()
        self.status_labels = {k: str(v) for k, v in Status.choices}
        self.fields = {f.name: f for f in Activity._meta.get_fields()}

    def names(self, field: str) -> dict:
        return labels.ordered_names(self.fields[field].related_model, self.lang)

    def named(self, field: str, pk) -> Named | None:
        if pk is None:
            return None
        entry = self.names(field).get(pk)
        return Named(str(pk), entry[1] if entry else str(pk))

    def lists(self, field: str, ids: list[int]) -> dict[int, list[Named]]:
        """The related entries of each activity, in the reference table's order."""
        rows = _LIST_ROWS[field](ids)
        names = self.names(field)
        found: dict[int, list[tuple[int, Named]]] = {}
        for activity_id, pk in rows:
            position, name = names.get(pk, (len(names), str(pk)))
            found.setdefault(activity_id, []).append((position, Named(str(pk), name)))
        return {k: [n for _, n in sorted(v, key=lambda e: e[0])] for k, v in found.items()}

    def partners(self, ids: list[int]) -> dict[int, list[Named]]:
        through = Activity.partners.through
        rows = (
            through.objects.filter(**ids_in("activity_id", ids))
            .order_by("organisation__name", "organisation_id")
            .values_list("activity_id", "organisation_id", "organisation__name")
        )
        found: dict[int, list[Named]] = {}
        for activity_id, pk, name in rows:
            found.setdefault(activity_id, []).append(Named(str(pk), name))
        return found

    def documents(self, ids: list[int]) -> dict[int, list[DocumentView]]:
        found: dict[int, list[DocumentView]] = {}
        if not ids:
            return found
        rows = (
            ActivityDocument.objects.filter(**ids_in("activity_id", ids))
            .order_by("title", "id")
            .values_list("activity_id", "id", "title", "kind", "content_type", "size")
        )
        for activity_id, pk, title, kind, content_type, size in rows:
            url = f"/activities/{activity_id}/documents/{pk}/"
            found.setdefault(activity_id, []).append(
                DocumentView(pk, title, kind, content_type, size, url)
            )
        return found

    def summaries(self, ids: list[int]) -> dict[int, tuple[ActivitySummary, str]]:
        """``id -> (summary, source)`` of those of these activities that exist."""
        rows = _SUMMARY_ROWS(ids)
        countries, regions = self.lists("countries", ids), self.lists("regions", ids)
        out = {}
        for row in rows:
            pk = row[0]
            item = ActivitySummary(
                **self.general(row),
                countries=countries.get(pk, []),
                regions=regions.get(pk, []),
                text_language=row[12],
                translations=row[13],
                created_at=row[14],
            )
            out[pk] = (item, row[15])
        return out

    def general(self, row) -> dict:
        """The fields of a summary read from the `_GENERAL` columns that begin `row`."""
        return {
            "id": row[0],
            "identifier": row[1],
            "title": row[2],
            "summary": row[3],
            "status": row[4],
            "status_label": self.status_labels.get(row[4], row[4]),
            "start_date": row[5],
            "end_date": row[6],
            "scope": row[7],
            "category": self.named("category", row[8]),
            "delivery_mode": self.named("delivery_mode", row[9]),
            "reporting_org": Named(str(row[10]), row[11]),
        }

    def chunk(self, ids: list[int]) -> Iterator[ActivityDetail]:
        """The details of these activities, in the given order, as this viewer may see them."""
        found = Activity.objects.filter(**ids_in("id", ids)).values_list(*_COLUMNS)
        rows = {r[0]: r for r in found}
        if not rows:
            return
        lists = {field: self.lists(field, ids) for field in _REFERENCE_LISTS}
        partners = self.partners(ids)
        index = ConsentIndex.load(ids)
        visible = {}
        for pk, row in rows.items():
            codes = [c.code for c in lists["countries"].get(pk, ())]
            visible[pk] = self.visible(index, pk, codes, row[14])
        documents = self.documents(
            [pk for pk, groups in visible.items() if DetailGroup.DOCUMENTS in groups]
        )
        for pk in ids:
            row = rows.get(pk)
            if row is not None:
                yield self.detail(row, lists, partners, documents, visible[pk])

    def visible(self, index: ConsentIndex, pk: int, codes: list[str], source: str):
        return index.visible_groups(self.viewer, pk, codes, source)

    def detail(self, row, lists, partners, documents, visible) -> ActivityDetail:
        pk = row[0]
        detail = ActivityDetail(
            **self.general(row),
            countries=lists["countries"].get(pk, []),
            regions=lists["regions"].get(pk, []),
            ip_areas=lists["ip_areas"].get(pk, []),
            da_recommendations=lists["da_recommendations"].get(pk, []),
            sdgs=lists["sdgs"].get(pk, []),
            expected_results=lists["expected_results"].get(pk, []),
            languages=lists["languages"].get(pk, []),
            partners=partners.get(pk, []),
            implementing_unit=self.named("implementing_unit", row[12]),
            funding_source=self.named("funding_source", row[13]),
            source=row[14],
            visible_groups=visible,
            text_language=row[25],
            translations=row[26] or {},
            da_project=Named(row[27], row[28]) if row[27] else None,
        )
        # Only the groups the visibility rule allowed are filled in; the others stay None.
        if DetailGroup.NARRATIVE in visible:
            detail.description, detail.objectives = row[15], row[16]
            detail.outcomes, detail.lessons = row[17], row[18]
        if DetailGroup.PARTICIPANTS in visible:
            detail.beneficiary_institutions = row[19]
            detail.participants_total, detail.participants_women = row[20], row[21]
            detail.participants_men = row[22]
        if DetailGroup.FINANCE in visible:
            detail.cost, detail.currency = row[23], row[24]
        if DetailGroup.DOCUMENTS in visible:
            detail.documents = documents.get(pk, [])
        return detail


def activity_detail(*, user, pk: int) -> ActivityDetail:
    """One activity as this user may see it."""
    try:
        pk = int(pk)
    except (ValueError, TypeError):
        raise Http404("No such activity.") from None
    if not 1 <= pk <= BIGINT_MAX:
        raise Http404("No such activity.")
    for detail in _Reader(Viewer.of(user)).chunk([pk]):
        return detail
    raise Http404("No such activity.")


def activity_public_preview(*, pk: int) -> ActivityDetail:
    """What the public sees of an activity (the back office shows it before publishing)."""
    return activity_detail(user=None, pk=pk)


class _PreviewReader(_Reader):
    """Shows exactly the given groups: a preview, for a viewer who may see every detail."""

    def __init__(self, viewer: Viewer, groups: frozenset[str]):
        super().__init__(viewer)
        self.groups = groups

    def visible(self, index: ConsentIndex, pk: int, codes: list[str], source: str):
        if index.visible_groups(self.viewer, pk, codes, source) != ALL_GROUPS:
            raise Http404("No such activity.")
        return self.groups


def activity_preview(*, user, pk: int, groups: frozenset[str]) -> ActivityDetail:
    """The activity as the public would see it were exactly these groups public (the preview
    before a consent is confirmed); only for a user who sees every detail of it."""
    for detail in _PreviewReader(Viewer.of(user), frozenset(groups)).chunk([int(pk)]):
        return detail
    raise Http404("No such activity.")


def document_for_download(*, user, activity_pk: int, document_pk: int) -> ActivityDocument:
    """A document, if this user may see the activity's documents."""
    detail = activity_detail(user=user, pk=activity_pk)
    if DetailGroup.DOCUMENTS not in detail.visible_groups:
        raise Http404("No such document.")
    try:
        return ActivityDocument.objects.get(pk=document_pk, activity_id=activity_pk)
    except (ActivityDocument.DoesNotExist, ValueError):
        raise Http404("No such document.") from None


def activity_details_stream(
    *, user=None, query: Query, chunk: int = 500, viewer: Viewer | None = None
) -> Iterator[ActivityDetail]:
    """Every matching activity, with the details this user (or this viewer: a background job
    building a download for someone) may see, in constant memory."""
    reader = _Reader(viewer if viewer is not None else Viewer.of(user))
    ids: list[int] = []
    for pk in engine.matching_ids(query):
        ids.append(pk)
        if len(ids) >= chunk:
            yield from reader.chunk(ids)
            ids = []
    if ids:
        yield from reader.chunk(ids)


def activity_count(query: Query) -> int:
    """How many activities match the query (exact, from the search index)."""
    return engine.search(replace(query, offset=0, limit=1, facets=False)).total


def matching_activity_ids(query: Query) -> Iterator[int]:
    """The ids of every activity matching the query, in its order (any user may know them:
    every activity is public, only its details are not)."""
    return engine.matching_ids(query)


def activity_details_of(*, user, ids: list[int]) -> list[ActivityDetail]:
    """The details this user may see of these activities (those that exist), in this order."""
    return list(_Reader(Viewer.of(user)).chunk(ids))


def latest_activities(*, limit: int = 6) -> list[ActivitySummary]:
    ids = list(Activity.objects.order_by("-start_date", "-id").values_list("pk", flat=True)[:limit])
    return summaries(ids)


def activity_totals(counted: tuple[int, dict[str, dict[str, int]]]) -> dict[str, int]:
    """The home page's totals from the search index's counts of every activity
    (`stats.counts()`: exact at any data size, one read of the index)."""
    total, by = counted
    return {
        "activities": total,
        "ongoing": by.get("status", {}).get(Status.ONGOING, 0),
        "completed": by.get("status", {}).get(Status.COMPLETED, 0),
        "countries": sum(1 for n in by.get("country", {}).values() if n),
    }


def summaries_showing(*, user, ids: list[int], group: str) -> list[ActivitySummary]:
    """General information of those of these activities whose `group` details this user may
    see (the roster shows who delivered an activity only where the consultants group is public)."""
    viewer = Viewer.of(user)
    found = _summaries_by_id(ids)
    index = ConsentIndex.load(list(found))
    shown = []
    for pk in ids:
        if pk not in found:
            continue
        item, source = found[pk]
        codes = [c.code for c in item.countries]
        if group in index.visible_groups(viewer, pk, codes, source):
            shown.append(item)
    return shown


def report_details(
    *,
    user,
    country: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    chunk: int = 500,
) -> Iterator[ActivityDetail]:
    """The activities of a country (or of all countries) that started in these years, newest
    first, with the details this user may see: the one read behind the country and DA reports."""
    qs = Activity.objects.all()
    if country:
        qs = qs.filter(countries=country)
    if year_from is not None:
        qs = qs.filter(start_date__gte=dt.date(year_from, 1, 1))
    if year_to is not None:
        qs = qs.filter(start_date__lte=dt.date(year_to, 12, 31))
    ids = list(qs.order_by("-start_date", "-id").values_list("pk", flat=True))
    reader = _Reader(Viewer.of(user))
    for start in range(0, len(ids), chunk):
        yield from reader.chunk(ids[start : start + chunk])


def activity_version(*, pk: int) -> str:
    """The version of an activity (an API ETag, the version an edit form is based on)."""
    try:
        activity = Activity.objects.get(pk=int(pk))
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such activity.") from None
    return versions.version(activity)
