"""`{% fixed %}`: a part of a page drawn once per language and named values, then served as
drawn; pages that use it still mark the current page and the visitor's state."""

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation

from ipdev.core.templatetags import fragments

ENGINE = engines["django"]


def page(source: str):
    return ENGINE.from_string("{% load i18n fragments %}" + source)


def test_a_block_is_drawn_once_per_language_and_values():
    t = page("{% fixed flag %}{{ value }} {% translate 'Search' %}{% endfixed %}")
    with translation.override("en"):
        assert t.render({"flag": 1, "value": "a"}) == "a Search"
        assert t.render({"flag": 1, "value": "b"}) == "a Search"  # as drawn
        assert t.render({"flag": 2, "value": "c"}) == "c Search"  # another value named
    with translation.override("fr"):
        assert t.render({"flag": 1, "value": "d"}) == "d Rechercher"  # another language
    with translation.override("en"):
        assert t.render({"flag": 2, "value": "e"}) == "c Search"


def test_what_is_drawn_is_not_escaped_again():
    t = page("{% fixed %}<b>{{ value }}</b>{% endfixed %}")
    assert t.render({"value": "<i>"}) == "<b>&lt;i&gt;</b>"
    assert t.render({"value": "x"}) == "<b>&lt;i&gt;</b>"
    outer = page("{% fixed %}<b>{{ value }}</b>{% endfixed %}{% fixed %}{{ value }}{% endfixed %}")
    assert outer.render({"value": "&"}) == "<b>&amp;</b>&amp;"


def test_a_value_that_cannot_be_a_key_is_drawn_every_time():
    t = page("{% fixed items %}{{ value }}{% endfixed %}")
    assert t.render({"items": [1], "value": "a"}) == "a"
    assert t.render({"items": [1], "value": "b"}) == "b"


def test_each_block_keeps_a_bounded_number_of_drawings(monkeypatch):
    monkeypatch.setattr(fragments, "LIMIT", 3)
    t = page("{% fixed n %}{{ n }}{% endfixed %}")
    for n in range(10):
        assert t.render({"n": n}) == str(n)
    node = next(n for n in t.template.nodelist if isinstance(n, fragments.FixedNode))
    assert len(node.drawn) == 3


def test_a_changed_setting_forgets_every_drawing():
    t = page("{% fixed %}{{ value }}{% endfixed %}")
    assert t.render({"value": "a"}) == "a"
    with override_settings(USE_THOUSAND_SEPARATOR=True):
        assert t.render({"value": "b"}) == "b"
    assert t.render({"value": "c"}) == "c"


@pytest.mark.django_db
def test_the_navigation_marks_the_page_shown_and_follows_the_visitor(client, staff):
    search = client.get("/activities/").content.decode()
    countries = client.get("/countries/").content.decode()
    assert '<a href="/activities/" aria-current="page">' in search
    assert '<a href="/countries/" aria-current="page">' in countries
    assert '<a href="/activities/" aria-current="page">' not in countries
    assert "/workspace/" not in countries and "Sign in" in countries
    client.force_login(staff)
    signed_in = client.get("/countries/").content.decode()
    assert '<a href="/countries/" aria-current="page">' in signed_in
    assert 'href="/workspace/"' in signed_in and "Sign out" in signed_in
    french = client.get("/fr/countries/").content.decode()
    assert 'href="/fr/workspace/"' in french and 'href="/workspace/"' not in french
    client.logout()
    again = client.get("/countries/").content.decode()
    assert 'href="/workspace/"' not in again and "Sign in" in again
