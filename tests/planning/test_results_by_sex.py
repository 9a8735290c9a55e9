"""Results by sex: an indicator disaggregated by sex takes no actual without its split, and
women and men roll up through every level (activity indicator -> plan indicator -> expected
result -> strategic goal), on the results page, in the country report and in the API."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from ipdev.planning import selectors, services
from ipdev.planning.rollup import IndicatorResult, Split, combine_split, split_to_date, summarise
from tests.api.conftest import api_client
from tests.factories import make_activity, make_indicator

pytestmark = pytest.mark.django_db


def _approve(staff, indicator, period, value, women=None, men=None):
    actual = services.actual_save(
        user=staff, indicator=indicator, period=period, value=value,
        value_women=women, value_men=men,
    )  # fmt: skip
    services.actual_submit(user=staff, actual=actual)
    return services.actual_approve(user=staff, actual=actual)


@pytest.mark.django_db(transaction=False)
def test_the_split_is_summed_only_where_every_contribution_has_it():
    a = {2026: Split(D(10), D(4), D(6)), 2027: Split(D(5), D(2), D(3))}
    b = {2026: Split(D(8), D(5), D(3)), 2027: Split(D(1))}
    combined = combine_split({}, [a, b])
    assert combined[2026] == Split(D(18), D(9), D(9))
    assert combined[2027] == Split(D(6), None, None)
    assert combine_split({2026: Split(D(20), D(11), D(9))}, [a, b])[2026].women == D(11)
    assert split_to_date(a, 2027, cumulative=True) == Split(D(15), D(6), D(9))
    summary = summarise(
        [IndicatorResult("III", "III.1", D(20), D(18), D(9), D(9)),
         IndicatorResult("III", "III.2", D(5), D(5))], by="goal",
    )  # fmt: skip
    assert (summary[0].women, summary[0].men, summary[0].by_sex) == (D(9), D(9), 1)


@pytest.mark.parametrize("persona", ["staff", "focal_point"])
def test_an_actual_without_its_split_is_refused_naming_the_fields(personas, staff, persona):
    indicator = make_indicator(staff)  # disaggregated by sex
    with pytest.raises(ValidationError) as caught:
        services.actual_save(user=personas[persona], indicator=indicator, period=2026, value="10")
    assert set(caught.value.message_dict) == {"value_women", "value_men"}
    with pytest.raises(ValidationError) as caught:
        services.actual_save(
            user=personas[persona], indicator=indicator, period=2026, value="10", value_women="4"
        )
    assert set(caught.value.message_dict) == {"value_men"}
    assert not indicator.actuals.exists()


def test_the_api_refuses_it_too(staff):
    indicator = make_indicator(staff)
    response = api_client(staff).post(
        f"/api/v1/indicators/{indicator.pk}/actuals/", {"period": 2026, "value": "10"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert {"value_women", "value_men"} <= set(response.json()["errors"])


def test_a_contribution_to_a_split_indicator_must_be_split_too(staff):
    line_indicator = make_indicator(staff)
    with pytest.raises(ValidationError) as caught:
        make_indicator(staff, activity=make_activity(user=staff), contributes_to=line_indicator,
                       by_sex=False)  # fmt: skip
    assert list(caught.value.message_dict) == ["by_sex"]


@pytest.fixture
def rolled_up(staff):
    """Two Kenyan workshops' indicators rolling up into a plan line's (examiners trained)."""
    line_indicator = make_indicator(staff)
    services.target_set(user=staff, indicator=line_indicator, period=2026, value="40")
    for n, women in ((12, 7), (18, 8)):
        activity = make_activity(user=staff, title=f"Workshop {n}")
        contribution = make_indicator(staff, activity=activity, contributes_to=line_indicator)
        _approve(staff, contribution, 2026, str(n), women=str(women), men=str(n - women))
    return line_indicator


def test_women_and_men_roll_up_to_the_plan_indicator_result_and_goal(staff, rolled_up):
    results = selectors.plan_results(user=staff, plan=rolled_up.plan_line.plan_id, period=2026)
    (row,) = results.indicators
    assert (row.latest_actual, row.latest_women, row.latest_men) == (D(30), D(15), D(15))
    for summary in (results.by_result[0], results.by_goal[0]):
        assert (summary.women, summary.men, summary.by_sex) == (D(15), D(15), 1)
    detail = selectors.indicator_detail(user=staff, pk=rolled_up.pk)
    assert (detail.rows[0].women, detail.rows[0].men) == (D(15), D(15))


@pytest.mark.parametrize("persona", ["staff", "focal_point"])
def test_the_results_page_shows_the_split(client, personas, persona, rolled_up):
    client.force_login(personas[persona])
    page = client.get(f"/backoffice/work/plans/{rolled_up.plan_line.plan_id}/results/?period=2026")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Women" in text and ">15<" in text


def test_the_api_gives_the_split_at_every_level(staff, rolled_up):
    plan = rolled_up.plan_line.plan_id
    data = api_client(staff).get(f"/api/v1/plans/{plan}/results/?period=2026").json()
    assert data["indicators"][0]["latest_women"] == "15.0000"
    assert data["by_goal"][0]["women"] == "15.0000" and data["by_result"][0]["men"] == "15.0000"
    indicator = api_client(staff).get(f"/api/v1/indicators/{rolled_up.pk}/").json()
    assert indicator["periods"][0]["women"] == "15.0000"


@pytest.mark.parametrize(("persona", "expected"), [("anonymous", 401), ("public", 403)])
def test_plan_results_in_the_api_are_for_writers(personas, persona, expected, rolled_up):
    plan = rolled_up.plan_line.plan_id
    assert (
        api_client(personas[persona]).get(f"/api/v1/plans/{plan}/results/").status_code == expected
    )


def test_a_bad_period_is_named(staff, rolled_up):
    plan = rolled_up.plan_line.plan_id
    for bad in ("abc", "99999999999999999999", "-1", "1800"):
        response = api_client(staff).get(f"/api/v1/plans/{plan}/results/?period={bad}")
        assert response.status_code == 400 and "period" in response.json()["errors"]


def test_the_country_report_shows_the_split(staff, rolled_up):
    from ipdev.reports.country import country_report

    report = country_report(user=staff, code="KE", years=None)
    section = next(s for s in report.sections if s.key == "indicators")
    headings = [str(c.label) for c in section.columns]
    assert headings[-2:] == ["Women", "Men"]
    assert section.rows[0][-2:] == [D(15), D(15)]
