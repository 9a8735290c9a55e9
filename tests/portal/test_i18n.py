"""The portal in the six UN languages: pages, switcher, dates and numbers, user-written texts."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import make_activity
from tests.portal.helpers import csv_of

pytestmark = pytest.mark.django_db

# language code -> (dir, the translation of "Technical Assistance Database" the page must show)
LANGUAGES = {
    "ar": ("rtl", "قاعدة بيانات المساعدة التقنية"),
    "zh-hans": ("ltr", "技术援助数据库"),
    "en": ("ltr", "Technical Assistance Database"),
    "fr": ("ltr", "Base de données sur l'assistance technique"),
    "ru": ("ltr", "База данных о технической помощи"),  # noqa: RUF001
    "es": ("ltr", "Base de Datos de Asistencia Técnica"),
}


@pytest.fixture
def activity(staff):
    return make_activity(
        user=staff,
        title="Regional workshop on patent drafting",
        summary="Examiners of four offices practised claim drafting.",
        translations={
            "fr": {
                "title": "Atelier régional sur la rédaction de brevets",
                "summary": "Des examinateurs de quatre offices ont rédigé des revendications.",
            },
            "ar": {"title": "حلقة عمل إقليمية بشأن صياغة البراءات"},
        },
        cost=Decimal("12345.50"),
        participants_total=1234,
        participants_women=600,
        participants_men=634,
    )


def at(code: str, path: str) -> str:
    """The page's address in the language: English has no prefix."""
    return path if code == "en" else f"/{code}{path}"


def html_tag(body: str) -> str:
    return re.search(r"<html[^>]*>", body).group(0)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("page", ["/", "/activities/", "/countries/", "/country-plans/", "ACT"])
def test_main_pages_render_in_each_language_with_lang_and_dir(client, activity, code, page):
    path = f"/activities/{activity.pk}/" if page == "ACT" else page
    response = client.get(at(code, path))
    assert response.status_code == 200
    body = response.content.decode()
    direction, brand = LANGUAGES[code]
    assert html_tag(body) == f'<html lang="{code}" dir="{direction}">'
    assert brand in body


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_switcher_names_each_language_in_that_language(client, code):
    body = client.get(at(code, "/")).content.decode()
    form = re.search(r'<form class="language-form".*?</form>', body, re.S).group(0)
    assert 'action="/i18n/setlang/"' in form and f'name="next" value="{at(code, "/")}"' in form
    for value, own_name in [
        ("ar", "العربيّة"),
        ("zh-hans", "简体中文"),
        ("en", "English"),
        ("fr", "Français"),
        ("ru", "Русский"),
        ("es", "Español"),
    ]:
        assert (
            f'<option value="{value}" lang="{value}" hreflang="{value}"' in form
            and f">{own_name}</option>" in form
        )
    assert '<label for="language-select">' in form


def test_switching_language_returns_to_the_page_in_that_language(client, activity):
    page = "/activities/?q=patent&sort=newest"
    response = client.post("/i18n/setlang/", {"language": "fr", "next": page})
    assert response.status_code == 302
    assert response["Location"] == "/fr" + page
    body = client.get("/fr" + page).content.decode()
    assert html_tag(body) == '<html lang="fr" dir="ltr">'
    assert "Rechercher des activités" in body
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/fr/"})
    assert response["Location"] == "/ar/"
    assert html_tag(client.get("/ar/").content.decode()) == '<html lang="ar" dir="rtl">'


def test_switching_refuses_a_next_page_on_another_site(client):
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "https://example.org/"}, HTTP_REFERER=""
    )
    assert response.status_code == 302
    assert "example.org" not in response["Location"]


def test_numbers_and_dates_follow_the_locale():
    template = Template("{% load humanize %}{{ n|intcomma }} {{ d|date:'DATE_FORMAT' }}")
    context = Context({"n": 12345, "d": dt.date(2024, 3, 4)})
    with translation.override("fr"):
        assert template.render(context) == "12\xa0345 4 mars 2024"
    with translation.override("en"):
        assert template.render(context) == "12,345 March 4, 2024"
    with translation.override("es"):
        assert template.render(context).endswith("4 de marzo de 2024")
    with translation.override("zh-hans"):
        assert template.render(context).endswith("2024年3月4日")


def test_activity_page_shows_dates_in_the_locale(client, activity):
    body = client.get(f"/fr/activities/{activity.pk}/").content.decode()
    assert "4 mars 2024" in body


def test_csv_download_stays_machine_readable_in_any_language(client, activity, staff):
    client.force_login(staff)  # staff see the cost and the participants
    english = csv_of(client.get("/activities/download.csv"))[0]
    french = csv_of(client.get("/fr/activities/download.csv"))[0]
    assert list(french) == list(english)  # the column names are codes, not words
    for column in ("start_date", "end_date", "cost", "participants_total", "title", "id"):
        assert french[column] == english[column]
    assert french["start_date"] == "2024-03-04"
    assert french["cost"] in {"12345.50", "12345.5"}
    assert french["participants_total"] == "1234"


def test_api_stays_machine_readable_in_any_language(client, activity):
    response = client.get(f"/api/v1/activities/{activity.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    data = response.json()
    assert data["start_date"] == "2024-03-04"
    assert data["title"] == "Regional workshop on patent drafting"
    assert data["translations"]["fr"]["title"].startswith("Atelier régional")


def test_a_translated_title_is_shown_in_the_readers_language(client, activity):
    body = client.get(f"/fr/activities/{activity.pk}/").content.decode()
    assert '<h1 id="activity-title" dir="auto" lang="fr">Atelier régional' in body
    assert 'lang="fr">Des examinateurs de quatre offices' in body
    assert 'id="translation-note"' not in body


def test_without_a_translation_the_original_is_shown_with_a_note(client, activity):
    body = client.get(f"/ru/activities/{activity.pk}/").content.decode()
    assert '<h1 id="activity-title" dir="auto" lang="en">Regional workshop' in body
    assert 'id="translation-note"' in body
    assert "показано в исходном виде" in body and "«Английский»" in body


def test_a_partial_translation_falls_back_for_the_missing_field(client, activity):
    body = client.get(f"/ar/activities/{activity.pk}/").content.decode()
    assert 'lang="ar">حلقة عمل إقليمية' in body
    assert 'lang="en">Examiners of four offices' in body
    assert 'id="translation-note"' in body


def test_search_cards_show_the_translation_or_mark_the_original(client, activity):
    french = client.get("/fr/activities/").content.decode()
    assert 'lang="fr"><a href="/fr/activities/' in french and "Atelier régional" in french
    spanish = client.get("/es/activities/").content.decode()
    assert 'class="translation-badge" lang="es"' in spanish and ">Inglés</span>" in spanish


def test_a_french_title_is_found_by_search(client, activity):
    body = client.get("/activities/", {"q": "rédaction"}).content.decode()
    assert f'href="/activities/{activity.pk}/"' in body
