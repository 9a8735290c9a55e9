"""The search page's controls: chosen values stay (0 included), the text as a chip, one year
range, type-ahead on long facets, the help on the syntax, and what to remove when nothing
matches. Translations cannot make a withheld detail searchable."""

import re

import pytest

from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def some(staff):
    make_activity(
        user=staff,
        title="Patent drafting workshop",
        countries=["KE"],
        translations={"fr": {"title": "Atelier de rédaction des brevets"}},
    )
    make_activity(user=staff, title="Copyright seminar", countries=["PE"])  # fmt: skip


def page(**params) -> str:
    return client_for(None).get("/activities/", params).content.decode()


def test_a_chosen_country_with_no_match_stays_ticked_with_zero(some):
    body = page(q="copyright", country="KE")
    box = re.search(r'<input type="checkbox" id="f-country-ke"[^>]*>', body).group(0)
    assert "checked" in box
    assert re.search(r'for="f-country-ke">Kenya <span class="count">0</span>', body)


def test_the_country_facet_lists_the_beneficiary_countries(some):
    from ipdev.reference.models import beneficiary_countries

    body = page()
    listed = set(re.findall(r'name="country" value="([A-Z]{2})"', body))
    assert set(beneficiary_countries().values_list("code", flat=True)) <= listed
    assert 'id="find-country"' in body and 'for="find-country"' in body  # labelled type-ahead


def test_the_text_is_a_removable_chip_and_years_are_one_range(some):
    body = page(q="patent", year_from="2000")
    assert re.search(r'class="chip">Search text: patent', body)
    assert 'href="/activities/?year_from=2000" class="chip"' in body
    assert 'id="facet-year"' not in body and body.count('name="year_from"') == 1


def test_the_help_explains_the_syntax(some):
    body = page()
    assert 'class="search-help"' in body and "patent OR trademark" in body


def test_an_empty_result_suggests_the_filter_to_remove_with_its_count(some):
    body = page(q="drafting", country="PE")
    assert "No activities match" in body
    assert re.search(
        r'href="/activities/\?q=drafting"[^>]*>\s*Remove “Country: Peru”: 1 activity', body
    )
    assert re.search(
        r'href="/activities/\?country=PE"[^>]*>\s*Remove “Search text: drafting”: 1 activity', body
    )


def test_translations_are_searchable_but_never_withheld_details(staff):
    """Only the title and summary have translations; a detail's marker is found in no
    language, and a translation cannot carry other fields."""
    from django.core.exceptions import ValidationError

    make_activity(user=staff, title="Consent test", countries=["KE"],
                  outcomes="MARKER-OUTCOMES-TR1",
                  translations={"fr": {"title": "Essai de consentement",
                                       "summary": "Résumé public"}})  # fmt: skip
    assert "1 activity" in page(q="consentement")
    for text in ("MARKER-OUTCOMES-TR1", "outcomes TR1", '"MARKER OUTCOMES"'):
        assert re.search(r'id="results-heading">\s*0 activities', page(q=text)), text
    with pytest.raises(ValidationError):
        make_activity(user=staff, title="Leaky", countries=["KE"],
                      translations={"fr": {"outcomes": "MARKER-OUTCOMES-TR2"}})  # fmt: skip
    assert re.search(r'id="results-heading">\s*0 activities', page(q="MARKER-OUTCOMES-TR2"))
