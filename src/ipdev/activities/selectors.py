"""Reads of activities for every interface. Details pass through the visibility rule here only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from ipdev.search import engine
from ipdev.search.types import FACETS, Query

from . import labels
from .filters import ParsedQuery
from .models import Activity, ActivityDocument, DetailGroup
from .visibility import ConsentIndex, Viewer


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _named(obj) -> Named:
    return Named(str(obj.pk), obj.localized_name if hasattr(obj, "localized_name") else str(obj))


def _base() -> QuerySet[Activity]:
    return Activity.objects.select_related(
        "category", "delivery_mode", "reporting_org"
    ).prefetch_related("countries", "regions")


def _summary_fields(a: Activity) -> dict:
    return {
        "id": a.pk,
        "identifier": a.identifier,
        "title": a.title,
        "summary": a.summary,
        "status": a.status,
        "status_label": a.get_status_display(),
        "start_date": a.start_date,
        "end_date": a.end_date,
        "scope": a.scope,
        "category": _named(a.category) if a.category else None,
        "delivery_mode": _named(a.delivery_mode) if a.delivery_mode else None,
        "countries": [_named(c) for c in a.countries.all()],
        "regions": [_named(r) for r in a.regions.all()],
        "reporting_org": Named(str(a.reporting_org_id), a.reporting_org.name),
    }


def summaries(ids: list[int]) -> list[ActivitySummary]:
    """General information for these activities, in the given order."""
    found = {a.pk: a for a in _base().filter(pk__in=ids)}
    return [ActivitySummary(**_summary_fields(found[i])) for i in ids if i in found]


def activity_search(*, user, parsed: ParsedQuery) -> ActivityPage:
    """One page of results with facet counts, for the portal and the API."""
    result = engine.search(parsed.query)
    facets: dict[str, list[FacetOption]] = {}
    for name in FACETS:
        values = result.facets.get(name, [])
        selected = set(parsed.query.filters.get(name, ()))
        names = labels.facet_labels(name, [v.value for v in values])
        options = [
            FacetOption(v.value, names.get(v.value, v.value), v.count, v.value in selected)
            for v in values
        ]
        seen = {o.value for o in options}
        options += [FacetOption(v, names.get(v, v), 0, True) for v in selected if v not in seen]
        if name == "year":
            options.sort(key=lambda o: o.value, reverse=True)
        if options:
            facets[name] = options
    return ActivityPage(
        items=summaries(result.ids),
        total=result.total,
        page=parsed.page,
        per_page=parsed.per_page,
        facets=facets,
    )


def _detail_queryset() -> QuerySet[Activity]:
    return (
        _base()
        .select_related("implementing_unit", "funding_source", "currency")
        .prefetch_related(
            "ip_areas",
            "da_recommendations",
            "sdgs",
            "expected_results",
            "languages",
            "partners",
            Prefetch("documents", queryset=ActivityDocument.objects.order_by("title")),
        )
    )


def _detail(a: Activity, visible: frozenset[str]) -> ActivityDetail:
    detail = ActivityDetail(
        **_summary_fields(a),
        ip_areas=[_named(x) for x in a.ip_areas.all()],
        da_recommendations=[_named(x) for x in a.da_recommendations.all()],
        sdgs=[_named(x) for x in a.sdgs.all()],
        expected_results=[_named(x) for x in a.expected_results.all()],
        languages=[_named(x) for x in a.languages.all()],
        partners=[Named(str(p.pk), p.name) for p in a.partners.all()],
        implementing_unit=_named(a.implementing_unit) if a.implementing_unit else None,
        funding_source=_named(a.funding_source) if a.funding_source else None,
        source=a.source,
        visible_groups=visible,
    )
    if DetailGroup.NARRATIVE in visible:
        detail.description, detail.objectives = a.description, a.objectives
        detail.outcomes, detail.lessons = a.outcomes, a.lessons
    if DetailGroup.PARTICIPANTS in visible:
        detail.beneficiary_institutions = a.beneficiary_institutions
        detail.participants_total = a.participants_total
        detail.participants_women = a.participants_women
        detail.participants_men = a.participants_men
    if DetailGroup.FINANCE in visible:
        detail.cost, detail.currency = a.cost, a.currency_id
    if DetailGroup.DOCUMENTS in visible:
        detail.documents = [
            DocumentView(
                d.pk,
                d.title,
                d.kind,
                d.content_type,
                d.size,
                f"/activities/{a.pk}/documents/{d.pk}/",
            )
            for d in a.documents.all()
        ]
    return detail


def activity_detail(*, user, pk: int) -> ActivityDetail:
    """One activity as this user may see it."""
    try:
        activity = _detail_queryset().get(pk=pk)
    except (Activity.DoesNotExist, ValueError, TypeError):
        raise Http404("No such activity.") from None
    index = ConsentIndex.load([activity.pk])
    codes = [c.pk for c in activity.countries.all()]
    visible = index.visible_groups(Viewer.of(user), activity.pk, codes, activity.source)
    return _detail(activity, visible)


def activity_public_preview(*, pk: int) -> ActivityDetail:
    """What the public sees of an activity (the back office shows it before publishing)."""
    return activity_detail(user=None, pk=pk)


def document_for_download(*, user, activity_pk: int, document_pk: int) -> ActivityDocument:
    """A document, if this user may see the activity's documents."""
    detail = activity_detail(user=user, pk=activity_pk)
    if DetailGroup.DOCUMENTS not in detail.visible_groups:
        raise Http404("No such document.")
    try:
        return ActivityDocument.objects.get(pk=document_pk, activity_id=activity_pk)
    except (ActivityDocument.DoesNotExist, ValueError):
        raise Http404("No such document.") from None


