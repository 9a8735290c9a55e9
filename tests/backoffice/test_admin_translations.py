"""The back office edits an activity's title and summary in the other UN languages."""

import pytest

from ipdev.activities.models import Activity
from tests.backoffice.test_admin import ADD_URL, _default_org_pk, new_activity_form
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_staff_give_the_title_and_summary_in_other_languages(staff):
    form = new_activity_form(
        reporting_org=_default_org_pk(),
        text_language="en",
        title_fr="Séminaire sur les indications géographiques",
        summary_fr="Un séminaire.",
        title_zh="地理标志研讨会",
        title_en="ignored: English is the original",
    )
    response = client_for(staff).post(ADD_URL, form)
    assert response.status_code == 302, response.content[:2000]
    activity = Activity.objects.get()
    assert activity.translations == {
        "zh": {"title": "地理标志研讨会"},
        "fr": {"title": "Séminaire sur les indications géographiques", "summary": "Un séminaire."},
    }
    page = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/change/")
    assert page.context["adminform"].form.initial["title_fr"].startswith("Séminaire")
