"""The demo TISC data: every WIPO region at every level, two years of reports, the same every
time for the same seed."""

from django.db import transaction
from django.db.models import Sum

from ipdev.activities import demo as activities_demo
from ipdev.tisc import demo
from ipdev.tisc.models import Certification, Network, Report, ReportCount


def _signature() -> tuple:
    return (
        sorted(Network.objects.values_list("country_id", "bureau_id", "level")),
        sorted(Report.objects.values_list("network__country_id", "year", "quarter", "status")),
        ReportCount.objects.aggregate(n=Sum("value"))["n"],
        Certification.objects.filter(certified_on__isnull=False).count(),
    )


def test_demo_covers_each_region_and_level_and_is_deterministic(db):
    activities_demo.generate(activities=30, seed=7)
    signatures = []
    for _ in range(2):
        with transaction.atomic():
            demo.generate(seed=7)
            signatures.append(_signature())
            transaction.set_rollback(True)
    assert signatures[0] == signatures[1]
    networks = signatures[0][0]
    assert {(bureau, level) for _code, bureau, level in networks} == {
        (b, lvl) for b in ("africa", "arab", "asia_pacific", "lac", "tdc") for lvl in (1, 2, 3)
    }
    years = {year for _c, year, _q, _s in signatures[0][1]}
    assert len(years) >= 2
    assert Certification.objects.count() == 0  # rolled back
