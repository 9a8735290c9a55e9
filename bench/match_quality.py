"""Quality of the WIPO Match ranking on the labelled set (bench/data/match_eval.json).

    python bench/match_quality.py

For each need with at least one judged relevant offer, ranks all the offers with
`ipdev.matchmaking.scoring.rank_offers` and reports precision@5, recall@10 and the mean
reciprocal rank, for the ranker and for two ablations (IP areas only, text only); then the same
for `ipdev.matchmaking.index.OfferIndex`, the path the app uses (its idf is over the offers
only, without the need itself). Python + numpy: no database, no Django settings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ipdev.matchmaking import scoring
from ipdev.matchmaking.index import OfferIndex

DATA = Path(__file__).resolve().parent / "data" / "match_eval.json"


def load(path: Path = DATA):
    data = json.loads(path.read_text(encoding="utf-8"))
    needs = [
        (
            scoring.NeedData(
                id=n["id"],
                title=n["title"],
                text=f"{n['title']}\n{n['text']}",
                ip_areas=frozenset(n["ip_areas"]),
                support_types=frozenset(n["support_types"]),
                languages=frozenset(n["languages"]),
                country=n["country"],
                country_status=n["country_status"],
            ),
            set(n["relevant"]),
        )
        for n in data["needs"]
        if n["relevant"]
    ]
    offers = [
        scoring.OfferData(
            id=o["id"],
            title=o["title"],
            text=f"{o['title']}\n{o['text']}",
            ip_areas=frozenset(o["ip_areas"]),
            support_types=frozenset(o["support_types"]),
            languages=frozenset(o["languages"]),
            eligible_countries=frozenset(o["eligible_countries"]),
            eligible_groups=frozenset(o["eligible_groups"]),
        )
        for o in data["offers"]
    ]
    return needs, offers


def metrics(rankings: list[tuple[list[int], set[int]]]) -> dict[str, float]:
    """precision@5, recall@10 and MRR over (ranked ids, relevant ids) pairs."""
    p5 = r10 = rr = 0.0
    for ranked, relevant in rankings:
        p5 += len(set(ranked[:5]) & relevant) / 5
        r10 += len(set(ranked[:10]) & relevant) / len(relevant)
        rr += next((1 / (i + 1) for i, x in enumerate(ranked) if x in relevant), 0.0)
    n = len(rankings) or 1
    return {"precision@5": p5 / n, "recall@10": r10 / n, "MRR": rr / n}


def evaluate(area_weight: float, text_weight: float) -> dict[str, float]:
    needs, offers = load()
    saved = scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT
    scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT = area_weight, text_weight
    try:
        runs = [
            ([s.id for s in scoring.rank_offers(need, offers, limit=len(offers))], relevant)
            for need, relevant in needs
        ]
    finally:
        scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT = saved
    return metrics(runs) | {"needs": len(runs)}


def evaluate_index() -> dict[str, float]:
    needs, offers = load()
    index = OfferIndex(offers)
    runs = [
        ([s.id for s in index.rank(need, limit=len(offers))], relevant) for need, relevant in needs
    ]
    return metrics(runs) | {"needs": len(runs)}


def main() -> None:
    for label, weights in [
        ("ranker (areas 0.55 + text 0.45)", (scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT)),
        ("IP areas only", (1.0, 0.0)),
        ("text only", (0.0, 1.0)),
        ("OfferIndex (the app's path)", None),
    ]:
        m = evaluate_index() if weights is None else evaluate(*weights)
        print(
            f"{label:34} needs={m['needs']}  P@5={m['precision@5']:.3f}  "
            f"R@10={m['recall@10']:.3f}  MRR={m['MRR']:.3f}"
        )


if __name__ == "__main__":
    main()
