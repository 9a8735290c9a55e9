"""Reads of the roster for every interface. The public/private split lives here, in `_access`.

The public sees consultants who are listed and whose profile was confirmed in the last four
years, and of them only the public fields. Contacts, fees, the CV, evaluations and pending
changes are for WIPO staff and the consultant themself. The activities a consultant delivered
appear only where the activity's `consultants` details are visible to the viewer (the
activities selectors apply the consent rule).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.activities import selectors as activity_selectors
from ipdev.activities.models import DetailGroup
from ipdev.core.bounds import whole_number
from ipdev.reference import models as ref

from . import stats
from .models import (
    Assignment,
    Availability,
    Consultant,
    ConsultantLanguage,
    Gender,
    Level,
    ProfileChange,
    stale_cutoff,
)
from .permissions import is_own, is_staff

FACETS = ("ip_area", "language", "nationality", "gender", "region")
PER_PAGE = 20


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass(frozen=True)
class LanguageSkill:
    code: str
    name: str
    level: str
    level_label: str


@dataclass
class ConsultantCard:
    """Public information on one consultant."""

    id: int
    name: str
    nationality: Named
    residence: Named
    gender: str
    gender_label: str
    availability: str
    availability_label: str
    ip_areas: list[Named]
    skills: list[str]
    languages: list[LanguageSkill]
    stale: bool


@dataclass
class DeliveredActivity:
    activity: activity_selectors.ActivitySummary
    role: str
    year: int


@dataclass
class PrivateAssignment:
    id: int
    activity_id: int
    activity_title: str
    role: str
    start_date: dt.date
    end_date: dt.date | None
    status: str
    deliverables: str
    fee: Decimal | None
    declaration: str | None
    rating: int | None
    evaluation: str


@dataclass
class PrivateDetails:
    """Only for staff and the consultant themself."""

    email: str
    phone: str
    address: str
    daily_fee: Decimal | None
    fee_currency: str
    cv_name: str
    confirmed_on: dt.date
    ethics_version: str
    ethics_accepted_at: dt.datetime | None
    pending_change: dict | None
    assignments: list[PrivateAssignment]
    evaluations_visible: bool


@dataclass
class ConsultantProfile(ConsultantCard):
    biography: str = ""
    regions: list[Named] = field(default_factory=list)
    countries: list[Named] = field(default_factory=list)
    delivered: list[DeliveredActivity] = field(default_factory=list)
    private: PrivateDetails | None = None


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class RosterQuery:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class RosterPage:
    items: list[ConsultantCard]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetOption]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _named(obj) -> Named:
    return Named(str(obj.pk), obj.localized_name)


def _access(user) -> tuple[bool, int | None]:
    """(sees every profile and private field, own consultant id). The one place for the rule."""
    if is_staff(user):
        return True, None
    own = getattr(user, "consultant_profile", None) if user is not None else None
    if own is not None and is_own(user, own):
        return False, own.pk
    return False, None


def _visible(user) -> QuerySet[Consultant]:
    staff, own = _access(user)
    consultants = Consultant.objects.all()
    if staff:
        return consultants
    public = Q(listed=True, confirmed_on__gte=stale_cutoff(timezone.localdate()))
    return consultants.filter(public | Q(pk=own) if own else public)


def _card_queryset(qs: QuerySet[Consultant]) -> QuerySet[Consultant]:
    return qs.select_related("nationality", "residence").prefetch_related(
        "ip_areas",
        Prefetch("languages", queryset=ConsultantLanguage.objects.select_related("language")),
    )


def _card_fields(c: Consultant, today: dt.date) -> dict:
    return {
        "id": c.pk,
        "name": c.name,
        "nationality": _named(c.nationality),
        "residence": _named(c.residence),
        "gender": c.gender,
        "gender_label": str(Gender(c.gender).label),
        "availability": c.availability,
        "availability_label": str(Availability(c.availability).label),
        "ip_areas": [_named(a) for a in c.ip_areas.all()],
        "skills": list(c.skills or []),
        "languages": [
            LanguageSkill(
                lang.language_id,
                lang.language.localized_name,
                lang.level,
                str(Level(lang.level).label),
            )
            for lang in c.languages.all()
        ],
        "stale": c.is_stale(today),
    }


def parse(params: Mapping) -> RosterQuery:
    """Read `q`, the facets (repeatable) and `page` from request parameters."""
    query = RosterQuery(text=str(params.get("q", "") or "").strip()[:200])
    getlist = getattr(params, "getlist", lambda k: [params[k]] if k in params else [])
    known = {
        "ip_area": set(ref.IPArea.objects.values_list("code", flat=True)),
        "language": set(ref.Language.objects.values_list("code", flat=True)),
        "nationality": set(ref.Country.objects.values_list("code", flat=True)),
        "gender": set(Gender.values),
        "region": set(ref.Region.objects.values_list("code", flat=True)),
    }
    for name in FACETS:
        values = [v.strip() for raw in getlist(name) for v in str(raw).split(",") if v.strip()]
        if name == "nationality":
            values = [v.upper() for v in values]
        unknown = [v for v in values if v not in known[name]]
        if unknown:
            query.errors[name] = _("Unknown code(s): %(values)s.") % {
                "values": ", ".join(unknown[:10])
            }
        good = [v for v in dict.fromkeys(values) if v in known[name]]
        if good:
            query.filters[name] = good
    raw_page = str(params.get("page", "1") or "1")
    if 1 <= (whole_number(raw_page) or 0) <= 10_000:
        query.page = int(raw_page)
    else:
        query.errors["page"] = _("A page is a whole number from 1.")
    return query


LOOKUPS = {
    "ip_area": "ip_areas__code",
    "language": "languages__language_id",
    "nationality": "nationality_id",
    "gender": "gender",
    "region": "regions__code",
}


def _filtered(user, query: RosterQuery) -> QuerySet[Consultant]:
    qs = _visible(user)
    if query.text:
        words = query.text.split()[:10]
        for word in words:
            qs = qs.filter(
                Q(name__icontains=word)
                | Q(biography__icontains=word)
                | Q(skills__icontains=word)
                | Q(ip_areas__name__icontains=word)
            )
    for name, values in query.filters.items():
        # Several values of one facet: any of them; several facets: all of them.
        qs = qs.filter(pk__in=Consultant.objects.filter(**{f"{LOOKUPS[name]}__in": values}))
    return qs.distinct()


def _facet_labels(name: str, codes: list[str]) -> dict[str, str]:
    if name == "gender":
        return {g.value: str(g.label) for g in Gender}
    model = {
        "ip_area": ref.IPArea,
        "language": ref.Language,
        "nationality": ref.Country,
        "region": ref.Region,
    }[name]
    return {str(o.pk): o.localized_name for o in model.objects.filter(pk__in=codes)}


def roster_search(*, user, query: RosterQuery) -> RosterPage:
    """One page of the roster this user may see, with facet counts over the matching profiles."""
    qs = _filtered(user, query)
    ids = list(qs.order_by("name", "id").values_list("pk", flat=True))
    total = len(ids)
    start = (query.page - 1) * PER_PAGE
    page_ids = ids[start : start + PER_PAGE]
    found = {c.pk: c for c in _card_queryset(Consultant.objects.filter(pk__in=page_ids))}
    today = timezone.localdate()
    items = [ConsultantCard(**_card_fields(found[i], today)) for i in page_ids if i in found]
    facets: dict[str, list[FacetOption]] = {}
    matching = Consultant.objects.filter(pk__in=ids)
    for name in FACETS:
        rows = (
            matching.values(LOOKUPS[name])
            .annotate(n=Count("id", distinct=True))
            .exclude(**{f"{LOOKUPS[name]}__isnull": True})
            .order_by("-n")
        )
        counts = {str(r[LOOKUPS[name]]): r["n"] for r in rows}
        selected = set(query.filters.get(name, []))
        labels = _facet_labels(name, [*counts, *selected])
        options = [
            FacetOption(code, labels.get(code, code), n, code in selected)
            for code, n in counts.items()
        ]
        options += [FacetOption(c, labels.get(c, c), 0, True) for c in selected - set(counts)]
        if options:
            facets[name] = options
    return RosterPage(items, total, query.page, PER_PAGE, facets)


def _private(c: Consultant, *, staff: bool) -> PrivateDetails:
    pending = c.changes.filter(status=ProfileChange.Status.PENDING).first()
    assignments = [
        PrivateAssignment(
            id=a.pk,
            activity_id=a.activity_id,
            activity_title=a.activity.title,
            role=a.role,
            start_date=a.start_date,
            end_date=a.end_date,
            status=a.status,
            deliverables=a.deliverables,
            fee=a.fee,
            declaration=getattr(getattr(a, "declaration", None), "review", None),
            rating=a.rating if staff else None,
            evaluation=a.evaluation if staff else "",
        )
        for a in c.assignments.select_related("activity", "declaration")
    ]
    return PrivateDetails(
        email=c.email,
        phone=c.phone,
        address=c.address,
        daily_fee=c.daily_fee,
        fee_currency=c.fee_currency_id,
        cv_name=c.cv.name.rsplit("/", 1)[-1] if c.cv else "",
        confirmed_on=c.confirmed_on,
        ethics_version=c.ethics_version,
        ethics_accepted_at=c.ethics_accepted_at,
        pending_change=dict(pending.data) if pending else None,
        assignments=assignments,
        evaluations_visible=staff,
    )


def consultant_profile(*, user, pk: int) -> ConsultantProfile:
    """One consultant as this user may see them (404 for profiles off the public roster)."""
    try:
        c = _card_queryset(_visible(user)).prefetch_related("regions", "countries").get(pk=pk)
    except (Consultant.DoesNotExist, ValueError, TypeError):
        raise Http404("No such consultant.") from None
    staff, own = _access(user)
    delivered_rows = list(
        # Delivered: started or completed assignments, not planned (or cancelled) ones.
        c.assignments.filter(status__in=(Assignment.Status.STARTED, Assignment.Status.COMPLETED))
        .order_by("-start_date")
        .values_list("activity_id", "role", "start_date")
    )
    shown = {
        s.id: s
        for s in activity_selectors.summaries_showing(
            user=user, ids=[r[0] for r in delivered_rows], group=DetailGroup.CONSULTANTS
        )
    }
    profile = ConsultantProfile(
        **_card_fields(c, timezone.localdate()),
        biography=c.biography,
        regions=[_named(r) for r in c.regions.all()],
        countries=[_named(x) for x in c.countries.all()],
        delivered=[
            DeliveredActivity(shown[pk], role, start.year)
            for pk, role, start in delivered_rows
            if pk in shown
        ],
    )
    if staff or own == c.pk:
        profile.private = _private(c, staff=staff)
    return profile


def cv_for_download(*, user, pk: int) -> Consultant:
    """The consultant whose CV this user may download (staff, or the consultant themself)."""
    staff, own = _access(user)
    if not (staff or own == pk):
        raise Http404("No such CV.")
    c = Consultant.objects.filter(pk=pk).first()
    if c is None or not c.cv:
        raise Http404("No such CV.")
    return c


def own_consultant(*, user) -> Consultant | None:
    """The profile of the signed-in consultant, if any."""
    _, own = _access(user)
    return Consultant.objects.filter(pk=own).first() if own else None


def balance_statistics() -> stats.Balance:
    """Gender and geographic balance of the public roster and of assignments by year."""
    today = timezone.localdate()
    roster = list(
        _visible(None).values_list("gender", "nationality__bureau_id", "nationality__status")
    )
    assignments = list(
        Assignment.objects.exclude(status=Assignment.Status.CANCELLED).values_list(
            "start_date__year", "consultant__gender", "consultant__nationality__bureau_id"
        )
    )
    bureaus = {b.pk: b.localized_name for b in ref.Bureau.objects.all()}
    return stats.balance(roster=roster, assignments=assignments, bureau_names=bureaus, on=today)


DOWNLOAD_COLUMNS = (
    "id",
    "name",
    "nationality",
    "residence",
    "gender",
    "availability",
    "ip_areas",
    "skills",
    "languages",
)


def roster_download_rows(*, user, query: RosterQuery, chunk: int = 500):
    """Rows of the public fields of the matching profiles, for a CSV download. Private fields
    are never in a download, whoever asks (staff use the back office)."""
    yield DOWNLOAD_COLUMNS
    ids = list(_filtered(user, query).order_by("name", "id").values_list("pk", flat=True))
    today = timezone.localdate()
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        found = {c.pk: c for c in _card_queryset(Consultant.objects.filter(pk__in=part))}
        for pk in part:
            card = _card_fields(found[pk], today)
            yield (
                card["id"],
                card["name"],
                card["nationality"].code,
                card["residence"].code,
                card["gender"],
                card["availability"],
                ";".join(a.code for a in card["ip_areas"]),
                ";".join(card["skills"]),
                ";".join(f"{lang.code}:{lang.level}" for lang in card["languages"]),
            )


def consultants_of_country(*, user, country: str, limit: int = 500) -> list[ConsultantCard]:
    """Public cards of the consultants this user may see who are nationals or residents of the
    country or have worked in it, by name (for the country report: public fields only)."""
    linked = Q(nationality=country) | Q(residence=country) | Q(countries=country)
    ids = list(
        _visible(user).filter(linked).distinct().order_by("name", "id").values_list("pk", flat=True)
    )[:limit]
    found = {c.pk: c for c in _card_queryset(Consultant.objects.filter(pk__in=ids))}
    today = timezone.localdate()
    return [ConsultantCard(**_card_fields(found[pk], today)) for pk in ids if pk in found]
