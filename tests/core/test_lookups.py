"""core.lookups.ids_in: the ids of a bulk read sent as one parameter, on either database."""

from __future__ import annotations

import pytest

from ipdev.activities.models import Activity
from ipdev.core.lookups import ids_in
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_ids_in_finds_the_same_rows_as_in():
    made = [make_activity(title=f"Activity {n}").pk for n in range(5)]
    wanted = [made[3], made[0], 10**9, made[3]]  # any order, an unknown id, a repeated one
    found = set(Activity.objects.filter(**ids_in("id", wanted)).values_list("pk", flat=True))
    assert found == set(Activity.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    assert found == {made[0], made[3]}
    assert not Activity.objects.filter(**ids_in("id", [])).exists()


def test_ids_in_takes_only_integers():
    with pytest.raises((TypeError, ValueError)):
        ids_in("id", ["1; DROP TABLE activities_activity"])
