"""``kizuna train --lang ja`` reproduces the shipped Japanese weights (seeded) and never learns
from a blind part."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kizuna.cli.app import app

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "src" / "kizuna" / "extract" / "japanese" / "weights_ja.json"


def test_training_reproduces_the_shipped_weights(tmp_path: Path) -> None:
    out = tmp_path / "weights_ja.json"
    old = Path.cwd()
    os.chdir(REPO)  # the default corpus is relative to the repository
    try:
        result = CliRunner().invoke(app, ["train", "--lang", "ja", "--folds", "0",
                                          "--out", str(out), "-f", "json"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["documents"] == len(list((REPO / "tests/data/corpus/ja/train/gold").glob(
        "*.json")))
    assert json.loads(out.read_text("utf-8")) == json.loads(SHIPPED.read_text("utf-8"))


@pytest.mark.parametrize("split", ["blind"])
def test_a_blind_part_is_refused(split: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "--lang", "ja", "--split", split,
                                      "--out", str(tmp_path / "w.json")])
    assert result.exit_code != 0
    assert not (tmp_path / "w.json").exists()
