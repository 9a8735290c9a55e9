"""Reads of WIPO Match for every interface. Who sees what is decided here, in `_access` rules:

- Needs and offers: the public sees published and matched ones; their owners see their own in
  every state; staff see all.
- Contacts (name, email) of a need or an offer: its owner, staff, and the other side of a match
  that is past the proposal (in contact, agreed, in progress, completed).
- Matches: the public sees successful ones (agreed, in progress, completed); the two sides see
  theirs; staff see all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.core.bounds import whole_number
from ipdev.core.translations import Shown, shown
from ipdev.reference import models as ref

from . import reasons as why
from . import scoring, suggest
from .data import need_data, offer_data
from .models import PUBLIC_STATES, Listing, Match, Need, Offer, State, SupportType
from .permissions import is_staff, may_manage, side_of

SUCCESSFUL = (Match.State.AGREED, Match.State.IN_PROGRESS, Match.State.COMPLETED)
CONTACT_STATES = (Match.State.IN_CONTACT, *SUCCESSFUL)
PER_PAGE = 20


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass
class ListingView:
    """A need or an offer as one viewer may see it; contacts are None unless allowed."""

    kind: str
    id: int
    title: str
    description: str
    state: str
    state_label: str
    support_types: list[Named]
    ip_areas: list[Named]
    languages: list[Named]
    currency: str
    period_start: dt.date | None
    period_end: dt.date | None
    organisation: str
    published_at: dt.datetime | None
    assessment_comment: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    can_manage: bool = False
    # The title and description as written, in `text_language`, and their translations.
    text_language: str = "en"
    translations: dict = field(default_factory=dict)
    ldc_transition_years: int = 0
    # Needs
    country: Named | None = None
    beneficiaries: str = ""
    budget: Decimal | None = None
    # Offers
    eligible_countries: list[Named] = field(default_factory=list)
    eligible_groups: list[str] = field(default_factory=list)
    amount: Decimal | None = None
    capacity: str = ""

    @property
    def shown_title(self) -> Shown:
        """The title in the reader's language, or the original (saying so)."""
        return shown(self.translations, "title", self.title, self.text_language)

    @property
    def shown_description(self) -> Shown:
        return shown(self.translations, "description", self.description, self.text_language)


@dataclass
class MatchView:
    id: int
    state: str
    state_label: str
    match_type: str
    match_type_label: str
    need: ListingView
    offer: ListingView
    facilitator: str
    score: float | None
    reasons: list[str]
    seeker_agreed: bool
    provider_agreed: bool
    agreement: str
    outcome: str
    activity_ids: list[int]
    updated_at: dt.datetime
    viewer_side: str | None = None


@dataclass
class SuggestionView:
    """One suggestion as people see it: the words as written, the reasons as sentences."""

    id: int
    title: str
    score: float
    shared_areas: list[Named]
    related_areas: list[Named]
    # The words the two texts share, as the suggested listing writes them.
    matching_terms: list[str]
    reasons: list[str]
    url: str
    # False: the suggested listing offers (or asks for) another type of support.
    same_support_type: bool = True
    support_types: list[Named] = field(default_factory=list)


@dataclass
class ListingPage:
    items: list[ListingView]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _named(obj) -> Named:
    return Named(str(obj.pk), obj.localized_name)


def _support(code: str) -> Named:
    """A type of support named in the active language (read when shown, not at import)."""
    try:
        return Named(code, str(SupportType(code).label))
    except ValueError:
        return Named(code, code)


def _visible(model, user) -> QuerySet:
    """The needs or offers this user may see at all."""
    qs = model.objects.all()
    if is_staff(user):
        return qs
    public = Q(state__in=PUBLIC_STATES)
    if user is None or not getattr(user, "is_authenticated", False):
        return qs.filter(public)
    own = Q(created_by=user)
    if model is Need and user.focal_country_codes():
        own |= Q(country__in=user.focal_country_codes())
    if model is Offer and user.organisation_id and user.role == "provider":
        own |= Q(organisation_id=user.organisation_id)
    return qs.filter(public | own)


def _sees_contacts(user, listing: Listing) -> bool:
    if may_manage(user, listing):
        return True
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    link = "need" if isinstance(listing, Need) else "offer"
    other = "offer" if link == "need" else "need"
    matches = Match.objects.filter(**{link: listing}, state__in=CONTACT_STATES).select_related(
        other
    )
    return any(side_of(user, m) is not None for m in matches)


