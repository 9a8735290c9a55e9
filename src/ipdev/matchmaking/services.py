"""The one write path for WIPO Match: needs, offers, the WIPO assessment, matches. Audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ipdev.accounts import services as account_services
from ipdev.accounts.models import Notify, Organisation
from ipdev.activities.models import Activity
from ipdev.core.audit import audit_log, diff
from ipdev.core.lookups import resolve, resolve_many
from ipdev.core.translations import language_key
from ipdev.core.versions import StaleVersion
from ipdev.reference import models as ref

from . import notify, scoring
from .cooperation import cooperation_type
from .data import need_data, offer_data
from .models import (
    EDITABLE_STATES,
    Listing,
    Match,
    Need,
    NotificationPreference,
    Offer,
    State,
)
from .permissions import is_staff, may_manage, may_offer, may_seek_for, require, side_of
from .reasons import reason_data

COMMON_FIELDS = (
    "title",
    "description",
    "text_language",
    "translations",
    "support_types",
    "currency",
    "period_start",
    "period_end",
    "organisation",
    "contact_name",
    "contact_email",
)
NEED_FIELDS = (*COMMON_FIELDS, "country", "beneficiaries", "budget")
OFFER_FIELDS = (*COMMON_FIELDS, "eligible_groups", "ldc_transition_years", "amount", "capacity")
M2M = {
    Need: ("ip_areas", "languages"),
    Offer: ("ip_areas", "languages", "eligible_countries"),
}
FIELDS = {Need: NEED_FIELDS, Offer: OFFER_FIELDS}
RELATIONS = {"currency": ref.Currency, "organisation": Organisation, "country": ref.Country}


def _kind(listing: Listing) -> str:
    return "need" if isinstance(listing, Need) else "offer"


def _value(name: str, value):
    if name in {"budget", "amount"}:
        if value is None or value == "":
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ValidationError({name: _("Enter a number.")}) from None
    if name in {"period_start", "period_end"} and isinstance(value, str):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError({name: _("Enter a date as YYYY-MM-DD.")}) from None
    if name == "ldc_transition_years":
        if value is None or value == "":
            return 0
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError({name: _("Enter a whole number of years.")}) from None
    if name == "text_language":
        return language_key(str(value or "en"))
    if name == "translations" and value in (None, ""):
        return {}
    if name in {"support_types", "eligible_groups"}:
        if isinstance(value, str):
            value = [value]
        return list(dict.fromkeys(value or []))
    return value


def _apply(listing: Listing, data: Mapping[str, Any]) -> dict[str, list]:
    model = type(listing)
    allowed = set(FIELDS[model]) | set(M2M[model])
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be set.")))
    m2m = {}
    for name, value in data.items():
        if name in M2M[model]:
            m2m[name] = resolve_many(model._meta.get_field(name).related_model, name, value or [])
        elif name in RELATIONS:
            setattr(listing, name, resolve(RELATIONS[name], name, value))
        else:
            setattr(listing, name, _value(name, value))
    return m2m


def _validate(listing: Listing) -> None:
    if isinstance(listing, Need) and listing.country_id is None:
        raise ValidationError({"country": _("This field is required.")})
    listing.full_clean(exclude=["created_by", "assessed_by"])


def _save(listing: Listing, m2m: Mapping[str, list]) -> None:
    listing.save()
    for name, items in m2m.items():
        getattr(listing, name).set(items)


def snapshot(listing: Listing) -> dict[str, Any]:
    model = type(listing)
    data = {name: getattr(listing, model._meta.get_field(name).attname) for name in FIELDS[model]}
    data["state"] = listing.state
    if listing.pk:
        for name in M2M[model]:
            data[name] = sorted(
                str(pk) for pk in getattr(listing, name).values_list("pk", flat=True)
            )
    return data


def _create(model, user, data: Mapping[str, Any]) -> Listing:
    listing = model(created_by=user if getattr(user, "is_authenticated", False) else None)
    m2m = _apply(listing, data)
    if listing.organisation_id is None and getattr(user, "organisation_id", None):
        listing.organisation_id = user.organisation_id
    _validate(listing)
    if model is Need:
        require(may_seek_for(user, listing.country_id), "You may not post needs for this country.")
    else:
        require(may_offer(user), "Only providers and WIPO staff post offers.")
    _save(listing, m2m)
    audit_log(
        actor=user,
        action=f"matchmaking.{_kind(listing)}_created",
        obj=listing,
        changes=diff({}, snapshot(listing)),
    )
    return listing


@transaction.atomic
def need_create(*, user, data: Mapping[str, Any]) -> Need:
    """A seeker (focal point) or staff write a need; it starts as a draft."""
    return _create(Need, user, data)


@transaction.atomic
def offer_create(*, user, data: Mapping[str, Any]) -> Offer:
    """A provider or staff write an offer; it starts as a draft."""
    return _create(Offer, user, data)


@transaction.atomic
def listing_update(
    *, user, listing: Listing, data: Mapping[str, Any], based_on: str | None = None
) -> Listing:
    """Change a need or offer: the owner while it is a draft or returned; staff at any time.
    With ``based_on`` (an API If-Match), a listing changed since is left alone (StaleVersion)."""
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    require(may_manage(user, listing), "You may not change this.")
    if based_on is not None and based_on != listing.version:
        raise StaleVersion(current=listing.version, snapshot=snapshot(listing))
    if not is_staff(user) and listing.state not in EDITABLE_STATES:
        raise ValidationError(
            {
                "state": _(
                    "Only a draft or a returned listing can be changed; ask WIPO to return it."
                )
            }
        )
    before = snapshot(listing)
    m2m = _apply(listing, data)
    _validate(listing)
    if isinstance(listing, Need):
        require(may_seek_for(user, listing.country_id), "You may not post needs for this country.")
    _save(listing, m2m)
    changes = diff(before, snapshot(listing))
    if changes:
        audit_log(
            actor=user, action=f"matchmaking.{_kind(listing)}_updated", obj=listing, changes=changes
        )
    return listing


def _set_state(listing: Listing, user, state: str, *, message: str = "", **fields) -> Listing:
    old = listing.state
    listing.state = state
    for name, value in fields.items():
        setattr(listing, name, value)
    listing.save(update_fields=["state", "updated_at", *fields])
    audit_log(
        actor=user,
        action=f"matchmaking.{_kind(listing)}_{state}",
        obj=listing,
        changes={"state": [old, state]},
        message=message,
    )
    return listing


@transaction.atomic
def listing_submit(*, user, listing: Listing) -> Listing:
    """The owner sends a draft (or a revised returned listing) to WIPO for assessment."""
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    require(may_manage(user, listing), "You may not submit this.")
    if listing.state not in EDITABLE_STATES:
        raise ValidationError(
            {"state": _("A %(state)s listing cannot be submitted.") % {"state": listing.state}}
        )
    return _set_state(listing, user, State.SUBMITTED, submitted_at=timezone.now())


@transaction.atomic
def listing_assess(*, user, listing: Listing, publish: bool, comment: str = "") -> Listing:
    """WIPO's assessment: publish the listing, or return it for revision with a comment."""
    require(is_staff(user), "Only WIPO staff assess needs and offers.")
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    if listing.state != State.SUBMITTED:
        raise ValidationError(
            {
                "state": _("Only a submitted listing is assessed, not a %(state)s one.")
                % {"state": listing.state}
            }
        )
    comment = (comment or "").strip()
    if publish:
        published = _set_state(
            listing,
            user,
            State.PUBLISHED,
            message=comment,
            assessed_by=user,
            assessment_comment=comment,
            published_at=timezone.now(),
        )
        notify.listing_published(listing=published)
        return published
    if not comment:
        raise ValidationError({"comment": _("Say what to revise.")})
    return _set_state(
        listing, user, State.RETURNED, message=comment, assessed_by=user, assessment_comment=comment
    )


