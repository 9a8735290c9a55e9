"""Quality of the WIPO Match ranking on the labelled set (bench/data/match_eval.json).

    python bench/match_quality.py [--src OTHER_CHECKOUT/src] [--english]

For each need with at least one judged relevant offer (grade 1 or 2, see
bench/match_eval_make.py), ranks all the offers with `ipdev.matchmaking.scoring.rank_offers`
and reports precision@5, recall@10 and the mean reciprocal rank (an offer of grade 1 or 2 is
relevant), nDCG@10 (gains 2^grade - 1, so a strong offer counts three times a partial one)
and recall@10 of the strong offers alone; for the ranker and for two ablations (IP areas only,
text only); then the same for `ipdev.matchmaking.index.OfferIndex`, the path the app uses (its
idf is over the offers only, without the need itself). `--english` keeps the English part of
the set (the first 70 needs and 42 offers); `--src` ranks with another checkout's code (the
previous ranker: it reads each listing's original text only). Python + numpy: no database, no
Django settings.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import math
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "match_eval.json"
ENGLISH = (70, 42)  # needs and offers of the English part


def _modules(src: str | None):
    sys.path.insert(0, src or str(Path(__file__).resolve().parents[1] / "src"))
    return (
        importlib.import_module("ipdev.matchmaking.scoring"),
        importlib.import_module("ipdev.matchmaking.index"),
    )


def _make(cls, **values):
    """A NeedData or OfferData with the fields this version of the code knows."""
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in values.items() if k in known})


def _translations(item: dict) -> tuple:
    return tuple(
        (code, f"{t.get('title', '')}\n{t.get('text', '')}")
        for code, t in sorted(item.get("translations", {}).items())
    )


def load(scoring, path: Path = DATA, english: bool = False):
    data = json.loads(path.read_text(encoding="utf-8"))
    raw_needs, raw_offers = data["needs"], data["offers"]
    if english:
        raw_needs, raw_offers = raw_needs[: ENGLISH[0]], raw_offers[: ENGLISH[1]]
    kept = {o["id"] for o in raw_offers}
    needs = []
    for n in raw_needs:
        grades = {int(k): g for k, g in n.get("judgements", {}).items() if int(k) in kept}
        if not grades:
            continue
        need = _make(
            scoring.NeedData,
            id=n["id"],
            title=n["title"],
            text=f"{n['title']}\n{n['text']}",
            ip_areas=frozenset(n["ip_areas"]),
            support_types=frozenset(n["support_types"]),
            languages=frozenset(n["languages"]),
            country=n["country"],
            country_status=n["country_status"],
            text_language=n.get("text_language", "en"),
            translations=_translations(n),
        )
        needs.append((need, grades))
    offers = [
        _make(
            scoring.OfferData,
            id=o["id"],
            title=o["title"],
            text=f"{o['title']}\n{o['text']}",
            ip_areas=frozenset(o["ip_areas"]),
            support_types=frozenset(o["support_types"]),
            languages=frozenset(o["languages"]),
            eligible_countries=frozenset(o["eligible_countries"]),
            eligible_groups=frozenset(o["eligible_groups"]),
            text_language=o.get("text_language", "en"),
            translations=_translations(o),
        )
        for o in raw_offers
    ]
    return needs, offers


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def metrics(rankings: list[tuple[list[int], dict[int, int]]]) -> dict[str, float]:
    """precision@5, recall@10, MRR, nDCG@10 and strong recall@10 over (ranked ids, grades)."""
    p5 = r10 = rr = ndcg = strong = 0.0
    with_strong = 0
    for ranked, grades in rankings:
        relevant = {k for k, g in grades.items() if g > 0}
        p5 += len(set(ranked[:5]) & relevant) / 5
        r10 += len(set(ranked[:10]) & relevant) / len(relevant)
        rr += next((1 / (i + 1) for i, x in enumerate(ranked) if x in relevant), 0.0)
        ideal = _dcg(sorted(grades.values(), reverse=True)[:10])
        ndcg += _dcg([grades.get(x, 0) for x in ranked[:10]]) / ideal
        best = {k for k, g in grades.items() if g == 2}
        if best:
            with_strong += 1
            strong += len(set(ranked[:10]) & best) / len(best)
    n = len(rankings) or 1
    return {
        "precision@5": p5 / n,
        "recall@10": r10 / n,
        "MRR": rr / n,
        "nDCG@10": ndcg / n,
        "strong recall@10": strong / (with_strong or 1),
    }


def _rank_all(scoring, need, offers):
    return [s.id for s in scoring.rank_offers(need, offers, limit=len(offers))]


def evaluate(scoring, needs, offers, area_weight: float, text_weight: float) -> dict:
    saved = scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT
    scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT = area_weight, text_weight
    try:
        runs = [(_rank_all(scoring, need, offers), grades) for need, grades in needs]
    finally:
        scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT = saved
    return metrics(runs) | {"needs": len(runs)}


def evaluate_index(index_module, needs, offers) -> dict:
    index = index_module.OfferIndex(offers)
    runs = [([s.id for s in index.rank(need, limit=len(offers))], g) for need, g in needs]
    return metrics(runs) | {"needs": len(runs)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--src", help="rank with the code of another checkout's src/")
    parser.add_argument("--english", action="store_true", help="the English part only")
    args = parser.parse_args()
    scoring, index_module = _modules(args.src)
    needs, offers = load(scoring, english=args.english)
    shipped = (scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT)
    for label, weights in [
        (f"ranker (areas {shipped[0]} + text {shipped[1]})", shipped),
        ("IP areas only", (1.0, 0.0)),
        ("text only", (0.0, 1.0)),
        ("OfferIndex (the app's path)", None),
    ]:
        if weights is None:
            m = evaluate_index(index_module, needs, offers)
        else:
            m = evaluate(scoring, needs, offers, *weights)
        print(
            f"{label:34} needs={m['needs']}  P@5={m['precision@5']:.3f}  "
            f"R@10={m['recall@10']:.3f}  MRR={m['MRR']:.3f}  nDCG@10={m['nDCG@10']:.3f}  "
            f"strong R@10={m['strong recall@10']:.3f}"
        )


if __name__ == "__main__":
    main()
