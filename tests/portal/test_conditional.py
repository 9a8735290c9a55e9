"""Anonymous pages answer conditional requests from the data's generation, before rendering."""

import pytest

from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_a_page_is_not_sent_again_while_nothing_changed(client, staff):
    make_activity(user=staff, title="Patent drafting workshop")
    client.get("/activities/")  # the first visit gets its CSRF cookie (part of the tag)
    first = client.get("/activities/")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    assert "no-cache" in first["Cache-Control"] and "Cookie" in first["Vary"]
    again = client.get("/activities/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""


@pytest.mark.parametrize("change", ["create", "update", "delete"])
def test_any_write_changes_the_tag(client, staff, change):
    from ipdev.activities import services

    activity = make_activity(user=staff, title="Copyright seminar")
    client.get("/")
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    if change == "create":
        make_activity(user=staff, title="Trademark office automation")
    elif change == "update":
        services.activity_update(user=staff, activity=activity, data={"title": "Renamed"})
    else:
        services.activity_delete(user=staff, activity=activity)
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


def test_the_tag_depends_on_the_address_and_the_language(client, staff):
    make_activity(user=staff)
    english = client.get("/activities/")["ETag"]
    assert client.get("/activities/?country=KE")["ETag"] != english
    assert client.get("/fr/activities/")["ETag"] != english


def test_signed_in_pages_are_always_built_afresh(client, staff):
    make_activity(user=staff)
    client.force_login(staff)
    assert client.get("/activities/").status_code == 200
    assert not client.get("/activities/").has_header("ETag")


def test_a_404_carries_no_tag(client):
    assert not client.get("/activities/999999/").has_header("ETag")


def test_health_says_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_waits_for_the_search_index(client, monkeypatch):
    from ipdev.search import store

    monkeypatch.setattr(store, "_indexes", {})
    response = client.get("/ready/")
    assert response.status_code == 503
    assert response.json() == {"status": "loading", "search_index": "not loaded"}
    monkeypatch.setattr(store, "is_loaded", lambda: True)
    assert client.get("/ready/").json() == {"status": "ready", "search_index": "loaded"}


def test_a_part_of_the_page_never_answers_for_the_whole_page(client, staff):
    make_activity(user=staff)
    client.get("/activities/")
    whole = client.get("/activities/")["ETag"]
    part = client.get("/activities/", HTTP_HX_REQUEST="true")
    assert part["ETag"] != whole
    assert client.get("/activities/", HTTP_IF_NONE_MATCH=part["ETag"]).status_code == 200


def test_an_import_that_changed_no_activity_still_changes_the_tag_and_banner(client, staff):
    from ipdev.iati.models import ImportRun

    make_activity(user=staff)
    client.get("/activities/")
    etag = client.get("/activities/")["ETag"]
    run = ImportRun.objects.create(status=ImportRun.Status.RUNNING, read=2)
    running = client.get("/activities/", HTTP_IF_NONE_MATCH=etag)
    assert running.status_code == 200 and running["ETag"] != etag
    assert '<strong class="import-running">running</strong>' in running.content.decode()
    run.status = ImportRun.Status.DONE
    run.save()
    done = client.get("/activities/", HTTP_IF_NONE_MATCH=running["ETag"])
    assert done.status_code == 200 and done["ETag"] != running["ETag"]
    assert '<strong class="import-done">done</strong>' in done.content.decode()
    french = client.get("/fr/activities/").content.decode()  # the banner in each language
    assert 'class="import-done">done<' not in french and 'class="import-done">' in french


def test_the_banner_follows_every_write(client, staff):
    from ipdev.activities import services

    first = make_activity(user=staff, countries=["KE"])
    client.get("/activities/")
    assert "1 activity in 1 countries." in client.get("/activities/").content.decode()
    make_activity(user=staff, countries=["PE"])
    assert "2 activities in 2 countries." in client.get("/activities/").content.decode()
    services.activity_delete(user=staff, activity=first)
    assert "1 activity in 1 countries." in client.get("/activities/").content.decode()
