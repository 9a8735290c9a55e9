"""Round trips: each exported element reads back into the same ipdev values, element by element."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from ipdev.activities.selectors import ActivityDetail, Named
from ipdev.iati.export.elements import ELEMENTS, ExportContext, Org, activity_element
from ipdev.iati.importer.mappers import Vocabulary, map_activity

VOCAB = Vocabulary(
    countries=frozenset({"KE", "TZ", "UG"}),
    regions=frozenset({"002", "014"}),
    currencies=frozenset({"CHF", "USD"}),
    sdgs=frozenset(str(n) for n in range(1, 18)),
    ip_areas=frozenset({"patents", "copyright"}),
    categories=frozenset({"capacity-building"}),
    da_recommendations=frozenset({"1", "10"}),
    expected_results=frozenset({"III.2"}),
)
CTX = ExportContext(
    own=Org("XM-WIPO", "World Intellectual Property Organization", "40"),
    today=dt.date(2026, 1, 1),
    orgs={"7": Org("XI-TEST-7", "Partner seven", "22")},
    funding_kinds={"fit-au": "fit"},
)


def detail(**overrides) -> ActivityDetail:
    values = {
        "id": 1,
        "identifier": "XM-WIPO-TAD-0000001",
        "title": "Regional workshop on copyright",
        "summary": "Public summary.",
        "status": "completed",
        "status_label": "Completed",
        "start_date": dt.date(2024, 3, 4),
        "end_date": dt.date(2024, 3, 6),
        "scope": "regional",
        "category": Named("capacity-building", "Capacity building"),
        "delivery_mode": Named("workshop", "Workshop"),
        "countries": [Named("KE", "Kenya"), Named("TZ", "Tanzania")],
        "regions": [Named("014", "Eastern Africa")],
        "reporting_org": Named("1", "World Intellectual Property Organization"),
        "ip_areas": [Named("copyright", "Copyright"), Named("patents", "Patents")],
        "da_recommendations": [Named("1", "Development-oriented"), Named("10", "Institutions")],
        "sdgs": [Named("9", "Industry"), Named("4", "Education")],
        "expected_results": [Named("III.2", "Capacities")],
        "partners": [Named("7", "Partner seven")],
        "implementing_unit": Named("rb-africa", "Regional Bureau for Africa"),
        "funding_source": Named("fit-au", "Funds-in-trust Australia"),
        "description": "Three days of exercises.",
        "objectives": "Better copyright offices.",
        "beneficiary_institutions": "Copyright offices of Kenya and Tanzania",
        "cost": Decimal("12500.50"),
        "currency": "USD",
    }
    values.update(overrides)
    return ActivityDetail(**values)


def round_trip(d: ActivityDetail):
    return map_activity(activity_element(d, CTX), VOCAB)


def test_elements_are_written_in_schema_order():
    tags = [el.tag for el in activity_element(detail(), CTX)]
    order = [f.__name__.replace("_", "-") for f in ELEMENTS]
    assert [order.index(t) for t in tags] == sorted(order.index(t) for t in tags)


CASES = {
    "iati-identifier": lambda d, m: m.identifier == d.identifier,
    "reporting-org": lambda d, m: m.reporting_org.ref == "XM-WIPO" and m.reporting_org.type == "40",
    "title": lambda d, m: m.fields["title"] == d.title,
    "description": lambda d, m: all(
        m.fields[k] == getattr(d, k)
        for k in ("summary", "description", "objectives", "beneficiary_institutions")
    ),
    "participating-org": lambda d, m: (
        [(p.ref, p.name) for p in m.partners] == [("XI-TEST-7", "Partner seven")]
    ),
    "activity-status": lambda d, m: m.fields["status"] == d.status,
    "activity-date": lambda d, m: (
        (m.fields["start_date"], m.fields["end_date"]) == (d.start_date, d.end_date)
    ),
    "activity-scope": lambda d, m: m.fields["scope"] == d.scope,
    "recipient-country": lambda d, m: m.m2m["countries"] == ["KE", "TZ"],
    "recipient-region": lambda d, m: m.m2m["regions"] == ["014"],
    "sector": lambda d, m: (
        m.fields["category"] == "capacity-building"
        and sorted(m.m2m["ip_areas"]) == ["copyright", "patents"]
    ),
    "tag": lambda d, m: (
        sorted(m.m2m["sdgs"]) == ["4", "9"]
        and sorted(m.m2m["da_recommendations"]) == ["1", "10"]
        and m.m2m["expected_results"] == ["III.2"]
    ),
    "budget": lambda d, m: (m.fields["cost"], m.fields["currency"]) == (d.cost, d.currency),
}


@pytest.mark.parametrize("element", sorted(CASES))
def test_element_round_trips(element):
    d = detail()
    mapped = round_trip(d)
    assert mapped.importable, mapped.problems
    assert CASES[element](d, mapped)


@pytest.mark.parametrize(
    ("status", "start", "end"),
    [
        ("planned", dt.date(2027, 5, 1), dt.date(2027, 5, 3)),
        ("ongoing", dt.date(2025, 5, 1), dt.date(2027, 5, 3)),
        ("completed", dt.date(2024, 5, 1), None),
        ("cancelled", dt.date(2024, 5, 1), dt.date(2024, 6, 1)),
    ],
)
def test_status_and_dates_round_trip_in_every_state(status, start, end):
    mapped = round_trip(detail(status=status, start_date=start, end_date=end))
    assert mapped.fields["status"] == status
    assert (mapped.fields["start_date"], mapped.fields["end_date"]) == (start, end)


@pytest.mark.parametrize("scope", ["national", "regional", "interregional"])
def test_scope_round_trips(scope):
    assert round_trip(detail(scope=scope)).fields["scope"] == scope


def test_hidden_details_round_trip_as_empty():
    d = detail(description=None, objectives=None, beneficiary_institutions=None, cost=None)
    mapped = round_trip(d)
    assert mapped.fields["description"] == ""
    assert mapped.fields["cost"] is None


def test_unmapped_elements_are_counted_not_lost_silently():
    el = activity_element(detail(), CTX)
    etree.SubElement(el, "transaction")
    etree.SubElement(el, "result")
    mapped = map_activity(el, VOCAB)
    assert mapped.not_kept["transaction"] == 1
    assert mapped.not_kept["result"] == 1
    assert mapped.not_kept["collaboration-type"] == 1


@pytest.mark.django_db
def test_exported_file_imports_back_into_the_same_activity(staff, schema_dir, tmp_path):
    from ipdev.activities.models import Activity
    from ipdev.iati.services import iati_import_files
    from tests.factories import make_activity

    from .conftest import export_xml

    original = make_activity(user=staff, ip_areas=["patents", "copyright"], sdgs=[4, 9])
    file = tmp_path / "export.xml"
    file.write_bytes(export_xml(staff))
    Activity.objects.filter(pk=original.pk).delete()
    run = iati_import_files(user=staff, paths=[file])
    assert (run.created, run.critical, run.errors) == (1, 0, 0), run.report
    copy = Activity.objects.get(identifier=original.identifier)
    for name in ("title", "summary", "description", "objectives", "status", "start_date",
                 "end_date", "scope", "cost", "currency_id", "category_id"):  # fmt: skip
        assert getattr(copy, name) == getattr(original, name), name
    assert sorted(copy.ip_areas.values_list("pk", flat=True)) == ["copyright", "patents"]
    assert sorted(copy.sdgs.values_list("pk", flat=True)) == [4, 9]
    assert list(copy.countries.values_list("pk", flat=True)) == ["KE"]
    assert copy.source == "own"  # this instance's own activity: the consent rule applies
