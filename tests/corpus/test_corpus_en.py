"""The English evaluation corpus is valid gold: shared/check_gold.py passes on every split and the
manifests agree with the files (word counts and numbers of collaborations are recomputed here)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "corpus" / "en"
CHECK_GOLD = REPO / ".." / "shared" / "check_gold.py"
MANIFESTS = [CORPUS / "manifest_train_dev.tsv", CORPUS / "blind" / "manifest_blind.tsv",
             CORPUS / "blind2" / "manifest_blind2.tsv", CORPUS / "blind3" / "manifest_blind3.tsv",
             CORPUS / "blind4" / "manifest_blind4.tsv"]


@pytest.mark.parametrize("split", ["train", "dev", "blind", "blind2", "blind3", "blind4"])
def test_split_passes_check_gold(split: str, tmp_path: Path) -> None:
    # check_gold.py expects seeds/ and gold/ side by side, so the split is laid out that way.
    shutil.copytree(CORPUS / split / "docs", tmp_path / "seeds")
    shutil.copytree(CORPUS / split / "gold", tmp_path / "gold")
    done = subprocess.run(
        [sys.executable, str(CHECK_GOLD), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    n_files = len(list((tmp_path / "gold").glob("*.json")))
    assert f"{n_files} files valid" in done.stdout


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_manifest_matches_files(manifest: Path) -> None:
    with manifest.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    for row in rows:
        doc = CORPUS / row["file"]
        gold = doc.parent.parent / "gold" / (doc.stem + ".json")
        text = doc.read_text(encoding="utf-8")
        record = json.loads(gold.read_text(encoding="utf-8"))
        assert doc.stem.split("_")[2] == row["genre"], row["file"]
        assert len(text.split()) == int(row["words"]), row["file"]
        assert len(record["collaborations"]) == int(row["collaborations"]), row["file"]
    listed = {CORPUS / row["file"] for row in rows}
    splits = {row["split"] for row in rows}
    on_disk = {p for split in splits for p in (CORPUS / split / "docs").glob("*.txt")}
    assert listed == on_disk


def test_corpus_reaches_issue_size() -> None:
    # Issue 9: the English corpus reaches at least 85 documents and 500 collaborations.
    docs = collaborations = 0
    for manifest in MANIFESTS:
        with manifest.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                docs += 1
                collaborations += int(row["collaborations"])
    assert docs >= 85
    assert collaborations >= 500
