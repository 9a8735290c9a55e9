"""The language in the address: /fr/… pages, the switcher, alternates, and what stays unprefixed."""

import re

import pytest
from django.core import mail
from django.urls import resolve, reverse
from django.utils import timezone, translation

from ipdev.accounts.models import Notify
from ipdev.activities import alerts
from ipdev.activities.models import Activity, SavedSearch
from ipdev.core.language_urls import localized_path, localized_url, site_link, split_language
from ipdev.evaluation import services as evaluation
from tests.conftest import client_for
from tests.factories import UserFactory, make_activity

pytestmark = pytest.mark.django_db

OTHERS = ["ar", "zh-hans", "fr", "ru", "es"]
SEARCH = "/activities/?q=patent&country=KE&year_from=2020&sort=newest"


def html_lang(body: str) -> str:
    return re.search(r'<html lang="([^"]+)"', body).group(1)


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, title="Patent drafting in Kenya", countries=["KE"])


@pytest.mark.parametrize("code", OTHERS)
def test_each_language_has_its_prefix_for_every_kind_of_page(client, activity, code):
    for path in [
        "/",
        SEARCH,
        f"/activities/{activity.pk}/",
        "/countries/KE/",
        "/statistics/?country=KE",
        "/directories/",
        "/consultants/",
        "/match/",
        "/accounts/login/",
    ]:
        response = client.get(f"/{code}{path}")
        assert response.status_code == 200, path
        assert html_lang(response.content.decode()) == code, path
    with translation.override(code):
        assert (
            reverse("portal:activity", args=[activity.pk]) == f"/{code}/activities/{activity.pk}/"
        )
        assert reverse("directories:overview") == f"/{code}/directories/"
    match = resolve(f"/{code}/activities/{activity.pk}/")
    assert (match.view_name, match.kwargs) == ("portal:activity", {"pk": activity.pk})


