"""Benchmark of the IATI import and export, on the shared real activities and a synthetic corpus.

    python bench/iati_import.py                       # SQLite and PostgreSQL, --n 20000
    python bench/iati_import.py --db sqlite --n 1000000 --queries 200

Each database runs in its own process (fresh database, migrated). Per database it measures: a
bare ``lxml.iterparse`` pass over the real files, the end-to-end import of the same files
(check, parse, map, XSD check, write, audit, index; files are read in a second process while
the first writes, as ``ipdev import-iati`` does, unless ``--serial``), a re-import (nothing
changes), the import of ``--n`` synthetic activities (real activities replicated with new
identifiers, generated and deleted file by file), and the export of everything through the
public selector (streamed from the table, without loading the search index) in one process,
then as ``ipdev export-iati`` does, with two forked workers building the XML, and with
``--queries`` the first search (the index load) and text + facet queries on the imported corpus.
Peak RSS is ``resource.getrusage`` of the writing process (the reader process
stays smaller). CPU times are the writing process's own, which on a shared machine says more
than the wall clock. Needs the shared data (../shared/data/iati, or the folder named by
``IPDEV_SHARED_IATI``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(
    os.environ.get("IPDEV_SHARED_IATI")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data" / "iati"
)
PG_URL = "postgres://postgres@127.0.0.1:5432/ipdev_iati_bench"
PER_FILE = 1000


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_now_mb() -> dict[str, float]:
    """Current resident memory, split into heap (anonymous) and file-backed pages (mmap)."""
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(("RssAnon:", "RssFile:", "VmRSS:")):
                name, value = line.split(":")
                fields[name] = int(value.split()[0]) / 1024
    return fields


class ChildMemory:
    """The largest memory of this process's children while the block runs, sampled from /proc
    every 0.2 s: resident size (``VmRSS``); the file-backed part of it (``RssFile``: SQLite's
    memory-mapped database, pages the page cache holds, not the process); and the pages the
    child has written itself (``Private_Dirty``: its own heap; the rest of a fork's heap is
    its parent's, shared). ``ru_maxrss`` counts all of these as the child's."""

    FIELDS = ("VmRSS", "RssFile", "Private_Dirty")

    def __init__(self) -> None:
        self.peak = dict.fromkeys(self.FIELDS, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.2):
            for pid in os.listdir("/proc"):
                if pid.isdigit():
                    try:
                        self._sample(pid, me)
                    except (OSError, IndexError, ValueError):
                        continue  # (gone meanwhile)

    def _sample(self, pid: str, parent: str) -> None:
        with open(f"/proc/{pid}/stat") as fh:
            if fh.read().rsplit(")", 1)[1].split()[1] != parent:
                return
        for name in ("status", "smaps_rollup"):
            with open(f"/proc/{pid}/{name}") as fh:
                for line in fh:
                    field, _, value = line.partition(":")
                    if field in self.peak:
                        mb = int(value.split()[0]) / 1024
                        self.peak[field] = max(self.peak[field], mb)


def sampled(details, marks: dict):
    """Pass the details through, noting the resident heap every 1,000 (constant memory?) and
    the time spent in the selector, so the writer's own speed can be told apart."""
    it, n = iter(details), 0
    marks["selector_s"] = 0.0
    while True:
        started = time.perf_counter()
        try:
            detail = next(it)
        except StopIteration:
            return
        marks["selector_s"] += time.perf_counter() - started
        n += 1
        if n % 1000 == 0:
            heap = rss_now_mb().get("RssAnon", 0.0)
            marks.setdefault("export_heap_first_1000_mb", heap)
            marks["export_heap_max_mb"] = max(marks.get("export_heap_max_mb", 0.0), heap)
        yield detail


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def search_queries(count: int, seed: int = 7) -> list:
    """Text + facet queries drawn from the imported activities themselves: one or two words of
    a random activity's title and its country (or, without one, its reporting organisation)
    and start year, so that each query matches at least that activity."""
    import random

    from ipdev.activities.models import Activity
    from ipdev.search.text import words
    from ipdev.search.types import Query

    rng = random.Random(seed)
    top = Activity.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    picked = Activity.objects.filter(pk__in=[rng.randint(1, top) for _ in range(count * 3)])
    rows = picked.values_list("pk", "title", "start_date", "reporting_org_id")
    through = Activity.countries.through.objects
    queries = []
    for pk, title, start, reporter in rows:
        found = [w for w in words(title) if len(w) >= 4 and not w.isdigit()]
        if not found:
            continue
        text = " ".join(rng.sample(found, min(len(found), rng.choice([1, 1, 2]))))
        country = through.filter(activity_id=pk).values_list("country_id", flat=True).first()
        facet = {"country": [country]} if country else {"reporter": [str(reporter)]}
        if rng.random() < 0.5:
            facet["year"] = [str(start.year)]
        queries.append(Query(text=text, filters=facet, facets=False))
        if len(queries) >= count:
            break
    return queries


def search_timings(count: int) -> dict:
    """The first query (it loads the index: the end of "imported and searchable"), then each
    query timed as (a) top 20 + total and (b) a full page with every facet's counts."""
    import dataclasses

    from ipdev.search import engine
    from ipdev.search.types import Query

    started = time.perf_counter()
    everything = engine.search(Query(limit=20, facets=False)).total
    out: dict = {"index_load_s": time.perf_counter() - started, "indexed": everything}
    queries = search_queries(count)
    for query in queries:  # untimed warm-up pass
        engine.search(query)
    for name, facets in (("a", False), ("b", True)):
        times, totals = [], []
        for query in queries:
            query = dataclasses.replace(query, facets=facets)
            started = time.perf_counter()
            result = engine.search(query)
            times.append((time.perf_counter() - started) * 1000)
            totals.append(result.total)
        out[f"search_{name}_p50_ms"] = percentile(times, 50)
        out[f"search_{name}_p95_ms"] = percentile(times, 95)
        out["search_median_total"] = percentile(totals, 50)
    out["search_queries"] = len(queries)
    out["rss_after_search_mb"] = rss_mb()
    return out


def bare_pass(paths: list[Path]) -> tuple[float, int]:
    """Only parse: iterparse every activity and free it, as cheaply as lxml can."""
    from lxml import etree

    started, count = time.perf_counter(), 0
    for path in paths:
        try:
            for _, el in etree.iterparse(str(path), tag="iati-activity", huge_tree=False):
                count += 1
                el.clear()
                parent = el.getparent()
                while parent is not None and el.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError:
            pass
    return time.perf_counter() - started, count


def templates(paths: list[Path], limit: int = 2000) -> list[bytes]:
    """Real 2.0x activities that import cleanly, serialized, to replicate."""
    from lxml import etree

    from ipdev.iati.importer.mappers import map_activity
    from ipdev.iati.importer.parse import Refused, check_file, iter_activities
    from ipdev.iati.services import load_vocabulary

    vocab, found = load_vocabulary(), []
    for path in paths:
        try:
            for el in iter_activities(check_file(path)):
                if map_activity(el, vocab).importable:
                    found.append(etree.tostring(el))
                if len(found) >= limit:
                    return found
        except Refused:
            continue
    return found


def synthetic_files(
    folder: Path, items: list[bytes], start: int, count: int, per_file: int = PER_FILE
) -> list[Path]:
    from lxml import etree

    paths = []
    for offset in range(0, count, per_file):
        path = folder / f"synthetic-{start + offset:08d}.xml"
        with path.open("wb") as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n')
            for n in range(start + offset, start + min(offset + per_file, count)):
                el = etree.fromstring(items[n % len(items)])
                ident = el.find("iati-identifier")
                ident.text = f"{(ident.text or '').strip()}-BENCH{n:07d}"
                fh.write(etree.tostring(el))
                fh.write(b"\n")
            fh.write(b"</iati-activities>\n")
        paths.append(path)
    return paths


def worker(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    from ipdev.activities.models import Activity
    from ipdev.activities.selectors import activity_details_stream, matching_activity_ids
    from ipdev.iati.bulk import unmapped
    from ipdev.iati.export.parallel import write_activities_parallel
    from ipdev.iati.export.writer import write_activities
    from ipdev.iati.services import iati_import_files
    from ipdev.search.types import Query

    call_command("migrate", verbosity=0)
    paths = sorted((SHARED / "activities").rglob("*.xml"))[: args.files or None]
    out: dict = {"db": args.worker, "files": len(paths), "parallel": not args.serial}
    out["schema_dir"] = os.environ.get("IPDEV_IATI_SCHEMA_DIR", "")
    out["bare_s"], out["bare_activities"] = bare_pass(paths)
    check = not args.no_schema_check
    par = {"parallel": not args.serial}
    started, cpu = time.perf_counter(), time.process_time()
    run = iati_import_files(user=None, paths=paths, schema_check=check, **par)
    out["import_s"] = time.perf_counter() - started
    out["import_cpu_s"] = time.process_time() - cpu
    out["read"], out["created"], out["updated"] = run.read, run.created, run.updated
    out["skipped"], out["refused_files"] = (
        run.skipped,
        sum(1 for f in run.report["files"] if f["refused"]),
    )
    out["import_processes"] = run.report.get("processes", [])
    out["rss_after_real_mb"] = rss_mb()
    started = time.perf_counter()
    again = iati_import_files(user=None, paths=paths, schema_check=check, **par)
    out["reimport_s"] = time.perf_counter() - started
    out["reimport_changed"] = again.created + again.updated
    items = templates(paths)
    with tempfile.TemporaryDirectory(prefix="iati-bench-") as tmp:
        done, chunk, out["synthetic_import_s"] = 0, 50_000, 0.0
        out["per_file"] = args.per_file
        while done < args.n:  # generate 50,000 in files, import them (timed), delete them
            size = min(chunk, args.n - done)
            batch = synthetic_files(Path(tmp), items, done, size, args.per_file)
            started, cpu = time.perf_counter(), time.process_time()
            done_run = iati_import_files(user=None, paths=batch, schema_check=check, **par)
            out["synthetic_import_s"] += time.perf_counter() - started
            processes = done_run.report.get("processes", [])
            for name in ("read_cpu_s", "write_cpu_s", "wait_s"):
                spent = sum(p[name] for p in processes)
                out[f"synthetic_{name}"] = out.get(f"synthetic_{name}", 0.0) + spent
            out["synthetic_peak_rss_mb"] = max(
                [out.get("synthetic_peak_rss_mb", 0.0)] + [p["peak_rss_mb"] for p in processes]
            )
            out["synthetic_cpu_s"] = out.get("synthetic_cpu_s", 0.0) + time.process_time() - cpu
            for path in batch:
                path.unlink()
            done += size
        out["synthetic_n"] = done
    out["rss_after_import_mb"] = rss_mb()
    out["activities_in_db"] = Activity.objects.count()

    class Sink(io.RawIOBase):
        size = 0

        def writable(self):
            return True

        def write(self, data):
            self.size += len(data)
            return len(data)

    sink = Sink()
    out["rss_before_export_mb"] = rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    details = activity_details_stream(user=None, query=Query(facets=False))
    with unmapped():  # as `ipdev export-iati` does
        out["exported"] = write_activities(sampled(details, out), sink)
    out["export_s"] = time.perf_counter() - started
    out["export_cpu_s"] = time.process_time() - cpu
    out["export_mb"] = sink.size / 1e6
    out["rss_peak_mb"] = rss_mb()
    # As `ipdev export-iati` writes it: forked workers build the XML of alternate chunks.
    sink, heap = Sink(), rss_now_mb().get("RssAnon", 0.0)
    started, cpu = time.perf_counter(), time.process_time()
    ids = matching_activity_ids(Query(facets=False))
    with unmapped(), ChildMemory() as workers:
        out["exported_parallel"] = write_activities_parallel(ids, sink, user=None)
    out["export_workers_peak"] = workers.peak
    out["export_parallel_s"] = time.perf_counter() - started
    out["export_parallel_cpu_s"] = time.process_time() - cpu  # (this process's share)
    out["export_parallel_mb"] = sink.size / 1e6
    out["export_parallel_heap_growth_mb"] = rss_now_mb().get("RssAnon", 0.0) - heap
    out["rss_children_peak_mb"] = (
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    )  # the reader processes of the import, the export's workers
    out["rss_end"] = rss_now_mb()
    if args.queries:  # after the export, so that its figures never include the index
        out.update(search_timings(args.queries))
    return out


def run_worker(db: str, args) -> dict:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "ipdev.settings")
    if not args.no_schema_check:  # the official XSDs from the shared data, unless told otherwise
        env.setdefault("IPDEV_IATI_SCHEMA_DIR", str(SHARED / "schemas" / "iati-2.03"))
    tmp = tempfile.mkdtemp(prefix="iati-bench-db-")
    if db == "sqlite":
        env.pop("DATABASE_URL", None)
        env["IPDEV_DATA_DIR"] = tmp
    else:
        import psycopg

        with psycopg.connect(PG_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS ipdev_iati_bench")
            conn.execute("CREATE DATABASE ipdev_iati_bench")
        env["DATABASE_URL"] = PG_URL
    command = [sys.executable, __file__, "--worker", db, "--n", str(args.n)]
    command += ["--files", str(args.files)] + (["--no-schema-check"] * args.no_schema_check)
    command += ["--serial"] * args.serial + ["--queries", str(args.queries)]
    command += ["--per-file", str(args.per_file)]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # the SQLite database (several GB at 1M)
    if result.returncode:
        sys.stderr.write(result.stderr[-3000:])
        raise SystemExit(f"{db} worker failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(results: list[dict], args) -> str:
    first = results[0]
    lines = [
        "| database | real: read | bare iterparse | import end to end | ratio | re-import | "
        f"synthetic ({first['synthetic_n']:,}, {first.get('per_file', PER_FILE):,} a file) "
        "| export, 1 process | export, 2 workers | peak RSS |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['db']} | {r['read']:,} activities ({r['files']} files, {r['refused_files']} "
            f"refused) | {r['bare_activities'] / r['bare_s']:,.0f}/s ({r['bare_s']:.1f} s) | "
            f"{r['read'] / r['import_s']:,.0f}/s ({r['import_s']:.1f} s) | "
            f"{r['import_s'] / r['bare_s']:.1f}x | {r['read'] / r['reimport_s']:,.0f}/s, "
            f"{r['reimport_changed']} changed | "
            f"{r['synthetic_n'] / max(r['synthetic_import_s'], 1e-9):,.0f}/s | "
            f"{r['exported'] / r['export_s']:,.0f}/s ({r['exported']:,}, {r['export_mb']:.0f} MB)"
            f" | {r['exported_parallel'] / r['export_parallel_s']:,.0f}/s"
            f" | {r['rss_peak_mb']:.0f} MB (heap at end {r['rss_end'].get('RssAnon', 0):.0f} MB) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--n", type=int, default=20_000, help="synthetic activities to import")
    parser.add_argument("--files", type=int, default=0, help="only the first N real files")
    parser.add_argument(
        "--per-file",
        type=int,
        default=PER_FILE,
        help="synthetic activities a file (1,000: 10-17 MB files, streamed; 300: at most 7.5 MB, "
        "read whole like every real publisher's file here)",
    )
    parser.add_argument("--no-schema-check", action="store_true")
    parser.add_argument(
        "--serial", action="store_true", help="read and write in one process (default: two)"
    )
    parser.add_argument(
        "--queries", type=int, default=0, help="then time this many searches on the corpus"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args)))
        return
    if not SHARED.exists():
        raise SystemExit(f"The shared IATI data is not at {SHARED}.")
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [run_worker(db, args) for db in dbs]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {platform.platform()}")  # fmt: skip
    print(report(results, args))
    for r in results:
        peak = r.get("export_workers_peak", {})
        print(
            f"{r['db']}: CPU time of this process (the database server's not counted): import "
            f"{r['import_cpu_s']:.1f} s ({r['read'] / r['import_cpu_s']:,.0f}/s), synthetic "
            f"{r.get('synthetic_cpu_s', 0):.1f} s, export "
            f"{r['export_cpu_s']:.1f} s ({r['exported'] / r['export_cpu_s']:,.0f}/s); "
            f"export heap {r.get('export_heap_first_1000_mb', 0):.0f} MB after 1,000 "
            f"activities, at most {r.get('export_heap_max_mb', 0):.0f} MB after "
            f"{r['exported']:,}; RSS after real import {r['rss_after_real_mb']:.0f} MB, after "
            f"synthetic {r['rss_after_import_mb']:.0f} MB; export: selector "
            f"{r['selector_s']:.1f} s, writer {r['export_s'] - r['selector_s']:.1f} s "
            f"({r['exported'] / max(r['export_s'] - r['selector_s'], 1e-9):,.0f}/s); "
            f"peak RSS before the export {r['rss_before_export_mb']:.0f} MB, reader and "
            f"export worker processes {r['rss_children_peak_mb']:.0f} MB; export with 2 workers: "
            f"{r['export_parallel_s']:.1f} s, heap growth of the writing process "
            f"{r['export_parallel_heap_growth_mb']:.0f} MB; each worker at most "
            f"{peak.get('VmRSS', 0):.0f} MB resident, of which its own heap "
            f"{peak.get('Private_Dirty', 0):.0f} MB and the mapped database "
            f"{peak.get('RssFile', 0):.0f} MB (sampled)"
        )
        spent = ", ".join(
            f"{p['read_cpu_s']:.1f} / {p['write_cpu_s']:.1f}, {p['wait_s']:.1f}, "
            f"{p.get('peak_rss_mb', 0):.0f} MB"
            for p in r.get("import_processes", [])
        )
        print(
            f"{r['db']}: import processes (CPU s reading / writing, s waiting to write, peak RSS):"
            " real "
            f"{spent}; synthetic in all {r.get('synthetic_read_cpu_s', 0):.1f} / "
            f"{r.get('synthetic_write_cpu_s', 0):.1f}, {r.get('synthetic_wait_s', 0):.1f}, "
            f"{r.get('synthetic_peak_rss_mb', 0):.0f} MB at most"
        )
        if r.get("search_queries"):
            searchable = r["import_s"] + r["synthetic_import_s"] + r["index_load_s"]
            print(
                f"{r['db']}: imported and searchable: {searchable:.0f} s for "
                f"{r['read'] + r['synthetic_n']:,} activities read (index load "
                f"{r['index_load_s']:.1f} s, {r['indexed']:,} documents); {r['search_queries']} "
                f"queries (median total {r['search_median_total']:,}): (a) top 20 p50 "
                f"{r['search_a_p50_ms']:.1f} / p95 {r['search_a_p95_ms']:.1f} ms, (b) full page "
                f"p50 {r['search_b_p50_ms']:.1f} / p95 {r['search_b_p95_ms']:.1f} ms; RSS after "
                f"the searches {r['rss_after_search_mb']:.0f} MB"
            )
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
