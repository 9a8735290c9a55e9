"""`{% activity_card %}`: one result as the former per-card include drew it, escaped, in the
reader's language, with a summary cut as `truncatewords` cut it."""

import datetime as dt
import random

import pytest
from django.template.defaultfilters import truncatewords
from django.utils import translation

from ipdev.activities.selectors import ActivitySummary, Named
from ipdev.portal.templatetags.portal_cards import SUMMARY_WORDS, _first_words, activity_card


def summary(**changes) -> ActivitySummary:
    values = {
        "id": 42,
        "identifier": "XM-WIPO-1",
        "title": "Patent drafting <workshop>",
        "summary": "A week of exercises in drafting claims.",
        "status": "ongoing",
        "status_label": "Ongoing",
        "start_date": dt.date(2024, 3, 4),
        "end_date": dt.date(2024, 3, 8),
        "scope": "national",
        "category": Named("training", "Training"),
        "delivery_mode": None,
        "countries": [Named("KE", "Kenya"), Named("UG", "Uganda")],
        "regions": [],
        "reporting_org": Named("1", "WIPO"),
        "translations": {"fr": {"title": "Atelier de rédaction"}},
    }
    values.update(changes)
    return ActivitySummary(**values)


def test_a_card_links_the_activity_and_escapes_its_texts():
    card = activity_card(summary())
    assert card.startswith('<li class="card">') and card.endswith("</li>")
    assert '<a href="/activities/42/">Patent drafting &lt;workshop&gt;</a>' in card
    assert '<time datetime="2024-03-04">' in card and '<time datetime="2024-03-08">' in card
    assert "<span>Kenya, Uganda</span> <span>Training</span>" in card
    assert '<span class="identifier">XM-WIPO-1</span>' in card
    assert "translation-badge" not in card  # English, as written
    assert '<p class="card-summary" dir="auto" lang="en">A week' in card


def test_in_another_language_the_translation_or_the_original_with_a_badge():
    with translation.override("fr"):
        card = activity_card(summary())
        assert '<a href="/fr/activities/42/">Atelier de rédaction</a>' in card
        assert 'lang="fr"' in card
        # The summary has no French version: shown as written, in English.
        assert '<p class="card-summary" dir="auto" lang="en">' in card
    with translation.override("ar"):
        card = activity_card(summary())
        assert '<a href="/ar/activities/42/">Patent drafting &lt;workshop&gt;</a>' in card
        assert 'class="translation-badge" lang="ar"' in card


def test_a_compact_card_has_no_summary_and_one_day_one_date():
    card = activity_card(summary(end_date=dt.date(2024, 3, 4)), compact=True)
    assert "card-summary" not in card
    assert card.count("<time") == 1


@pytest.mark.parametrize("count", [1, 2, SUMMARY_WORDS])
def test_summaries_are_cut_as_truncatewords_cuts_them(count):
    rng = random.Random(count)
    pieces = ["word", "a", "…", "end.", "x\ty", "<b>"]
    texts = ["", " ", "one", " a  b\n c ", "w " * count, "w " * (count + 1) + "…"]
    texts += [
        "".join(
            rng.choice(pieces) + rng.choice([" ", "  ", "\n"]) for _ in range(rng.randint(0, 60))
        )
        for _ in range(500)
    ]
    for text in texts:
        assert _first_words(text, count) == truncatewords(text, count), repr(text)
