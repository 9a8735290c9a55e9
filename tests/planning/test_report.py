"""The requested-vs-delivered report per country and year, with lead times."""

import pytest
from django.core.exceptions import PermissionDenied

from ipdev.activities import services as activity_services
from ipdev.planning import selectors, services
from tests.factories import approve_request, consult, file_request

pytestmark = pytest.mark.django_db


def _approve(staff, request):
    return approve_request(staff, request)


def test_report_counts_requests_decisions_and_delivered_activities(focal_point, staff):
    first = _approve(staff, file_request(focal_point))
    _approve(staff, file_request(focal_point))
    declined = file_request(focal_point)
    consult(staff, declined)
    services.request_decide(user=staff, request=declined, decision="declined", reason="No.")
    file_request(focal_point)
    file_request(staff, country="PE")
    activity_services.activity_change_status(user=staff, activity=first.activity, status="ongoing")
    activity_services.activity_change_status(
        user=staff, activity=first.activity, status="completed"
    )

    rows = {r.country_code: r for r in selectors.requests_report(user=staff)}
    kenya = rows["KE"]
    assert (kenya.requested, kenya.approved, kenya.declined, kenya.pending) == (4, 2, 1, 1)
    assert kenya.delivered == 1
    lead = (first.activity.start_date - first.submitted_on).days
    assert kenya.mean_lead_days == lead
    assert kenya.mean_decision_days == 0
    assert rows["PE"].requested == 1 and rows["PE"].mean_lead_days is None


def test_report_is_for_staff(focal_point):
    with pytest.raises(PermissionDenied):
        selectors.requests_report(user=focal_point)


def test_public_requests_by_year_add_up_every_country(focal_point, staff):
    first = _approve(staff, file_request(focal_point))
    declined = file_request(focal_point)
    consult(staff, declined)
    services.request_decide(user=staff, request=declined, decision="declined", reason="No.")
    file_request(staff, country="PE")
    activity_services.activity_change_status(user=staff, activity=first.activity, status="ongoing")
    activity_services.activity_change_status(
        user=staff, activity=first.activity, status="completed"
    )
    [year] = selectors.requests_by_year()
    assert year.year == first.submitted_on.year
    assert (year.requested, year.approved, year.declined, year.pending) == (3, 1, 1, 1)
    assert year.delivered == 1
    assert year.country_code == "" and year.country_name == ""
