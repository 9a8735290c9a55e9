"""Browser tests run against a live server, so their database is transactional.

Django flushes the tables after each such test, which empties the reference tables (loaded by a
data migration) and leaves the search index (raw tables Django does not know) behind. Each test
here therefore starts from the reference data and an empty index. After the last one the
database is put back as the migrations left it (reference data, empty index, sequences from 1),
so that the tests running later see what they would have seen without these.
"""

import pytest
from django.core.management import call_command

from ipdev.reference.loader import load_reference_data
from ipdev.search import engine


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """The personas' passwords are never checked here, only force_login."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _reference_data_and_empty_index(transactional_db):
    load_reference_data()
    engine.rebuild([])
    yield
    engine.rebuild([])


@pytest.fixture(autouse=True, scope="module")
def _database_as_migrated_for_later_tests(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, reset_sequences=True, verbosity=0)
        load_reference_data()
        engine.rebuild([])
