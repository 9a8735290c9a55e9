"""No lost update in the back office: a stale activity form is refused and says what changed."""

import pytest

from ipdev.activities import services
from ipdev.activities.models import Activity
from ipdev.core.models import AuditEntry
from tests.conftest import client_for
from tests.factories import UserFactory, make_activity

pytestmark = pytest.mark.django_db


def opened_form(client, activity) -> dict:
    """The change form's values as a browser would post them back unchanged."""
    response = client.get(f"/backoffice/activities/activity/{activity.pk}/change/")
    form = response.context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        if value is None:
            value = ""
        elif isinstance(value, list | tuple):
            value = [str(v) for v in value]
        data[field.html_name] = value
    docs = activity.documents.count()
    data.update({"documents-TOTAL_FORMS": str(docs), "documents-INITIAL_FORMS": str(docs)})
    return data


@pytest.fixture
def activity(staff):
    return make_activity(user=staff, title="Workshop on patent drafting", cost=1000)


@pytest.fixture
def colleague(db):
    return UserFactory(username="cleo.colleague", role="staff", is_staff=True)


def test_an_unchanged_version_saves(staff, activity):
    client = client_for(staff)
    data = opened_form(client, activity)
    data["title"] = "Workshop on patent claims"
    response = client.post(f"/backoffice/activities/activity/{activity.pk}/change/", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Workshop on patent claims"


def test_the_second_save_does_not_undo_the_first(staff, colleague, activity):
    mine, theirs = client_for(staff), client_for(colleague)
    my_form = opened_form(mine, activity)
    their_form = opened_form(theirs, activity)
    their_form["title"] = "Workshop on patent claims"
    assert theirs.post(f"/backoffice/activities/activity/{activity.pk}/change/", their_form)[
        "Location"
    ]
    my_form["cost"] = "2000.00"
    response = mine.post(f"/backoffice/activities/activity/{activity.pk}/change/", my_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "your changes were not saved" in html
    assert "cleo.colleague" in html
    assert "Workshop on patent drafting" in html and "Workshop on patent claims" in html
    assert "Your change, to make again: Cost: “2000.00”" in html
    activity.refresh_from_db()
    assert activity.title == "Workshop on patent claims"
    assert str(activity.cost) == "1000.00"
    assert AuditEntry.objects.filter(action="activity.updated").count() == 1


def test_a_change_through_the_api_also_makes_the_form_stale(staff, activity):
    client = client_for(staff)
    data = opened_form(client, activity)
    services.activity_update(user=staff, activity=activity, data={"summary": "Changed by API"})
    data["title"] = "Mine"
    response = client.post(f"/backoffice/activities/activity/{activity.pk}/change/", data)
    assert response.status_code == 200
    assert Activity.objects.get().title == "Workshop on patent drafting"


def admin_form(client, url: str) -> dict:
    """Any change form's values as a browser posts them back unchanged (no inlines)."""
    form = client.get(url).context["adminform"].form
    data = {}
    for field in form:
        value = field.value()
        data[field.html_name] = (
            "" if value is None else [str(v) for v in value] if isinstance(value, list) else value
        )
    return data


def test_every_back_office_change_form_carries_its_version(staff):
    """Each registered ModelAdmin that can change an object gets the hidden version fields."""
    from django.contrib import admin

    from ipdev.accounts.models import Organisation
    from ipdev.backoffice.stale import GuardedForm, VersionedForm

    org = Organisation.objects.create(name="Kenya Industrial Property Institute", type="15")
    request = type("R", (), {"user": staff})()
    for model, model_admin in admin.site._registry.items():
        if model is not Organisation and not model._default_manager.exists():
            continue
        obj = org if model is Organisation else model._default_manager.first()
        if not model_admin.has_change_permission(request, obj):
            continue
        form = model_admin.get_form(request, obj, change=True)
        assert issubclass(form, GuardedForm | VersionedForm), model
        fields = [f for _n, o in model_admin.get_fieldsets(request, obj) for f in o["fields"]]
        assert "version" in fields and "version_state" in fields, model


def test_a_stale_organisation_form_says_in_words_what_the_other_person_changed(staff, colleague):
    from ipdev.accounts.models import Organisation

    org = Organisation.objects.create(name="Kenya Industrial Property Institute", type="15")
    url = f"/backoffice/accounts/organisation/{org.pk}/change/"
    mine, theirs = client_for(staff), client_for(colleague)
    my_form, their_form = admin_form(mine, url), admin_form(theirs, url)
    their_form.update({"type": "40", "country": "KE"})
    assert theirs.post(url, their_form).status_code == 302
    my_form["name"] = "KIPI"
    response = mine.post(url, my_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "your changes were not saved" in html
    assert "Type: “IP office or other public sector” → “Multilateral / intergovernmental”" in html
    assert "Country: “—” → “Kenya”" in html
    assert "Your change, to make again: Name: “KIPI”" in html
    org.refresh_from_db()
    assert (org.name, org.type, org.country_id) == (
        "Kenya Industrial Property Institute",
        "40",
        "KE",
    )
    again = admin_form(mine, url)
    again["name"] = "KIPI"
    assert mine.post(url, again).status_code == 302
    assert Organisation.objects.get(pk=org.pk).name == "KIPI"
