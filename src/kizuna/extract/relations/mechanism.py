"""Which mechanism a collaborating pair's sentence states: the model's mechanism head, unless
the hand-written rules read one for the same pair (a high-precision override;
``benchmarks/extract_eval.py --relations`` measures each way)."""

from __future__ import annotations

from kizuna.extract.relations.model import RelationModel
from kizuna.model.vocab import Mechanism


def choose(model: RelationModel, features: dict[str, float], rule: Mechanism | None,
           override: bool) -> Mechanism:
    if rule is not None and override:
        return rule
    probs = model.mechanism.probabilities(features)
    return Mechanism(max(probs, key=lambda k: probs[k]))
