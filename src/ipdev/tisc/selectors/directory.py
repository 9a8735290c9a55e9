"""The public directory: centres validated by WIPO staff, with facets, a map and downloads;
a page per centre and per network. Private contacts go to staff and the network's
coordinators only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext as _

from ipdev.reference import models as ref

from ..mapping import project
from ..models import Centre, LevelAssessment, Network, NetworkActivity, SuccessStory
from ..permissions import may_manage
from ..vocab import CentreStatus, HostType, Level, ReportStatus, Service, Wave
from .feeds import FedIndicator, shown_feeds

FACETS = ("country", "service", "host_type", "level", "language")
PAGE_SIZE = 20
MAX_TEXT = 200


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass(frozen=True)
class CentreCard:
    id: int
    name: str
    host_institution: str
    host_type: Named
    city: str
    country: Named | None
    network_id: int
    network: str
    level: int
    services: list[Named]
    languages: list[Named]
    status: Named
    website: str
    public_email: str
    public_phone: str
    latitude: float | None
    longitude: float | None
    ror: str


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class DirectoryQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    id: int
    title: str


@dataclass(frozen=True)
class DirectoryPage:
    items: list[CentreCard]
    total: int
    page: int
    pages: int
    facets: dict[str, list[FacetOption]]
    points: list[Point]


def parse(params: Mapping) -> DirectoryQuery:
    """Query parameters -> a query; unknown values are errors naming the parameter."""
    query = DirectoryQuery(text=(params.get("q") or "").strip()[:MAX_TEXT])
    for name in FACETS:
        values = [v for v in params.getlist(name) if v] if hasattr(params, "getlist") else []
        if values:
            query.filters[name] = values[:50]
    page = params.get("page") or "1"
    if not str(page).isdigit() or int(page) < 1:
        query.errors["page"] = _("Enter a page number.")
    else:
        query.page = int(page)
    for value in query.filters.get("level", []):
        if value not in {str(v) for v in Level.values}:
            query.errors["level"] = _("Choose a level from 0 to 3.")
    return query


def _choice_labels(choices) -> dict[str, str]:
    return {str(v): str(label) for v, label in choices.choices}


def _cards(qs) -> list[CentreCard]:
    qs = qs.select_related("network", "network__country").prefetch_related("languages")
    services = _choice_labels(Service)
    hosts = _choice_labels(HostType)
    statuses = _choice_labels(CentreStatus)
    cards = []
    for c in qs:
        country = c.network.country
        cards.append(
            CentreCard(
                id=c.pk,
                name=c.name,
                host_institution=c.host_institution,
                host_type=Named(c.host_type, hosts.get(c.host_type, c.host_type)),
                city=c.city,
                country=Named(country.code, country.localized_name) if country else None,
                network_id=c.network_id,
                network=c.network.name,
                level=c.network.level,
                services=[Named(s, services.get(s, s)) for s in c.services],
                languages=[Named(lang.code, lang.localized_name) for lang in c.languages.all()],
                status=Named(c.status, statuses.get(c.status, c.status)),
                website=c.website,
                public_email=c.public_email,
                public_phone=c.public_phone,
                latitude=float(c.latitude) if c.latitude is not None else None,
                longitude=float(c.longitude) if c.longitude is not None else None,
                ror=c.ror,
            )
        )
    return cards


def public_centres():
    """The centres the public sees: validated by staff and not closed."""
    return Centre.objects.filter(validated=True).exclude(status=CentreStatus.CLOSED)


def _values(card: CentreCard, name: str) -> set[str]:
    if name == "country":
        return {card.country.code} if card.country else set()
    if name == "service":
        return {s.code for s in card.services}
    if name == "host_type":
        return {card.host_type.code}
    if name == "level":
        return {str(card.level)}
    return {lang.code for lang in card.languages}


def _matches_text(card: CentreCard, words: list[str]) -> bool:
    hay = " ".join(
        [
            card.name,
            card.host_institution,
            card.city,
            card.network,
            card.country.name if card.country else "",
        ]
    ).casefold()
    return all(w in hay for w in words)


def directory(*, query: DirectoryQuery) -> DirectoryPage:
    """One page of the directory with exact facet counts (each facet counted over the
    centres matching every other filter). At most a few thousand centres: done in memory."""
    cards = _cards(public_centres().order_by("network__name", "name"))
    words = query.text.casefold().split()
    if words:
        cards = [c for c in cards if _matches_text(c, words)]

    def keep(card: CentreCard, skip: str | None = None) -> bool:
        return all(
            _values(card, name) & set(values)
            for name, values in query.filters.items()
            if name != skip
        )

    labels = {
        "service": _choice_labels(Service),
        "host_type": _choice_labels(HostType),
        "level": _choice_labels(Level),
    }
    facets: dict[str, list[FacetOption]] = {}
    for name in FACETS:
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for card in cards:
            if not keep(card, skip=name):
                continue
            for value in _values(card, name):
                counts[value] = counts.get(value, 0) + 1
        if name == "country":
            names = {
                c.code: c.localized_name for c in ref.Country.objects.filter(code__in=list(counts))
            }
        elif name == "language":
            names = {
                lang.code: lang.localized_name
                for lang in ref.Language.objects.filter(code__in=list(counts))
            }
        else:
            names = labels[name]
        chosen = set(query.filters.get(name, []))
        facets[name] = sorted(
            (FacetOption(v, names.get(v, v), n, v in chosen) for v, n in counts.items()),
            key=lambda o: (-o.count, o.label) if name not in ("level",) else (o.value,),
        )
    matched = [c for c in cards if keep(c)]
    pages = max(1, -(-len(matched) // PAGE_SIZE))
    page = min(query.page, pages)
    items = matched[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    points = [
        Point(*project(c.longitude, c.latitude), c.id, f"{c.name} ({c.city})")
        for c in matched
        if c.latitude is not None
    ]
    return DirectoryPage(items, len(matched), page, pages, facets, points)


def directory_rows(*, query: DirectoryQuery):
    """The matching centres as rows for CSV and XLSX: public fields only, whoever asks."""
    page = directory(query=DirectoryQuery(query.text, query.filters, 1))
    cards = _cards(public_centres().order_by("network__name", "name"))
    ids = set()
    if page.total:
        words = query.text.casefold().split()
        for c in cards:
            if words and not _matches_text(c, words):
                continue
            if all(_values(c, n) & set(v) for n, v in query.filters.items()):
                ids.add(c.id)
    yield [
        _("Centre"),
        _("Host institution"),
        _("Host type"),
        _("City"),
        _("Country"),
        _("Network"),
        _("Maturity level"),
        _("Services"),
        _("Languages"),
        _("Status"),
        _("Website"),
        _("E-mail"),
        _("Telephone"),
        _("Latitude"),
        _("Longitude"),
        _("ROR identifier"),
    ]
    for c in cards:
        if c.id in ids:
            yield [
                c.name,
                c.host_institution,
                c.host_type.name,
                c.city,
                c.country.name if c.country else "",
                c.network,
                c.level,
                "; ".join(s.name for s in c.services),
                "; ".join(x.name for x in c.languages),
                c.status.name,
                c.website,
                c.public_email,
                c.public_phone,
                c.latitude if c.latitude is not None else "",
                c.longitude if c.longitude is not None else "",
                c.ror,
            ]


@dataclass(frozen=True)
class Private:
    contact_name: str
    contact_email: str
    contact_phone: str
    agreement_status: str
    agreement_signed_on: str
    validated: bool
    pending_change: dict | None


@dataclass(frozen=True)
class CentreDetail:
    card: CentreCard
    private: Private | None
    can_manage: bool


def centre_detail(*, user, pk: int) -> CentreDetail:
    """One centre: public if validated and not closed; its network's managers see the rest."""
    centre = Centre.objects.filter(pk=pk).select_related("network").first()
    if centre is None:
        raise Http404("No such centre.")
    manage = may_manage(user, centre.network_id)
    public = centre.validated and centre.status != CentreStatus.CLOSED
    if not (public or manage):
        raise Http404("No such centre.")
    card = _cards(Centre.objects.filter(pk=pk))[0]
    private = None
    if manage:
        pending = centre.changes.filter(status="pending").first()
        private = Private(
            centre.contact_name,
            centre.contact_email,
            centre.contact_phone,
            centre.get_agreement_status_display(),
            centre.agreement_signed_on.isoformat() if centre.agreement_signed_on else "",
            centre.validated,
            pending.data if pending else None,
        )
    return CentreDetail(card, private, manage)


