"""The `ipdev` command line: demo data, administrators, reindexing."""

import io

import pytest
from django.core.management import CommandError, call_command

from ipdev.accounts.models import Role, User
from ipdev.activities.models import Activity, Consent
from ipdev.search import engine

pytestmark = pytest.mark.django_db


def run(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def test_demo_creates_deterministic_activities_consents_and_accounts():
    run("demo", activities=25, seed=7, activities_only=True)
    titles = list(Activity.objects.order_by("id").values_list("title", flat=True))
    assert len(titles) == 25
    assert Consent.objects.exists()
    assert User.objects.filter(username="focal.kenya", role=Role.FOCAL_POINT).exists()
    assert engine.document_count() == 25
    Activity.objects.all().delete()
    engine.rebuild([])
    run("demo", activities=25, seed=7, activities_only=True)
    assert list(Activity.objects.order_by("id").values_list("title", flat=True)) == titles


def test_demo_if_empty_leaves_existing_data_alone():
    run("demo", activities=3, activities_only=True)
    output = run("demo", activities=50, if_empty=True)
    assert "already exist" in output
    assert Activity.objects.count() == 3


def test_demo_activities_only_leaves_the_other_domains_empty():
    from ipdev.matchmaking.models import Need
    from ipdev.planning.models import CountryPlan
    from ipdev.roster.models import Consultant

    output = run("demo", activities=5, activities_only=True)
    assert "Roster" not in output and "Planning" not in output
    assert not CountryPlan.objects.exists()
    assert not Consultant.objects.exists()
    assert not Need.objects.exists()


def test_demo_refuses_a_negative_count():
    with pytest.raises(CommandError):
        run("demo", activities=-1)


def test_createadmin_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("IPDEV_ADMIN_PASSWORD", "a long enough passphrase 42")
    run("createadmin", "root-admin", email="admin@example.org")
    user = User.objects.get(username="root-admin")
    assert user.is_superuser and user.role == Role.ADMIN
    assert user.check_password("a long enough passphrase 42")


def test_createadmin_rejects_a_weak_password(monkeypatch):
    monkeypatch.setenv("IPDEV_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="password"):
        run("createadmin", "weak")
    assert not User.objects.filter(username="weak").exists()


def test_reindex_rebuilds_the_index():
    run("demo", activities=5, activities_only=True)
    assert "Indexed 5 activities" in run("reindex")


def test_reindex_if_empty_fills_only_an_empty_index():
    run("demo", activities=5, activities_only=True)
    assert run("reindex", if_empty=True) == ""  # the demo indexed them already
    engine.rebuild([])
    assert "Indexed 5 activities" in run("reindex", if_empty=True)
    assert engine.document_count() == 5
