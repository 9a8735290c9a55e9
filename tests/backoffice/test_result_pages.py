"""Workflow pages of the results framework: define, target, record, submit, review; personas."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from ipdev.planning import services
from ipdev.planning.models import Actual, ActualStatus, Indicator
from tests.conftest import client_for
from tests.factories import make_activity, make_indicator, make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 302), ("public", 403), ("focal_point", 200), ("staff", 200)],
)
def test_who_opens_the_results_page(personas, persona, expected):
    assert client_for(personas[persona]).get(reverse("backoffice-work:results")).status_code == (
        expected
    )


def test_staff_define_an_indicator_from_a_plan_line(staff):
    line = make_plan(staff).lines.get()
    url = reverse("backoffice-work:indicator-new") + f"?plan_line={line.pk}"
    response = client_for(staff).post(
        url,
        {"name": "Examiners trained", "kind": "quantitative", "unit": "people", "by_sex": "on"},
    )
    indicator = Indicator.objects.get()
    assert response["Location"] == reverse("backoffice-work:indicator", args=[indicator.pk])
    assert indicator.plan_line == line and indicator.by_sex


def test_indicator_form_errors_name_the_field(staff):
    line = make_plan(staff).lines.get()
    url = reverse("backoffice-work:indicator-new") + f"?plan_line={line.pk}"
    response = client_for(staff).post(
        url, {"name": "Policy adopted", "kind": "qualitative", "baseline_value": "2"}
    )
    assert response.context["form"].errors["baseline_value"]
    assert not Indicator.objects.exists()


def test_focal_point_records_and_submits_staff_return_then_approve(staff, focal_point):
    indicator = make_indicator(staff)
    services.target_set(user=staff, indicator=indicator, period=2026, value="40")
    focal = client_for(focal_point)
    record = reverse("backoffice-work:indicator-actual", args=[indicator.pk])
    bad = focal.post(
        record, {"period": "2026", "value": "30", "value_women": "20", "value_men": "20"}
    )
    assert bad.status_code == 400 and bad.context["actual_form"].errors["value_women"]
    focal.post(record, {"period": "2026", "value": "30", "value_women": "14", "value_men": "16"})
    actual = Actual.objects.get()
    assert actual.value == D("30") and actual.status == ActualStatus.DRAFT
    focal.post(reverse("backoffice-work:actual-submit", args=[actual.pk]))
    assert (
        focal.post(reverse("backoffice-work:actual-approve", args=[actual.pk])).status_code == 403
    )
    desk = client_for(staff)
    no_comment = desk.post(reverse("backoffice-work:actual-return", args=[actual.pk]), {})
    assert no_comment.status_code == 400
    desk.post(reverse("backoffice-work:actual-return", args=[actual.pk]), {"comment": "Source?"})
    actual.refresh_from_db()
    assert actual.status == ActualStatus.RETURNED
    focal.post(record, {"period": "2026", "value": "32", "value_women": "15", "value_men": "17"})
    focal.post(reverse("backoffice-work:actual-submit", args=[actual.pk]))
    desk.post(reverse("backoffice-work:actual-approve", args=[actual.pk]))
    actual.refresh_from_db()
    assert actual.status == ActualStatus.APPROVED
    page = desk.get(reverse("backoffice-work:indicator", args=[indicator.pk]))
    assert b"80.0 %" in page.content and b"<svg" in page.content
    results = desk.get(reverse("backoffice-work:plan-results", args=[indicator.plan_line.plan_id]))
    assert b"80.0 %" in results.content


def test_focal_points_cannot_set_targets_or_see_other_countries(
    staff, focal_point, other_focal_point
):
    indicator = make_indicator(staff)
    target = reverse("backoffice-work:indicator-target", args=[indicator.pk])
    assert client_for(focal_point).post(target, {"period": "2026", "value": "5"}).status_code == 403
    url = reverse("backoffice-work:indicator", args=[indicator.pk])
    assert client_for(other_focal_point).get(url).status_code == 404
    page = client_for(focal_point).get(url)
    assert b"Record an actual" in page.content and b"Set a target" not in page.content


def test_an_activity_indicator_form_offers_the_plan_indicators_to_roll_up_into(staff):
    line_indicator = make_indicator(staff)
    activity = make_activity(user=staff)
    page = client_for(staff).get(
        reverse("backoffice-work:indicator-new") + f"?activity={activity.pk}"
    )
    assert page.context["form"].fields["contributes_to"].queryset.get() == line_indicator
