"""Personas shared by every test: anonymous, public user, focal points, staff, admin."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from ipdev.accounts.models import Role
from ipdev.directories.loader import ensure_jurisdictions
from ipdev.reference.loader import load_reference_data
from ipdev.search import engine
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IPDEV_JOB_FILES_DIR = tmp_path / "job-files"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Persona fixtures hash passwords; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_label_cache():
    from ipdev.activities import labels
    from ipdev.portal.templatetags import portal_stats

    labels.clear_cache()
    # Tests roll back or flush their data, so ids, and with them a data state, come again.
    portal_stats.forget_banners()
    yield
    labels.clear_cache()
    portal_stats.forget_banners()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request to /ar/… leaves Arabic active in the test's thread, where a server's next
    request would choose its own: each test ends back in the default language."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters (sign-in, suggestions, the API) live in the cache: each test starts
    with none, so a test that sends many requests does not throttle the next one."""
    from django.core.cache import cache

    cache.clear()


def pytest_collection_modifyitems(config, items):
    """A browser test that fails is run once more before it counts as failed (as Playwright's
    own runner does on CI): a page driven over a socket, with scripts answering on their own
    time, can lose a race that the code under test does not have. The rerun is reported
    ("1 rerun") and a test that fails twice fails the suite."""
    if not config.pluginmanager.hasplugin("rerunfailures"):
        return
    for item in items:
        in_browser = item.get_closest_marker("browser") or "browser" in getattr(
            item, "fixturenames", ()
        )
        if in_browser and not item.get_closest_marker("flaky"):
            item.add_marker(pytest.mark.flaky(reruns=1))


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _as_migrated() -> None:
    """The rows the data migrations write (reference data, ST.3 jurisdictions) and an empty
    search index (raw tables, which a flush leaves as they were)."""
    load_reference_data()
    ensure_jurisdictions()
    engine.rebuild([])
    # The policies' full-text table is raw SQL too: a flush leaves its rows behind.
    table = "directories_policy_fts" if connection.vendor == "sqlite" else "directories_policy_text"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After every transactional test, once its flush has run (all its fixtures are torn
    down by now): put the migrated rows back and empty the index if the flush took them,
    so that the next test finds the database as migrated, whatever the order of the tests.
    (Run serially, pytest-django puts the transactional tests last; in parallel each process
    runs whole files, so the next test is often a plain one of another file.) After the
    process's last test there is no next one, and the test database is already destroyed."""
    yield
    if nextitem is None or not _transactional(item):
        return
    from ipdev.reference.models import Country

    with item.config.stash[blocking_manager_key].unblock():
        if not Country.objects.exists():
            _as_migrated()


@pytest.fixture(scope="module")
def database_restored_after_module(django_db_blocker):
    """For a module of transactional tests (committed rows, seen by other processes): the
    flush after each of them empties the reference tables too, so once the module ends the
    database is put back as migrated, reference data and an empty index, for later modules."""
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, reset_sequences=True, verbosity=0)
        _as_migrated()


@pytest.fixture
def public_user(db):
    return UserFactory(username="pat.public", role=Role.PUBLIC)


@pytest.fixture
def focal_point(db):
    """Focal point for Kenya."""
    return UserFactory(username="kenya.focal", role=Role.FOCAL_POINT, countries=["KE"])


@pytest.fixture
def other_focal_point(db):
    """Focal point for Peru: sees Kenyan activities only as the public does."""
    return UserFactory(username="peru.focal", role=Role.FOCAL_POINT, countries=["PE"])


@pytest.fixture
def staff(db):
    return UserFactory(username="sam.staff", role=Role.STAFF, is_staff=True, bureau_id="africa")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada.admin", role=Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def personas(db, public_user, focal_point, other_focal_point, staff, admin_user):
    return {
        "anonymous": None,
        "public": public_user,
        "focal_point": focal_point,
        "other_focal_point": other_focal_point,
        "staff": staff,
        "admin": admin_user,
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def consultant_user(db):
    """A consultant with their own login and a profile on the roster (see tests.factories)."""
    from tests.factories import make_consultant

    user = UserFactory(username="cora.consultant", role=Role.CONSULTANT)
    make_consultant(user=user, name="Cora Consultant", email="cora@example.org")
    return user


@pytest.fixture
def other_consultant_user(db):
    from tests.factories import make_consultant

    user = UserFactory(username="omar.consultant", role=Role.CONSULTANT)
    make_consultant(user=user, name="Omar Other", email="omar@example.org")
    return user


@pytest.fixture
def provider(db):
    """A donor organisation's member: offers support on WIPO Match."""
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(name="Japan Patent Office", country_id="JP")
    return UserFactory(username="paul.provider", role=Role.PROVIDER, organisation=org)


@pytest.fixture
def other_provider(db):
    from tests.factories import OrganisationFactory

    org = OrganisationFactory(name="Brazil INPI", country_id="BR")
    return UserFactory(username="bea.provider", role=Role.PROVIDER, organisation=org)


@pytest.fixture
def match_personas(
    db, public_user, focal_point, other_focal_point, staff, consultant_user, provider
):
    """The roles of the roster and WIPO Match: the focal point for Kenya is the seeker."""
    return {
        "anonymous": None,
        "public": public_user,
        "consultant": consultant_user,
        "provider": provider,
        "seeker": focal_point,
        "other_focal_point": other_focal_point,
        "staff": staff,
    }
