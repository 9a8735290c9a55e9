"""Browser tests run against a live server, so their database is transactional.

Django flushes the tables after each such test, which empties the reference tables (loaded by a
data migration) and leaves the search index (raw tables Django does not know) behind. Each test
here therefore starts from the reference data and an empty index. After the last one the
database is put back as the migrations left it (reference data, empty index, sequences from 1),
so that the tests running later see what they would have seen without these.

One Chromium serves the whole session (`browser`). Playwright's sync API keeps its asyncio loop
marked as running in this thread between calls; Django would then keep the ORM's connections in
a context variable instead of the thread, and connections made that way are never closed. So the
loop counts as running only while a browser test's body runs (see pytest_runtest_call): fixtures
make their data with the ORM as usual, in any order, before or after the browser starts.
"""

import asyncio
import os

import pytest
from django.db import connections

from ipdev.directories.loader import ensure_jurisdictions
from ipdev.reference.loader import load_reference_data
from ipdev.search import engine

from .support import ARGS, CHROMIUM

# The body of a browser test runs while Playwright's loop counts as running; its ORM calls are
# still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

_playwright_loop: list[asyncio.AbstractEventLoop] = []


def _loop_running(running: bool) -> None:
    if _playwright_loop:
        asyncio._set_running_loop(_playwright_loop[0] if running else None)


@pytest.fixture(scope="session")
def browser():
    """Chromium, started at the first browser test and closed at the end of the session."""
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's Chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    _playwright_loop.append(asyncio.get_running_loop())
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    _loop_running(False)
    yield launched
    _loop_running(True)
    launched.close()
    playwright.stop()  # the loop stops, and no longer counts as running
    _playwright_loop.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if not (_playwright_loop and "browser" in item.fixturenames):
        return (yield)
    _loop_running(True)
    try:
        return (yield)
    finally:
        # Connections the body opened while the loop ran live in that context: close them now.
        connections.close_all()
        _loop_running(False)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """The personas' passwords are never checked here, only force_login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_data_and_empty_index(transactional_db):
    load_reference_data()
    ensure_jurisdictions()
    engine.rebuild([])
    yield
    engine.rebuild([])


@pytest.fixture(autouse=True, scope="module")
def _database_as_migrated_for_later_tests(database_restored_after_module):
    """Each browser module's transactional tests leave the database as they found it."""
