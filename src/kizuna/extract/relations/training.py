"""Training the relation model from gold-annotated documents (scikit-learn, only needed here).

Each candidate pair the pipeline proposes is labelled by the gold file: positive when the gold
pairs the two organizations (names compared the scorer's way, by name or alias), with the
mechanism of the gold record whose quote is in the candidate's sentence (else the first)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kizuna.evaluation import normalise
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.mentions import Mention
from kizuna.extract.relations.candidates import PairCandidate
from kizuna.extract.relations.mechanism_features import PREFIX as MECHANISM_PREFIX
from kizuna.extract.relations.model import LinearHead, RelationModel

SEED = 20261203
#: Regularisation strength (inverse) and decision threshold; chosen on train folds, not dev.
#: C_MECH 0.3 (with the head's own features): found pairs with a right mechanism 697 of 783 on
#: train folds, against 695 at 1.0 and 698 at 3.0, with fewer wrong ones (801 vs 819/827);
#: class_weight="balanced" for the rare mechanisms cost 10 (687).
C_COLLAB, C_MECH, THRESHOLD = 1.0, 0.3, 0.6


class Annotated(Protocol):
    stem: str
    text: str
    gold: dict[str, Any]


@dataclass
class Example:
    stem: str
    features: dict[str, float]
    label: bool
    mechanism: str | None


def _aliases(gold: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for org in gold["organizations"]:
        for name in [org["name"], *org.get("aliases", [])]:
            out.setdefault(normalise(name), org["name"])
    return out


def _gold_name(m: Mention, alias: dict[str, str], kb_names: dict[str, list[str]]) -> str | None:
    names = [m.text, m.new_name or "", *kb_names.get(m.org_id or "", [])]
    return next((alias[normalise(n)] for n in names if n and normalise(n) in alias), None)


def label(pairs: Iterable[PairCandidate], doc: Annotated, kb_names: dict[str, list[str]]
          ) -> list[Example]:
    alias = _aliases(doc.gold)
    records: dict[frozenset[str], list[dict[str, Any]]] = {}
    for c in doc.gold["collaborations"]:
        parties = sorted(set(c["parties"]))
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                records.setdefault(frozenset((a, b)), []).append(c)
    out = []
    for pair in pairs:
        ga, gb = _gold_name(pair.a, alias, kb_names), _gold_name(pair.b, alias, kb_names)
        found = records.get(frozenset((ga, gb))) if ga and gb and ga != gb else None
        mech = None
        if found:
            sentence = pair.sentence.text.strip()
            here = [c for c in found if c.get("quote") and (
                c["quote"] in sentence or sentence in c["quote"])]
            mech = (here or found)[0]["mechanism"]
        out.append(Example(doc.stem, pair.features, bool(found), mech))
    return out


def examples_for(docs: Sequence[Annotated], kb: KnowledgeBase,
                 progress: Callable[[int, int], None] | None = None) -> list[Example]:
    """Candidate pairs of every document, with their features and gold labels; names resolve
    against ``kb`` (the starter knowledge base, for the shipped model)."""
    from kizuna.extract.pipeline import Extractor

    extractor = Extractor(kb)
    extractor.use_relation_model(None, "rules")
    kb_names = {o.id: [n for n, _lang in o.names] + [o.name] for o in kb.orgs.values()}
    out: list[Example] = []
    for k, doc in enumerate(docs):
        parsed = extractor.nlp(doc.text)
        out += label(parsed._.kizuna_pairs or [], doc, kb_names)
        if progress is not None:
            progress(k + 1, len(docs))
    return out


def linear_head(classes: Sequence[str], coef: Any, intercept: Any, names: Sequence[str]
                ) -> LinearHead:
    """A fitted scikit-learn linear model as a :class:`LinearHead`: coefficients rounded to five
    places, features whose coefficients all round to zero left out."""
    weights = {}
    for j, name in enumerate(names):
        w = tuple(round(float(coef[k][j]), 5) for k in range(len(coef)))
        if any(w):
            weights[name] = w
    return LinearHead(tuple(str(c) for c in classes),
                      tuple(round(float(b), 5) for b in intercept), weights)


def collaboration_features(features: dict[str, float]) -> dict[str, float]:
    """The features the collaborates head weighs: all but the mechanism head's own."""
    return {k: v for k, v in features.items() if not k.startswith(MECHANISM_PREFIX)}


def fit(examples: Sequence[Example], seed: int = SEED,
        weight: Mapping[str, float] | None = None) -> RelationModel:
    """Logistic regressions for "collaborates" and for the mechanism; ``weight`` gives a
    document's examples more say (stem -> weight, default 1)."""
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    random.Random(seed).shuffle(shuffled := list(examples))
    vec = DictVectorizer()
    x = vec.fit_transform([collaboration_features(e.features) for e in shuffled])
    names = list(vec.get_feature_names_out())
    y = ["yes" if e.label else "no" for e in shuffled]
    collab = LogisticRegression(C=C_COLLAB, max_iter=5000, random_state=seed)
    by_doc = weight or {}
    collab.fit(x, y, sample_weight=[by_doc.get(e.stem, 1.0) for e in shuffled])
    positives = [e for e in shuffled if e.label and e.mechanism]
    mvec = DictVectorizer()
    xm = mvec.fit_transform([e.features for e in positives])
    mech = LogisticRegression(C=C_MECH, max_iter=5000, random_state=seed)
    mech.fit(xm, [e.mechanism for e in positives],
             sample_weight=[by_doc.get(e.stem, 1.0) for e in positives])
    mech_coef = mech.coef_ if len(mech.classes_) > 2 else [-mech.coef_[0], mech.coef_[0]]
    mech_icpt = mech.intercept_ if len(mech.classes_) > 2 else [-mech.intercept_[0],
                                                                 mech.intercept_[0]]
    return RelationModel(
        linear_head(collab.classes_, collab.coef_, collab.intercept_, names),
        linear_head(mech.classes_, mech_coef, mech_icpt, list(mvec.get_feature_names_out())),
        THRESHOLD,
        {"seed": seed, "documents": len({e.stem for e in examples}),
         "examples": len(examples), "positives": sum(e.label for e in examples)})
