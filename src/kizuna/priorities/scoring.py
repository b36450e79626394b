"""Shared S&T priorities: each technology of the taxonomy scored from the evidence graph.

Every feature is scaled to 0–1 across technologies so the weights mean what they say; the score
is the weighted mean of the features (weights may be negative, e.g. to penalise sensitivity).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from kizuna.errors import E, KizunaError
from kizuna.model.taxonomy import technologies
from kizuna.priorities.graph import Collab, EvidenceGraph
from kizuna.priorities.registry import label
from kizuna.priorities.weights import DEFAULT_WEIGHTS, resolve_weights
from kizuna.yamldata import load_data

__all__ = ["ALGORITHM", "FEATURE_EXPLANATIONS", "Priority", "PriorityResult", "feature_table",
           "score_priorities"]

ALGORITHM = label("kizuna-priorities")
TREND_YEARS = 5  # the recent window and the window before it that it is compared with
BILATERAL = ("US", "JP")
#: The taxonomy's catch-all is not a technology anyone could make a priority of.
NOT_A_PRIORITY = frozenset({"other"})

FEATURE_EXPLANATIONS: dict[str, str] = {
    "volume": "collaborations naming the technology, log-scaled, relative to the busiest one",
    "trend": f"collaborations in the last {TREND_YEARS} years against the {TREND_YEARS} before "
             "(0 = all earlier, 0.5 = flat, 1 = all recent)",
    "bilateral_breadth": "geometric mean of the U.S. and Japanese organizations acting in it "
                         "(zero when one side is absent), log-scaled",
    "cross_border_share": "share of its collaborations with both a U.S. and a Japanese party",
    "government_framework": "government agreements and dialogues naming it, log-scaled",
    "research_intensity": "mean research intensity (S&T articles per million people, OWID) of "
                          "the countries of its parties, relative to the highest (0 when no "
                          "indicators were loaded)",
    "sensitivity": "export-control sensitivity from the screening rules (high 1, medium 0.5, "
                   "low 0); dual-use areas are flagged, not excluded",
}
_SENSITIVITY = {"high": 1.0, "medium": 0.5, "low": 0.0}


@cache
def sensitivity_levels() -> dict[str, str]:
    text = resources.files("kizuna.screening").joinpath("rules/technology.yaml").read_text(
        encoding="utf-8")
    data: dict[str, Any] = load_data(text)
    return {tech: str(entry["sensitivity"]) for tech, entry in data["technologies"].items()}


@dataclass(frozen=True)
class Priority:
    technology: str
    name: str
    score: float
    rank: int
    features: dict[str, float]
    raw: dict[str, float]
    dual_use: bool
    evidence: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"technology": self.technology, "name": self.name, "score": round(self.score, 4),
                "rank": self.rank, "features": {k: round(v, 4) for k, v in self.features.items()},
                "raw": self.raw, "dual_use": self.dual_use, "evidence": list(self.evidence)}


@dataclass
class PriorityResult:
    priorities: list[Priority]
    weights: dict[str, float]
    latest_year: int | None
    indicators_loaded: bool
    algorithm: str = ALGORITHM
    explanations: dict[str, str] = field(default_factory=lambda: dict(FEATURE_EXPLANATIONS))

    def as_json(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "weights": self.weights,
                "latest_year": self.latest_year, "indicators_loaded": self.indicators_loaded,
                "features_explained": self.explanations,
                "technologies": [p.as_json() for p in self.priorities]}


def _log_scale(values: Mapping[str, float]) -> dict[str, float]:
    peak = max((math.log1p(v) for v in values.values()), default=0.0)
    return {k: (math.log1p(v) / peak if peak else 0.0) for k, v in values.items()}


def _newest_first(c: Collab) -> tuple[int, str]:
    return -(c.year or 0), c.id


def feature_table(graph: EvidenceGraph, indicators: Mapping[str, float] | None = None
                  ) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]],
                             dict[str, list[Collab]], int | None]:
    """Per technology: scaled features, the raw counts behind them, its collaborations and the
    latest year in the graph (the trend's reference point, so results do not depend on today)."""
    # Each count is one filter over the collaborations and one Counter over their technologies
    # (C loops), and the index one simple pass: at 100,000 collaborations this is the work.
    country = {o.id: o.country for o in graph.orgs.values()}
    us_orgs = {o for o, cc in country.items() if cc == "US"}
    jp_orgs = {o for o, cc in country.items() if cc == "JP"}
    years = [c.year for c in graph.collabs if c.year is not None]
    latest = max(years) if years else None
    top_rate = max(indicators.values()) if indicators else 0.0
    # Visited newest first (then by id), so each technology's list is already in the order its
    # evidence is shown: one sort of all collaborations instead of one per technology.
    order = [c for c in sorted(graph.collabs, key=_newest_first) if c.technologies]
    by_tech: dict[str, list[Collab]] = defaultdict(list)
    orgs: dict[str, set[str]] = defaultdict(set)
    for c in order:
        for t in c.technologies:
            by_tech[t].append(c)
            orgs[t].update(c.parties)

    def tally(keep: Callable[[Collab], bool]) -> Counter[str]:
        return Counter(t for c in order if keep(c) for t in c.technologies)

    cross = tally(lambda c: not us_orgs.isdisjoint(c.parties)
                  and not jp_orgs.isdisjoint(c.parties))
    recent = prior = Counter[str]()
    if latest is not None:
        cut = latest - TREND_YEARS
        recent = tally(lambda c: c.year is not None and c.year > cut)
        prior = tally(lambda c: c.year is not None and cut - TREND_YEARS < c.year <= cut)
    governmental = tally(lambda c: c.governmental)
    rate_sum: dict[str, float] = defaultdict(float)
    rate_count: Counter[str] = Counter()
    if indicators:
        for c in order:
            rates = [indicators[cc] for cc in (country.get(p, "??") for p in c.parties)
                     if cc in indicators]
            for t in c.technologies:
                rate_sum[t] += sum(rates)
                rate_count[t] += len(rates)
    levels = sensitivity_levels()
    raw: dict[str, dict[str, float]] = {}
    for tech in (t.id for t in technologies()):
        members = orgs.get(tech, set())
        raw[tech] = {
            "collaborations": len(by_tech.get(tech, ())),
            "us_organizations": len(members & us_orgs),
            "jp_organizations": len(members & jp_orgs),
            "cross_border": cross[tech], "recent": recent[tech], "prior": prior[tech],
            "government": governmental[tech],
            "research_rate": (rate_sum[tech] / rate_count[tech]) if rate_count[tech] else 0.0,
        }
    volume = _log_scale({t: r["collaborations"] for t, r in raw.items()})
    breadth = _log_scale({t: math.sqrt(r["us_organizations"] * r["jp_organizations"])
                          for t, r in raw.items()})
    gov = _log_scale({t: r["government"] for t, r in raw.items()})
    feats: dict[str, dict[str, float]] = {}
    for tech, r in raw.items():
        n = r["collaborations"]
        window = r["recent"] + r["prior"]
        feats[tech] = {
            "volume": volume[tech],
            "trend": (r["recent"] / window) if window else 0.0,
            "bilateral_breadth": breadth[tech],
            "cross_border_share": (r["cross_border"] / n) if n else 0.0,
            "government_framework": gov[tech],
            "research_intensity": (r["research_rate"] / top_rate) if top_rate else 0.0,
            "sensitivity": _SENSITIVITY.get(levels.get(tech, "low"), 0.0),
        }
    return feats, raw, dict(by_tech), latest


def combine(features: Mapping[str, float], weights: Mapping[str, float]) -> float:
    total = sum(abs(w) for w in weights.values())
    return sum(weights[k] * features[k] for k in weights) / total if total else 0.0


def score_priorities(graph: EvidenceGraph, weights: Mapping[str, float] | None = None,
                     indicators: Mapping[str, float] | None = None, *,
                     include_empty: bool = False) -> PriorityResult:
    """Technologies ranked by score; those without any collaboration are left out unless asked
    for (nothing is evidence for them)."""
    w = resolve_weights(weights)
    unknown = set(w) - set(DEFAULT_WEIGHTS)
    if unknown:
        raise KizunaError(E.BAD_WEIGHTS, source=f"(unknown feature {', '.join(sorted(unknown))})",
                          problem=f"known features: {', '.join(DEFAULT_WEIGHTS)}")
    feats, raw, by_tech, latest = feature_table(graph, indicators)
    names = {t.id: t.en for t in technologies()}
    levels = sensitivity_levels()
    scored = []
    for tech, f in feats.items():
        if tech in NOT_A_PRIORITY or (not include_empty and raw[tech]["collaborations"] == 0):
            continue
        evidence = tuple(c.id for c in by_tech.get(tech, ()))  # newest first already
        scored.append((combine(f, w), tech, f, evidence))
    if not scored:
        raise KizunaError(E.NO_PRIORITIES)
    scored.sort(key=lambda s: (-s[0], s[1]))
    out = [Priority(tech, names[tech], score, i + 1, f, raw[tech],
                    levels.get(tech) in ("high", "medium"), ev)
           for i, (score, tech, f, ev) in enumerate(scored)]
    return PriorityResult(out, w, latest, bool(indicators))
