"""Reads of consent for the people who decide it: the focal points of a country and staff.

Everything here is for a user who may manage consent for the country concerned
(``permissions.can_manage_consent``); others get None, an empty list or a 404. What the
public sees is still decided by ``visibility.ConsentIndex`` alone; these selectors use it to
say which groups are public and to preview a consent before it is recorded.
Also the counts and lists of the start pages (awaiting decisions, expiring consents, open
requests for details).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from ipdev.reference.models import Country

from .models import Activity, Consent, DetailGroup, DetailsRequest, Source
from .permissions import can_manage_consent
from .visibility import ALL_GROUPS, ConsentIndex, Viewer

EXPIRY_WINDOW = 60  # days: a consent ending within this many days is "expiring"
AWAITING_SHOWN = 100


@dataclass(frozen=True)
class GroupState:
    code: str
    label: str
    public: bool


@dataclass(frozen=True)
class ConsentRow:
    """One recorded consent, with its story (recorded, replaced, revoked)."""

    id: int
    country: str | None
    country_name: str
    activity_id: int | None
    activity_title: str
    groups: list[str]
    group_labels: list[str]
    granted_by: str
    granted_on: dt.date
    valid_until: dt.date | None
    reference: str
    recorded_by: str
    recorded_at: dt.datetime
    replaced_on: dt.date | None
    revoked_at: dt.datetime | None
    revoked_by: str
    revoke_reason: str
    state: str  # "in force", "pending", "expired", "replaced", "revoked"
    manageable: bool = False

    @property
    def live(self) -> bool:
        return self.state in {"in_force", "pending"}


@dataclass
class ConsentPanel:
    """What a focal point (or staff) sees of one activity's consent, on its page."""

    activity_id: int
    countries: list[tuple[str, str]]  # the countries this user decides for
    groups: list[GroupState]
    consents: list[ConsentRow]
    open_requests: int
    iati: bool = False

    @property
    def withheld(self) -> list[GroupState]:
        return [g for g in self.groups if not g.public]


@dataclass(frozen=True)
class RequestRow:
    id: int
    activity_id: int
    activity_title: str
    countries: list[str]
    groups: list[str]
    group_labels: list[str]
    name: str
    email: str
    reason: str
    created_at: dt.datetime
    age_days: int
    status: str
    status_label: str
    decided_at: dt.datetime | None
    decided_by: str
    decision_reason: str


@dataclass
class CountryConsents:
    code: str
    name: str
    default: ConsentRow | None
    awaiting: list[tuple[int, str, str, list[str]]]  # id, identifier, title, withheld labels
    awaiting_total: int
    expiring: list[ConsentRow]
    history: list[ConsentRow]
    requests: list[RequestRow] = field(default_factory=list)


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in DetailGroup.choices}


def _state(c: Consent, today: dt.date) -> str:
    if c.revoked_at is not None:
        return "revoked"
    if c.replaced_on is not None and c.replaced_on <= today:
        return "replaced"
    if c.granted_on > today:
        return "pending"
    if c.valid_until is not None and c.valid_until < today:
        return "expired"
    return "in_force"


def _row(c: Consent, user, today: dt.date) -> ConsentRow:
    labels = _labels()
    state = _state(c, today)
    return ConsentRow(
        id=c.pk,
        country=c.country_id,
        country_name=c.country.localized_name if c.country_id else "",
        activity_id=c.activity_id,
        activity_title=c.activity.title if c.activity_id else "",
        groups=list(c.groups),
        group_labels=[labels.get(g, g) for g in c.groups],
        granted_by=c.granted_by,
        granted_on=c.granted_on,
        valid_until=c.valid_until,
        reference=c.reference,
        recorded_by=c.recorded_by.get_username() if c.recorded_by_id else "",
        recorded_at=c.recorded_at,
        replaced_on=c.replaced_on,
        revoked_at=c.revoked_at,
        revoked_by=c.revoked_by.get_username() if c.revoked_by_id else "",
        revoke_reason=c.revoke_reason,
        state=state,
        manageable=state in {"in_force", "pending"} and can_manage_consent(user, c.country_id),
    )


def _consents():
    return Consent.objects.select_related("country", "activity", "recorded_by", "revoked_by")


def _live(today: dt.date):
    """Consents in force today or still to come."""
    return (
        Q(revoked_at__isnull=True)
        & (Q(replaced_on__isnull=True) | Q(replaced_on__gt=today))
        & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )


