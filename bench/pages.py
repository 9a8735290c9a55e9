"""What users wait for: every portal page timed against the API's answer for the same search.

    python bench/pages.py --data-dir /tmp/pages-300k --activities 300000 --repeat 30

Fills an SQLite database in --data-dir once (migrate; the shared real IATI files, then copies
of their activities with new identifiers up to --activities; kept for later runs), serves it
with `ipdev serve` (gunicorn, --workers processes of --threads threads, the index loaded before
forking), then, on 127.0.0.1 only, in loops bounded in count and time:

- the first request after the start, against a warm one (readiness: the index is preloaded);
- each page and the API query with the same filters, one client, --repeat times each:
  median, p95 and the ratio of medians page / API;
- the search page's throughput with 1 and with --clients concurrent clients for --seconds;
- the memory of each of the server's processes (resident, proportional share, own pages), as
  /proc/<pid>/smaps_rollup says, once ready and again after the load;
- with --clients clients for --seconds each, the throughput (requests/s over all the server's
  workers) of the search page and of the statistics page, each against the API call with the
  same search, in the same run: the ratio API / page says how many API answers one page costs.

Anonymous requests carry no cookies, so no page is answered "304 not modified": each is built.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("IPDEV_SHARED_IATI") or HERE.parents[1] / "shared" / "data" / "iati")

# (name, page, API call with the same search) — the API is None where no API call matches.
PAIRS = [
    ("home", "/", "/api/v1/activities/?per_page=6"),
    ("search, all", "/activities/", "/api/v1/activities/"),
    ("search, text", "/activities/?q=patent", "/api/v1/activities/?q=patent"),
    (
        "search, text + country",
        "/activities/?q=training&country=KE",
        "/api/v1/activities/?q=training&country=KE",
    ),
    (
        "search, facets",
        "/activities/?group=ldc&year=2020",
        "/api/v1/activities/?group=ldc&year=2020",
    ),
    ("countries", "/countries/", None),
    ("country", "/countries/KE/", "/api/v1/activities/?country=KE&per_page=6"),
    ("statistics, all", "/statistics/", "/api/v1/activities/"),
    ("statistics, country", "/statistics/?country=KE", "/api/v1/activities/?country=KE"),
    ("activity", "ACTIVITY", "API_ACTIVITY"),
]


# (name, page, API call) whose throughput is compared with --clients concurrent clients.
THROUGHPUT = [
    ("search, text + country", "/activities/?q=training&country=KE",
     "/api/v1/activities/?q=training&country=KE"),
    ("statistics, all", "/statistics/", "/api/v1/activities/"),
    ("statistics, country", "/statistics/?country=KE", "/api/v1/activities/?country=KE"),
]  # fmt: skip


def env_for(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "IPDEV_DATA_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "ipdev.settings"}


def fill(folder: Path, activities: int) -> None:
    """Migrate, import the real files, then synthetic copies up to `activities` (once)."""
    marker = folder / "filled.json"
    if marker.exists() and json.loads(marker.read_text())["activities"] >= activities:
        return
    folder.mkdir(parents=True, exist_ok=True)
    ipdev = [sys.executable, "-m", "ipdev.cli"]
    subprocess.run([*ipdev, "migrate", "--noinput", "-v0"], env=env_for(folder), check=True)
    code = f"""
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {str(HERE)!r})
import django; django.setup()
from iati_import import synthetic_files, templates
from ipdev.activities.models import Activity
from ipdev.iati.services import iati_import_files
real = sorted((Path({str(SHARED)!r}) / "activities").rglob("*.xml"))
if not Activity.objects.exists():
    iati_import_files(user=None, paths=real, schema_check=False, parallel=True)
have = Activity.objects.count()
wanted = {activities}
if have < wanted:
    items = templates(real)
    with tempfile.TemporaryDirectory() as tmp:
        start = have
        while start < wanted:
            n = min(50_000, wanted - start)
            paths = synthetic_files(Path(tmp), items, start, n)
            iati_import_files(user=None, paths=paths, schema_check=False, parallel=True)
            for p in paths: p.unlink()
            start += n
            print(start, "activities", flush=True)
