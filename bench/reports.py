"""Benchmark of the country and Development Agenda reports (not a test).

    python bench/reports.py --n 100000 [--db sqlite|postgres] [--repeat 3]

Fills a database of its own (an SQLite file under var/, or the PostgreSQL database
ipdev_bench_reports) with N activities shaped by bench/search_data.py (countries with a skewed
share, DA recommendations, SDGs, years 2000-2026, statuses), participants and costs, and
country-default consents for a third of the countries, so the consent rule has work to do.
Rows are bulk-inserted: the services write one audit entry and index entry per activity, which
would take an hour at this size, and the benchmark only times the reads.

Then it times, per report and persona, building the report from the selectors, rendering the
PDF and rendering the XLSX (median of --repeat runs, after one warm-up run), and prints a
markdown table with the machine and the load average.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

from search import machine  # noqa: E402


def setup(db: str) -> None:
    if db == "sqlite":
        path = HERE.parent / "var" / "bench-reports.sqlite3"
        path.parent.mkdir(exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/ipdev_bench_reports"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipdev.settings")
    import django

    django.setup()
    if db == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            if not c.execute(
                "SELECT 1 FROM pg_database WHERE datname='ipdev_bench_reports'"
            ).fetchone():
                c.execute("CREATE DATABASE ipdev_bench_reports")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(n: int) -> float:
    """Insert activities up to N; returns the seconds it took (0 when already there)."""
    from django.db import transaction

    from ipdev.activities.models import Activity, Consent
    from ipdev.activities.services import default_reporting_org
    from ipdev.reference import models as ref
    from search_data import CATEGORIES, Corpus

    have = Activity.objects.count()
    if have >= n:
        _index(have)
        return 0.0
    started = time.perf_counter()
    known = set(ref.Country.objects.values_list("code", flat=True))
    categories = list(ref.ActivityCategory.objects.values_list("code", flat=True))
    modes = list(ref.DeliveryMode.objects.values_list("code", flat=True))
    org = default_reporting_org()
    corpus = Corpus(seed=42)
    through = {f: getattr(Activity, f).through for f in ("countries", "da_recommendations", "sdgs")}
    batch = 2000
    for start in range(have + 1, n + 1, batch):
        docs = [corpus.document(pk) for pk in range(start, min(n, start + batch - 1) + 1)]
        rows, links = [], {f: [] for f in through}
        for d in docs:
            rng = random.Random(d.id)
            total = rng.randint(5, 80)
            women = rng.randint(0, total)
            rows.append(Activity(
                id=d.id, identifier=f"XM-WIPO-BENCH-{d.id:07d}", title=d.title[:500],
                summary=d.text[:300], outcomes=f"Outcome of activity {d.id}.",
                participants_total=total, participants_women=women, participants_men=total - women,
                cost=Decimal(rng.randint(1000, 90000)), status=d.facets["status"][0],
                category_id=categories[CATEGORIES.index(d.facets["category"][0]) % len(categories)],
                delivery_mode_id=modes[d.id % len(modes)], start_date=d.date,
                end_date=d.date + dt.timedelta(days=rng.randint(0, 5)), reporting_org=org,
            ))  # fmt: skip
            for code in d.facets["country"]:
                if code in known:
                    links["countries"].append(
                        through["countries"](activity_id=d.id, country_id=code)
                    )
            for num in d.facets["da"]:
                links["da_recommendations"].append(
                    through["da_recommendations"](activity_id=d.id, darecommendation_id=int(num))
                )
            for num in d.facets["sdg"]:
                links["sdgs"].append(through["sdgs"](activity_id=d.id, sdg_id=int(num)))
        with transaction.atomic():
            Activity.objects.bulk_create(rows)
            for field, objs in links.items():
                through[field].objects.bulk_create(objs)
    if not Consent.objects.exists():
        codes = sorted(known)[::3]
        Consent.objects.bulk_create(
            Consent(country_id=c, groups=["narrative", "participants"], granted_by=c,
                    granted_on=dt.date(2020, 1, 1))
            for c in codes
        )  # fmt: skip
    _index(n)
    return time.perf_counter() - started


def _index(n: int) -> None:
    """The reports' charts count through the search index, which bulk inserts bypass."""
    from ipdev.activities import indexing
    from ipdev.search import engine

    if engine.document_count() < n:
        indexing.rebuild()


def timed(fn, repeat: int) -> tuple[str, object]:
    """Median wall time and median CPU time of the process (the machine is shared: the CPU time
    is what the work costs, the wall time what a user waits under the current load)."""
    fn()  # warm-up: imports (WeasyPrint loads Pango), the per-process label cache
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return f"{statistics.median(walls):.2f} s ({statistics.median(cpus):.2f})", result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup(args.db)
    fill_seconds = fill(args.n)

    from django.db.models import Count

    from ipdev.accounts.models import Role, User
    from ipdev.activities.models import Activity
    from ipdev.reference.models import Country
    from ipdev.reports import agenda, build, country, params

    staff, _ = User.objects.get_or_create(
        username="bench-staff", defaults={"role": Role.STAFF, "is_staff": True}
    )
    ranked = list(
        Country.objects.annotate(n=Count("activities")).order_by("-n").values_list("code", "n")
    )
    largest, median = ranked[0], ranked[len(ranked) // 4]
    big, mid = f"{largest[0]} ({largest[1]:,} activities)", f"{median[0]} ({median[1]:,})"
    y2025, y5 = params.Years(2025, 2025), params.Years(2021, 2025)
    cases = [
        (f"country {big}, public", country.country_report, {"user": None, "code": largest[0]}),
        (
            f"country {largest[0]}, staff",
            country.country_report,
            {"user": staff, "code": largest[0]},
        ),
        (f"country {mid}, public", country.country_report, {"user": None, "code": median[0]}),
        ("DA 2025, public", agenda.da_report, {"user": None, "years": y2025}),
        ("DA 2025, staff (with the DA review)", agenda.da_report, {"user": staff, "years": y2025}),
        ("DA 2021-2025, public", agenda.da_report, {"user": None, "years": y5}),
    ]
    print(f"Machine: {machine()}; database: {args.db}; {Activity.objects.count():,} activities"
          f" (filled in {fill_seconds:.0f} s)")  # fmt: skip
    print("\nWall time (CPU time of the process) per step, median of the runs:")
    print("\n| report | rows | build (selectors) | PDF | XLSX | load average |")
    print("|---|---:|---:|---:|---:|---|")
    for label, make, kwargs in cases:
        build_s, report = timed(lambda m=make, k=kwargs: m(**k), args.repeat)
        pdf_s, _ = timed(lambda r=report: build.render(r, "pdf"), args.repeat)
        xlsx_s, _ = timed(lambda r=report: build.render(r, "xlsx"), args.repeat)
        rows = sum(len(s.rows) for s in report.sections)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"| {label} | {rows:,} | {build_s} | {pdf_s} | {xlsx_s} | {load} |")


if __name__ == "__main__":
    main()
