"""Accuracy on the shared seed documents, scored by kizuna's evaluator and, for the same
predictions, by the shared scorer itself: the two must agree exactly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kizuna.evaluation import Report, evaluate
from kizuna.extract import Extractor
from kizuna.ingest.knowledge import starter_knowledge
from tests.conftest import SHARED

GOLD, SEEDS, SCORER = SHARED / "gold", SHARED / "seeds", SHARED / "tools" / "score_extraction.py"
pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared is not beside the repo")


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Path]:
    extractor = Extractor(starter_knowledge())
    report, predictions = evaluate(GOLD, SEEDS, lambda p: extractor.extract(
        p.read_text(encoding="utf-8")).to_json())
    out = tmp_path_factory.mktemp("pred")
    for stem, pred in predictions.items():
        (out / f"{stem}.json").write_text(json.dumps(pred), encoding="utf-8")
    return report, out


def test_targets_are_met(scored: tuple[Report, Path]) -> None:
    report, _ = scored
    assert report.orgs.f1 >= 0.85
    assert report.pairs.f1 >= 0.80
    assert report.strict.f1 >= 0.70
    assert report.quotes_ok == report.quotes_all > 0


def test_kizuna_scores_like_the_shared_scorer(scored: tuple[Report, Path]) -> None:
    report, predictions = scored
    result = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(SEEDS),
                             str(predictions)], capture_output=True, text=True, check=True)
    shared: dict[str, Any] = {}
    for line in result.stdout.splitlines():
        match = re.match(r"(\w+)\s+P=.* \(tp=(\d+) fp=(\d+) fn=(\d+)\)", line)
        if match:
            shared[match.group(1)] = tuple(int(x) for x in match.groups()[1:])
    for name in ("orgs", "pairs", "strict"):
        tally = getattr(report, name)
        assert (tally.tp, tally.fp, tally.fn) == shared[name], name
    assert f"verbatim={report.quotes_ok}/{report.quotes_all}" in result.stdout


HELDOUT = Path(__file__).resolve().parents[1] / "data" / "en_heldout"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "en"
#: Written by ``benchmarks/extract_eval.py --json benchmarks/extract_figures.json``.
FIGURES = Path(__file__).resolve().parents[2] / "benchmarks" / "extract_figures.json"
#: How far under the last measured figure a floor sits: a regression guard, not the measure.
MARGIN = 0.02


def measured(split: str) -> dict[str, Any]:
    tables: list[dict[str, Any]] = json.loads(FIGURES.read_text(encoding="utf-8"))
    return next(t for t in tables if t["split"] == split)


def assert_not_below(report: Report, split: str) -> None:
    table = measured(split)
    for name in ("orgs", "pairs", "strict"):
        floor = table[name]["f1"] - MARGIN
        assert getattr(report, name).f1 >= floor, f"{split} {name} F1 fell below {floor:.3f}"
    assert report.quotes_ok == report.quotes_all


def test_the_seeds_do_not_regress(scored: tuple[Report, Path]) -> None:
    assert_not_below(scored[0], "seeds")


def test_the_written_english_set_does_not_regress() -> None:
    """Floors a little under the last measured figures on the project's own English set (see
    its README): a change that loses recall or precision there fails here."""
    extractor = Extractor(starter_knowledge())
    report, _ = evaluate(HELDOUT / "gold", HELDOUT / "docs", lambda p: extractor.extract(
        p.read_text(encoding="utf-8")).to_json())
    assert_not_below(report, "en_heldout")


def test_the_dev_split_does_not_regress() -> None:
    extractor = Extractor(starter_knowledge())
    dev = CORPUS / "dev"
    report, _ = evaluate(dev / "gold", dev / "docs", lambda p: extractor.extract(
        p.read_text(encoding="utf-8")).to_json())
    assert_not_below(report, "dev")
