"""Public pages of WIPO Match: published needs and offers, suggestions, successful matches."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ipdev.matchmaking import selectors

from .access import public


@public
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    context = {
        "totals": selectors.match_totals(),
        "matches": selectors.match_list(user=None, successful_only=True, limit=5),
    }
    return render(request, "portal/match_home.html", context)


def _listings(request: HttpRequest, kind: str) -> HttpResponse:
    page, errors = selectors.listing_search(user=request.user, kind=kind, params=request.GET)
    context = {"kind": kind, "page": page, "errors": errors, "q": request.GET.get("q", "")}
    return render(request, "portal/match_listings.html", context)


@public
@require_GET
def needs(request: HttpRequest) -> HttpResponse:
    return _listings(request, "need")


@public
@require_GET
def offers(request: HttpRequest) -> HttpResponse:
    return _listings(request, "offer")


@public
@require_GET
def need(request: HttpRequest, pk: int) -> HttpResponse:
    context = {
        "item": selectors.need_detail(user=request.user, pk=pk),
        "suggestions": selectors.need_suggestions(user=request.user, pk=pk, limit=5),
    }
    return render(request, "portal/match_listing.html", context)


@public
@require_GET
def offer(request: HttpRequest, pk: int) -> HttpResponse:
    context = {
        "item": selectors.offer_detail(user=request.user, pk=pk),
        "suggestions": selectors.offer_suggestions(user=request.user, pk=pk, limit=5),
    }
    return render(request, "portal/match_listing.html", context)


@public
@require_GET
def matches(request: HttpRequest) -> HttpResponse:
    found = selectors.match_list(user=None, successful_only=True)
    return render(request, "portal/match_successes.html", {"matches": found})
