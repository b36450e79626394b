"""The Japanese relation model: logistic regression over the features of
:mod:`~kizuna.extract.japanese.features`, with weights in ``weights_ja.json`` (portable JSON, no
pickle) trained by ``benchmarks/extract_ja_train.py`` (seeded, by document)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

WEIGHTS_FILE = "weights_ja.json"


@dataclass(frozen=True)
class PairModel:
    weights: dict[str, float]
    threshold: float
    trained_on: str = ""

    def probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved the decision most, with their contribution."""
        parts = [(n, self.weights.get(n, 0.0) * v) for n, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))[:top]

    def as_json(self) -> dict[str, Any]:
        return {"weights": dict(sorted(self.weights.items())), "threshold": self.threshold,
                "trained_on": self.trained_on}


@cache
def shipped() -> PairModel:
    raw = json.loads(resources.files("kizuna.extract.japanese").joinpath(WEIGHTS_FILE)
                     .read_text("utf-8"))
    return PairModel({str(k): float(v) for k, v in raw["weights"].items()},
                     float(raw["threshold"]), str(raw.get("trained_on", "")))
