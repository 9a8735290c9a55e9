"""The ranking keeps its measured quality on the labelled set (bench/data/match_eval.json;
docs/benchmarks.md). Pure: no database."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "match_quality.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("match_quality", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_labelled_set_has_at_least_50_judged_needs():
    needs, offers = load_bench().load()
    assert len(needs) >= 50 and len(offers) >= 40


def test_ranking_quality_stays_above_the_measured_floor():
    m = load_bench().evaluate(0.55, 0.45)
    assert m["MRR"] >= 0.8
    assert m["recall@10"] >= 0.8
    assert m["precision@5"] >= 0.25


def test_metrics_are_computed_as_defined():
    m = load_bench().metrics([([1, 2, 3, 4, 5], {2, 9}), ([7], {8})])
    assert m["precision@5"] == (1 / 5 + 0) / 2
    assert m["recall@10"] == (1 / 2 + 0) / 2
    assert m["MRR"] == (1 / 2 + 0) / 2


def test_the_app_index_keeps_the_measured_quality():
    m = load_bench().evaluate_index()
    assert m["MRR"] >= 0.8
    assert m["recall@10"] >= 0.8
    assert m["precision@5"] >= 0.25
