"""What the portal may read of the IATI import runs."""

import datetime as dt

import pytest
from django.utils import timezone

from ipdev.iati import selectors
from ipdev.iati.models import ImportRun

pytestmark = pytest.mark.django_db


def test_no_import_yet():
    assert selectors.last_import() is None


def test_the_latest_run_with_its_status_and_counts():
    older = ImportRun.objects.create(status=ImportRun.Status.DONE, read=5, created=5)
    ImportRun.objects.filter(pk=older.pk).update(started_at=timezone.now() - dt.timedelta(days=2))
    ImportRun.objects.create(
        status=ImportRun.Status.DONE_WITH_PROBLEMS, read=9, created=2, updated=3, files=["a.xml"]
    )
    found = selectors.last_import()
    assert (found.status, found.read, found.created, found.updated) == ("problems", 9, 2, 3)
    assert found.status_label == "Done, with problems"
    assert not found.succeeded
