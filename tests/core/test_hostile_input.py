"""No server error, whatever the input: hostile values in every query parameter, path segment,
form field and API payload of the portal, the back office and the API.

The pages are found as a visitor finds them: by following links from the main pages (each view
once), then each view's GET forms and query parameters, its POST forms and, for the API, every
operation of the OpenAPI schema get every value of HOSTILE. A 4xx is a fine answer; a 5xx fails
the test, with the list of requests that caused one.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from urllib.parse import quote, urlencode, urljoin, urlsplit

import lxml.html
import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from rest_framework.authtoken.models import Token

from ipdev.accounts.models import Role
from tests.browser.world import build_world
from tests.factories import UserFactory

HOSTILE = [
    "99999999999999999999999",
    "-1",
    "0",
    "abc",
    "x" * 5000,
    "2024-13-45",
    "9999-12-31",
    "nul\x00byte",
    "\u00b2",  # superscript two: str.isdigit() says yes, int() says no
    "1e309",
    "' OR 1=1 --",
]
# Query parameters some view reads without a form on the page that names them.
QUERY_NAMES = [
    "q", "page", "per_page", "year", "year_from", "year_to", "sort", "country", "activity",
    "plan", "plan_line", "period", "a", "b", "limit", "format", "lang", "status", "kind",
    "state", "next", "o", "p", "e", "start_date__year", "start_date__month", "start_date__day",
    "da_project", "group", "region", "bureau", "category", "da", "sdg", "key",
]  # fmt: skip
# Links and forms not followed: they end the session, switch language or delete the world.
SKIP = re.compile(r"/logout/|/i18n/|/delete/|/password/|^/static/|^/media/|^/api/v1/docs/")
ADMIN_SKIP = re.compile(r"/history/|/password/")
ROUNDS = int(os.environ.get("IPDEV_HOSTILE_ROUNDS", "4"))


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.route


def _is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def crawl(client: Client, seeds: list[str], limit: int = 400) -> dict[str, tuple[str, bytes]]:
    """One page per view reachable by links from the seeds: {route: (url, html)}."""
    seen_routes: dict[str, tuple[str, bytes]] = {}
    queue, visited = list(seeds), set()
    while queue and len(visited) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in visited or SKIP.search(path) or ADMIN_SKIP.search(path):
            continue
        visited.add(url)
        route = _route(path)
        if route is None or route in seen_routes:
            continue
        response = client.get(url)
        if response.status_code >= 500:
            raise AssertionError(f"GET {url} answered {response.status_code}")
        if response.status_code != 200 or not _is_html(response):
            seen_routes[route] = (url, b"")
            continue
        seen_routes[route] = (url, response.content)
        doc = lxml.html.fromstring(response.content)
        for _el, _attr, link, _pos in doc.iterlinks():
            target = urljoin(url, link)
            if target.startswith("/") and not target.startswith("//"):
                queue.append(target.split("#")[0])
    return seen_routes


def _forms(url: str, html: bytes, method: str):
    if not html:
        return
    doc = lxml.html.fromstring(html)
    for form in doc.forms:
        if (form.method or "GET").upper() != method:
            continue
        action = urljoin(url, form.get("action") or url)
        if SKIP.search(urlsplit(action).path):
            continue
        names = sorted(
            {el.name for el in form.inputs if el.name and el.name != "csrfmiddlewaretoken"}
        )
        yield action, names


class Sweep:
    """Sends requests and keeps every one answered with a 5xx."""

    def __init__(self, client):
        self.client = client
        self.failures: list[str] = []
        self.count = 0

    def check(self, method: str, url: str, response, data=None) -> None:
        self.count += 1
        if response.status_code >= 500:
            shown = repr(data)[:160] if data is not None else ""
            self.failures.append(f"{method} {url[:160]} {shown} -> {response.status_code}")

    def send(self, method: str, url: str, data=None, **extra) -> None:
        """One request in a savepoint: a database error in one is not carried to the next."""
        savepoint = transaction.savepoint()
        response = self.client.generic(method, url, data or "", **extra)
        if response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
        self.check(method, url, response, data)

    def get(self, url: str, params: dict | None = None) -> None:
        full = f"{url.split('?')[0]}?{urlencode(params)}" if params else url
        self.send("GET", full)

    def post(self, url: str, data: dict) -> None:
        self.send(
            "POST",
            url,
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )

    def assert_clean(self) -> None:
        assert not self.failures, f"{len(self.failures)} of {self.count} requests failed:\n" + (
            "\n".join(self.failures[:60])
        )


@pytest.fixture
def world(db, tmp_path, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = build_world(tmp_path)
    world["admin"] = UserFactory(
        username="ada.admin", role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    cache.clear()
    return world


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


PORTAL_SEEDS = [
    "/",
    "/activities/?q=patent",
    "/countries/",
    "/countries/KE/",
    "/country-plans/",
    "/consultants/",
    "/consultants/balance/",
    "/match/",
    "/match/needs/",
    "/match/offers/",
    "/match/matches/",
    "/statistics/",
    "/statistics/cooperation/",
    "/reports/",
    "/reports/country/",
    "/reports/development-agenda/",
    "/accounts/login/",
]
WORK_SEEDS = [
    "/backoffice/work/",
    "/backoffice/work/requests/",
    "/backoffice/work/requests/report/",
    "/backoffice/work/plans/",
    "/backoffice/work/results/",
    "/backoffice/work/surveys/",
    "/backoffice/work/da-review/",
    "/workspace/",
]


def rounds(names, seed: str):
    """ROUNDS sets of values for `names`: in each, every name gets another hostile value, and
    the values turn from one round (and one page) to the next, so each value meets each kind
    of parameter somewhere. IPDEV_HOSTILE_ROUNDS=11 gives every name every value."""
    names, start = sorted(names), zlib.crc32(seed.encode())
    for r in range(ROUNDS):
        yield {n: HOSTILE[(start + r + i) % len(HOSTILE)] for i, n in enumerate(names)}


def _sweep_pages(sweep: Sweep, pages: dict[str, tuple[str, bytes]], get=lambda route: True) -> None:
    for route, (url, html) in pages.items():
        if get(route):
            names = set(QUERY_NAMES)
            for _action, fields in _forms(url, html, "GET"):
                names.update(fields)
            for params in rounds(names, url):
                sweep.get(url, params)
        for action, fields in _forms(url, html, "POST"):
            for data in rounds(fields, action):
                sweep.post(action, data)


def test_portal_pages_survive_hostile_parameters_and_forms(world):
    for persona in (world["admin"],):
        client = _client(persona)
        pages = crawl(client, PORTAL_SEEDS)
        assert len(pages) >= 15
        sweep = Sweep(client)
        _sweep_pages(sweep, pages)
        sweep.assert_clean()


def test_workflow_pages_survive_hostile_parameters_and_forms(world):
    client = _client(world["admin"])
    pages = {r: p for r, p in crawl(client, WORK_SEEDS).items() if not r.startswith("backoffice/")}
    pages.update(
        {r: p for r, p in crawl(client, WORK_SEEDS).items() if r.startswith("backoffice/work/")}
    )
    assert len(pages) >= 15
    sweep = Sweep(client)
    _sweep_pages(sweep, pages)
    sweep.assert_clean()


def test_admin_pages_survive_hostile_parameters_and_forms(world):
    client = _client(world["admin"])
    pages = {
        r: p
        for r, p in crawl(client, ["/backoffice/"], limit=600).items()
        if r.startswith("backoffice/") and not r.startswith("backoffice/work/")
    }
    assert len(pages) >= 40
    sweep = Sweep(client)
    # The admin reads query parameters on its lists (filters, search, order, page) and add
    # pages (initial values); its change pages get the hostile POSTs.
    _sweep_pages(sweep, pages, get=lambda route: not route.endswith("/change/"))
    sweep.assert_clean()


def _patterns(resolvers=None, prefix=""):
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


PATH_VALUES = ["99999999999999999999999", "abc", "x" * 300, "%00", "\u00b2"]


def test_hostile_path_segments(world):
    """Every route with a parameter, the parameter hostile (ids too large to exist, strings)."""
    client = _client(world["admin"])
    sweep = Sweep(client)
    routes = [
        r
        for r in _patterns()
        if "<" in r and not r.startswith("^") and not SKIP.search("/" + r) and "(?P" not in r
    ]
    assert len(routes) > 50
    for route in routes:
        for value in PATH_VALUES:
            path = "/" + re.sub(
                r"<(?:(\w+):)?(\w+)>",
                lambda m, v=value: (
                    ("99999999999999999999" if not v.isdigit() else v)
                    if m.group(1) == "int"
                    else quote(v, safe="%")
                ),
                route,
            )
            sweep.send("GET", path)
            if path.startswith("/api/"):
                sweep.send("POST", path, "{}", content_type="application/json")
    sweep.assert_clean()


def _api_operations():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {})
            ref = next(
                (c["schema"].get("$ref") for c in body.values() if "schema" in c), None
            )  # fmt: skip
            props = components[ref.rsplit("/", 1)[1]].get("properties", {}) if ref else {}
            params = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            yield path, method.upper(), params, props


# The object each kind of API address is tried on (the world's keys).
API_IDS = {
    "/api/v1/needs/": "need",
    "/api/v1/offers/": "offer",
    "/api/v1/matches/": "match",
    "/api/v1/plans/": "plan",
    "/api/v1/requests/": "request",
    "/api/v1/consultants/": "consultant",
}
JSON_HOSTILE = [10**30, -(10**30), 1e308, -1, 0, True, None, [], {}, ["x"] * 2000, "x" * 100_000]


def test_api_survives_hostile_parameters_and_payloads(world):
    for user in (None, world["admin"]):
        client = Client(raise_request_exception=False)
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
        sweep = Sweep(client)
        for path, method, params, props in _api_operations():
            key = next((k for p, k in API_IDS.items() if path.startswith(p)), "kenyan")
            url = re.sub(r"\{(\w+)\}", str(world[key]), path)
            if "{code}" in path or "{fmt}" in path:
                url = path.replace("{code}", "KE").replace("{fmt}", "pdf")
            for values in rounds(params, path) if method == "GET" else ():
                sweep.send(method, f"{url}?{urlencode(values)}" if values else url)
            if method not in {"POST", "PUT", "PATCH"} or not props:
                continue
            # "*": past the If-Match precondition, so that the payload itself is tried.
            extra = {"content_type": "application/json", "HTTP_IF_MATCH": "*"}
            for values in rounds(props, path + method):
                sweep.send(method, url, json.dumps(values), **extra)
            for r in range(ROUNDS):
                values = {
                    name: JSON_HOSTILE[(r + i) % len(JSON_HOSTILE)] for i, name in enumerate(props)
                }
                sweep.send(method, url, json.dumps(values), **extra)
            for header in ('"stale"', "W/", '"' + "x" * 5000 + '"', "*, *", "\x00"):
                sweep.send(method, url, "{}", content_type="application/json", HTTP_IF_MATCH=header)
        sweep.assert_clean()
