"""Titles and summaries in several languages: validation, the API, IATI narratives, search."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from lxml import etree

from ipdev.activities import services
from ipdev.core.translations import clean_translations, shown
from ipdev.iati.export.elements import XML_LANG, activity_element
from ipdev.iati.importer.mappers import map_activity
from tests.api.conftest import api_client
from tests.factories import activity_data, make_activity
from tests.iati.test_roundtrip import CTX, VOCAB, detail

pytestmark = pytest.mark.django_db

FRENCH = {"fr": {"title": "Atelier national", "summary": "Un atelier."}}


def test_translations_are_normalised_and_empty_texts_dropped():
    value = {"zh-Hans": {"title": " 国家讲习班 "}, "ru": {"title": "", "summary": None}}
    assert clean_translations(value, fields=("title", "summary"), original_language="en") == {
        "zh": {"title": "国家讲习班"}
    }


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ({"de": {"title": "Werkstatt"}}, "Unknown language 'de'"),
        ({"en": {"title": "Again"}}, "'en' is the original language"),
        ({"fr": {"body": "Texte"}}, "unknown field(s) body"),
        ({"fr": "Atelier"}, "expected an object of texts"),
        ({"fr": {"title": 3}}, "'fr.title' must be text"),
        (["fr"], "Expected an object keyed by language code"),
    ],
)
def test_bad_translations_are_refused_naming_the_field(staff, value, says):
    with pytest.raises(ValidationError) as error:
        services.activity_create(user=staff, data=activity_data(translations=value))
    assert says in " ".join(error.value.message_dict["translations"])


def test_a_bad_text_language_is_refused(staff):
    with pytest.raises(ValidationError) as error:
        services.activity_create(user=staff, data=activity_data(text_language="French"))
    assert list(error.value.message_dict) == ["text_language"]


def test_the_api_takes_translations_and_reports_bad_codes_per_field(staff):
    client = api_client(staff)
    response = client.post("/api/v1/activities/", activity_data(translations=FRENCH), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["translations"] == FRENCH
    assert response.json()["text_language"] == "en"
    bad = client.post(
        "/api/v1/activities/",
        activity_data(identifier="X-2", translations={"xx": {"title": "?"}}),
        format="json",
    )
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["translations"]
    assert "Unknown language 'xx'" in bad.json()["errors"]["translations"][0]


def test_shown_text_falls_back_to_the_original_and_says_so():
    with translation.override("fr"):
        assert shown(FRENCH, "title", "National workshop", "en").text == "Atelier national"
    with translation.override("zh-hans"):
        fallback = shown(FRENCH, "title", "National workshop", "en")
    assert (fallback.text, fallback.lang, fallback.fallback) == ("National workshop", "en", True)
    with translation.override("en"):
        assert not shown(FRENCH, "title", "National workshop", "en").fallback


def test_translations_are_exported_as_narratives_and_imported_back():
    d = detail(translations={"fr": {"title": "Atelier régional", "summary": "Résumé public."}})
    el = activity_element(d, CTX)
    narratives = el.find("title").findall("narrative")
    assert [(n.get(XML_LANG), n.text) for n in narratives] == [
        (None, "Regional workshop on copyright"),
        ("fr", "Atelier régional"),
    ]
    summary = el.find("description[@type='1']").findall("narrative")
    assert [n.get(XML_LANG) for n in summary] == [None, "fr"]
    draft = map_activity(etree.fromstring(etree.tostring(el)), VOCAB)
    assert draft.fields["title"] == "Regional workshop on copyright"
    assert draft.fields["text_language"] == "en"
    assert draft.fields["translations"] == d.translations


def test_an_original_in_another_language_is_marked_with_its_xml_lang():
    d = detail(text_language="es", title="Taller regional", translations={})
    narrative = activity_element(d, CTX).find("title/narrative")
    assert narrative.get(XML_LANG) == "es"


def test_imported_translations_are_stored(staff, tmp_path):
    from ipdev.activities.models import Activity
    from ipdev.iati.services import iati_import_files

    d = detail(translations={"ar": {"title": "حلقة عمل إقليمية"}})
    root = etree.Element("iati-activities", version="2.03")
    root.append(activity_element(d, CTX))
    path = tmp_path / "activities.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
    iati_import_files(user=staff, paths=[path], schema_check=False)
    activity = Activity.objects.get(identifier=d.identifier)
    assert activity.translations == {"ar": {"title": "حلقة عمل إقليمية"}}
    assert activity.text_language == "en"


def test_search_finds_an_activity_by_its_translated_title(staff, client):
    activity = make_activity(
        user=staff, translations={"fr": {"title": "Atelier sur les indications géographiques"}}
    )
    body = client.get("/activities/", {"q": "géographiques"}).content.decode()
    assert f'href="/activities/{activity.pk}/"' in body
