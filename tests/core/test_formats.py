"""Dates and numbers in the reader's locale, in every language (FORMAT_MODULE_PATH fills gaps)."""

import datetime as dt

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import make_activity

WHEN = dt.datetime(2026, 12, 7, 8, 12)

EXPECTED = {
    "en": ("Dec. 7, 2026, 8:12 a.m.", "1,234,567"),
    "fr": ("7 décembre 2026 08:12", "1\xa0234\xa0567"),
    "es": ("7 de diciembre de 2026 a las 08:12", "1\xa0234\xa0567"),
    "ru": ("7 декабря 2026 г. 8:12", "1\xa0234\xa0567"),  # noqa: RUF001
    "ar": ("7 ديسمبر 2026، 08:12", "1.234.567"),
    "zh-hans": ("2026年12月7日 08:12", "1,234,567"),
}


@pytest.mark.parametrize("language", EXPECTED)
def test_date_times_and_numbers_follow_the_language(language):
    with translation.override(language):
        assert (date_format(WHEN, "DATETIME_FORMAT"), intcomma(1234567)) == EXPECTED[language]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "zh-hans", "fr"])
def test_no_english_date_on_a_page_in_another_language(client, staff, language):
    activity = make_activity(
        user=staff, start_date=dt.date(2024, 3, 5), end_date=None, status="ongoing"
    )
    with translation.override("en"):  # the request's language does not outlive the test
        text = client.get(f"/{language}/activities/{activity.pk}/").content.decode()
    assert "March 5, 2024" not in text and "a.m." not in text and "p.m." not in text
    expected = {"ar": "5 مارس، 2024", "zh-hans": "2024年3月5日", "fr": "5 mars 2024"}[language]
    assert expected in text


CONTEXTS = {
    # A survey that is open, not the verb "open it".
    "fr": ("Ouverte", "Ouvrir"),
    "es": ("Abierta", "Abrir"),
    "ru": ("Открыт", "Открыть"),
    "ar": ("مفتوح", "فتح"),
    "zh-hans": ("开放中", "打开"),
}


@pytest.mark.parametrize("language", CONTEXTS)
def test_words_with_two_meanings_are_told_apart_by_their_context(language):
    from ipdev.evaluation.models import SurveyStatus
    from ipdev.matchmaking.models import Match
    from ipdev.planning.models.plans import PlanStatus

    status, verb = CONTEXTS[language]
    with translation.override(language):
        assert str(SurveyStatus.OPEN.label) == status
        assert translation.pgettext("link: open a record", "Open") == verb
        assert str(PlanStatus.AGREED.label) != str(Match.State.AGREED.label)


def test_the_development_agenda_is_never_shortened():
    for language, short, full in (
        ("fr", "Plan d'action", "Plan d'action pour le développement"),
        ("es", "la Agenda", "la Agenda para el Desarrollo"),
    ):
        with translation.override(language):
            text = translation.gettext("DA recommendations")
        assert full in text and text.count(short) == text.count(full), text
    with translation.override("ar"):
        assert translation.gettext("DA review") == "استعراض جدول أعمال التنمية"
    with translation.override("ru"):
        assert "IATI" in translation.gettext("Imported from IATI")
        assert translation.gettext("Offer") != translation.gettext("New suggestion").split()[-1]
    with translation.override("zh-hans"):
        assert "提供" not in translation.gettext("Offer")
