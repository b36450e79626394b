"""The blind screening scorer (benchmarks/screening_blind.py), run on a tiny separate query file
with the WRatio baseline only; the blind file itself is never read here."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
TINY = REPO / "tests" / "data" / "screening" / "tiny_queries.tsv"
BLIND = REPO / "tests" / "data" / "screening" / "blind" / "queries.tsv"


def _rows() -> list[dict[str, str]]:
    with TINY.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_refuses_the_blind_file_without_blind_once() -> None:
    from screening_blind import main

    with pytest.raises(SystemExit, match="blind-once"):
        main([str(BLIND), "--matchers", "wratio"])
    with pytest.raises(SystemExit, match="blind-once"):
        main(["--matchers", "wratio"])  # the default file is the blind one
    with pytest.raises(SystemExit, match="blind-once"):
        main([str(BLIND.parent / "queries_authored.tsv"), "--matchers", "wratio"])


def test_rejects_a_positive_without_expected_entries(tmp_path: Path) -> None:
    from screening_blind import read_queries

    bad = tmp_path / "bad.tsv"
    bad.write_text("query\texpected\tkind\tnote\nSome Name\t\ttypo\t\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.tsv:2"):
        read_queries(bad)


def test_scores_the_tiny_file_with_wratio(tmp_path: Path) -> None:
    if not (SHARED / "data" / "restricted_parties").exists():
        pytest.skip("the shared restricted-party lists are not available")
    from screening_blind import main

    out = tmp_path / "figures.json"
    figures = main([str(TINY), "--matchers", "wratio", "--json", str(out)])
    assert list(figures) == ["WRatio"] and out.exists()
    metrics = figures["WRatio"]["metrics"]
    rows = _rows()
    kinds = {r["kind"] for r in rows}
    for kind in kinds:  # every kind of the file is reported, with its number of queries
        assert metrics[kind]["n"] == sum(r["kind"] == kind for r in rows)
    assert metrics["all"]["n"] == len(rows)
    # A listed name written exactly as listed scores 100 with WRatio against itself.
    assert metrics["exact"]["recall"] == 1.0
    negatives = [r for r in rows if not r["expected"]]
    assert metrics["negatives"]["n"] == len(negatives)
    assert 0.0 <= metrics["negatives"]["precision"] <= 1.0
    assert figures["WRatio"]["queries_per_s"] > 0
