"""Workflow pages of the results framework: define, target, record, submit, review; personas."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

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


def test_a_stale_actual_form_is_refused_and_says_what_changed(staff, focal_point):
    """Two people record the same year's actual from pages opened at the same time."""
    indicator = make_indicator(staff)
    page = reverse("backoffice-work:indicator", args=[indicator.pk])
    record = reverse("backoffice-work:indicator-actual", args=[indicator.pk])
    mine, theirs = client_for(focal_point), client_for(staff)
    opened = mine.get(page).context["actual_form"].initial
    their_opened = theirs.get(page).context["actual_form"].initial
    base = {"period": "2026", "narrative": ""}
    their_post = {
        **base,
        "value": "12",
        "value_women": "5",
        "value_men": "7",
        **{k: their_opened[k] for k in ("version", "version_state")},
    }
    assert theirs.post(record, their_post).status_code == 302
    my_post = {
        **base,
        "value": "30",
        "value_women": "10",
        "value_men": "20",
        **{k: opened[k] for k in ("version", "version_state")},
    }
    response = mine.post(record, my_post)
    assert response.status_code == 400
    html = response.content.decode()
    assert "your changes were not saved" in html
    assert "Value reached (2026): “—” → “12" in html
    assert Actual.objects.get().value == D("12")


def test_a_stale_actual_step_does_nothing(staff, focal_point):
    indicator = make_indicator(staff)
    split = {"value_women": D("1"), "value_men": D("2")}
    services.actual_save(user=focal_point, indicator=indicator, period=2026, value=D("3"), **split)
    actual = Actual.objects.get()
    page = client_for(focal_point).get(reverse("backoffice-work:indicator", args=[indicator.pk]))
    version = next(a.version for a in page.context["i"].actuals)
    services.actual_save(user=staff, indicator=indicator, period=2026, value=D("4"), **split)
    submit = reverse("backoffice-work:actual-submit", args=[actual.pk])
    response = client_for(focal_point).post(submit, {"version": version}, follow=True)
    assert "Someone else changed this actual" in response.content.decode()
    actual.refresh_from_db()
    assert actual.status == ActualStatus.DRAFT


def test_the_only_year_open_for_reporting_is_preselected(staff, focal_point):
    indicator = make_indicator(staff, by_sex=False)
    page = reverse("backoffice-work:indicator", args=[indicator.pk])
    for period, value in ((2027, "20"), (2028, "40")):
        services.target_set(user=staff, indicator=indicator, period=period, value=value)
    form = client_for(focal_point).get(page).context["actual_form"]
    assert form.initial["period"] == timezone.localdate().year  # two years: none chosen
    services.actual_save(user=focal_point, indicator=indicator, period=2027, value=D("3"))
    services.actual_submit(user=focal_point, actual=Actual.objects.get())
    html = client_for(focal_point).get(page).content.decode()
    assert 'name="period" value="2028"' in html  # 2027 is under review: 2028 is the only one


def test_a_year_under_review_is_refused_beside_the_year_in_words(staff, focal_point):
    indicator = make_indicator(staff, by_sex=False)
    services.actual_save(user=focal_point, indicator=indicator, period=2026, value=D("3"))
    services.actual_submit(user=focal_point, actual=Actual.objects.get())
    record = reverse("backoffice-work:indicator-actual", args=[indicator.pk])
    post = {"period": "2026", "value": "5"}
    response = client_for(focal_point).post(record, post)
    assert response.status_code == 400
    errors = response.context["actual_form"].errors
    assert errors["period"] == ["This actual is submitted; it can be changed only when returned."]
    assert Actual.objects.get().value == D("3")
