"""Partner suggestions: organizations that ORG has not worked with, ranked by graph proximity,
complementary technology strengths and cross-border value, each feature explained.

Governments turn one agreement into a clique (ten agencies signing make 45 pairs), which would
drown the firms' own ties. So each collaboration with n parties adds 1/(n−1) to each of its pairs
(a hyperedge spread over its members, not n−1 full edges), government agreements and dialogues
count a quarter of that, and common partners are damped by the log of their weighted degree
(Adamic–Adar), so a ministry that co-signs everything says little about any pair.

Governments are also poor *answers* for a firm or a lab: a ministry is close to everyone it
co-signed with, so it would top every list without being a partner anyone can approach the way
the essays mean. So for an organization that is not itself a government body, government bodies
(:data:`GOVERNMENT_KINDS`) are left out of the suggestions unless asked for (``governments``),
and when asked for their score is halved and the explanation says why. A government body asking
sees its counterparts as usual: agencies partner with agencies.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kizuna.model.taxonomy import technologies
from kizuna.priorities.graph import EvidenceGraph, Org
from kizuna.priorities.registry import label

__all__ = ["ALGORITHM", "DEFAULT_PARTNER_WEIGHTS", "EXPLANATIONS", "GOVERNMENT_KINDS",
           "GOVERNMENT_POLICIES", "PartnerModel", "Suggestion", "government_policy",
           "is_government"]

ALGORITHM = label("kizuna-partners")
GOVERNMENT_WEIGHT = 0.25
#: Kinds that act as governments: their ties come from agreements, hence cliques.
GOVERNMENT_KINDS = frozenset({"government", "ministry", "government_agency",
                              "intergovernmental_body", "military_unit"})
#: A government body's score when a non-government organization asks to see them.
GOVERNMENT_TARGET_FACTOR = 0.5
GOVERNMENT_NOTE = ("a government body: its ties come mostly from agreements and dialogues, "
                   "which make cliques, so its score is halved; shown because governments were "
                   "asked for")
#: Set by hand before any evaluation ran (proximity first, then what a partner adds), never
#: changed after seeing the 2023+ test split. benchmarks/partners_eval.py --tune searches a grid
#: on a validation split (train ≤ 2020, predict 2021–2022) instead; with only 8 organizations to
#: score there it is too small to trust, so its choice is reported, not adopted.
DEFAULT_PARTNER_WEIGHTS: dict[str, float] = {
    "proximity": 1.0, "shared_technology": 0.5, "complementarity": 0.25,
    "cross_border": 0.25, "activity": 0.5,
}
EXPLANATIONS = {
    "proximity": "common partners weighted by Adamic–Adar over the clique-damped graph, "
                 "relative to the best candidate",
    "shared_technology": "cosine similarity of the two technology profiles",
    "complementarity": "share of the candidate's work in technologies ORG lacks within the "
                       "critical-technology areas ORG is active in",
    "cross_border": "1 for a U.S.–Japan pair, 0.5 for other cross-border pairs, 0 at home",
    "activity": "the candidate's weighted number of collaborations, log-scaled (how active "
                "a partner it is)",
}


@dataclass(frozen=True)
class Suggestion:
    organization: str
    name: str
    country: str
    score: float
    features: dict[str, float]
    common_partners: tuple[str, ...]
    complementary_technologies: tuple[str, ...]
    evidence: tuple[str, ...]  # the candidate's collaborations in the technologies that count
    government: str | None = None  # why a government body is shown, and how it was weighted

    def as_json(self) -> dict[str, Any]:
        explanation: dict[str, Any] = {
            "features": {k: round(v, 4) for k, v in self.features.items()},
            "common_partners": list(self.common_partners),
            "complementary_technologies": list(self.complementary_technologies),
            "evidence": list(self.evidence)}
        if self.government:
            explanation["government"] = self.government
        return {"organization": self.organization, "name": self.name, "country": self.country,
                "score": round(self.score, 4), "explanation": explanation}


def is_government(org: Org | None) -> bool:
    return org is not None and org.kind in GOVERNMENT_KINDS


class PartnerModel:
    """The clique-damped partner graph and technology profiles, built once per graph."""

    def __init__(self, graph: EvidenceGraph) -> None:
        self.graph = graph
        # Plain dicts and Counter.update (C code) rather than nested defaultdicts: the same sums,
        # built about twice as fast, which matters at 100,000 collaborations.
        w: dict[str, dict[str, float]] = {}
        prof: dict[str, Counter[str]] = {}
        for c in graph.collabs:
            parties = c.parties
            n = len(parties)
            if n < 2:
                continue
            share = (GOVERNMENT_WEIGHT if c.governmental else 1.0) / (n - 1)
            techs = c.technologies
            for a in parties:
                pa = prof.get(a)
                if pa is None:
                    pa = prof[a] = Counter()
                pa.update(techs)
                wa = w.get(a)
                if wa is None:
                    wa = w[a] = {}
                for b in parties:
                    if b != a:
                        wa[b] = wa.get(b, 0.0) + share
        self.weights = w
        self.profiles = prof
        self.strength = {a: sum(nb.values()) for a, nb in self.weights.items()}
        top = max(self.strength.values(), default=0.0)
        self._log_top = math.log1p(top) or 1.0
        self.area = {t.id: t.area for t in technologies()}

    def _cosine(self, a: Counter[str], b: Counter[str]) -> float:
        dot = sum(v * b.get(k, 0) for k, v in a.items())
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        return dot / (na * nb) if na and nb else 0.0

    def features(self, org: str, weights: Mapping[str, float] = DEFAULT_PARTNER_WEIGHTS,
                 ) -> dict[str, dict[str, float]]:
        """Every candidate's features (proximity scaled to the best candidate)."""
        mine = self.weights.get(org, {})
        profile = self.profiles.get(org, Counter())
        areas = {self.area.get(t) for t in profile}
        home = self.graph.country(org)
        prox: dict[str, float] = defaultdict(float)
        for z, wz in mine.items():
            damp = 1.0 / math.log(2.0 + self.strength[z])
            for v, wv in self.weights[z].items():
                if v != org:
                    prox[v] += min(wz, wv) * damp
        best = max((prox[v] for v in prox if v not in mine), default=0.0) or 1.0
        out: dict[str, dict[str, float]] = {}
        for v, strength in self.strength.items():
            if v == org or v in mine:
                continue
            theirs = self.profiles.get(v, Counter())
            total = sum(theirs.values()) or 1
            comp = sum(n for t, n in theirs.items() if t not in profile
                       and self.area.get(t) in areas) / total
            there = self.graph.country(v)
            cross = 1.0 if {home, there} == {"US", "JP"} else 0.5 if home != there else 0.0
            out[v] = {"proximity": prox.get(v, 0.0) / best,
                      "shared_technology": self._cosine(profile, theirs),
                      "complementarity": comp, "cross_border": cross,
                      "activity": math.log1p(strength) / self._log_top}
        return out

    def rank(self, org: str, weights: Mapping[str, float] = DEFAULT_PARTNER_WEIGHTS
             ) -> list[tuple[str, float, dict[str, float]]]:
        total = sum(abs(x) for x in weights.values()) or 1.0
        scored = [(v, sum(weights[k] * f[k] for k in weights) / total, f)
                  for v, f in self.features(org, weights).items()]
        scored.sort(key=lambda s: (-s[1], s[0]))
        return scored

    def suggest(self, org: str, *, limit: int = 10, country: str | None = None,
                technology: str | None = None, governments: bool | None = None,
                weights: Mapping[str, float] = DEFAULT_PARTNER_WEIGHTS) -> list[Suggestion]:
        """The top ``limit``; ``governments`` None means the default of
        :func:`government_policy` (left out unless ORG is itself a government body)."""
        mine = self.weights.get(org, {})
        profile = self.profiles.get(org, Counter())
        policy = government_policy(self.graph.orgs.get(org), governments)
        ranked = []
        for v, score, f in self.rank(org, weights):
            gov = is_government(self.graph.orgs.get(v))
            if gov and policy == "excluded":
                continue
            ranked.append((score * GOVERNMENT_TARGET_FACTOR if gov and policy == "down-weighted"
                           else score, v, f, gov and policy == "down-weighted"))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        out = []
        for score, v, f, flagged in ranked:
            o = self.graph.orgs.get(v)
            if o is None or (country and o.country != country):
                continue
            theirs = self.profiles.get(v, Counter())
            if technology and technology not in theirs:
                continue
            common = tuple(sorted(set(mine) & set(self.weights.get(v, {}))))
            areas = {self.area.get(t) for t in profile}
            comp = tuple(sorted(t for t in theirs if t not in profile
                                and self.area.get(t) in areas))
            wanted = ({technology} if technology else set(profile) | set(comp))
            evidence = tuple(c.id for c in sorted(self.graph.by_org.get(v, []),
                                                  key=lambda c: (-(c.year or 0), c.id))
                             if wanted & set(c.technologies))[:10]
            out.append(Suggestion(v, o.name, o.country, score, f, common, comp, evidence,
                                  GOVERNMENT_NOTE if flagged else None))
            if len(out) >= limit:
                break
        return out


def government_policy(asking: Org | None, governments: bool | None) -> str:
    """How government bodies are treated as suggestions: "included" (ORG is one itself),
    "excluded" (the default otherwise) or "down-weighted" (asked for by a non-government)."""
    if is_government(asking):
        return "included"
    return "down-weighted" if governments else "excluded"


GOVERNMENT_POLICIES = {
    "included": "ORG is a government body, so its counterpart agencies are suggested as usual",
    "excluded": "government bodies are not suggested (their ties come from agreements, which "
                "make cliques); ask for them with governments=true (--governments)",
    "down-weighted": "government bodies are shown at half their score, each one flagged",
}
