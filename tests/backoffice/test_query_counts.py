"""List pages do not run a query per row."""

import pytest
from django.urls import reverse

from ipdev.planning import services
from tests.conftest import client_for
from tests.factories import file_request, make_indicator, make_plan

pytestmark = pytest.mark.django_db


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_request_list_queries_do_not_grow_with_rows(staff, django_assert_max_num_queries):
    client = client_for(staff)
    file_request(staff)
    url = reverse("backoffice-work:requests")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for code in ("PE", "ET", "AM", "BD", "GH"):
        file_request(staff, country=code)
    _count(client, url, django_assert_max_num_queries, len(few.captured_queries))


def test_results_page_queries_do_not_grow_with_indicators(staff, django_assert_max_num_queries):
    client = client_for(staff)
    line = make_plan(staff).lines.get()
    indicator = make_indicator(staff, line=line)
    services.actual_save(
        user=staff, indicator=indicator, period=2026, value=1, value_women=1, value_men=0
    )
    url = reverse("backoffice-work:results")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for n in range(5):
        other = make_indicator(staff, line=line, name=f"Indicator {n}")
        services.actual_save(
            user=staff, indicator=other, period=2026, value=n, value_women=n, value_men=0
        )
    _count(client, url, django_assert_max_num_queries, len(few.captured_queries))