def _view(listing: Listing, user, *, contacts: bool | None = None) -> ListingView:
    manage = may_manage(user, listing)
    show = _sees_contacts(user, listing) if contacts is None else contacts
    view = ListingView(
        kind="need" if isinstance(listing, Need) else "offer",
        id=listing.pk,
        title=listing.title,
        description=listing.description,
        state=listing.state,
        state_label=str(State(listing.state).label),
        support_types=[_support(t) for t in listing.support_types],
        ip_areas=[_named(a) for a in listing.ip_areas.all()],
        languages=[_named(lang) for lang in listing.languages.all()],
        currency=listing.currency_id,
        period_start=listing.period_start,
        period_end=listing.period_end,
        organisation=listing.organisation.name if listing.organisation_id else "",
        published_at=listing.published_at,
        text_language=listing.text_language,
        translations=dict(listing.translations or {}),
        assessment_comment=listing.assessment_comment if manage else None,
        contact_name=listing.contact_name if show else None,
        contact_email=listing.contact_email if show else None,
        can_manage=manage,
    )
    if isinstance(listing, Need):
        view.country = _named(listing.country)
        view.beneficiaries, view.budget = listing.beneficiaries, listing.budget
    else:
        view.eligible_countries = [_named(c) for c in listing.eligible_countries.all()]
        view.eligible_groups = list(listing.eligible_groups)
        view.amount, view.capacity = listing.amount, listing.capacity
        view.ldc_transition_years = listing.ldc_transition_years
    return view


def _with_relations(qs: QuerySet) -> QuerySet:
    qs = qs.select_related("organisation").prefetch_related("ip_areas", "languages")
    if qs.model is Need:
        return qs.select_related("country")
    return qs.prefetch_related("eligible_countries")


def _filter(qs: QuerySet, params: Mapping) -> tuple[QuerySet, dict[str, str]]:
    errors: dict[str, str] = {}
    text = str(params.get("q", "") or "").strip()[:200]
    for word in text.split()[:10]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if area := str(params.get("ip_area", "") or "").strip():
        if not ref.IPArea.objects.filter(pk=area).exists():
            errors["ip_area"] = _("Unknown IP area '%(area)s'.") % {"area": area}
        else:
            qs = qs.filter(ip_areas=area)
    if support := str(params.get("support_type", "") or "").strip():
        if support not in SupportType.values:
            errors["support_type"] = _("Known types: %(values)s.") % {
                "values": ", ".join(SupportType.values)
            }
        else:
            # The list is stored as JSON text on both engines; codes are quoted and distinct.
            qs = qs.filter(support_types__icontains=f'"{support}"')
    if state := str(params.get("state", "") or "").strip():
        if state not in State.values:
            errors["state"] = _("Known states: %(values)s.") % {"values": ", ".join(State.values)}
        else:
            qs = qs.filter(state=state)
    if qs.model is Need and (country := str(params.get("country", "") or "").strip().upper()):
        qs = qs.filter(country=country)
    return qs.distinct(), errors


def _page(params: Mapping) -> tuple[int, dict[str, str]]:
    raw = str(params.get("page", "1") or "1")
    if 1 <= (whole_number(raw) or 0) <= 100_000:
        return int(raw), {}
    return 1, {"page": "A page is a whole number from 1."}


def listing_search(*, user, kind: str, params: Mapping) -> tuple[ListingPage, dict[str, str]]:
    """One page of needs or offers this user may see, newest published first."""
    model = Need if kind == "need" else Offer
    qs, errors = _filter(_visible(model, user), params)
    page, page_errors = _page(params)
    errors.update(page_errors)
    total = qs.count()
    start = (page - 1) * PER_PAGE
    rows = _with_relations(qs.order_by("-published_at", "-id"))[start : start + PER_PAGE]
    items = [_view(r, user, contacts=may_manage(user, r)) for r in rows]
    return ListingPage(items, total, page, PER_PAGE), errors


def _get(model, user, pk: int) -> Listing:
    try:
        return _with_relations(_visible(model, user)).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {model.__name__.lower()}.") from None


def need_detail(*, user, pk: int) -> ListingView:
    return _view(_get(Need, user, pk), user)


def offer_detail(*, user, pk: int) -> ListingView:
    return _view(_get(Offer, user, pk), user)


def _area_labels() -> dict[str, str]:
    return {a.pk: a.localized_name for a in ref.IPArea.objects.all()}