@transaction.atomic
def listing_close(*, user, listing: Listing, reason: str = "") -> Listing:
    """The owner or staff withdraw a listing; it leaves the portal."""
    listing = type(listing).objects.select_for_update().get(pk=listing.pk)
    require(may_manage(user, listing), "You may not close this.")
    if listing.state == State.CLOSED:
        raise ValidationError({"state": _("This listing is already closed.")})
    return _set_state(listing, user, State.CLOSED, message=reason)


def _status_of(org: Organisation | None) -> str | None:
    return org.country.status if org is not None and org.country_id else None


def derive_match_type(need: Need, offer: Offer, facilitator: Organisation | None) -> str:
    """South-South, triangular, ... from the seeker's country and the provider's."""
    return cooperation_type(
        seeker=need.country.status,
        provider=_status_of(offer.organisation),
        facilitator=_status_of(facilitator),
        has_facilitator=facilitator is not None,
    )


@transaction.atomic
def match_propose(
    *, user, need: Need, offer: Offer, facilitator: Organisation | int | None = None
) -> Match:
    """Propose a match between a published need and a published offer (either side, or staff).

    The same eligibility rule as the suggestions applies; the score and the reasons are kept."""
    need = Need.objects.select_related("country").get(pk=need.pk)
    offer = Offer.objects.select_related("organisation__country").get(pk=offer.pk)
    require(
        is_staff(user) or may_manage(user, need) or may_manage(user, offer),
        "Only the seeker, the provider or WIPO staff propose a match.",
    )
    if need.state != State.PUBLISHED:
        raise ValidationError({"need": _("The need is not published (or already matched).")})
    if offer.state not in (State.PUBLISHED, State.MATCHED):
        raise ValidationError({"offer": _("The offer is not published.")})
    today = timezone.localdate()
    ranked = scoring.rank_offers(need_data(need), [offer_data(offer)], limit=1, today=today)
    ok, why = scoring.eligibility(need_data(need), offer_data(offer), today=today)
    if not ok:
        # Country, group and language stay filters; another type of support does not stop it.
        refusal = (
            _("it is not open to %(country)s") % {"country": need.country.localized_name}
            if why[0].code == "not_open"
            else _("they have no language in common")
        )
        raise ValidationError(
            {"offer": _("The need is not eligible for this offer: %(why)s.") % {"why": refusal}}
        )
    if Match.objects.filter(need=need, offer=offer).exclude(state=Match.State.ABANDONED).exists():
        raise ValidationError({"offer": _("This need and this offer are already matched.")})
    facilitator = resolve(Organisation, "facilitator", facilitator)
    match = Match.objects.create(
        need=need,
        offer=offer,
        facilitator=facilitator,
        match_type=derive_match_type(need, offer, facilitator),
        score=ranked[0].score if ranked else 0.0,
        reasons=reason_data(ranked[0].reasons if ranked else why),
        proposed_by=user,
    )
    audit_log(
        actor=user,
        action="matchmaking.match_proposed",
        obj=match,
        changes={"state": [None, match.state], "match_type": [None, match.match_type]},
    )
    notify.match_changed(match=match, actor=user)
    return match


