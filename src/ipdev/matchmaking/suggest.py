"""The two suggestion indexes of the running app, kept per process and rebuilt when stale.

- `offer_index()`: the public (published or matched) offers, to rank for a need;
  `need_index()`: the published needs, to rank for an offer.
- Each is cached with a fingerprint of its catalogue: the number of listings, their latest
  `updated_at` and their highest id, read with one aggregate query on every use. Every write
  goes through `services`, which saves the listing (so bumps `updated_at`) whenever its text,
  areas, eligibility or state change; a listing leaving the catalogue changes the count or,
  with another joining, the latest `updated_at`. So a changed catalogue is rebuilt on the next
  request, in every process, with no signal to send.
- What the fingerprint cannot see (a country moving to another group in the reference data,
  an edit made outside `services`) is caught by `MAX_AGE`: no index is used longer than that.
- Building is a one-off per change: about a second per 10,000 listings (docs/benchmarks.md).
"""

from __future__ import annotations

import threading
import time

from django.db.models import Count, Max, QuerySet

from .data import needs_data, offers_data
from .index import NeedIndex, OfferIndex
from .models import PUBLIC_STATES, Need, Offer, State

MAX_AGE = 600.0  # seconds

_cache: dict[str, tuple[tuple, float, object]] = {}
_lock = threading.Lock()


def _fingerprint(qs: QuerySet) -> tuple:
    found = qs.aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    return found["n"], found["last"], found["top"]


def _fresh(name: str, stamp: tuple):
    found = _cache.get(name)
    if found and found[0] == stamp and time.monotonic() - found[1] < MAX_AGE:
        return found[2]
    return None


def _cached(name: str, qs: QuerySet, build):
    stamp = _fingerprint(qs)
    index = _fresh(name, stamp)
    if index is None:
        with _lock:  # one build at a time; requests finding a fresh index do not wait
            index = _fresh(name, stamp)
            if index is None:
                index = build(qs)
                _cache[name] = (stamp, time.monotonic(), index)
    return index


def offer_index() -> OfferIndex:
    """The index of the offers suggested to needs (published or matched)."""
    qs = Offer.objects.filter(state__in=PUBLIC_STATES)
    return _cached("offers", qs, lambda q: OfferIndex(offers_data(q)))


def need_index() -> NeedIndex:
    """The index of the needs suggested to offers (published, not yet matched)."""
    qs = Need.objects.filter(state=State.PUBLISHED)
    return _cached("needs", qs, lambda q: NeedIndex(needs_data(q)))


def clear() -> None:
    """Forget the indexes (tests; a process that knows it changed the reference data)."""
    with _lock:
        _cache.clear()
