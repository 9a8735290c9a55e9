"""Workflow pages for signed-in users: seekers and providers post needs and offers and follow
their matches, staff assess them, consultants keep their profile up to date.

Each view needs a signed-in user (`signed_in`); what each user may do is decided by the
services (PermissionDenied becomes a 403) and what they see by the selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ipdev.matchmaking import selectors as match_selectors
from ipdev.matchmaking import services as match_services
from ipdev.matchmaking.models import Match, Need, Offer
from ipdev.roster import selectors as roster_selectors
from ipdev.roster import services as roster_services
from ipdev.roster.models import Assignment

from . import forms

SIGNED_IN = "signed_in"
MODELS = {"need": Need, "offer": Offer}


def signed_in(view: Callable) -> Callable:
    """Any signed-in user; the services decide what they may change."""
    wrapped = login_required(view)
    wrapped.access = SIGNED_IN  # type: ignore[attr-defined]
    return wraps(view)(wrapped)


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    text = "; ".join(
        f"{k}: {' '.join(v)}" for k, v in getattr(exc, "message_dict", {"": exc.messages}).items()
    )
    messages.error(request, text)


@signed_in
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "needs": match_selectors.own_listings(user=user, kind="need"),
        "offers": match_selectors.own_listings(user=user, kind="offer"),
        "matches": match_selectors.own_matches(user=user),
        "queue": match_selectors.assessment_queue(user=user),
        "consultant": roster_selectors.own_consultant(user=user),
    }
    return render(request, "workspace/home.html", context)


@signed_in
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    form = forms.PreferenceForm(request.POST)
    if form.is_valid():
        try:
            match_services.notification_preference_set(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Your notification settings are saved."))
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("workspace:home")


def _listing_data(form) -> dict:
    return {
        k: list(v) if k in {"ip_areas", "languages", "eligible_countries"} else v
        for k, v in form.listing_data().items()
    }


@signed_in
@require_http_methods(["GET", "POST"])
def listing_new(request: HttpRequest, kind: str) -> HttpResponse:
    form_class = forms.NeedForm if kind == "need" else forms.OfferForm
    extra = {"user": request.user} if kind == "need" else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        create = match_services.need_create if kind == "need" else match_services.offer_create
        try:
            listing = create(user=request.user, data=_listing_data(form))
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved as a draft. Submit it when it is ready."))
            return redirect("workspace:listing", kind=kind, pk=listing.pk)
    return render(request, "workspace/listing_form.html", {"form": form, "kind": kind})


@signed_in
@require_http_methods(["GET", "POST"])
def listing_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = get_object_or_404(MODELS[kind], pk=pk)
    view = _detail(request, kind, pk)
    if not view.can_manage:
        raise PermissionDenied
    form_class = forms.NeedForm if kind == "need" else forms.OfferForm
    extra = {"user": request.user} if kind == "need" else {}
    initial = match_services.snapshot(listing)
    form = form_class(request.POST or None, initial=initial, **extra)
    if not form.is_bound:
        form.open_at(listing)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.check_current(listing)
                match_services.listing_update(
                    user=request.user,
                    listing=listing,
                    data=_listing_data(form),
                    based_on=form.cleaned_data.get("version") or None,
                )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            return redirect("workspace:listing", kind=kind, pk=pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "kind": kind}
    return render(request, "workspace/listing_form.html", context, status=status)


def _detail(request, kind: str, pk: int):
    select = match_selectors.need_detail if kind == "need" else match_selectors.offer_detail
    return select(user=request.user, pk=pk)


@signed_in
def listing(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _detail(request, kind, pk)
    suggest = (
        match_selectors.need_suggestions if kind == "need" else match_selectors.offer_suggestions
    )
    context = {
        "item": item,
        "suggestions": suggest(user=request.user, pk=pk) if item.state == "published" else [],
        "assess_form": forms.AssessmentForm(),
        "is_staff": request.user.is_wipo_staff,
    }
    return render(request, "workspace/listing.html", context)


@signed_in
@require_POST
def listing_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    _detail(request, kind, pk)  # 404 unless this user may see it
    obj = get_object_or_404(MODELS[kind], pk=pk)
    comment = request.POST.get("comment", "")
    try:
        if action == "submit":
            match_services.listing_submit(user=request.user, listing=obj)
        elif action in {"publish", "return"}:
            match_services.listing_assess(
                user=request.user, listing=obj, publish=action == "publish", comment=comment
            )
        elif action == "close":
            match_services.listing_close(user=request.user, listing=obj, reason=comment)
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("workspace:listing", kind=kind, pk=pk)


@signed_in
@require_POST
def match_propose(request: HttpRequest) -> HttpResponse:
    need = get_object_or_404(Need, pk=request.POST.get("need") or 0)
    offer = get_object_or_404(Offer, pk=request.POST.get("offer") or 0)
    try:
        match = match_services.match_propose(user=request.user, need=need, offer=offer)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("workspace:home")
    return redirect("workspace:match", pk=match.pk)


@signed_in
def match(request: HttpRequest, pk: int) -> HttpResponse:
    view = match_selectors.match_detail(user=request.user, pk=pk)
    return render(request, "workspace/match.html", {"m": view, "note_form": forms.NoteForm()})


@signed_in
@require_POST
def match_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match_selectors.match_detail(user=request.user, pk=pk)
    obj = get_object_or_404(Match, pk=pk)
    note = request.POST.get("note", "")
    try:
        if action == "agree":
            match_services.match_agree(
                user=request.user, match=obj, side=request.POST.get("side") or None, agreement=note
            )
        elif action in {"in_contact", "in_progress", "completed", "abandoned"}:
            match_services.match_advance(user=request.user, match=obj, state=action, note=note)
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("workspace:match", pk=pk)


@signed_in
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    consultant = roster_selectors.own_consultant(user=request.user)
    if consultant is None:
        raise Http404("You have no profile on the roster.")
    initial = roster_services.snapshot(consultant)
    initial["skills"] = ", ".join(consultant.skills or [])
    languages = [tuple(pair.split(":", 1)) for pair in initial.pop("languages", [])]
    form = forms.ProfileChangeForm(request.POST or None, initial=initial, languages=languages)
    if request.method == "POST" and form.is_valid():
        data = {k: list(v) if k == "ip_areas" else v for k, v in form.cleaned_data.items()}
        data = {k: v for k, v in data.items() if k in form.changed_data and k in form.base_fields}
        if form.languages_changed:
            data["languages"] = form.cleaned_data["languages"]
        try:
            roster_services.profile_change_submit(
                user=request.user, consultant=consultant, data=data
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Sent to WIPO staff for validation."))
            return redirect("workspace:profile")
    context = {
        "form": form,
        "cv_form": forms.CVForm(),
        "c": roster_selectors.consultant_profile(user=request.user, pk=consultant.pk),
    }
    return render(request, "workspace/profile.html", context)


@signed_in
@require_POST
def profile_action(request: HttpRequest, action: str) -> HttpResponse:
    consultant = roster_selectors.own_consultant(user=request.user)
    if consultant is None:
        raise Http404("You have no profile on the roster.")
    try:
        if action == "renew":
            roster_services.profile_change_submit(user=request.user, consultant=consultant, data={})
        elif action == "ethics":
            roster_services.ethics_accept(user=request.user, consultant=consultant)
        elif action == "cv" and request.FILES.get("file"):
            roster_services.cv_upload(
                user=request.user, consultant=consultant, upload=request.FILES["file"]
            )
        else:
            raise Http404("No such action.")
    except ValidationError as exc:
        _fail(request, exc)
    return redirect("workspace:profile")


@signed_in
@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    consultant = roster_selectors.own_consultant(user=request.user)
    assignment = get_object_or_404(Assignment, pk=pk, consultant=consultant)
    form = forms.DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roster_services.declaration_submit(
                user=request.user, assignment=assignment, **form.cleaned_data
            )
        except ValidationError as exc:
            forms.add_service_errors(form, exc)
        else:
            messages.success(request, _("Declaration sent to WIPO staff for review."))
            return redirect("workspace:profile")
    return render(request, "workspace/declare.html", {"form": form, "assignment": assignment})