TRANSITIONS = {
    Match.State.PROPOSED: {Match.State.IN_CONTACT, Match.State.ABANDONED},
    Match.State.IN_CONTACT: {Match.State.ABANDONED},
    Match.State.AGREED: {Match.State.IN_PROGRESS, Match.State.ABANDONED},
    Match.State.IN_PROGRESS: {Match.State.COMPLETED, Match.State.ABANDONED},
    Match.State.COMPLETED: set(),
    Match.State.ABANDONED: set(),
}


def _locked(match: Match) -> Match:
    return Match.objects.select_for_update().select_related("need", "offer").get(pk=match.pk)


@transaction.atomic
def match_advance(*, user, match: Match, state: str, note: str = "") -> Match:
    """Move a match along: in contact, in progress, completed, or abandoned (with a reason).

    Agreement is recorded by `match_agree`, one side at a time."""
    match = _locked(match)
    require(is_staff(user) or side_of(user, match) is not None, "You are not a party to it.")
    old = match.state
    if state not in Match.State.values:
        raise ValidationError({"state": _("Unknown state '%(state)s'.") % {"state": state}})
    if state not in TRANSITIONS[old]:
        hint = " Each side records its agreement instead." if state == Match.State.AGREED else ""
        raise ValidationError(
            {
                "state": _("A match cannot go from %(old)s to %(state)s.%(hint)s")
                % {"old": old, "state": state, "hint": hint}
            }
        )
    note = (note or "").strip()
    if state == Match.State.ABANDONED and not note:
        raise ValidationError({"note": _("Say why the match is abandoned.")})
    match.state = state
    fields = ["state", "updated_at"]
    if state == Match.State.COMPLETED and note:
        match.outcome = note
        fields.append("outcome")
    match.save(update_fields=fields)
    if state == Match.State.ABANDONED and old in (Match.State.AGREED, Match.State.IN_PROGRESS):
        _release_need(match, user)
    if state == Match.State.COMPLETED:
        need = Need.objects.select_for_update().get(pk=match.need_id)
        if need.state == State.MATCHED:
            _set_state(need, user, State.CLOSED, message="Met by a completed match.")
    audit_log(
        actor=user,
        action="matchmaking.match_state_changed",
        obj=match,
        changes={"state": [old, state]},
        message=note,
    )
    notify.match_changed(match=match, actor=user)
    return match


