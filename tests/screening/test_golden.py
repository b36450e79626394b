"""Each frozen matcher version reproduces its recorded outputs exactly (written by
tests/screening/golden/regenerate.py when the version was frozen). The outputs depend on the
lists as the loaders read them, so a loader change (as the alias splitter of issue 10) is the
one reason to regenerate, said in its commit; a matcher change never is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kizuna.screening.lists import parse_files
from kizuna.screening.matching import build_matcher
from tests.screening.conftest import shared

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("algorithm", ["kizuna-match/1.0", "kizuna-match/1.1", "kizuna-match/1.2",
                                       "kizuna-match/1.3", "kizuna-match/1.4",
                                       "kizuna-match/1.5", "kizuna-match/1.6"])
def test_frozen_version_reproduces_its_golden_output(algorithm: str) -> None:
    golden = json.loads((GOLDEN / (algorithm.replace("/", "_") + ".json")).read_text())
    matcher = build_matcher(parse_files([shared(f) for f in golden["files"]]), algorithm)
    assert matcher.algorithm == algorithm
    diffs = []
    for row in golden["results"]:
        got = [[m.list, m.entity_id, m.score, m.features] for m in
               matcher.match(row["query"], country=row["country"], threshold=0.6, limit=3)]
        if got != row["matches"]:
            diffs.append((row["query"], got, row["matches"]))
    assert not diffs, diffs[:3]
    assert len(golden["results"]) > 500  # the recorded set is large enough to mean something
