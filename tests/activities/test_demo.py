"""The demo data's first impression looks like the real database."""

from collections import Counter

import pytest

from ipdev.activities import demo
from ipdev.activities.models import Activity, Consent, Status
from ipdev.reference.models import beneficiary_countries

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    demo.generate(activities=200, seed=11)
    return Activity.objects.prefetch_related("countries")


def test_demo_activities_go_to_beneficiary_countries_where_wipo_works_most(generated):
    allowed = set(beneficiary_countries().values_list("code", flat=True))
    per_country = Counter(c.code for a in generated for c in a.countries.all())
    assert set(per_country) <= allowed
    assert not {"SH", "TF", "BV", "US", "FR"} & set(per_country)
    top = [code for code, _ in per_country.most_common(10)]
    assert all(code in demo.FOCUS for code in top), top


def test_demo_activities_are_mostly_completed_in_past_years(generated):
    statuses = Counter(generated.values_list("status", flat=True))
    assert statuses[Status.COMPLETED] >= 0.75 * 200, statuses
    assert statuses[Status.PLANNED] <= 0.10 * 200, statuses
    years = Counter(a.start_date.year for a in generated)
    assert max(years.values()) < 0.15 * 200, years  # spread, not heaped on one year
    assert len(years) >= 10, years


def test_demo_consents_cover_about_a_quarter_of_the_countries(generated):
    consenting = set(Consent.objects.values_list("country", flat=True))
    share = len(consenting) / beneficiary_countries().count()
    assert 0.2 <= share <= 0.3, share


def test_a_search_in_chinese_french_or_spanish_finds_what_patent_finds(generated):
    """The demo activities carry their translations; the portal's search finds the same
    activities whichever language the word is written in."""
    import re

    from ipdev.search import engine
    from ipdev.search.types import Query
    from tests.conftest import client_for

    def found(text: str) -> set[int]:
        return set(engine.search(Query(text=text, limit=10_000, facets=False)).ids)

    patent = found("patent")
    assert 20 < len(patent) < 200
    for word in ("专利", "brevet", "patente", "brevets", "patentes", "Patents"):
        assert found(word) == patent, word
    assert found("专利 -brevet") == set() and found("brevet OR 专利") == patent
    sample = Activity.objects.filter(pk__in=patent).first()
    assert set(sample.translations) == {"fr", "es", "ru", "ar", "zh"}
    page = client_for(None).get("/activities/", {"q": "专利"}).content.decode()
    shown = re.search(r'id="results-heading">\s*(\d[\d,]*) activit', page)
    assert shown and int(shown.group(1).replace(",", "")) == len(patent)
