"""Which mechanism a collaborating pair's sentence states: the model's mechanism head, unless
the hand-written rules read one of the mechanisms they read precisely (``AUTHORITATIVE``) for
the same pair (``benchmarks/extract_eval.py --relations`` measures each way).

The rules' other readings (above all "partnership", their default for a pair joined by a
partnership word or none) give way to the head, also for the pairs only the rules found: on
the train split cross-validated by document, the rules' "partnership" was wrong for 54 of 216
found pairs (31 of them agreements, 12 talent exchanges); letting the head name the mechanism
of every pair but the authoritative ones, with the head's own features (``mechanism_features``)
and C_MECH 0.3, took the found pairs with a right mechanism from 664 to 699 of 783 and the
wrong-mechanism predictions from 846 to 795 (``rules override`` alone, old features: 672)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kizuna.extract.relations.model import RelationModel
from kizuna.model.vocab import Mechanism

#: Mechanism groups the rules read precisely enough to override the head (measured: adding
#: research_lab, dialogue, talent_exchange and agreement costs 3 strict false positives).
AUTHORITATIVE = frozenset({"acquisition", "investment", "funding"})


def head(model: RelationModel, features: dict[str, float]) -> Mechanism:
    probs = model.mechanism.probabilities(features)
    return Mechanism(max(probs, key=lambda k: probs[k]))


def choose(model: RelationModel, features: dict[str, float], rule: Mechanism | None,
           override: bool) -> Mechanism:
    if rule is not None and override and rule.group in AUTHORITATIVE:
        return rule
    return head(model, features)


def relabel(model: RelationModel, rule: Mechanism, pairs: Iterable[dict[str, float]]
            ) -> Mechanism:
    """The mechanism of a rule's finding over the features of its parties' pairs: the rule's
    when authoritative (or when no pair of it is a candidate), else the head's commonest."""
    if rule.group in AUTHORITATIVE:
        return rule
    votes = Counter(head(model, f) for f in pairs)
    return votes.most_common(1)[0][0] if votes else rule
