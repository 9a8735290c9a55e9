"""The request form helps: every missing field named at once, the letter kept across a failed
submit (for its uploader only), the accepted types stated, the only choice preselected, the
lead-time warning's data ready for the page's script."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipdev.planning.models import AssistanceRequest
from tests.conftest import client_for
from tests.factories import OrganisationFactory, letter, request_data

pytestmark = pytest.mark.django_db
URL = "/backoffice/work/requests/new/"


def _form(**overrides):
    data = request_data(**overrides)
    return {k: ("" if v is None else v) for k, v in data.items() if k != "kind"}


def test_every_missing_field_and_the_letter_are_named_at_once(focal_point):
    data = {**_form(), "purpose": "", "title": "", "beneficiaries_profile": ""}
    response = client_for(focal_point).post(URL, data)
    errors = response.context["form"].errors
    assert {"purpose", "title", "beneficiaries_profile", "letter"} <= set(errors)
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert body.count('<li><a href="#id_') >= 4  # the summary links to each field
    assert not AssistanceRequest.objects.exists()


def test_the_letter_is_kept_after_an_error_and_filed_when_corrected(focal_point):
    client = client_for(focal_point)
    first = client.post(URL, {**_form(), "purpose": "", "letter": letter()})
    form = first.context["form"]
    assert "purpose" in form.errors and "letter" not in form.errors
    body = first.content.decode()
    assert "Kept from your last attempt" in body and "letter.pdf" in body
    token = form.fields["letter"].widget.held.token
    assert f'name="letter__held" value="{token}"' in body
    assert not AssistanceRequest.objects.exists()

    second = client.post(URL, {**_form(), "letter__held": token})
    assert second.status_code == 302
    filed = AssistanceRequest.objects.get()
    assert filed.letter.read().startswith(b"%PDF-")
    assert filed.letter_content_type == "application/pdf"


def test_a_kept_letter_can_be_replaced(focal_point):
    client = client_for(focal_point)
    first = client.post(URL, {**_form(), "purpose": "", "letter": letter()})
    token = first.context["form"].fields["letter"].widget.held.token
    other = SimpleUploadedFile("second.pdf", b"%PDF-1.4 the second letter", "application/pdf")
    client.post(URL, {**_form(), "letter__held": token, "letter": other})
    assert AssistanceRequest.objects.get().letter.read().endswith(b"the second letter")


def test_only_the_uploader_can_use_a_kept_letter(focal_point, staff):
    first = client_for(focal_point).post(URL, {**_form(), "purpose": "", "letter": letter()})
    token = first.context["form"].fields["letter"].widget.held.token
    response = client_for(staff).post(URL, {**_form(), "letter__held": token})
    assert "letter" in response.context["form"].errors
    forged = client_for(focal_point).post(URL, {**_form(), "letter__held": token + "x"})
    assert "letter" in forged.context["form"].errors
    assert not AssistanceRequest.objects.exists()


def test_a_letter_of_a_refused_type_is_named_and_not_kept(focal_point):
    bad = SimpleUploadedFile("letter.exe", b"MZ\x90\x00", "application/octet-stream")
    response = client_for(focal_point).post(URL, {**_form(), "letter": bad})
    errors = response.context["form"].errors["letter"]
    assert "are not accepted" in errors[0]
    assert "Kept from your last attempt" not in response.content.decode()
    assert not AssistanceRequest.objects.exists()


def test_the_form_states_types_requirements_and_the_lead_time(focal_point):
    body = client_for(focal_point).get(URL).content.decode()
    assert 'accept=".csv,.doc,.docx' in body
    assert "Accepted: .csv, .doc, .docx" in body
    assert body.count("(required)") >= 8
    assert 'data-lead-months="5"' in body
    assert f'data-lead-from="{dt.date.today().isoformat()}"' in body
    assert "less than five months away" in body  # the translated message for the script
    assert "backoffice/forms.js" in body


def test_the_focal_points_only_country_and_institution_are_preselected(focal_point):
    focal_point.organisation = OrganisationFactory(name="Kenya Industrial Property Institute")
    focal_point.save()
    form = client_for(focal_point).get(URL).context["form"]
    assert form["country"].value() == "KE"
    assert form["institution"].value() == "Kenya Industrial Property Institute"


def test_staff_choose_among_all_countries(staff):
    form = client_for(staff).get(URL).context["form"]
    assert form["country"].value() is None


def test_the_project_variant_requires_its_own_fields(focal_point):
    response = client_for(focal_point).get(reverse("backoffice-work:request-new") + "?kind=project")
    form = response.context["form"]
    assert form.fields["rationale"].required and form.fields["readiness"].required
    assert not form.fields["development_goals"].required


def test_kept_uploads_are_purged_after_a_day(focal_point):
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from ipdev.backoffice.uploads import purge_held

    response = client_for(focal_point).post(URL, {**_form(), "purpose": "", "letter": letter()})
    path = response.context["form"].fields["letter"].widget.held.path
    assert default_storage.exists(path)
    assert purge_held(now=timezone.now()) == 0
    assert purge_held(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert not default_storage.exists(path)


def test_a_filed_request_leaves_no_kept_copy(focal_point):
    from django.core.files.storage import default_storage

    client = client_for(focal_point)
    first = client.post(URL, {**_form(), "purpose": "", "letter": letter()})
    held = first.context["form"].fields["letter"].widget.held
    client.post(URL, {**_form(), "letter__held": held.token})
    assert AssistanceRequest.objects.exists()
    assert not default_storage.exists(held.path)
