"""A limit on how often one address may use a public form, kept in the cache.

The API limits its public writes with DRF's throttles and sign-ins are limited by django-axes; the
HTML forms that anyone may send use this, with the client's address found as django-axes finds it
(REMOTE_ADDR, or the address IPDEV_PROXY_COUNT proxies back). The count lives in Django's cache:
the default in-process cache counts per process, so a site served by several processes should
configure a shared cache (see docs/configuration.md).
"""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac


def client_address(request: HttpRequest) -> str:
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "-"


def allow(request: HttpRequest, scope: str, *, limit: int, seconds: int) -> bool:
    """Count one use of `scope` by the request's address; False once `limit` uses were counted
    in the current window of `seconds` (the address is kept only as a keyed hash)."""
    ident = salted_hmac("ipdev.throttle", client_address(request)).hexdigest()[:32]
    key = f"ipdev:throttle:{scope}:{ident}"
    if cache.add(key, 1, timeout=seconds):
        return True
    try:
        used = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=seconds)
        return True
    return used <= limit
