"""The Japanese dev split does not fall below the figures last measured on it
(``benchmarks/extract_eval.py --lang ja --json benchmarks/extract_figures.json``, table
``ja_dev``): a regression guard a little under the measure, not the measure."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kizuna.evaluation import evaluate
from kizuna.ingest.knowledge import extractor_for_store

REPO = Path(__file__).resolve().parents[3]
DEV = REPO / "tests" / "data" / "corpus" / "ja" / "dev"
FIGURES = REPO / "benchmarks" / "extract_figures.json"
#: How far under the last measured figure a floor sits.
MARGIN = 0.02


def _measured(split: str) -> dict[str, Any]:
    tables: list[dict[str, Any]] = json.loads(FIGURES.read_text(encoding="utf-8"))
    return next(t for t in tables if t["split"] == split)


def test_the_japanese_dev_split_does_not_regress() -> None:
    extractor = extractor_for_store(None)
    report, _ = evaluate(DEV / "gold", DEV / "docs", lambda p: extractor.extract(
        p.read_text(encoding="utf-8"), language="ja").to_json())
    table = _measured("ja_dev")
    for name in ("orgs", "pairs", "strict"):
        floor = table[name]["f1"] - MARGIN
        assert getattr(report, name).f1 >= floor, f"ja dev {name} F1 fell below {floor:.3f}"
    assert report.quotes_ok == report.quotes_all