def _suggestions(found: list[scoring.Suggestion], model, kind: str) -> list[SuggestionView]:
    labels = _area_labels()
    names = why.Names()
    rows = {
        pk: (support, translations, language)
        for pk, support, translations, language in model.objects.filter(
            pk__in=[s.id for s in found]
        ).values_list("pk", "support_types", "translations", "text_language")
    }
    out = []
    for s in found:
        support, translations, language = rows.get(s.id, ([], {}, "en"))
        out.append(
            SuggestionView(
                id=s.id,
                title=shown(translations, "title", s.title, language).text,
                score=s.score,
                shared_areas=[Named(a, labels.get(a, a)) for a in s.shared_areas],
                related_areas=[Named(a, labels.get(a, a)) for a in s.related_areas],
                matching_terms=list(s.matching_words),
                reasons=why.describe(s.reasons, names),
                url=f"/match/{kind}s/{s.id}/",
                same_support_type=s.same_support,
                support_types=[_support(t) for t in support],
            )
        )
    return out


def need_suggestions(*, user, pk: int, limit: int = 10) -> list[SuggestionView]:
    """The published offers this need is eligible for, ranked, each with its reasons. Offers of
    another type of support are suggested too, after those of the need's type unless clearly
    more relevant, and say so."""
    need = _get(Need, user, pk)
    today = timezone.localdate()
    found = suggest.offer_index().rank(need_data(need), limit=limit, today=today)
    return _suggestions(found, Offer, "offer")


def offer_suggestions(*, user, pk: int, limit: int = 10) -> list[SuggestionView]:
    """The published (unmatched) needs eligible for this offer, ranked, with their reasons."""
    offer = _get(Offer, user, pk)
    today = timezone.localdate()
    found = suggest.need_index().rank(offer_data(offer), limit=limit, today=today)
    return _suggestions(found, Need, "need")


def _visible_matches(user) -> QuerySet[Match]:
    qs = Match.objects.all()
    if is_staff(user):
        return qs
    public = Q(state__in=SUCCESSFUL)
    if user is None or not getattr(user, "is_authenticated", False):
        return qs.filter(public)
    mine = Q(need__created_by=user) | Q(offer__created_by=user)
    if user.focal_country_codes():
        mine |= Q(need__country__in=user.focal_country_codes())
    if user.organisation_id and user.role == "provider":
        mine |= Q(offer__organisation_id=user.organisation_id)
    return qs.filter(public | mine)


def _match_view(m: Match, user, names: why.Names | None = None) -> MatchView:
    side = side_of(user, m)
    in_contact = m.state in CONTACT_STATES and (side is not None or is_staff(user))
    return MatchView(
        id=m.pk,
        state=m.state,
        state_label=str(Match.State(m.state).label),
        match_type=m.match_type,
        match_type_label=str(Match.Type(m.match_type).label),
        need=_view(m.need, user, contacts=in_contact or may_manage(user, m.need)),
        offer=_view(m.offer, user, contacts=in_contact or may_manage(user, m.offer)),
        facilitator=m.facilitator.name if m.facilitator_id else "",
        score=m.score,
        reasons=why.describe(m.reasons or [], names),
        seeker_agreed=m.seeker_agreed_at is not None,
        provider_agreed=m.provider_agreed_at is not None,
        agreement=m.agreement,
        outcome=m.outcome,
        activity_ids=[a.pk for a in m.activities.all()],
        updated_at=m.updated_at,
        viewer_side=side,
    )


def _match_queryset(qs: QuerySet[Match]) -> QuerySet[Match]:
    return qs.select_related(
        "need__country", "need__organisation", "offer__organisation", "facilitator"
    ).prefetch_related(
        "need__ip_areas",
        "need__languages",
        "offer__ip_areas",
        "offer__languages",
        "offer__eligible_countries",
        "activities",
    )


def match_list(*, user, successful_only: bool = False, limit: int = 200) -> list[MatchView]:
    """Matches this user may see (the public: the successful ones), latest first."""
    qs = _visible_matches(user)
    if successful_only:
        qs = qs.filter(state__in=SUCCESSFUL)
    names = why.Names()
    return [
        _match_view(m, user, names)
        for m in _match_queryset(qs.order_by("-updated_at", "-id"))[:limit]
    ]


def match_detail(*, user, pk: int) -> MatchView:
    try:
        m = _match_queryset(_visible_matches(user)).get(pk=pk)
    except (Match.DoesNotExist, ValueError, TypeError):
        raise Http404("No such match.") from None
    return _match_view(m, user)


