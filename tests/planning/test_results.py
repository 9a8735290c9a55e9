"""The results framework: indicators, targets, actuals with their review workflow, roll-ups."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ipdev.core.models import AuditEntry
from ipdev.planning import selectors, services
from ipdev.planning.models import ActualStatus, DAProject
from tests.factories import make_activity, make_indicator

pytestmark = pytest.mark.django_db


def _approve(staff, indicator, period, value, **kwargs):
    actual = services.actual_save(
        user=staff, indicator=indicator, period=period, value=value, **kwargs
    )
    services.actual_submit(user=staff, actual=actual)
    return services.actual_approve(user=staff, actual=actual)


def test_an_indicator_has_one_subject(staff):
    activity = make_activity(user=staff)
    line = make_indicator(staff).plan_line
    with pytest.raises(ValidationError) as exc:
        make_indicator(staff, line=line, activity=activity)
    assert "subject" in exc.value.message_dict


def test_indicators_attach_to_activities_and_da_projects(staff):
    project = DAProject.objects.create(code="DA_1_10_01", title="IP and development")
    assert make_indicator(staff, da_project=project).da_project == project
    assert make_indicator(staff, activity=make_activity(user=staff)).activity_id


def test_a_qualitative_indicator_has_no_numbers(staff):
    with pytest.raises(ValidationError) as exc:
        make_indicator(staff, kind="qualitative", baseline_value="3")
    assert {"baseline_value", "by_sex"} <= set(exc.value.message_dict)


def test_values_are_decimals_and_bad_ones_are_named(staff):
    indicator = make_indicator(staff, baseline_value="12.5")
    indicator.refresh_from_db()
    assert indicator.baseline_value == D("12.5")
    for bad in ("twelve", "NaN", "Infinity", "1e20", True):
        with pytest.raises(ValidationError) as exc:
            services.target_set(user=staff, indicator=indicator, period=2026, value=bad)
        assert "value" in exc.value.message_dict


def test_targets_per_period_can_be_changed(staff):
    indicator = make_indicator(staff)
    services.target_set(user=staff, indicator=indicator, period=2026, value="20")
    services.target_set(user=staff, indicator=indicator, period=2026, value="25")
    assert indicator.targets.get().value == D("25")
    assert AuditEntry.objects.filter(action="indicator.target_set").count() == 2


def test_an_actual_goes_draft_submitted_approved(staff, focal_point):
    indicator = make_indicator(staff)
    actual = services.actual_save(
        user=focal_point,
        indicator=indicator,
        period=2026,
        value="30",
        value_women="14",
        value_men="16",
    )
    assert actual.status == ActualStatus.DRAFT
    actual = services.actual_submit(user=focal_point, actual=actual)
    assert actual.status == ActualStatus.SUBMITTED
    with pytest.raises(ValidationError):
        services.actual_save(user=focal_point, indicator=indicator, period=2026, value="31")
    with pytest.raises(PermissionDenied):
        services.actual_approve(user=focal_point, actual=actual)
    actual = services.actual_approve(user=staff, actual=actual)
    assert actual.status == ActualStatus.APPROVED and actual.reviewed_by == staff


def test_a_returned_actual_has_a_comment_and_is_revised_as_a_draft(staff, focal_point):
    indicator = make_indicator(staff, by_sex=False)
    actual = services.actual_save(user=focal_point, indicator=indicator, period=2026, value="30")
    services.actual_submit(user=focal_point, actual=actual)
    with pytest.raises(ValidationError) as exc:
        services.actual_return(user=staff, actual=actual, comment=" ")
    assert "comment" in exc.value.message_dict
    actual = services.actual_return(user=staff, actual=actual, comment="Attach the list.")
    assert actual.status == ActualStatus.RETURNED
    assert selectors.actuals_queue(user=focal_point, status="returned")[0].actual.review_comment
    actual = services.actual_save(user=focal_point, indicator=indicator, period=2026, value="28")
    assert actual.status == ActualStatus.DRAFT and actual.value == D("28")


def test_sex_disaggregation_is_checked(staff):
    indicator = make_indicator(staff)
    with pytest.raises(ValidationError) as exc:
        services.actual_save(
            user=staff,
            indicator=indicator,
            period=2026,
            value="10",
            value_women="6",
            value_men="5",
        )
    assert "value_women" in exc.value.message_dict
    plain = make_indicator(staff, line=indicator.plan_line, by_sex=False)
    with pytest.raises(ValidationError) as exc:
        services.actual_save(user=staff, indicator=plain, period=2026, value="10", value_women="6")
    assert "value_women" in exc.value.message_dict


def test_a_qualitative_actual_is_a_narrative(staff):
    indicator = make_indicator(
        staff, kind="qualitative", baseline_value=None, by_sex=False, unit=""
    )
    with pytest.raises(ValidationError) as exc:
        services.actual_save(user=staff, indicator=indicator, period=2026, value="3")
    assert {"value", "narrative"} <= set(exc.value.message_dict)
    actual = services.actual_save(
        user=staff, indicator=indicator, period=2026, narrative="The strategy was adopted."
    )
    assert actual.narrative


def test_another_countrys_focal_point_cannot_report(staff, other_focal_point):
    indicator = make_indicator(staff)
    with pytest.raises(PermissionDenied):
        services.actual_save(user=other_focal_point, indicator=indicator, period=2026, value=1)


def test_only_staff_define_indicators(focal_point, staff):
    line = make_indicator(staff).plan_line
    with pytest.raises(PermissionDenied):
        make_indicator(focal_point, line=line)


def test_target_vs_actual_counts_approved_actuals_only(staff):
    indicator = make_indicator(staff, by_sex=False)
    services.target_set(user=staff, indicator=indicator, period=2026, value="20")
    services.target_set(user=staff, indicator=indicator, period=2027, value="20")
    _approve(staff, indicator, 2026, "15")
    services.actual_save(user=staff, indicator=indicator, period=2027, value="99")  # a draft
    detail = selectors.indicator_detail(user=staff, pk=indicator.pk)
    rows = {r.period: r for r in detail.rows}
    assert rows[2026].achievement == D("75.0")
    assert rows[2027].actual is None
    assert rows[2027].target_to_date == D("40") and rows[2027].actual_to_date == D("15")
    assert detail.bars and detail.chart_width > 0


def test_activity_indicators_roll_up_into_the_plan_line_and_its_goal(staff):
    line_indicator = make_indicator(staff, by_sex=False)
    plan = line_indicator.plan_line.plan
    services.target_set(user=staff, indicator=line_indicator, period=2026, value="40")
    for n in (12, 18):
        activity = make_activity(user=staff, title=f"Workshop {n}")
        contribution = make_indicator(
            staff, activity=activity, contributes_to=line_indicator, by_sex=False
        )
        _approve(staff, contribution, 2026, str(n))
    results = selectors.plan_results(user=staff, plan=plan.pk, period=2026)
    assert results.indicators[0].latest_actual == D("30")
    goal = results.by_goal[0]
    assert (goal.key, goal.indicators, goal.mean_achievement) == ("III", 1, D("75.0"))


def test_a_contribution_must_match_kind_unit_and_country(staff):
    line_indicator = make_indicator(staff)
    peruvian = make_activity(user=staff, countries=["PE"])
    with pytest.raises(ValidationError) as exc:
        make_indicator(staff, activity=peruvian, contributes_to=line_indicator)
    assert "contributes_to" in exc.value.message_dict
    kenyan = make_activity(user=staff)
    with pytest.raises(ValidationError) as exc:
        make_indicator(staff, activity=kenyan, contributes_to=line_indicator, unit="courses")
    assert "contributes_to" in exc.value.message_dict


def test_focal_points_see_their_countries_indicators_only(staff, focal_point, other_focal_point):
    indicator = make_indicator(staff)
    assert [r.pk for r in selectors.indicator_list(user=focal_point)] == [indicator.pk]
    assert selectors.indicator_list(user=other_focal_point) == []
    assert selectors.indicator_list(user=None) == []