def managed_countries(user, codes) -> list[str]:
    """Of these countries, those whose consent this user manages."""
    return [c for c in codes if can_manage_consent(user, c)]


def consent_panel(*, user, pk: int) -> ConsentPanel | None:
    """The consent panel of an activity page, or None for who may not manage its consent."""
    if not getattr(user, "is_authenticated", False):
        return None
    activity = Activity.objects.filter(pk=pk).only("pk", "source").first()
    if activity is None:
        return None
    countries = list(activity.countries.order_by("name"))
    codes = [c.pk for c in countries]
    mine = managed_countries(user, codes) if codes else []
    if not mine and not (not codes and Viewer.of(user).staff):
        return None
    today = timezone.localdate()
    index = ConsentIndex.load([activity.pk], on=today)
    public = index.public_groups(activity.pk, codes, activity.source)
    labels = _labels()
    consents = (
        _consents()
        .filter(_live(today))
        .filter(Q(activity=activity) | Q(activity__isnull=True, country__in=codes))
        .order_by("country_id", "activity_id", "granted_on", "id")
    )
    return ConsentPanel(
        activity_id=activity.pk,
        countries=[(c.pk, c.localized_name) for c in countries if c.pk in mine],
        groups=[GroupState(g, labels[g], g in public) for g in DetailGroup.values],
        consents=[_row(c, user, today) for c in consents],
        open_requests=DetailsRequest.objects.filter(
            activity=activity, status=DetailsRequest.Status.OPEN
        ).count(),
        iati=activity.source == Source.IATI,
    )


def consent_preview(
    *, user, pk: int, country: str | None, whole_country: bool, groups, granted_on: dt.date
) -> frozenset[str]:
    """The groups of this activity the public would see from ``granted_on`` (or today) if this
    consent were recorded: the preview a focal point sees before confirming."""
    activity = Activity.objects.filter(pk=pk).only("pk", "source").first()
    if activity is None:
        raise Http404("No such activity.")
    codes = list(activity.countries.values_list("pk", flat=True))
    on = max(granted_on, timezone.localdate())
    proposed = Consent(
        country_id=country,
        activity_id=None if whole_country else activity.pk,
        groups=[g for g in groups if g in ALL_GROUPS],
        granted_on=granted_on,
    )
    index = ConsentIndex.load([activity.pk], on=on).with_consent(proposed)
    return index.public_groups(activity.pk, codes, activity.source)


def _request_rows(qs, today: dt.date) -> list[RequestRow]:
    labels = _labels()
    rows = []
    qs = qs.select_related("activity", "decided_by").prefetch_related("activity__countries")
    for r in qs:
        rows.append(
            RequestRow(
                id=r.pk,
                activity_id=r.activity_id,
                activity_title=r.activity.title,
                countries=[c.localized_name for c in r.activity.countries.all()],
                groups=list(r.groups),
                group_labels=[labels.get(g, g) for g in r.groups],
                name=r.name,
                email=r.email,
                reason=r.reason,
                created_at=r.created_at,
                age_days=(today - timezone.localtime(r.created_at).date()).days,
                status=r.status,
                status_label=r.get_status_display(),
                decided_at=r.decided_at,
                decided_by=r.decided_by.get_username() if r.decided_by_id else "",
                decision_reason=r.decision_reason,
            )
        )
    return rows


def _requests_for(user):
    viewer = Viewer.of(user)
    qs = DetailsRequest.objects.all()
    if viewer.staff:
        return qs
    if viewer.countries:
        return qs.filter(activity__countries__in=viewer.countries).distinct()
    return qs.none()


def open_details_requests(*, user, today: dt.date | None = None) -> list[RequestRow]:
    """Open requests for details this user decides on (staff: all), oldest first, with their
    age in days. For the start pages and the requests page."""
    today = today or timezone.localdate()
    qs = _requests_for(user).filter(status=DetailsRequest.Status.OPEN).order_by("created_at", "id")
    return _request_rows(qs, today)


def details_requests(*, user, status: str = "", today: dt.date | None = None) -> list[RequestRow]:
    """Requests for details this user may see, newest first (at most 500)."""
    today = today or timezone.localdate()
    qs = _requests_for(user)
    if status in DetailsRequest.Status.values:
        qs = qs.filter(status=status)
    return _request_rows(qs.order_by("-created_at", "-id")[:500], today)


