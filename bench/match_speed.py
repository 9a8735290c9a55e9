"""Speed of WIPO Match suggestions on synthetic offers (a benchmark, not a test).

    flock /tmp/ipdev-bench.lock python bench/match_speed.py --offers 1000000 --needs 10000

Builds `--offers` synthetic offers (phrases of the evaluation catalogue mixed with words drawn
from a Zipf-distributed vocabulary of 20,000 words, 1-3 IP areas, eligibility and languages
drawn like the evaluation set), indexes them once (`index.OfferIndex`), then times the
ranking of each of `--needs` needs: p50/p95/p99 per need and the total for all of them
(re-ranking, `OfferIndex.rank_many`), in wall-clock time and in the CPU time of this process
(`time.process_time`), which a shared, loaded machine disturbs far less. With `--reverse N`,
also indexes N needs (`index.NeedIndex`) and times ranking needs for 1,000 offers (or
`--needs`, if fewer).
Python + numpy, no database.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import match_eval_make as catalogue
from ipdev.matchmaking import scoring
from ipdev.matchmaking.index import NeedIndex, OfferIndex

AREAS = sorted({a for areas, *_ in catalogue.TOPICS.values() for a in areas})


def vocabulary(rng: random.Random, n: int = 20_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 10))) for _ in range(n)]


def phrases() -> list[str]:
    out = []
    for _areas, _near, needs, offers in catalogue.TOPICS.values():
        out += [f"{t} {x}" for t, x in needs + offers]
    return out


def make_offers(n: int, rng: random.Random, vocab: list[str]):
    texts = phrases()
    cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    for i in range(n):
        extra = " ".join(rng.choices(vocab, cum_weights=cum, k=15))
        yield scoring.OfferData(
            id=i + 1,
            title=f"Offer {i + 1}",
            text=f"{rng.choice(texts)} {extra}",
            ip_areas=frozenset(rng.sample(AREAS, rng.randint(1, 3))),
            support_types=frozenset(rng.choice(catalogue.OFFER_SUPPORT)),
            languages=frozenset(rng.choice(catalogue.OFFER_LANGS)),
            eligible_groups=frozenset(rng.choice(catalogue.GROUPS)),
        )


def make_needs(n: int, rng: random.Random, vocab: list[str]):
    texts = phrases()
    cum = list(itertools.accumulate(1 / (r + 1) for r in range(len(vocab))))
    for i in range(n):
        code, status = rng.choice(catalogue.COUNTRIES)
        yield scoring.NeedData(
            id=i + 1,
            title=f"Need {i + 1}",
            text=f"{rng.choice(texts)} {' '.join(rng.choices(vocab, cum_weights=cum, k=8))}",
            ip_areas=frozenset(rng.sample(AREAS, rng.randint(0, 2))),
            support_types=frozenset(rng.choice(catalogue.NEED_SUPPORT)),
            languages=frozenset(rng.choice(catalogue.NEED_LANGS)),
            country=code,
            country_status=status,
        )


def timed(index, subjects, limit=10) -> tuple[list[float], list[float], float, int]:
    times, cpu, found = [], [], 0
    started = last = time.perf_counter()
    last_cpu = time.process_time()
    for _subject, suggestions in index.rank_many(subjects, limit=limit):
        now, now_cpu = time.perf_counter(), time.process_time()
        times.append((now - last) * 1000)
        cpu.append((now_cpu - last_cpu) * 1000)
        last, last_cpu = now, now_cpu
        found += len(suggestions)
    return times, cpu, time.perf_counter() - started, found


def summary(label: str, times: list[float], cpu: list[float], total: float, found: int) -> str:
    q = statistics.quantiles(times, n=100)
    c = statistics.quantiles(cpu, n=100)
    return (
        f"{label} {len(times):,}: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, "
        f"max {max(times):.1f} ms, all in {total:.1f} s | CPU p50 {c[49]:.1f} ms, "
        f"p95 {c[94]:.1f} ms, p99 {c[98]:.1f} ms, all {sum(cpu) / 1000:.1f} s | "
        f"{found / len(times):.1f} suggestions each | load {os.getloadavg()[0]:.1f}"
    )


def rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=1_000)
    parser.add_argument("--reverse", type=int, default=0, help="needs to index for offers")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = vocabulary(rng)
    started = time.perf_counter()
    offers = list(make_offers(args.offers, rng, vocab))
    made = time.perf_counter() - started
    before = rss()
    started = time.perf_counter()
    index = OfferIndex(offers)
    built = time.perf_counter() - started
    print(
        f"python {platform.python_version()} | offers {args.offers:,} made in {made:.1f} s "
        f"(RSS {before:,.0f} MB), indexed in {built:.1f} s (peak RSS {rss():,.0f} MB, "
        f"{len(index.profile_size):,} profiles)",
        flush=True,
    )
    needs = list(make_needs(args.needs, rng, vocab))
    gc.collect()
    gc.freeze()
    print(summary("needs", *timed(index, needs)), f"| peak RSS {rss():,.0f} MB", flush=True)
    if args.reverse:
        del index, offers
        gc.collect()
        catalogue_needs = list(make_needs(args.reverse, rng, vocab))
        started = time.perf_counter()
        needs_index = NeedIndex(catalogue_needs)
        built = time.perf_counter() - started
        subjects = list(make_offers(min(args.needs, 1_000), rng, vocab))
        line = summary("offers", *timed(needs_index, subjects))
        print(f"reverse: needs {args.reverse:,} indexed in {built:.1f} s | {line}", flush=True)


if __name__ == "__main__":
    main()
