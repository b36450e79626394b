"""Training the filter of found organization names (``mention_filter``) on a gold corpus: every
name the finders propose is labelled by the gold file (an organization of the text when it, or
the known organization it resolves to, is a gold name or alias, compared the scorer's way).
Seeded; needs scikit-learn (the ``[train]`` extra)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from kizuna.evaluation import normalise
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.mention_filter import MentionModel
from kizuna.extract.relations.training import Annotated, linear_head

#: Regularisation strength (inverse) and decision threshold, chosen on train folds.
C_MENTION, THRESHOLD = 0.5, 0.5


@dataclass
class MentionExample:
    stem: str
    features: dict[str, float]
    label: bool


def mention_examples(docs: Sequence[Annotated], kb: KnowledgeBase) -> list[MentionExample]:
    from kizuna.extract.pipeline import Extractor

    extractor = Extractor(kb)
    extractor.use_mention_model(None, filtering=False)
    extractor.use_relation_model(None, "rules")
    kb_names = {o.id: [o.name, *(n for n, _lang in o.names)] for o in kb.orgs.values()}
    out = []
    for doc in docs:
        gold = {normalise(n) for o in doc.gold["organizations"]
                for n in [o["name"], *o.get("aliases", [])]}
        for m, feats in extractor.judged_mentions(doc.text):
            names = [m.text, m.new_name or "", *kb_names.get(m.org_id or "", [])]
            out.append(MentionExample(doc.stem, feats,
                                      any(n and normalise(n) in gold for n in names)))
    return out


def fit_mentions(examples: Sequence[MentionExample], seed: int) -> MentionModel:
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    from kizuna.extract.relations.model import LinearHead

    random.Random(seed).shuffle(shuffled := list(examples))
    trained = {"seed": seed, "documents": len({e.stem for e in examples}),
               "examples": len(examples), "positives": sum(e.label for e in examples)}
    if len({e.label for e in shuffled}) < 2:  # nothing to tell apart: keep every name
        return MentionModel(LinearHead(("no", "yes"), (10.0,), {}), THRESHOLD, trained)
    vec = DictVectorizer()
    x = vec.fit_transform([e.features for e in shuffled])
    clf = LogisticRegression(C=C_MENTION, max_iter=5000, random_state=seed)
    clf.fit(x, ["yes" if e.label else "no" for e in shuffled])
    head = linear_head(clf.classes_, clf.coef_, clf.intercept_,
                       [str(n) for n in vec.get_feature_names_out()])
    return MentionModel(head, THRESHOLD, trained)