def details_request(*, user, pk: int) -> RequestRow:
    """One request for details, for who decides on it (else 404)."""
    rows = _request_rows(_requests_for(user).filter(pk=pk), timezone.localdate())
    if not rows:
        raise Http404("No such request.")
    return rows[0]


def expiring_consents(
    *, user, today: dt.date | None = None, days: int = EXPIRY_WINDOW, country: str | None = None
) -> list[ConsentRow]:
    """Consents in force whose term ends within ``days`` (default 60) and that no renewal
    follows, soonest first: of the user's countries (staff: all)."""
    today = today or timezone.localdate()
    viewer = Viewer.of(user)
    if not viewer.staff and not viewer.countries:
        return []
    qs = (
        _consents()
        .filter(
            revoked_at__isnull=True,
            replaced_on__isnull=True,
            granted_on__lte=today,
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=days),
        )
        .order_by("valid_until", "id")
    )
    if country:
        qs = qs.filter(country=country)
    if not viewer.staff:
        qs = qs.filter(country__in=viewer.countries)
    return [_row(c, user, today) for c in qs]


def _awaiting(code: str, today: dt.date):
    """Activities of a country, entered here, with a group withheld for it and no decision of
    its own for that activity (the country default does not cover every group)."""
    default = (
        Consent.objects.filter(_live(today), activity__isnull=True, country=code)
        .filter(granted_on__lte=today)
        .first()
    )
    if default is not None and set(default.groups) >= ALL_GROUPS:
        return Activity.objects.none(), default
    decided = Consent.objects.filter(_live(today), country=code, activity__isnull=False)
    qs = (
        Activity.objects.filter(countries=code, source=Source.IPDEV)
        .exclude(pk__in=decided.values("activity_id"))
        .order_by("-start_date", "-id")
    )
    return qs, default


def awaiting_decision_count(*, user, today: dt.date | None = None) -> dict[str, int]:
    """Per country this user manages: activities whose details are withheld and await a
    decision (the focal point's start page; staff get nothing here, it is the states' call)."""
    today = today or timezone.localdate()
    viewer = Viewer.of(user)
    return {code: _awaiting(code, today)[0].count() for code in sorted(viewer.countries)}


def country_consents(*, user, code: str) -> CountryConsents:
    """The consent page of one country: for its focal points and staff only (else 404)."""
    code = (code or "").upper()
    country = Country.objects.filter(pk=code).first()
    if country is None or not can_manage_consent(user, code):
        raise Http404("No such country.")
    today = timezone.localdate()
    awaiting_qs, default = _awaiting(code, today)
    withheld = ALL_GROUPS - set(default.groups if default else ())
    labels = _labels()
    withheld_labels = [labels[g] for g in DetailGroup.values if g in withheld]
    awaiting = [
        (a.pk, a.identifier, a.title, withheld_labels)
        for a in awaiting_qs.only("pk", "identifier", "title")[:AWAITING_SHOWN]
    ]
    history = _consents().filter(country=code).order_by("-recorded_at", "-id")[:300]
    requests = _request_rows(
        DetailsRequest.objects.filter(
            activity__countries=code, status=DetailsRequest.Status.OPEN
        ).order_by("created_at", "id"),
        today,
    )
    return CountryConsents(
        code=code,
        name=country.localized_name,
        default=_row(default, user, today) if default else None,
        awaiting=awaiting,
        awaiting_total=awaiting_qs.count(),
        expiring=expiring_consents(user=user, today=today, country=code),
        history=[_row(c, user, today) for c in history],
        requests=requests,
    )


def consent_countries(*, user) -> list[tuple[str, str]]:
    """The countries whose consent page this user may open (staff: those with activities)."""
    viewer = Viewer.of(user)
    if viewer.staff:
        qs = Country.objects.filter(activities__isnull=False).distinct()
    else:
        qs = Country.objects.filter(pk__in=viewer.countries)
    return [(c.pk, c.localized_name) for c in qs.order_by("name")]


def consent_for_revoke(*, user, pk: int) -> Consent:
    """A live consent this user may revoke (else 404): the revoke form's object."""
    consent = Consent.objects.filter(pk=pk).first()
    if consent is None or not can_manage_consent(user, consent.country_id):
        raise Http404("No such consent.")
    return consent


def details_request_for_decision(*, user, pk: int) -> DetailsRequest:
    """A request for details this user may decide on (else 404)."""
    found = _requests_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404("No such request.")
    return found