@dataclass(frozen=True)
class Story:
    title: str
    text: str
    network_id: int
    network: str
    period: str


@dataclass(frozen=True)
class TaggedActivity:
    id: int
    title: str
    kind: str
    year: int | None


@dataclass(frozen=True)
class NetworkSummary:
    id: int
    name: str
    country: Named | None
    region: Named
    level: Named
    wave: Named
    centres: int


@dataclass(frozen=True)
class NetworkDetail:
    summary: NetworkSummary
    coordinating_institution: str
    description: str
    website: str
    public_email: str
    sla_status: str
    sla_signed_on: str
    frequency: str
    centres: list[CentreCard]
    levels: list[tuple[str, str]]  # (date, level label): the level's history
    stories: list[Story]
    activities: list[TaggedActivity]
    can_manage: bool
    feeds: list[FedIndicator] = field(default_factory=list)


def _summary(n: Network, centres: int) -> NetworkSummary:
    levels, waves = _choice_labels(Level), _choice_labels(Wave)
    return NetworkSummary(
        n.pk,
        n.name,
        Named(n.country.code, n.country.localized_name) if n.country else None,
        Named(n.bureau.code, n.bureau.localized_name),
        Named(str(n.level), levels[str(n.level)]),
        Named(n.wave, waves[n.wave]),
        centres,
    )


