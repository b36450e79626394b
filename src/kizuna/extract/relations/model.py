"""A linear classifier over named indicator features, shipped as JSON (feature names and
coefficients), so the package carries no pickle and scoring needs neither NumPy nor
scikit-learn. ``scripts/train_relations.py`` fits it with scikit-learn's logistic regression."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

WEIGHTS = "weights_en.json"


@dataclass(frozen=True)
class LinearHead:
    """Logistic regression: one class (binary, ``classes`` = [no, yes]) or several (softmax)."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one coefficient per scored class

    def scores(self, features: dict[str, float]) -> list[float]:
        out = list(self.intercept)
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None:
                for k, coef in enumerate(w):
                    out[k] += coef * value
        return out

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        s = self.scores(features)
        if len(self.classes) == 2 and len(s) == 1:
            p = 1.0 / (1.0 + math.exp(-s[0]))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(s)
        exp = [math.exp(v - top) for v in s]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": list(self.intercept),
                "weights": {k: list(v) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinearHead:
        return cls(tuple(raw["classes"]), tuple(raw["intercept"]),
                   {k: tuple(v) for k, v in raw["weights"].items()})


@dataclass(frozen=True)
class RelationModel:
    """Whether a candidate pair collaborates, and by which mechanism."""

    collaborates: LinearHead
    mechanism: LinearHead
    threshold: float
    trained: dict[str, Any]  # how it was trained: seed, documents, examples

    def probability(self, features: dict[str, float]) -> float:
        return self.collaborates.probabilities(features)["yes"]

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "trained": self.trained,
                "collaborates": self.collaborates.to_json(),
                "mechanism": self.mechanism.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> RelationModel:
        return cls(LinearHead.from_json(raw["collaborates"]),
                   LinearHead.from_json(raw["mechanism"]), float(raw["threshold"]),
                   dict(raw["trained"]))


@cache
def shipped() -> RelationModel | None:
    """The weights in the package (None before the first training run)."""
    path = resources.files("kizuna.extract.relations").joinpath(WEIGHTS)
    if not path.is_file():
        return None
    return RelationModel.from_json(json.loads(path.read_text("utf-8")))
