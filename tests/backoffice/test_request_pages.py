"""The request workflow pages: focal points file, staff review and decide; each persona tested."""

import datetime as dt

import pytest
from django.urls import reverse

from ipdev.activities.models import Activity
from ipdev.planning.models import AssistanceRequest, RequestStatus
from tests.conftest import client_for
from tests.factories import ALL_CRITERIA, file_request, letter, request_data

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = request_data(**overrides)
    return {k: ("" if v is None else v) for k, v in data.items() if k != "kind"}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("public", 403),
        ("focal_point", 200),
        ("other_focal_point", 200),
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_who_opens_the_request_list(personas, persona, expected):
    response = client_for(personas[persona]).get(reverse("backoffice-work:requests"))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("public", 403), ("focal_point", 403), ("staff", 200)],
)
def test_only_staff_open_the_report(personas, persona, expected):
    response = client_for(personas[persona]).get(reverse("backoffice-work:requests-report"))
    assert response.status_code == expected


def test_every_workflow_view_states_its_access():
    from django.urls import get_resolver

    resolver = get_resolver("ipdev.backoffice.urls")
    views = [p.callback for p in resolver.url_patterns]
    assert views and all(getattr(v, "access", None) in {"writers", "staff"} for v in views)


def test_focal_point_files_a_request_with_the_letter(focal_point):
    client = client_for(focal_point)
    response = client.post(reverse("backoffice-work:request-new"), {**_form(), "letter": letter()})
    request = AssistanceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice-work:request", args=[request.pk])
    page = client.get(response["Location"])
    assert b"Training of patent examiners" in page.content
    assert b"Approval criteria" not in page.content  # the review is internal


def test_filing_without_a_letter_shows_the_error_on_the_letter_field(focal_point):
    response = client_for(focal_point).post(reverse("backoffice-work:request-new"), _form())
    assert response.status_code == 200
    assert response.context["form"].errors["letter"]
    assert not AssistanceRequest.objects.exists()


def test_focal_point_can_choose_only_their_countries(focal_point):
    response = client_for(focal_point).post(
        reverse("backoffice-work:request-new"), {**_form(country="PE"), "letter": letter()}
    )
    assert "country" in response.context["form"].errors
    assert not AssistanceRequest.objects.exists()


def test_the_project_variant_asks_for_the_project(focal_point):
    client = client_for(focal_point)
    page = client.get(reverse("backoffice-work:request-new") + "?kind=project")
    assert b'name="readiness"' in page.content
    response = client.post(
        reverse("backoffice-work:request-new") + "?kind=project",
        {**_form(), "letter": letter()},
    )
    assert {"project", "rationale", "readiness"} <= set(response.context["form"].errors)


def test_another_countrys_focal_point_gets_404(focal_point, other_focal_point):
    request = file_request(focal_point)
    client = client_for(other_focal_point)
    assert client.get(reverse("backoffice-work:request", args=[request.pk])).status_code == 404
    letter_url = reverse("backoffice-work:request-letter", args=[request.pk])
    assert client.get(letter_url).status_code == 404
    own = client_for(focal_point).get(letter_url)
    assert own.status_code == 200 and b"".join(own.streaming_content).startswith(b"%PDF")


def test_staff_review_consult_and_approve_through_the_pages(focal_point, staff):
    request = file_request(focal_point)
    client = client_for(staff)
    review = {f"criterion_{k}": "yes" for k in ALL_CRITERIA} | {"notes": "Fits the plan."}
    assert client.post(reverse("backoffice-work:request-review", args=[request.pk]), review)[
        "Location"
    ].endswith(f"/{request.pk}/")
    consult = {"unit": "academy", "consulted_on": dt.date.today().isoformat(), "summary": "Ok."}
    client.post(reverse("backoffice-work:request-consult", args=[request.pk]), consult)
    decision = {
        "decision": "approved",
        "reason": "Part of the country plan.",
        "no_framework_reason": "Kenya's plan is still a draft.",
    }
    client.post(reverse("backoffice-work:request-decide", args=[request.pk]), decision)
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert Activity.objects.get().pk == request.activity_id
    page = client_for(focal_point).get(reverse("backoffice-work:request", args=[request.pk]))
    assert b"Part of the country plan." in page.content
    assert b"Fits the plan." not in page.content


