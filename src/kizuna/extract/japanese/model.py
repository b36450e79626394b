"""The Japanese relation model: logistic regression over the features of
:mod:`~kizuna.extract.japanese.features`, with weights in ``weights_ja.json`` (portable JSON, no
pickle) trained by ``kizuna train --lang ja`` (seeded, by document): one binary model deciding
whether a pair collaborates, and a multinomial one naming the mechanism of an accepted pair."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

WEIGHTS_FILE = "weights_ja.json"


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    threshold: float
    trained_on: str = ""
    #: mechanism -> feature weights (softmax over mechanisms); empty: the rules name it
    mechanisms: dict[str, dict[str, float]] = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def mechanism(self, features: dict[str, float]) -> tuple[str, float] | None:
        """The most probable mechanism and its probability (None without a mechanism model)."""
        if not self.mechanisms:
            return None
        z = {m: sum(w.get(n, 0.0) * v for n, v in features.items())
             for m, w in self.mechanisms.items()}
        top = max(z.values())
        exp = {m: math.exp(v - top) for m, v in z.items()}
        best = max(exp, key=lambda m: (exp[m], m))
        return best, exp[best] / sum(exp.values())

    def explain(self, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved the decision most, with their contribution."""
        parts = [(n, self.weights.get(n, 0.0) * v) for n, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))[:top]

    def as_json(self) -> dict[str, Any]:
        return {"weights": dict(sorted(self.weights.items())), "threshold": self.threshold,
                "trained_on": self.trained_on,
                "mechanisms": {m: dict(sorted(w.items())) for m, w in sorted(
                    self.mechanisms.items())}}


@cache
def shipped() -> PairModel:
    raw = json.loads(resources.files("kizuna.extract.japanese").joinpath(WEIGHTS_FILE)
                     .read_text("utf-8"))
    return PairModel({str(k): float(v) for k, v in raw["weights"].items()},
                     float(raw["threshold"]), str(raw.get("trained_on", "")),
                     {str(m): {str(k): float(v) for k, v in w.items()}
                      for m, w in raw.get("mechanisms", {}).items()})