def assessment_queue(*, user) -> list[ListingView]:
    """Needs and offers waiting for WIPO's assessment (staff only; others get an empty list)."""
    if not is_staff(user):
        return []
    needs = _with_relations(Need.objects.filter(state=State.SUBMITTED)).order_by("submitted_at")
    offers = _with_relations(Offer.objects.filter(state=State.SUBMITTED)).order_by("submitted_at")
    return [_view(x, user, contacts=True) for x in [*needs, *offers]]


def match_totals() -> dict[str, int]:
    """Public counts for the portal."""
    return {
        "needs": Need.objects.filter(state__in=PUBLIC_STATES).count(),
        "offers": Offer.objects.filter(state__in=PUBLIC_STATES).count(),
        "matches": Match.objects.filter(state__in=SUCCESSFUL).count(),
    }


@dataclass(frozen=True)
class MatchTypeRow:
    code: str
    label: str
    counts: tuple[int, ...]  # per state of SUCCESSFUL, in its order

    @property
    def total(self) -> int:
        return sum(self.counts)


def matches_by_type() -> list[MatchTypeRow]:
    """Public: successful matches per type of cooperation, by state (every type, zeros too)."""
    found = {
        (t, st): n
        for t, st, n in Match.objects.filter(state__in=SUCCESSFUL)
        .values_list("match_type", "state")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [
        MatchTypeRow(code, str(label), tuple(found.get((code, st), 0) for st in SUCCESSFUL))
        for code, label in Match.Type.choices
    ]


def own_listings(*, user, kind: str) -> list[ListingView]:
    """The needs (or offers) this user speaks for, in every state, newest first."""
    model = Need if kind == "need" else Offer
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    own = Q(created_by=user)
    if model is Need and user.focal_country_codes():
        own |= Q(country__in=user.focal_country_codes())
    if model is Offer and user.organisation_id and user.role == "provider":
        own |= Q(organisation_id=user.organisation_id)
    rows = _with_relations(model.objects.filter(own)).order_by("-updated_at", "-id")[:200]
    return [_view(r, user, contacts=True) for r in rows]


def own_matches(*, user) -> list[MatchView]:
    """Matches in which this user speaks for a side (staff: every open match)."""
    if is_staff(user):
        qs = Match.objects.exclude(state__in=[Match.State.COMPLETED, Match.State.ABANDONED])
    else:
        qs = _visible_matches(user)
    names = why.Names()
    views = [_match_view(m, user, names) for m in _match_queryset(qs.order_by("-updated_at"))[:200]]
    return [v for v in views if is_staff(user) or v.viewer_side is not None]


def preference_of(*, user) -> dict:
    """The user's notification choice (the default until they choose)."""
    from .notify import preference

    pref = preference(user)
    return {"mode": pref.mode, "threshold": pref.threshold}


@dataclass
class CountryMatch:
    """WIPO Match as seen from one country: its needs, the offers open to it, its matches."""

    needs: list[ListingView]
    offers: list[ListingView]
    matches: list[MatchView]


def country_match(*, user, country: ref.Country, limit: int = 200) -> CountryMatch:
    """What this user may see of WIPO Match for a country; offers are those open to it by name,
    by its development status (or, for an LDC graduate, during the offer's transition), or to
    all countries (the ranking's own eligibility rule)."""
    needs = _with_relations(_visible(Need, user).filter(country=country.code))
    today = timezone.localdate()
    offers = []
    for offer in _with_relations(_visible(Offer, user)).order_by("-published_at", "-id"):
        named = {c.pk for c in offer.eligible_countries.all()}
        groups = set(offer.eligible_groups or ())
        transition = "ldc" in groups and scoring.in_transition(
            country.ldc_graduated, offer.ldc_transition_years, today
        )
        if (
            (not named and not groups)
            or country.code in named
            or country.status in groups
            or transition
        ):
            offers.append(_view(offer, user, contacts=False))
    matches = _match_queryset(_visible_matches(user).filter(need__country=country.code))
    names = why.Names()
    return CountryMatch(
        needs=[
            _view(n, user, contacts=False) for n in needs.order_by("-published_at", "-id")[:limit]
        ],
        offers=offers[:limit],
        matches=[
            _match_view(m, user, names) for m in matches.order_by("-updated_at", "-id")[:limit]
        ],
    )
