"""Training the Japanese relation model from gold-annotated documents (scikit-learn, only
needed here; the shipped model is portable JSON read by :mod:`~kizuna.extract.japanese.model`).

A candidate pair is labelled a collaboration when the gold file of its document pairs the two
organizations (matched by name or alias, as the scorer matches). The decision threshold is
chosen by cross-validation grouped by document on the training documents themselves, then the
model is fitted on all of them. Everything is seeded, so a run is reproducible.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kizuna.evaluation import Report, normalise
from kizuna.extract.japanese.model import PairModel
from kizuna.extract.japanese.pipeline import JapaneseExtractor
from kizuna.extract.pipeline import ExtractedOrg
from kizuna.model.dates import PartialDate

SEED = 0
C = 1.0
FOLDS = 4
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
#: The threshold is the highest whose cross-validated pair F1 is within this of the best: on
#: documents it has not seen the model loses precision first (the blind parts), and the F1
#: curve is flat near its top, so of near-equal thresholds the stricter one is taken.
TOLERANCE = 0.0


@dataclass
class Annotated:
    stem: str
    text: str
    gold: dict[str, Any]
    date: PartialDate | None = None


@dataclass
class Example:
    doc: str
    features: dict[str, float]
    label: int
    gold_pair: frozenset[str] | None  # the gold names of the pair (None: not both gold)
    mechanism: str | None = None  # the gold mechanism of a collaborating pair, in this sentence


def load(folder: Path) -> list[Annotated]:
    """``folder/gold/*.json`` with ``folder/docs/STEM.txt``."""
    out = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        text = (folder / "docs" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        out.append(Annotated(gold_path.stem, text,
                             json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def gold_index(gold: dict[str, Any]) -> tuple[dict[str, str], set[frozenset[str]]]:
    """Surface form (normalised) -> gold name, and the gold pairs."""
    alias: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            alias.setdefault(normalise(name), org["name"])
    pairs: set[frozenset[str]] = set()
    for c in gold["collaborations"]:
        parties = sorted(set(c["parties"]))
        pairs |= {frozenset((a, b)) for i, a in enumerate(parties) for b in parties[i + 1:]}
    return alias, pairs


def canonical(org: ExtractedOrg | None, alias: dict[str, str]) -> str | None:
    names = [org.name, *org.surface] if org else []
    return next((alias[normalise(n)] for n in names if normalise(n) in alias), None)


def examples(extractor: JapaneseExtractor, docs: Sequence[Annotated]) -> list[Example]:
    out: list[Example] = []
    for doc in docs:
        alias, pairs = gold_index(doc.gold)
        extraction, candidates = extractor.read(doc.text, doc.date, every_mention_a_party=True)
        orgs = extraction.organizations
        for cand in candidates:
            a = canonical(orgs.get(cand.a.mention.key), alias)
            b = canonical(orgs.get(cand.b.mention.key), alias)
            pair = frozenset((a, b)) if a and b and a != b else None
            out.append(Example(doc.stem, cand.features, int(pair in pairs), pair,
                               _gold_mechanism(doc.gold, pair, cand.sentence.text)))
    return out


def _gold_mechanism(gold: dict[str, Any], pair: frozenset[str] | None, sentence: str
                    ) -> str | None:
    """The mechanism of the gold record stating ``pair`` in this sentence (its quote and the
    sentence overlap), else of the first record stating it."""
    if pair is None:
        return None
    records = [c for c in gold["collaborations"] if pair <= set(c["parties"])]
    here = [c for c in records if c["quote"].strip() in sentence or sentence.strip() in c["quote"]]
    chosen = (here or records)[:1]
    return str(chosen[0]["mechanism"]) if chosen else None


def _fit_mechanisms(data: Sequence[Example], c: float, seed: int = SEED
                    ) -> dict[str, dict[str, float]]:
    """Multinomial logistic regression from the features of collaborating pairs to their gold
    mechanism (the intercept folded into ``bias``, as in :func:`_fit_weights`)."""
    import numpy as np

    DictVectorizer, LogisticRegression = _learners()
    labelled = [e for e in data if e.label and e.mechanism]
    if len({e.mechanism for e in labelled}) < 2:
        return {}
    vec = DictVectorizer()
    x = vec.fit_transform([e.features for e in labelled])
    y = np.array([e.mechanism for e in labelled])
    model = LogisticRegression(C=c, max_iter=3000, random_state=seed)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    out: dict[str, dict[str, float]] = {}
    for k, mech in enumerate(model.classes_):
        w = {str(n): round(float(v), 5) for n, v in zip(names, model.coef_[k], strict=True)
             if abs(v) > 1e-6}
        w["bias"] = round(w.get("bias", 0.0) + float(model.intercept_[k]), 5)
        out[str(mech)] = w
    return out


def pair_f1(chosen: Sequence[Example], gold_pairs: int) -> tuple[float, float, float]:
    """Pair P/R/F1 over documents from the chosen candidates (distinct gold pairs found)."""
    found = {(e.doc, e.gold_pair) for e in chosen if e.label}
    predicted = {(e.doc, e.gold_pair if e.label else id(e)) for e in chosen}
    tp = len(found)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / gold_pairs if gold_pairs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _learners() -> tuple[Any, Any]:
    """scikit-learn's DictVectorizer and LogisticRegression (imported here: training only)."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    return DictVectorizer, LogisticRegression


def _fit_weights(data: Sequence[Example], c: float, seed: int = SEED) -> dict[str, float]:
    import numpy as np

    DictVectorizer, LogisticRegression = _learners()
    vec = DictVectorizer()
    x = vec.fit_transform([e.features for e in data])
    y = np.array([e.label for e in data])
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    model.fit(x, y)
    weights = {str(name): round(float(w), 5) for name, w in zip(
        vec.get_feature_names_out(), model.coef_[0], strict=True) if abs(w) > 1e-6}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    return weights


def grouped_folds(stems: Sequence[str], folds: int) -> list[set[str]]:
    """Documents dealt round-robin (sorted by name) into ``folds`` groups: reproducible."""
    ordered = sorted(set(stems))
    return [set(ordered[k::folds]) for k in range(folds)]


def cross_validate(data: Sequence[Example], gold_pairs: int, c: float = C,
                   folds: int = FOLDS) -> dict[float, tuple[float, float, float]]:
    """Candidate-level pair figures per threshold, each document scored by a model that did
    not learn from it."""
    probs: dict[int, float] = {}
    for held in grouped_folds([e.doc for e in data], folds):
        model = PairModel(_fit_weights([e for e in data if e.doc not in held], c), 0.5)
        for i, e in enumerate(data):
            if e.doc in held:
                probs[i] = model.probability(e.features)
    return {t: pair_f1([e for i, e in enumerate(data) if probs[i] >= t], gold_pairs)
            for t in THRESHOLDS}


def train(extractor: JapaneseExtractor, docs: Sequence[Annotated], c: float = C,
          label: str = "", seed: int = SEED
          ) -> tuple[PairModel, dict[float, tuple[float, float, float]]]:
    """The model fitted on ``docs``, its threshold chosen by grouped cross-validation on them."""
    data = examples(extractor, docs)
    gold_pairs = sum(len(gold_index(d.gold)[1]) for d in docs)
    cv = cross_validate(data, gold_pairs, c)
    top = max(f1 for _p, _r, f1 in cv.values())
    best = max(t for t in cv if cv[t][2] >= top - TOLERANCE)
    about = label or f"{len(docs)} documents"
    return PairModel(_fit_weights(data, c, seed), best, f"{about}, C={c}, seed {seed}, "
                     f"threshold by {FOLDS}-fold grouped CV",
                     _fit_mechanisms(data, c, seed)), cv


def cross_validated(extractor: JapaneseExtractor, docs: Sequence[Annotated], folds: int,
                    seed: int = SEED) -> Report:
    """End-to-end figures with each document extracted by a model trained (by :func:`train`)
    on the other folds; the extractor is left with the shipped weights."""
    from kizuna.evaluation import score_document

    report = Report()
    for held in grouped_folds([d.stem for d in docs], folds):
        model, _cv = train(extractor, [d for d in docs if d.stem not in held], seed=seed)
        extractor.use_relation_model(model)
        for doc in docs:
            if doc.stem in held:
                pred = extractor.extract(doc.text, doc.date).to_json()
                score_document(doc.stem, doc.gold, doc.text, pred, report)
    extractor.use_relation_model(None)
    return report


def write(model: PairModel, target: Path) -> None:
    target.write_text(json.dumps(model.as_json(), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")
