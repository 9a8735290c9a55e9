"""Benchmark of the search engines on synthetic activities (not a test).

    python bench/search.py --n 1000000 --engine both --queries 200

Builds N documents (bench/search_data.py), loads them with engine.rebuild() into a database of
its own (an SQLite file, or the PostgreSQL database ipdev_bench), then times engine.search():
(a) text + facet queries without facet counts (top 20 + total), (b) the same queries as full
pages (top 20, total, every facet's counts), and a few diagnostic rows. Prints a markdown table
with the machine, the build time and the database size. Each engine runs in a subprocess of
its own, because Django reads DATABASE_URL once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]
RESULT_MARK = "BENCH-RESULT "


def machine() -> str:
    cpu = "unknown cpu"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        ram = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    return f"{cpu}, {os.cpu_count()} cores, {ram}, Python {platform.python_version()}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipdev.settings")
    os.environ.setdefault("IPDEV_CONN_MAX_AGE", "0")
    import django

    django.setup()
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    # Only the search tables: the benchmark needs no other app.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] == "search"]
    executor.migrate(targets)


def database_url(engine: str, args) -> str:
    if engine == "sqlite":
        return f"sqlite:///{Path(args.sqlite_path).resolve()}"
    return args.pg_url


def prepare_database(engine: str, args) -> str:
    if engine == "sqlite":
        path = Path(args.sqlite_path)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path.resolve()}"
    import psycopg

    base, _, name = args.pg_url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return args.pg_url


def database_size(engine: str, args) -> int:
    if engine == "sqlite":
        return sum(
            Path(f"{args.sqlite_path}{s}").stat().st_size
            for s in ("", "-wal")
            if Path(f"{args.sqlite_path}{s}").exists()
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def time_queries(queries, *, repeat_warm: bool = True) -> dict:
    from ipdev.search import engine

    if repeat_warm:  # one untimed pass: the figures are for a warm cache
        for query in queries:
            engine.search(query)
    times, totals = [], []
    for query in queries:
        start = time.perf_counter()
        result = engine.search(query)
        times.append((time.perf_counter() - start) * 1000)
        totals.append(result.total)
    return {
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "max": max(times),
        "mean": statistics.fmean(times),
        "median_total": percentile(totals, 50),
        "count": len(times),
    }


def run_engine(engine_name: str, args) -> dict:
    from dataclasses import replace

    url = database_url(engine_name, args) if args.reuse else prepare_database(engine_name, args)
    setup_django(url)
    from ipdev.search import engine
    from search_data import Corpus

    corpus = Corpus(seed=args.seed)
    build = 0.0
    if not (args.reuse and engine.document_count() == args.n):
        start = time.perf_counter()
        engine.rebuild(corpus.documents(args.n))
        build = time.perf_counter() - start
    assert engine.document_count() == args.n
    import resource

    from ipdev.search import store
    from ipdev.search.types import Query

    # The index a process loads from the database before its first query (once per process).
    store.forget()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    engine.search(Query(limit=0, facets=False))
    load = time.perf_counter() - start
    queries = corpus.queries(args.queries)
    rows = {
        "(a) text + facets, top 20 + total": [replace(q, facets=False) for q in queries],
        "(b) full page: text + facets, all counts": queries,
        "(c) full page: text only": [replace(q, filters={}, year_from=None) for q in queries],
        "(d) full page: filters only (browse)": [replace(q, text="") for q in queries],
        "(e) newest, page at offset 100,000": [
            replace(q, text="", filters={}, year_from=None, sort="newest", offset=100_000)
            for q in queries[:20]
        ],
    }
    figures = {name: time_queries(qs) for name, qs in rows.items()}
    return {
        "engine": engine_name,
        "load": "/".join(f"{x:.1f}" for x in os.getloadavg()),
        "n": args.n,
        "build_s": build,
        "load_s": load,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_before_mb": rss_before / 1024,
        "size_mb": database_size(engine_name, args) / 1e6,
        "figures": figures,
    }


def report(results: list[dict], args) -> str:
    lines = [
        f"Command: `python bench/search.py {' '.join(sys.argv[1:])}`",
        f"Documents: {args.n:,}; queries per row: {args.queries} (seed {args.seed})",
        f"Machine: {machine()}",
        "",
    ]
    for r in results:
        build = f"{r['build_s']:.0f} s" if r["build_s"] else "reused"
        lines.append(
            f"- {r['engine']}: build (rebuild) {build}, database {r['size_mb']:,.0f} MB,"
            f" index load {r['load_s']:.1f} s, peak RSS {r['rss_mb']:,.0f} MB"
            f" ({r['rss_before_mb']:,.0f} MB before the load),"
            f" load average after the queries {r['load']} (other work shares the machine)"
        )
    lines += [
        "",
        "| query | engine | p50 ms | p95 ms | max ms | median total |",
        "|---|---|---|---|---|---|",
    ]
    for name in results[0]["figures"]:
        for r in results:
            f = r["figures"][name]
            lines.append(
                f"| {name} | {r['engine']} | {f['p50']:.1f} | {f['p95']:.1f} | {f['max']:.1f}"
                f" | {f['median_total']:,} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sqlite-path", default="/tmp/ipdev_bench.sqlite3")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/ipdev_bench")
    parser.add_argument(
        "--reuse", action="store_true", help="keep a database that already holds N documents"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(RESULT_MARK + json.dumps(run_engine(args.engine, args)), flush=True)
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    results = []
    for name in engines:
        child = [
            "--n", str(args.n), "--queries", str(args.queries), "--seed", str(args.seed),
            "--sqlite-path", args.sqlite_path, "--pg-url", args.pg_url, "--engine", name,
            *(["--reuse"] if args.reuse else []),
        ]  # fmt: skip
        out = subprocess.run(
            [sys.executable, __file__, *child, "--child"],
            check=True,
            capture_output=True,
            text=True,
        )
        line = next(x for x in out.stdout.splitlines() if x.startswith(RESULT_MARK))
        results.append(json.loads(line[len(RESULT_MARK) :]))
        print(f"{name} done", file=sys.stderr, flush=True)
    print(report(results, args))


if __name__ == "__main__":
    main()