def _release_need(match: Match, user) -> None:
    """An agreed match fell through: the need is open again unless another match holds it."""
    need = Need.objects.select_for_update().get(pk=match.need_id)
    others = need.matches.exclude(pk=match.pk).filter(
        state__in=[Match.State.AGREED, Match.State.IN_PROGRESS, Match.State.COMPLETED]
    )
    if need.state == State.MATCHED and not others.exists():
        _set_state(need, user, State.PUBLISHED, message="Its match was abandoned.")


@transaction.atomic
def match_agree(*, user, match: Match, side: str | None = None, agreement: str = "") -> Match:
    """One side records its agreement; with both, the match is agreed and the need matched.

    The seeker's and the provider's users speak for their own side; staff name the side they
    record (for instance after an exchange of letters)."""
    match = _locked(match)
    own = side_of(user, match)
    if is_staff(user) and side is not None:
        own = side
    require(own is not None, "Only the seeker or the provider agree to a match.")
    if own not in {"seeker", "provider"}:
        raise ValidationError({"side": _("The side is 'seeker' or 'provider'.")})
    if side is not None and side != own:
        raise ValidationError(
            {"side": _("You speak for the %(own)s, not the %(side)s.") % {"own": own, "side": side}}
        )
    if match.state not in (Match.State.PROPOSED, Match.State.IN_CONTACT):
        raise ValidationError(
            {"state": _("A %(state)s match cannot be agreed.") % {"state": match.state}}
        )
    now = timezone.now()
    if own == "seeker":
        match.seeker_agreed_at = now
    else:
        match.provider_agreed_at = now
    if agreement.strip():
        match.agreement = agreement.strip()
    old = match.state
    if match.seeker_agreed_at and match.provider_agreed_at:
        match.state = Match.State.AGREED
    match.save()
    audit_log(
        actor=user,
        action="matchmaking.match_agreed_by_" + own,
        obj=match,
        changes={"state": [old, match.state]}
        if old != match.state
        else {f"{own}_agreed": [None, True]},
        message=match.agreement,
    )
    if match.state == Match.State.AGREED:
        need = Need.objects.select_for_update().get(pk=match.need_id)
        if need.state == State.PUBLISHED:
            _set_state(need, user, State.MATCHED, message=f"Agreed match {match.pk}.")
    notify.match_changed(match=match, actor=user)
    return match


@transaction.atomic
def match_link_activity(*, user, match: Match, activity: Activity) -> Match:
    """Staff record the TAD activity a match led to."""
    require(is_staff(user), "Only WIPO staff link activities.")
    match = _locked(match)
    if match.state not in (Match.State.AGREED, Match.State.IN_PROGRESS, Match.State.COMPLETED):
        raise ValidationError({"activity": _("Only an agreed match leads to activities.")})
    match.activities.add(activity)
    audit_log(
        actor=user,
        action="matchmaking.match_activity_linked",
        obj=match,
        changes={"activities": [None, activity.pk]},
    )
    return match


@transaction.atomic
def notification_preference_set(
    *, user, mode: str | None = None, threshold: float | None = None
) -> NotificationPreference:
    """A user chooses how often they hear (instant, daily, weekly, none: their account-wide
    choice) and the relevance a WIPO Match suggestion needs to reach them."""
    require(getattr(user, "is_authenticated", False), "Sign in to choose your notifications.")
    if mode is not None:
        if mode not in Notify.values:
            raise ValidationError(
                {"mode": _("Known modes: %(values)s.") % {"values": ", ".join(Notify.values)}}
            )
        account_services.settings_update(user=user, language=user.language, notifications=mode)
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    before = {"mode": pref.mode, "threshold": pref.threshold}
    if threshold is not None:
        try:
            value = float(threshold)
        except (TypeError, ValueError):
            raise ValidationError({"threshold": _("Enter a number from 0 to 1.")}) from None
        if not 0 <= value <= 1:
            raise ValidationError({"threshold": _("Enter a number from 0 to 1.")})
        pref.threshold = value
    pref.mode = user.notifications  # kept in step with the account's choice
    pref.save()
    changes = diff(before, {"mode": pref.mode, "threshold": pref.threshold})
    if changes:
        audit_log(actor=user, action="matchmaking.preference_set", obj=pref, changes=changes)
    return pref
