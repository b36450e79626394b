"""The Japanese evaluation corpus is consistent: shared/check_gold.py passes on every split and the
manifest's counts are the files' own (recomputed here from the texts and gold, not copied)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SHARED

CORPUS = REPO / "tests" / "data" / "corpus" / "ja"
SPLITS = ("train", "dev", "blind", "blind2", "blind3", "blind4")
# blind2 (written later, scored once) keeps its own manifest beside its files.
MANIFESTS = ("manifest.tsv", "blind2/manifest_blind2.tsv", "blind3/manifest_blind3.tsv",
             "blind4/manifest_blind4.tsv")


def _manifest() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in MANIFESTS:
        with (CORPUS / name).open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle, delimiter="\t"))
    return rows


NO_SHARED = not (SHARED / "check_gold.py").exists()


@pytest.mark.skipif(NO_SHARED, reason="../shared is not beside the repo")
@pytest.mark.parametrize("split", SPLITS)
def test_each_split_passes_the_shared_gold_checker(split: str, tmp_path: Path) -> None:
    # check_gold.py expects seeds/ and gold/ folders; copy the split into that layout.
    shutil.copytree(CORPUS / split / "docs", tmp_path / "seeds")
    shutil.copytree(CORPUS / split / "gold", tmp_path / "gold")
    done = subprocess.run([sys.executable, str(SHARED / "check_gold.py"), str(tmp_path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "WARN" not in done.stdout
    files = len(list((tmp_path / "gold").glob("*.json")))
    assert f"{files} files valid" in done.stdout


def test_manifest_lists_every_document_with_its_own_counts() -> None:
    rows = _manifest()
    listed = {row["file"] for row in rows}
    on_disk = {str(p.relative_to(CORPUS))
               for split in SPLITS for p in (CORPUS / split / "docs").glob("*.txt")}
    assert listed == on_disk
    for row in rows:
        text = (CORPUS / row["file"]).read_text(encoding="utf-8")
        gold = json.loads((CORPUS / row["file"].replace("/docs/", "/gold/")).with_suffix(".json")
                          .read_text(encoding="utf-8"))
        assert row["split"] == row["file"].split("/")[0]
        assert int(row["chars"]) == len(text.strip())
        assert int(row["collaborations"]) == len(gold["collaborations"])
        # The stem carries split letter and genre: ja_t01_gov_..., ja_d03_pr_..., ja_b12_uni_...
        stem = Path(row["file"]).stem.split("_")
        assert stem[1][0] == row["split"][0] and stem[2] == row["genre"]


def test_corpus_meets_the_issue_size() -> None:
    rows = _manifest()
    assert len(rows) >= 50
    assert sum(int(row["collaborations"]) for row in rows) >= 300