def network_list() -> list[NetworkSummary]:
    """Every network with its count of public centres, by name."""
    from django.db.models import Count, Q

    qs = Network.objects.select_related("country", "bureau").annotate(
        n=Count("centres", filter=Q(centres__in=public_centres()))
    )
    return [_summary(n, n.n) for n in qs.order_by("name")]


def public_stories(*, network: int | None = None, limit: int = 50) -> list[Story]:
    """Success stories marked public in approved reports, newest first."""
    qs = SuccessStory.objects.filter(public=True, report__status=ReportStatus.APPROVED)
    if network is not None:
        qs = qs.filter(report__network_id=network)
    qs = qs.select_related("report__network").order_by("-report__year", "-report__quarter", "id")
    return [
        Story(s.title, s.text, s.report.network_id, s.report.network.name, s.report.period_label)
        for s in qs[:limit]
    ]


@dataclass(frozen=True)
class ActivityNetwork:
    id: int
    name: str
    kind: str


def activity_networks(*, activity: int) -> list[ActivityNetwork]:
    """The TISC networks an activity is tagged to. Networks are public and a tag is general
    information (not one of the activity's detail groups), so everyone who sees the activity's
    page sees them."""
    kinds = _choice_labels(NetworkActivity.Kind)
    rows = NetworkActivity.objects.filter(activity_id=activity).select_related("network")
    return [
        ActivityNetwork(t.network_id, t.network.name, kinds[t.kind])
        for t in rows.order_by("network__name")
    ]


def network_detail(*, user, pk: int) -> NetworkDetail:
    network = Network.objects.select_related("country", "bureau").filter(pk=pk).first()
    if network is None:
        raise Http404("No such network.")
    manage = may_manage(user, network.pk)
    centres_qs = network.centres.all() if manage else public_centres().filter(network=network)
    centres = _cards(centres_qs.order_by("name"))
    levels = _choice_labels(Level)
    history = [
        (a.decided_on.isoformat(), levels[str(a.level)])
        for a in LevelAssessment.objects.filter(network=network)
    ]
    kinds = _choice_labels(NetworkActivity.Kind)
    tags = [
        TaggedActivity(
            t.activity_id,
            t.activity.title,
            kinds[t.kind],
            t.activity.start_date.year if t.activity.start_date else None,
        )
        for t in network.activity_tags.select_related("activity").order_by("-activity__start_date")
    ]
    return NetworkDetail(
        _summary(network, len([c for c in centres if c.status.code != "closed"])),
        network.coordinating_institution,
        network.description,
        network.website,
        network.public_email,
        network.get_sla_status_display(),
        network.sla_signed_on.isoformat() if network.sla_signed_on else "",
        network.get_frequency_display(),
        centres,
        history,
        public_stories(network=network.pk, limit=20),
        tags,
        manage,
        shown_feeds(user=user, network=network.pk),
    )