def activity_details_stream(*, user, query: Query, chunk: int = 500) -> Iterator[ActivityDetail]:
    """Every matching activity, with the details this user may see, in constant memory."""
    viewer = Viewer.of(user)
    ids: list[int] = []
    for pk in engine.matching_ids(query):
        ids.append(pk)
        if len(ids) >= chunk:
            yield from _detail_chunk(ids, viewer)
            ids = []
    if ids:
        yield from _detail_chunk(ids, viewer)


def _detail_chunk(ids: list[int], viewer: Viewer) -> Iterator[ActivityDetail]:
    found = {a.pk: a for a in _detail_queryset().filter(pk__in=ids)}
    index = ConsentIndex.load(ids)
    for pk in ids:
        a = found.get(pk)
        if a is None:
            continue
        codes = [c.pk for c in a.countries.all()]
        yield _detail(a, index.visible_groups(viewer, pk, codes, a.source))


def latest_activities(*, limit: int = 6) -> list[ActivitySummary]:
    ids = list(Activity.objects.order_by("-start_date", "-id").values_list("pk", flat=True)[:limit])
    return summaries(ids)


def activity_totals() -> dict[str, int]:
    from django.db.models import Count, Q

    totals = Activity.objects.aggregate(
        activities=Count("id"),
        ongoing=Count("id", filter=Q(status="ongoing")),
        completed=Count("id", filter=Q(status="completed")),
    )
    totals["countries"] = Activity.countries.through.objects.values("country_id").distinct().count()
    return totals


def summaries_showing(*, user, ids: list[int], group: str) -> list[ActivitySummary]:
    """General information of those of these activities whose `group` details this user may
    see (the roster shows who delivered an activity only where the consultants group is public)."""
    viewer = Viewer.of(user)
    found = {a.pk: a for a in _base().filter(pk__in=ids)}
    index = ConsentIndex.load(list(found))
    shown = []
    for pk in ids:
        a = found.get(pk)
        if a is None:
            continue
        codes = [c.pk for c in a.countries.all()]
        if group in index.visible_groups(viewer, pk, codes, a.source):
            shown.append(ActivitySummary(**_summary_fields(a)))
    return shown
