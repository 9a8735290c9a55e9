"""Speed of WIPO Match suggestions on synthetic offers (a benchmark, not a test).

    flock /tmp/ipdev-bench.lock python bench/match_speed.py --offers 1000000 --needs 10000

Builds `--offers` synthetic offers (phrases of the evaluation catalogue mixed with words drawn
from a Zipf-distributed vocabulary of 20,000 words, 1-3 IP areas, eligibility and languages
drawn like the evaluation set), indexes them once (`scoring.OfferIndex`), then times the
ranking of each of `--needs` needs: p50/p95/p99 per need and the total for all of them
(re-ranking). Pure Python, no database.
"""

from __future__ import annotations

import argparse
import gc
import itertools
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--needs", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    vocab = vocabulary(rng)
    started = time.perf_counter()
    index = scoring.OfferIndex(make_offers(args.offers, rng, vocab))
    built = time.perf_counter() - started
    needs = list(make_needs(args.needs, rng, vocab))
    gc.collect()
    gc.freeze()
    times = []
    started = time.perf_counter()
    found = 0
    for need in needs:
        t0 = time.perf_counter()
        found += len(index.rank(need, limit=10))
        times.append((time.perf_counter() - t0) * 1000)
    total = time.perf_counter() - started
    q = statistics.quantiles(times, n=100)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"python {platform.python_version()} | offers {args.offers:,} indexed in {built:.1f} s | "
        f"needs {args.needs:,}: p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms, p99 {q[98]:.1f} ms, "
        f"all in {total:.1f} s | {found / len(needs):.1f} suggestions per need | "
        f"peak RSS {rss:,.0f} MB"
    )


if __name__ == "__main__":
    main()
