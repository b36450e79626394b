"""``kizuna train``, run as a user would (a subprocess), on a small subset of the train split
copied into a temporary corpus: the weights it writes load and decide pairs, the figures it
prints are cross-validated, and bad corpora are coded errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kizuna.extract import Extractor
from kizuna.extract.relations.model import RelationModel
from kizuna.ingest.knowledge import starter_knowledge

TRAIN = Path(__file__).resolve().parents[1] / "data" / "corpus" / "en" / "train"


def kizuna(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "kizuna", *args], capture_output=True,
                          text=True, env=env, timeout=600, check=False)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    stems = sorted(p.stem for p in (TRAIN / "gold").glob("*.json"))[:6]
    for sub, ext in (("gold", "json"), ("docs", "txt")):
        (root / "train" / sub).mkdir(parents=True)
        for stem in stems:
            shutil.copy(TRAIN / sub / f"{stem}.{ext}", root / "train" / sub)
    return root


def test_train_writes_weights_that_load_and_predict(small_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "weights.json"
    done = kizuna("train", "--corpus", str(small_corpus), "--seeds", "none", "--out", str(out),
                  "--folds", "2", "-f", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["documents"] == 6 and summary["positives"] > 0
    pairs = summary["cross_validated"]["pairs"]
    assert 0.0 <= pairs["precision"] <= 1.0 and 0.0 <= pairs["f1"] <= 1.0
    model = RelationModel.from_json(json.loads(out.read_text(encoding="utf-8")))
    assert model.trained["documents"] == 6
    extractor = Extractor(starter_knowledge())
    extractor.use_relation_model(model, "model-only")
    found = extractor.extract("Toyota and Panasonic signed an agreement to jointly develop "
                              "solid-state batteries.").to_json()["collaborations"]
    assert any({"Toyota", "Panasonic"} <= set(c["parties"]) for c in found)


def test_the_same_seed_gives_the_same_file(small_corpus: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        done = kizuna("train", "--corpus", str(small_corpus), "--seeds", "none", "--out",
                      str(out), "--folds", "0")
        assert done.returncode == 0, done.stderr
    assert first.read_bytes() == second.read_bytes()


def test_a_missing_corpus_is_a_coded_error(tmp_path: Path) -> None:
    done = kizuna("train", "--corpus", str(tmp_path / "nowhere"), "--seeds", "none",
                  "--out", str(tmp_path / "w.json"))
    assert done.returncode != 0
    assert "K400" in done.stderr + done.stdout
    assert not (tmp_path / "w.json").exists()


def test_a_blind_split_is_refused(small_corpus: Path, tmp_path: Path) -> None:
    done = kizuna("train", "--corpus", str(small_corpus), "--split", "blind", "--seeds", "none",
                  "--out", str(tmp_path / "w.json"))
    assert done.returncode != 0 and "K401" in done.stderr + done.stdout


REPO = TRAIN.parents[4]
SHIPPED = REPO / "src" / "kizuna" / "extract"


def test_training_reproduces_the_shipped_weights(tmp_path: Path) -> None:
    # The README's `kizuna train --folds 0` (train split plus the shared seeds) gives, byte for
    # byte, the relation weights and the mention filter the package ships.
    if not (REPO.parent / "shared" / "seeds").is_dir():
        pytest.skip("../shared (the seeds the shipped model learns from too) is not here")
    out = tmp_path / "weights_en.json"
    done = subprocess.run([sys.executable, "-m", "kizuna", "train", "--folds", "0", "--out",
                           str(out), "-f", "json"], capture_output=True, text=True,
                          cwd=REPO, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text("utf-8")) == json.loads(
        (SHIPPED / "relations" / "weights_en.json").read_text("utf-8"))
    mentions = out.with_name("weights_en.mentions.json")
    assert json.loads(mentions.read_text("utf-8")) == json.loads(
        (SHIPPED / "mention_weights_en.json").read_text("utf-8"))
