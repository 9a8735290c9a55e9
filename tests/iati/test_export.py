"""The IATI 2.03 export: schema-valid, follows the IATI rules, and never leaks a hidden detail."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from decimal import Decimal

import pytest
from lxml import etree

from ipdev.activities import demo, services
from ipdev.activities.models import DetailGroup
from ipdev.iati.export.elements import percentages
from tests.factories import OrganisationFactory, make_activity

from .conftest import export_xml

pytestmark = pytest.mark.django_db

SECRET = "SECRET-NARRATIVE-4242"


@pytest.fixture
def demo_activities(db):
    demo.generate(activities=40)


def parse(xml: bytes) -> etree._Element:
    return etree.fromstring(xml)


def test_demo_export_is_valid_against_the_2_03_schema(demo_activities, activities_schema, staff):
    for user in (None, staff):
        root = parse(export_xml(user))
        assert root.get("version") == "2.03"
        assert len(root) >= 40
        activities_schema.assertValid(root)


def test_every_activity_has_a_start_date_language_and_currency(demo_activities):
    root = parse(export_xml())
    for activity in root:
        assert activity.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert len(activity.get("default-currency")) == 3
        types = {d.get("type") for d in activity.findall("activity-date")}
        assert types & {"1", "2"}


def test_actual_dates_are_never_in_the_future(demo_activities):
    today = dt.date.today().isoformat()
    for date in parse(export_xml()).iter("activity-date"):
        if date.get("type") in ("2", "4"):
            assert date.get("iso-date") <= today


def test_recipient_percentages_add_up_to_100(demo_activities):
    for activity in parse(export_xml()):
        shares = [
            Decimal(e.get("percentage"))
            for e in activity
            if e.tag in ("recipient-country", "recipient-region")
        ]
        assert not shares or sum(shares) == 100


def test_sector_percentages_add_up_to_100_per_vocabulary(demo_activities):
    for activity in parse(export_xml()):
        per_vocabulary = defaultdict(Decimal)
        for sector in activity.findall("sector"):
            per_vocabulary[sector.get("vocabulary", "1")] += Decimal(sector.get("percentage"))
        assert all(total == 100 for total in per_vocabulary.values())


def test_budget_values_have_a_value_date_and_a_period(staff):
    make_activity(user=staff, cost=Decimal("12500.50"), currency="USD")
    budget = parse(export_xml(staff)).find("iati-activity/budget")
    value = budget.find("value")
    assert value.text == "12500.50"
    assert value.get("currency") == "USD"
    assert value.get("value-date") == "2024-03-04"
    assert budget.find("period-start").get("iso-date") <= budget.find("period-end").get("iso-date")


@pytest.mark.parametrize("n", [1, 2, 3, 6, 7])
def test_percentages_split_exactly(n):
    shares = percentages(n)
    assert len(shares) == n
    assert sum(shares) == 100


def test_hidden_details_never_appear_for_the_public(staff):
    make_activity(user=staff, description=SECRET, objectives=SECRET, cost=Decimal("987654.32"))
    public = export_xml(None)
    assert SECRET.encode() not in public
    assert b"987654.32" not in public
    assert b"<budget" not in public
    private = export_xml(staff)
    assert SECRET.encode() in private
    assert b"987654.32" in private


def test_consented_details_are_exported_for_the_public(staff):
    make_activity(user=staff, description=SECRET)
    services.consent_grant(
        user=staff, country="KE", groups=[DetailGroup.NARRATIVE], granted_by="Kenya mission"
    )
    public = export_xml(None)
    assert SECRET.encode() in public
    assert b"<budget" not in public


def test_own_activities_are_reported_by_the_organisation_in_the_settings(staff, settings):
    make_activity(user=staff)
    settings.IPDEV_REPORTING_ORG_REF = "XM-TEST-ORG"
    settings.IPDEV_REPORTING_ORG_NAME = "Test Organisation"
    reporter = parse(export_xml()).find("iati-activity/reporting-org")
    assert reporter.get("ref") == "XM-TEST-ORG"
    assert reporter.get("type") == "40"
    assert reporter.findtext("narrative") == "Test Organisation"


def test_imported_activities_keep_their_reporting_org(staff):
    org = OrganisationFactory(ref="GB-GOV-1", name="UK Government", type="10")
    make_activity(user=staff, identifier="GB-GOV-1-123", source="iati", reporting_org=org.pk)
    reporter = parse(export_xml()).find("iati-activity/reporting-org")
    assert (reporter.get("ref"), reporter.get("type")) == ("GB-GOV-1", "10")


def test_export_follows_the_search_filters(demo_activities):
    root = parse(export_xml(country="KE"))
    assert all("KE" in [c.get("code") for c in a.findall("recipient-country")] for a in root)


def test_streamed_document_is_the_written_one(staff):
    import dataclasses
    import io
    import re

    from ipdev.activities import filters
    from ipdev.activities.selectors import activity_details_stream
    from ipdev.iati.export.writer import stream_activities, write_activities

    for n in range(3):
        make_activity(user=staff, title=f"Activity {n}")
    query = dataclasses.replace(filters.parse({}, facets=False).query, facets=False)
    streamed = b"".join(stream_activities(activity_details_stream(user=None, query=query)))
    written = io.BytesIO()
    write_activities(activity_details_stream(user=None, query=query), written)

    def undated(xml: bytes) -> bytes:
        return re.sub(rb'generated-datetime="[^"]+"', b"", xml)

    assert undated(streamed) == undated(written.getvalue())
    assert len(parse(streamed)) == 3


def test_budget_periods_are_at_most_one_year_and_share_the_cost_exactly(staff):
    make_activity(
        user=staff,
        cost=Decimal("1000.00"),
        currency="USD",
        start_date=dt.date(2023, 7, 1),
        end_date=dt.date(2025, 12, 31),
        status="completed",
    )
    budgets = parse(export_xml(staff)).findall("iati-activity/budget")
    assert len(budgets) == 3
    periods = [
        (
            dt.date.fromisoformat(b.find("period-start").get("iso-date")),
            dt.date.fromisoformat(b.find("period-end").get("iso-date")),
        )
        for b in budgets
    ]
    assert periods[0] == (dt.date(2023, 7, 1), dt.date(2024, 6, 30))
    assert periods[-1][1] == dt.date(2025, 12, 31)
    for (_, end), (following, _) in itertools.pairwise(periods):
        assert following == end + dt.timedelta(days=1)  # no gap, no overlap
    assert all((end - start).days < 366 for start, end in periods)
    values = [Decimal(b.findtext("value")) for b in budgets]
    assert sum(values) == Decimal("1000.00")
    assert all(b.find("value").get("value-date") == b.find("period-start").get("iso-date")
               for b in budgets)  # fmt: skip


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (dt.date(2024, 3, 4), dt.date(2024, 3, 4), 1),
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31), 1),
        (dt.date(2024, 1, 1), dt.date(2025, 1, 1), 2),
        (dt.date(2024, 2, 29), dt.date(2026, 3, 1), 3),
    ],
)
def test_budget_periods_cover_the_dates(start, end, count):
    from ipdev.iati.export.elements import budget_periods, split_by_days

    periods = budget_periods(start, end)
    assert len(periods) == count
    assert periods[0][0] == start and periods[-1][1] == end
    assert sum(split_by_days(Decimal("0.07"), periods)) == Decimal("0.07")
