"""The back-office activity form in sections without the stock admin's noise, and the audit
history in words: field labels, names instead of codes, only what changed."""

import pytest

from ipdev.activities import services
from tests.conftest import client_for
from tests.factories import make_activity

pytestmark = pytest.mark.django_db


def test_the_activity_form_comes_in_sections(staff):
    body = client_for(staff).get("/backoffice/activities/activity/add/").content.decode()
    headings = [
        "General information (always public)",
        "Where and when",
        "Details: description, objectives, outcomes and lessons",
        "Details: participants and beneficiary institutions",
        "Funding and cost",
    ]
    positions = [body.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Left blank, an identifier is assigned on saving." in body
    assert "identifier_note" not in body  # no second "Identifier" label
    assert 'type="date" name="start_date"' in body
    assert "vDateField" not in body  # no admin calendar, hence no server-time note
    assert "selector-available" not in body  # no "available / chosen" lists


def test_documents_come_last_on_an_existing_activity(staff):
    activity = make_activity(user=staff)
    body = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/change/")
    text = body.content.decode()
    assert text.index("Funding and cost") < text.index('id="documents-group"')


def test_the_history_names_fields_and_values_and_only_what_changed(staff):
    activity = make_activity(user=staff, countries=["KE"])
    services.activity_update(
        user=staff,
        activity=activity,
        data={"scope": "regional", "countries": ["KE", "PE"], "category": "legislative"},
    )
    body = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/history/")
    text = body.content.decode()
    assert "Changed" in text and "Created" in text
    assert "added Peru" in text  # a name, not the code PE, and only the one added
    assert "Legislative assistance" in text
    assert "Regional" in text and "activity.updated" not in text
    assert "&#x27;PE&#x27;" not in text and "[&#x27;" not in text


def test_the_history_uses_the_forms_labels_and_choices(staff):
    activity = make_activity(user=staff)
    body = client_for(staff).get(f"/backoffice/activities/activity/{activity.pk}/history/")
    text = body.content.decode()
    assert "Sustainable Development Goals" in text and "Sdgs" not in text
    assert "→ English" in text  # the language's name, not "en"
    assert text.index("Title</strong>") < text.index("Cost</strong>")  # the form's order
