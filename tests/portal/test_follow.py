"""Following a search: its Atom feed (no account), saved searches and their e-mail alerts."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from lxml import etree

from ipdev.accounts.models import Notify
from ipdev.activities import alerts
from ipdev.activities.models import Activity, SavedSearch
from ipdev.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def test_the_feed_is_valid_atom_with_the_newest_activities_first(staff):
    old = make_activity(user=staff, title="Older patent seminar", countries=["KE"],
                        start_date=dt.date(2021, 3, 1), end_date=dt.date(2021, 3, 3))  # fmt: skip
    new = make_activity(user=staff, title="Newer patent seminar", countries=["KE"],
                        start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 3))  # fmt: skip
    make_activity(user=staff, title="Trademark course", countries=["PE"])
    root = feed_of(client_for(None).get("/activities/feed.atom", {"country": "KE"}))
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    assert "Kenya" in root.findtext(f"{ATOM}title")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].endswith("/activities/feed.atom?country=KE")
    assert links["alternate"].endswith("/activities/?country=KE")
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [new.title, old.title]
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/activities/{new.pk}/")


def test_the_search_page_links_its_feed(staff):
    make_activity(user=staff, countries=["KE"])
    body = client_for(None).get("/activities/", {"country": "KE", "page": "1"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in body
    assert 'href="/activities/feed.atom?country=KE"' in body
    assert "Follow this search (Atom feed)" in body


def test_a_feed_of_bad_filters_says_which(db):
    response = client_for(None).get("/activities/feed.atom", {"country": "XX", "year_from": "x"})
    assert response.status_code == 400
    assert "country" in response.content.decode() and "year_from" in response.content.decode()


def test_an_empty_feed_is_still_valid(db):
    root = feed_of(client_for(None).get("/activities/feed.atom", {"q": "nothingmatchesthis"}))
    assert root.findall(f"{ATOM}entry") == [] and root.findtext(f"{ATOM}updated")


def test_a_signed_in_user_saves_lists_and_deletes_a_search(public_user):
    client = client_for(public_user)
    search = client.get("/activities/", {"country": "KE"}).content.decode()
    assert 'form="save-search"' in search and 'action="/workspace/searches/"' in search
    response = client.post(
        "/workspace/searches/", {"name": "Kenya", "query": "country=KE&page=3"}, follow=True
    )
    saved = SavedSearch.objects.get(user=public_user)
    assert (saved.name, saved.query) == ("Kenya", "country=KE")
    assert "is saved" in response.content.decode()
    assert AuditEntry.objects.filter(action="saved_search.created", object_id=str(saved.pk))
    settings_page = client.get("/workspace/settings/").content.decode()
    assert 'href="/activities/?country=KE">Kenya</a>' in settings_page
    assert 'href="/activities/feed.atom?country=KE"' in settings_page
    client.post(f"/workspace/searches/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()
    assert AuditEntry.objects.filter(action="saved_search.deleted", object_id=str(saved.pk))


def test_saving_names_the_problem(public_user):
    client = client_for(public_user)
    alerts.saved_search_create(user=public_user, name="Kenya", query="country=KE")
    for data, problem in (
        ({"name": "", "query": "country=KE"}, "Give the search a name."),
        ({"name": "Kenya", "query": "country=PE"}, "already have a saved search"),
        ({"name": "Bad", "query": "country=XX"}, "not valid"),
        ({"name": "x" * 121, "query": ""}, "longer than 120"),
    ):
        body = client.post("/workspace/searches/", data, follow=True).content.decode()
        assert problem in body, data
    assert SavedSearch.objects.count() == 1


def test_saved_searches_need_an_account_and_are_each_users_own(public_user, staff):
    anonymous = client_for(None)
    assert anonymous.post("/workspace/searches/", {"name": "a", "query": ""}).status_code == 302
    assert not SavedSearch.objects.exists()
    theirs = alerts.saved_search_create(user=staff, name="Mine", query="")
    assert (
        client_for(public_user).post(f"/workspace/searches/{theirs.pk}/delete/").status_code == 404
    )
    assert SavedSearch.objects.filter(pk=theirs.pk).exists()
    assert "/workspace/searches/" not in anonymous.get("/activities/").content.decode()


def _age(search: SavedSearch, days: int) -> None:
    before = timezone.now() - dt.timedelta(days=days)
    SavedSearch.objects.filter(pk=search.pk).update(checked_at=before)
    Activity.objects.update(created_at=before - dt.timedelta(days=1))


def test_a_daily_alert_lists_the_new_matching_activities_in_the_users_language(public_user, staff):
    public_user.language, public_user.notifications = "fr", Notify.DAILY
    public_user.save()
    make_activity(user=staff, title="Old Kenyan workshop", countries=["KE"])
    search = alerts.saved_search_create(user=public_user, name="Kenya", query="country=KE")
    _age(search, days=1)
    new = make_activity(user=staff, title="New Kenyan workshop", countries=["KE"])
    make_activity(user=staff, title="New Peruvian workshop", countries=["PE"])
    assert alerts.send_alerts(now=timezone.now()) == 1
    (message,) = mail.outbox
    assert message.to == [public_user.email]
    assert "1 nouvelle activité" in message.subject
    assert "New Kenyan workshop" in message.body and f"/activities/{new.pk}/" in message.body
    assert "Old Kenyan" not in message.body and "Peruvian" not in message.body
    # Nothing new since: no second e-mail.
    SavedSearch.objects.update(checked_at=timezone.now() - dt.timedelta(days=2))
    Activity.objects.update(created_at=timezone.now() - dt.timedelta(days=3))
    assert alerts.send_alerts(now=timezone.now()) == 0


def test_a_weekly_alert_waits_a_week_and_no_emails_means_none(public_user, staff):
    public_user.notifications = Notify.WEEKLY
    public_user.save()
    search = alerts.saved_search_create(user=public_user, name="All", query="")
    _age(search, days=2)
    make_activity(user=staff, countries=["KE"])
    assert alerts.send_alerts(now=timezone.now()) == 0
    SavedSearch.objects.update(checked_at=timezone.now() - dt.timedelta(days=7))
    public_user.notifications = Notify.OFF
    public_user.save()
    assert alerts.send_alerts(now=timezone.now()) == 0
    public_user.notifications = Notify.WEEKLY
    public_user.save()
    assert alerts.send_alerts(now=timezone.now()) == 1


def test_the_alert_job_is_registered_hourly():
    from ipdev.core import jobs

    task = jobs.tasks()["activities.saved_search_alerts"]
    assert task.every == dt.timedelta(hours=1)


def test_hostile_values_give_no_server_error(public_user, staff):
    """The new addresses with each hostile value in each parameter they read (the site-wide
    sweep in tests/core/test_hostile_input.py cannot see the save form's fields: they sit in
    the search form and name their own form with form="save-search")."""
    from tests.core.test_hostile_input import HOSTILE

    make_activity(user=staff, countries=["KE"])
    client = client_for(public_user)
    gets = [
        "/activities/feed.atom",
        "/embed/statistics/countries/",
        "/statistics/years.svg",
        "/embed/statistics/cooperation/requests/",
        "/statistics/cooperation/matches.svg",
    ]
    names = ["q", "country", "year", "year_from", "sort", "page", "per_page", "download"]
    failures = []
    for value in HOSTILE:
        for path in gets:
            for name in names:
                if client.get(path, {name: value}).status_code >= 500:
                    failures.append(f"GET {path} {name}={value[:20]!r}")
        for data in ({"name": value, "query": "country=KE"}, {"name": "n", "query": value},
                     {"name": value, "query": f"country={value}&year_from={value}"}):  # fmt: skip
            if client.post("/workspace/searches/", data).status_code >= 500:
                failures.append(f"POST save {data!r:.60}")
        if client.post(f"/workspace/searches/{value}/delete/").status_code >= 500:
            failures.append(f"POST delete {value[:20]!r}")
    for pk in ("99999999999999999999", "9223372036854775808", "0"):
        if client.post(f"/workspace/searches/{pk}/delete/").status_code >= 500:
            failures.append(f"POST delete {pk}")
    assert failures == []
