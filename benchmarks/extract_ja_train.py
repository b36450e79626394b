"""Train the Japanese relation model (logistic regression, scikit-learn, seeded) on the train
split of the Japanese corpus and write its weights as portable JSON into the package.

    .venv/bin/python benchmarks/extract_ja_train.py [--write] [--c 1.0]

A candidate pair is labelled a collaboration when the gold file of its document pairs the two
organizations (matched by name or alias, as the scorer matches). The threshold is chosen by
4-fold cross-validation grouped by document on train; then the model is fitted on all of train.
Printed: cross-validated train figures, and dev figures (pairs, strict, organizations) for the
model and for the hand rules alone. Dev is only measured, never learned from; blind is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]
from sklearn.model_selection import GroupKFold  # type: ignore[import-untyped]

from kizuna.evaluation import evaluate, normalise
from kizuna.extract.japanese import JapaneseExtractor
from kizuna.extract.japanese.model import WEIGHTS_FILE, PairModel
from kizuna.extract.knowledge import from_starter
from kizuna.extract.pipeline import ExtractedOrg

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "corpus" / "ja"
SEED = 0
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


@dataclass
class Example:
    doc: str
    features: dict[str, float]
    label: int
    gold_pair: frozenset[str] | None  # the gold names of the pair (None: not both gold)


def _gold_index(gold: dict[str, Any]) -> tuple[dict[str, str], set[frozenset[str]]]:
    alias: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            alias.setdefault(normalise(name), org["name"])
    pairs: set[frozenset[str]] = set()
    for c in gold["collaborations"]:
        parties = sorted(set(c["parties"]))
        pairs |= {frozenset((a, b)) for i, a in enumerate(parties) for b in parties[i + 1:]}
    return alias, pairs


def _canon(org: ExtractedOrg | None, alias: dict[str, str]) -> str | None:
    names = [org.name, *org.surface] if org else []
    return next((alias[normalise(n)] for n in names if normalise(n) in alias), None)


def examples(extractor: JapaneseExtractor, split: str) -> tuple[list[Example], dict[str, int]]:
    out: list[Example] = []
    gold_pairs: dict[str, int] = {}
    for gold_path in sorted((CORPUS / split / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (CORPUS / split / "docs" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        alias, pairs = _gold_index(gold)
        gold_pairs[gold_path.stem] = len(pairs)
        extraction, candidates = extractor.read(text)
        orgs = extraction.organizations

        for cand in candidates:
            a = _canon(orgs.get(cand.a.mention.key), alias)
            b = _canon(orgs.get(cand.b.mention.key), alias)
            pair = frozenset((a, b)) if a and b and a != b else None
            out.append(Example(gold_path.stem, cand.features, int(pair in pairs), pair))
    return out, gold_pairs


def pair_f1(chosen: list[Example], gold_pairs: dict[str, int]) -> tuple[float, float, float]:
    """Pair F1 over documents from the chosen candidates (distinct gold pairs found)."""
    found = {(e.doc, e.gold_pair) for e in chosen if e.label}
    predicted = {(e.doc, e.gold_pair if e.label else id(e)) for e in chosen}
    tp, total = len(found), sum(gold_pairs.values())
    p = tp / len(predicted) if predicted else 0.0
    r = tp / total if total else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fit(train: list[Example], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    x = vec.fit_transform([e.features for e in train])
    y = np.array([e.label for e in train])
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x, y)
    return vec, model


def cross_validate(data: list[Example], gold_pairs: dict[str, int], c: float) -> dict[float, Any]:
    groups = [e.doc for e in data]
    probs = np.zeros(len(data))
    for train_idx, test_idx in GroupKFold(n_splits=4).split(data, groups=groups):
        vec, model = fit([data[i] for i in train_idx], c)
        x = vec.transform([data[i].features for i in test_idx])
        probs[test_idx] = model.predict_proba(x)[:, 1]
    return {t: pair_f1([e for e, p in zip(data, probs, strict=True) if p >= t], gold_pairs)
            for t in THRESHOLDS}


def dev_scores(extractor: JapaneseExtractor) -> dict[str, Any]:
    report, _ = evaluate(CORPUS / "dev" / "gold", CORPUS / "dev" / "docs",
                         lambda path: extractor.extract(path.read_text("utf-8")).to_json())
    data = report.as_json()
    return {k: {m: data[k][m] for m in ("f1", "precision", "recall")}
            for k in ("pairs", "strict", "orgs")} | {"quotes": data["quotes"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument("--write", action="store_true", help="write the weights into the package")
    args = parser.parse_args()
    kb = from_starter()
    extractor = JapaneseExtractor(kb)
    data, gold_pairs = examples(extractor, "train")
    print(f"train: {len(data)} candidates, {sum(e.label for e in data)} positive, "
          f"{sum(gold_pairs.values())} gold pairs", file=sys.stderr)
    cv = cross_validate(data, gold_pairs, args.c)
    best = max(cv, key=lambda t: cv[t][2])
    vec, model = fit(data, args.c)
    weights = {name: round(float(w), 5) for name, w in zip(
        vec.get_feature_names_out(), model.coef_[0], strict=True) if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    trained = PairModel(weights, best, f"ja train split, {len(gold_pairs)} documents, "
                        f"C={args.c}, seed {SEED}, threshold by 4-fold grouped CV")
    if args.write:
        path = REPO / "src" / "kizuna" / "extract" / "japanese" / WEIGHTS_FILE
        path.write_text(json.dumps(trained.as_json(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    report = {
        "train_cv_pairs_candidate_level": {str(t): [round(v, 3) for v in cv[t]] for t in cv},
        "threshold": best,
        "dev_model": dev_scores(JapaneseExtractor(kb, extractor.nlp, "model", trained)),
        "dev_rules_only": dev_scores(JapaneseExtractor(kb, extractor.nlp, "rules", trained)),
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