def test_english_has_no_prefix_and_every_english_address_still_works(client, activity):
    with translation.override("en"):
        assert reverse("portal:search") == "/activities/"
    for path in ["/", SEARCH, f"/activities/{activity.pk}/", "/backoffice/login/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response.content.decode()) == "en"
    assert client.get("/en/activities/").status_code == 404  # one address per language


def test_what_machines_read_has_one_address_and_still_negotiates(client, activity):
    for path in ["/api/v1/activities/", "/health/", "/ready/"]:
        assert client.get(path, HTTP_ACCEPT_LANGUAGE="fr").status_code in (200, 503), path
        assert client.get(f"/fr{path}").status_code == 404, path
    french = client.get("/api/v1/reference/countries/", HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get("/api/v1/reference/countries/", HTTP_ACCEPT_LANGUAGE="en")
    assert french.status_code == 200 and french["Content-Language"] == "fr"
    assert french.content != english.content
    assert localized_path("/api/v1/activities/", "fr") == "/api/v1/activities/"


def test_the_address_wins_over_the_cookie_and_the_accounts_language(activity, public_user):
    public_user.language = "ar"
    public_user.save()
    client = client_for(public_user)
    client.cookies["django_language"] = "zh-hans"
    body = client.get("/fr/activities/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert html_lang(body) == "fr"


def test_without_a_prefix_the_visitors_language_is_put_in_the_address(client, activity):
    client.cookies["django_language"] = "ar"
    response = client.get(SEARCH)
    assert response.status_code == 302
    assert response["Location"] == "/ar" + SEARCH
    assert "Cookie" in response["Vary"]
    # The browser's language counts when no language was chosen.
    response = client_for(None).get("/countries/KE/", HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    assert response["Location"] == "/es/countries/KE/"
    # Chosen English stays English even for a French browser; forms are never redirected.
    client.cookies["django_language"] = "en"
    assert client.get(SEARCH, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    client.cookies["django_language"] = "fr"
    assert client.post("/activities/").status_code == 405


@pytest.mark.parametrize("code", ["en", *OTHERS])
def test_the_switcher_keeps_the_page_and_its_filters(client, activity, code):
    for start in ["/fr" + SEARCH, SEARCH, f"/ar/activities/{activity.pk}/#documents-heading"]:
        response = client.post("/i18n/setlang/", {"language": code, "next": start})
        assert response.status_code == 302
        _, bare = split_language(start)
        assert response["Location"] == (bare if code == "en" else f"/{code}{bare}")
        assert response.cookies["django_language"].value == code
    landed = client.get(response["Location"].split("#")[0])
    assert landed.status_code == 200 and html_lang(landed.content.decode()) == code


def test_the_switcher_form_returns_to_this_address_with_its_query(client, activity):
    body = client.get("/zh-hans" + SEARCH).content.decode()
    form = re.search(r'<form class="language-form".*?</form>', body, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form
    assert 'name="next" value="/zh-hans/activities/?q=patent&amp;country=KE' in form


def test_the_switcher_keeps_another_sites_address_out(client):
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "https://example.org/x/"}, HTTP_REFERER=""
    )
    assert response["Location"] == "/fr/"
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/activities/"})
    assert response["Location"] == "/activities/"
    assert client.get("/i18n/setlang/").status_code == 405


def test_each_page_names_its_six_versions_and_a_default(client, activity):
    body = client.get("/ru" + SEARCH).content.decode()
    found = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body))
    query = "?q=patent&amp;country=KE&amp;year_from=2020&amp;sort=newest"
    assert found == {
        "ar": f"http://testserver/ar/activities/{query}",
        "zh-Hans": f"http://testserver/zh-hans/activities/{query}",
        "en": f"http://testserver/activities/{query}",
        "fr": f"http://testserver/fr/activities/{query}",
        "ru": f"http://testserver/ru/activities/{query}",
        "es": f"http://testserver/es/activities/{query}",
        "x-default": f"http://testserver/activities/{query}",
    }
    assert 'hreflang="x-default"' not in client.get("/no-such-page/").content.decode()


def test_arabic_pages_are_right_to_left_and_the_others_left_to_right(client):
    assert '<html lang="ar" dir="rtl">' in client.get("/ar/").content.decode()
    assert '<html lang="zh-hans" dir="ltr">' in client.get("/zh-hans/").content.decode()


def test_signing_in_keeps_the_language(client, public_user):
    response = client.get("/fr/workspace/")
    assert response["Location"] == "/fr/accounts/login/?next=/fr/workspace/"
    public_user.set_password("a long pass phrase")
    public_user.save()
    response = client.post(
        "/fr/accounts/login/", {"username": public_user.username, "password": "a long pass phrase"}
    )
    assert response.status_code == 302 and response["Location"] == "/fr/start/"


def test_links_in_a_page_feed_and_download_stay_in_its_language(client, activity):
    page = client.get("/es/activities/?country=KE").content.decode()
    assert f'href="/es/activities/{activity.pk}/"' in page
    assert 'href="/es/activities/feed.atom?country=KE"' in page
    feed = client.get("/es/activities/feed.atom", {"country": "KE"}).content.decode()
    assert f"http://testserver/es/activities/{activity.pk}/" in feed
    assert "http://testserver/es/activities/?country=KE" in feed
    stats = client.get("/fr/statistics/?country=KE").content.decode()
    assert "/fr/embed/statistics/" in stats


def test_alert_emails_link_to_pages_in_the_recipients_language(public_user, staff):
    public_user.language, public_user.notifications = "fr", Notify.DAILY
    public_user.save()
    search = alerts.saved_search_create(user=public_user, name="Kenya", query="country=KE")
    before = timezone.now() - timezone.timedelta(days=1)
    SavedSearch.objects.filter(pk=search.pk).update(checked_at=before)
    new = make_activity(user=staff, title="New Kenyan workshop", countries=["KE"])
    Activity.objects.filter(pk=new.pk).update(created_at=timezone.now())
    assert alerts.send_alerts(now=timezone.now()) == 1
    body = mail.outbox[0].body
    assert f"/fr/activities/{new.pk}/" in body and "/fr/workspace/settings/" in body


def test_a_survey_invitation_links_in_the_invitees_language(
    staff, settings, django_capture_on_commit_callbacks
):
    UserFactory(username="amal", email="amal@example.org", language="ar")
    activity = make_activity(user=staff)
    survey = evaluation.survey_create(user=staff, activity=activity, kind="immediate", title="T")
    evaluation.question_add(user=staff, survey=survey, text="Rating", kind="rating")
    with django_capture_on_commit_callbacks(execute=True):
        made = evaluation.survey_invite(
            user=staff, survey=survey, people=[("amal@example.org", ""), ("bo@example.org", "")]
        )
    by_address = {m.to[0]: m.body for m in mail.outbox}
    tokens = {i.email: i.token for i in made}
    assert f"/ar/survey/{tokens['amal@example.org']}/" in by_address["amal@example.org"]
    english = f"{settings.IPDEV_SITE_URL}/survey/{tokens['bo@example.org']}/"
    assert english in by_address["bo@example.org"]


def test_site_links_take_the_language_they_are_written_in(settings):
    settings.IPDEV_SITE_URL = "https://ipdev.example"
    with translation.override("zh-hans"):
        assert (
            site_link("/workspace/settings/") == "https://ipdev.example/zh-hans/workspace/settings/"
        )
        assert site_link("/api/v1/needs/") == "https://ipdev.example/api/v1/needs/"
    assert site_link("/fr/match/", "en") == "https://ipdev.example/match/"
    assert site_link("/activities/?country=KE#r", "ar") == (
        "https://ipdev.example/ar/activities/?country=KE#r"
    )
    assert localized_url("https://ipdev.example/api/v1/?a=1", "es") == (
        "https://ipdev.example/api/v1/?a=1"
    )
    assert localized_url("https://ipdev.example/ru/match/?a=1#b", "es") == (
        "https://ipdev.example/es/match/?a=1#b"
    )