def test_a_decision_without_a_reason_is_shown_on_the_reason_field(focal_point, staff):
    request = file_request(focal_point)
    response = client_for(staff).post(
        reverse("backoffice-work:request-decide", args=[request.pk]), {"decision": "declined"}
    )
    assert response.status_code == 400
    assert response.context["decision_form"].errors["reason"]


def test_approval_with_unchecked_criteria_is_refused_on_the_page(focal_point, staff):
    request = file_request(focal_point)
    response = client_for(staff).post(
        reverse("backoffice-work:request-decide", args=[request.pk]),
        {"decision": "approved", "reason": "Yes"},
    )
    assert response.status_code == 400
    assert "criteria" in str(response.context["decision_form"].non_field_errors())
    assert not Activity.objects.exists()


@pytest.mark.parametrize("persona", ["focal_point", "public"])
def test_non_staff_cannot_post_a_decision(personas, persona, staff):
    request = file_request(staff)
    response = client_for(personas[persona]).post(
        reverse("backoffice-work:request-decide", args=[request.pk]),
        {"decision": "declined", "reason": "x"},
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_the_short_notice_warning_shows_in_the_list_and_on_the_request(staff):
    soon = file_request(staff, preferred_start=dt.date.today() + dt.timedelta(days=30))
    client = client_for(staff)
    assert b"short notice" in client.get(reverse("backoffice-work:requests")).content
    page = client.get(reverse("backoffice-work:request", args=[soon.pk]))
    assert b"less than five months away" in page.content


def test_report_page_lists_countries(focal_point, staff):
    file_request(focal_point)
    page = client_for(staff).get(reverse("backoffice-work:requests-report"))
    assert b"Kenya" in page.content


def test_unanswered_criteria_are_named_on_the_review_form(focal_point, staff):
    request = file_request(focal_point)
    response = client_for(staff).post(
        reverse("backoffice-work:request-review", args=[request.pk]),
        {"criterion_formal_request": "yes", "criterion_addresses_needs": "yes"},
    )
    assert response.status_code == 400
    errors = response.context["review_form"].errors
    assert {"criterion_readiness", "criterion_resources"} <= set(errors)


def test_staff_waive_the_consultation_and_justify_no_plan_in_the_decision_form(focal_point, staff):
    request = file_request(focal_point)
    client = client_for(staff)
    review = {f"criterion_{k}": "yes" for k in ALL_CRITERIA}
    client.post(reverse("backoffice-work:request-review", args=[request.pk]), review)
    page = client.get(reverse("backoffice-work:request", args=[request.pk])).content.decode()
    assert 'id="no-consultation-note"' in page and 'id="no-framework-note"' in page
    url = reverse("backoffice-work:request-decide", args=[request.pk])
    response = client.post(url, {"decision": "approved", "reason": "Yes."})
    assert response.status_code == 400
    errors = response.context["decision_form"].errors
    assert {"consultation_waiver", "no_framework_reason"} <= set(errors)
    client.post(
        url,
        {
            "decision": "approved",
            "reason": "Yes.",
            "consultation_waiver": "The Academy was consulted on the same training last month.",
            "no_framework_reason": "No plan yet; urgent.",
        },
    )
    page = client.get(reverse("backoffice-work:request", args=[request.pk])).content.decode()
    assert "consulted on the same training" in page and 'id="decision-lead"' in page


def test_a_past_date_is_refused_on_the_request_form(focal_point):
    data = request_data(preferred_start=dt.date.today() - dt.timedelta(days=3))
    data.pop("kind")
    data["letter"] = letter()
    response = client_for(focal_point).post(reverse("backoffice-work:request-new"), data)
    assert response.status_code == 200
    assert "already past" in str(response.context["form"].errors["preferred_start"])
