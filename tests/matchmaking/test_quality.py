"""The ranking keeps its measured quality on the labelled set (bench/data/match_eval.json;
docs/benchmarks.md). Pure: no database."""

import importlib.util
import math
from pathlib import Path

from ipdev.matchmaking import index, scoring

BENCH = Path(__file__).resolve().parents[2] / "bench" / "match_quality.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("match_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_has_cross_type_and_other_language_cases():
    bench = load_bench()
    needs, offers = bench.load(scoring)
    assert len(needs) >= 80 and len(offers) >= 60
    grades = [g for _need, judged in needs for g in judged.values()]
    assert grades.count(1) >= 40  # another type of support: partial
    languages = {n.text_language for n, _judged in needs} | {o.text_language for o in offers}
    assert languages == {"ar", "zh", "en", "fr", "ru", "es"}
    assert any(o.translations for o in offers)


def test_ranking_quality_stays_above_the_measured_floor():
    bench = load_bench()
    needs, offers = bench.load(scoring)
    m = bench.evaluate(scoring, needs, offers, scoring.AREA_WEIGHT, scoring.TEXT_WEIGHT)
    assert m["MRR"] >= 0.78
    assert m["recall@10"] >= 0.77
    assert m["precision@5"] >= 0.36
    assert m["nDCG@10"] >= 0.73


def test_metrics_are_computed_as_defined():
    m = load_bench().metrics([([1, 2, 3, 4, 5], {2: 2, 9: 1}), ([7], {8: 2})])
    assert m["precision@5"] == (1 / 5 + 0) / 2
    assert m["recall@10"] == (1 / 2 + 0) / 2
    assert m["MRR"] == (1 / 2 + 0) / 2
    ideal = 3 + 1 / math.log2(3)
    assert math.isclose(m["nDCG@10"], (3 / math.log2(3) / ideal + 0) / 2)
    assert m["strong recall@10"] == (1 + 0) / 2


def test_the_app_index_keeps_the_measured_quality():
    bench = load_bench()
    needs, offers = bench.load(scoring)
    m = bench.evaluate_index(index, needs, offers)
    assert m["MRR"] >= 0.78
    assert m["recall@10"] >= 0.77
    assert m["precision@5"] >= 0.36
    assert m["nDCG@10"] >= 0.73