print(Activity.objects.count())
"""
    out = subprocess.run(
        [sys.executable, "-c", code], env=env_for(folder), check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    count = int(out.stdout.split()[-1])
    marker.write_text(json.dumps({"activities": count}))


def descendants(pid: int) -> list[int]:
    """The processes started by `pid`, at any depth (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory(pid: int) -> dict[str, float] | None:
    """Resident, proportional (shared pages divided among their sharers), own (written by it
    alone) and file-backed memory of one process, in MB, from /proc/<pid>/smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        name = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
    except OSError:
        return None
    kb = {}
    for line in text.splitlines()[1:]:
        key, _, rest = line.partition(":")
        if rest.strip().endswith("kB"):
            kb[key] = int(rest.split()[0])
    # Own = pages written by this process alone (its heap, and what it copied of the parent's);
    # the rest of its resident size is shared with the other processes, or the database file's
    # pages (SQLite reads it through a memory map), which the kernel may drop at any time.
    return {"pid": pid, "cmd": " ".join(name.split())[:60], "rss_mb": kb.get("Rss", 0) / 1024,
            "pss_mb": kb.get("Pss", 0) / 1024, "own_mb": kb.get("Private_Dirty", 0) / 1024,
            "file_mb": (kb.get("Rss", 0) - kb.get("Anonymous", 0)) / 1024}  # fmt: skip


def server_memory(pid: int, when: str) -> list[dict]:
    rows = [m for p in [pid, *descendants(pid)] if (m := memory(p))]
    for m in rows:
        print(
            f"memory {when:6} pid {m['pid']:>7}: resident {m['rss_mb']:6.0f} MB, "
            f"proportional {m['pss_mb']:6.0f} MB, own {m['own_mb']:6.0f} MB, "
            f"of files {m['file_mb']:6.0f} MB  {m['cmd'][:40]}"
        )
    return [{**m, "when": when} for m in rows]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
        return time.perf_counter() - started, response.status, body


def timed(url: str, repeat: int) -> list[float]:
    return [get(url)[0] for _ in range(repeat)]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# The CPU seconds this process (the clients) spent in the last `throughput` call, over its
# wall time: the clients share the machine's cores with the server they measure.
CLIENT_LOAD: list[float] = []


def throughput(url: str, clients: int, seconds: float) -> float:
    done = [0] * clients
    cpu = time.process_time()
    stop = time.monotonic() + seconds

    def run(k: int) -> None:
        while time.monotonic() < stop:
            get(url)
            done[k] += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    CLIENT_LOAD[:] = [(time.process_time() - cpu) / wall]
    return sum(done) / wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--activities", type=int, default=0, help="0: the real files only")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="ipdev-pages-"))
    started = time.perf_counter()
    fill(folder, args.activities)
    count = json.loads((folder / "filled.json").read_text())["activities"]
    print(f"{count:,} activities in {folder} (filled in {time.perf_counter() - started:.0f} s)")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    launched = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "ipdev.cli", "serve", "--port", str(port),
         "--workers", str(args.workers), "--threads", str(args.threads)],
        env=env_for(folder), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                if get(f"{base}/ready/")[1] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        ready = time.perf_counter() - launched
        memory_rows = server_memory(server.pid, "ready")
        first = get(f"{base}/activities/?q=patent")[0]
        warm = statistics.median(timed(f"{base}/activities/?q=patent", 5))
        api = json.loads(get(f"{base}/api/v1/activities/?per_page=1")[2])
        pk = api["results"][0]["id"] if api.get("results") else 1
        results = {
            "activities": count,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
            "workers": args.workers,
            "threads": args.threads,
            "ready_s": ready,
            "first_search_ms": first * 1000,
            "warm_search_ms": warm * 1000,
            "pages": [],
        }
        print(f"ready after {ready:.1f} s; first search {first * 1000:.0f} ms, "
              f"warm {warm * 1000:.0f} ms ({first / warm:.1f} x)")  # fmt: skip
        print(f"{'page':24} {'median':>8} {'p95':>8} {'API med':>8} {'ratio':>6}")
        for name, page, call in PAIRS:
            page = f"/activities/{pk}/" if page == "ACTIVITY" else page
            call = f"/api/v1/activities/{pk}/" if call == "API_ACTIVITY" else call
            get(base + page)  # the first of each page fills per-process caches of names
            # Alternate page and API so that a noisy stretch of the machine hits both.
            page_times, api_times = [], []
            for _ in range(args.repeat):
                page_times.append(get(base + page)[0])
                if call:
                    api_times.append(get(base + call)[0])
            row = {
                "page": name,
                "url": page,
                "median_ms": statistics.median(page_times) * 1000,
                "p95_ms": pct(page_times, 95) * 1000,
                "api_median_ms": statistics.median(api_times) * 1000 if api_times else None,
            }
            row["ratio"] = row["median_ms"] / row["api_median_ms"] if api_times else None
            results["pages"].append(row)
            ratio = f"{row['ratio']:.1f}" if row["ratio"] else "-"
            api_ms = f"{row['api_median_ms']:.1f}" if api_times else "-"
            print(f"{name:24} {row['median_ms']:8.1f} {row['p95_ms']:8.1f} {api_ms:>8} {ratio:>6}")
        search = f"{base}/activities/?q=training&country=KE"
        one = throughput(search, 1, args.seconds)
        many = throughput(search, args.clients, args.seconds)
        client_cores = CLIENT_LOAD[0]
        results.update(
            one_client_per_s=one,
            many_clients_per_s=many,
            clients=args.clients,
            clients_cpu_cores=client_cores,
        )
        print(f"search pages/s: 1 client {one:.1f}; {args.clients} clients {many:.1f} "
              f"({many / one:.2f} x); the clients used {client_cores:.2f} of a core")  # fmt: skip
        results["throughput"] = []
        print(f"{'requests/s, ' + str(args.clients) + ' clients':24} {'page':>8} {'API':>8} "
              f"{'API/page':>8}")  # fmt: skip
        for name, page, call in THROUGHPUT:
            page_rps = throughput(base + page, args.clients, args.seconds)
            api_rps = throughput(base + call, args.clients, args.seconds)
            results["throughput"].append(
                {"page": name, "url": page, "page_per_s": page_rps, "api_per_s": api_rps}
            )
            print(f"{name:24} {page_rps:8.1f} {api_rps:8.1f} {api_rps / page_rps:8.1f}")
        results["memory"] = memory_rows + server_memory(server.pid, "loaded")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=120)
        if args.data_dir is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
