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
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from kizuna.model.taxonomy import technologies
from kizuna.priorities.graph import Collab, EvidenceGraph, Org
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
        # The pair weights as one sparse product, W = B·diag(share)·Bᵀ over the organization ×
        # collaboration incidence B (C code, not a Python loop over every pair of every
        # agreement: ten signatories make 90 updates); rows become dicts only when asked for.
        multi = [c for c in graph.collabs if len(c.parties) >= 2]
        flat = [a for c in multi for a in c.parties]
        index = {a: i for i, a in enumerate(dict.fromkeys(flat))}
        sizes = np.fromiter((len(c.parties) for c in multi), dtype=np.int64, count=len(multi))
        gov = np.fromiter((c.governmental for c in multi), dtype=bool, count=len(multi))
        shares = np.where(gov, GOVERNMENT_WEIGHT, 1.0) / np.maximum(sizes - 1, 1)
        rows = np.fromiter((index[a] for a in flat), dtype=np.int64, count=len(flat))
        cols = np.repeat(np.arange(len(multi)), sizes)
        techs = {t: i for i, t in enumerate(sorted({t for c in multi for t in c.technologies}))}
        tech_cols = np.fromiter((techs[t] for c in multi for t in c.technologies),
                                dtype=np.int64)
        tech_rows = np.repeat(np.arange(len(multi)),
                              [len(c.technologies) for c in multi]).astype(np.int64)
        ids = list(index)
        inc = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                shape=(len(ids), len(multi)))
        pair = (inc @ sparse.diags(shares) @ inc.T).tolil()
        pair.setdiag(0)
        self._pairs = pair.tocsr()
        self._pairs.eliminate_zeros()
        self._ids = ids
        self._index = index
        self.weights: Mapping[str, dict[str, float]] = _Rows(self)
        collab_tech = sparse.csr_matrix((np.ones(len(tech_rows)), (tech_rows, tech_cols)),
                                        shape=(len(multi), len(techs)))
        counts = (inc @ collab_tech).tocsr()
        names = list(techs)
        self._counts = counts.toarray()
        self._tech_names = names
        self.profiles: Mapping[str, Counter[str]] = _Profiles(self)
        totals = np.asarray(self._pairs.sum(axis=1)).ravel()
        self.strength = {a: float(totals[i]) for i, a in enumerate(ids) if totals[i] > 0}
        top = max(self.strength.values(), default=0.0)
        self._log_top = math.log1p(top) or 1.0
        self.area = {t.id: t.area for t in technologies()}

    def features(self, org: str, weights: Mapping[str, float] = DEFAULT_PARTNER_WEIGHTS,
                 ) -> dict[str, dict[str, float]]:
        """Every candidate's features (proximity scaled to the best candidate), computed for all
        candidates at once over the sparse pair matrix and the dense technology counts."""
        i = self._index.get(org)
        if i is None or org not in self.strength:
            return {}
        pairs, counts, n = self._pairs, self._counts, len(self._ids)
        strength = np.asarray([self.strength.get(a, 0.0) for a in self._ids])
        lo, hi = pairs.indptr[i], pairs.indptr[i + 1]
        mine, w_mine = pairs.indices[lo:hi], pairs.data[lo:hi]
        # proximity: Σ over common partners z of min(w(org, z), w(z, v)) / log(2 + strength z)
        sub = pairs[mine].tocoo()
        contrib = np.minimum(w_mine[sub.row], sub.data) / np.log(2.0 + strength[mine][sub.row])
        prox = np.bincount(sub.col, weights=contrib, minlength=n)
        prox[i] = 0.0
        candidate = np.ones(n, dtype=bool)
        candidate[mine] = False
        candidate[i] = False
        best = float(prox[candidate].max()) if candidate.any() else 0.0
        best = best or 1.0
        own = counts[i]
        norms = np.sqrt((counts * counts).sum(axis=1))
        dots = counts @ own
        shared = np.divide(dots, norms * norms[i], out=np.zeros(n), where=norms * norms[i] > 0)
        areas = {self.area.get(t) for t, c in zip(self._tech_names, own, strict=True) if c}
        lacking = np.array([not c and self.area.get(t) in areas
                            for t, c in zip(self._tech_names, own, strict=True)], dtype=float)
        totals = counts.sum(axis=1)
        comp = (counts @ lacking) / np.where(totals > 0, totals, 1.0)
        home = self.graph.country(org)
        there = np.array([self.graph.country(a) for a in self._ids])
        bilateral = {"US": "JP", "JP": "US"}.get(home)
        cross = np.where(there == bilateral, 1.0, np.where(there != home, 0.5, 0.0))
        activity = np.log1p(strength) / self._log_top
        return {self._ids[v]: {"proximity": float(prox[v] / best),
                               "shared_technology": float(shared[v]),
                               "complementarity": float(comp[v]), "cross_border": float(cross[v]),
                               "activity": float(activity[v])}
                for v in np.flatnonzero(candidate)}

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
        picked: list[tuple[Any, ...]] = []
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
            picked.append((v, o, score, f, common, comp, wanted, flagged))
            if len(picked) >= limit:
                break
        found = self._collaborations_of({p[0] for p in picked})
        out = []
        for v, o, score, f, common, comp, wanted, flagged in picked:
            evidence = tuple(c.id for c in sorted(found.get(v, []),
                                                  key=lambda c: (-(c.year or 0), c.id))
                             if wanted & set(c.technologies))[:10]
            out.append(Suggestion(v, o.name, o.country, score, f, common, comp, evidence,
                                  GOVERNMENT_NOTE if flagged else None))
        return out

    def _collaborations_of(self, orgs: set[str]) -> dict[str, list[Collab]]:
        """The collaborations of a few organizations: from the graph's index when it is built,
        else one pass (building the index for every organization costs more at 100k)."""
        if "by_org" in self.graph.__dict__:
            return {o: self.graph.by_org.get(o, []) for o in orgs}
        found: dict[str, list[Collab]] = {o: [] for o in orgs}
        for c in self.graph.collabs:
            for p in c.parties:
                if p in found:
                    found[p].append(c)
        return found


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


class _Rows(Mapping[str, dict[str, float]]):
    """An organization's partners and pair weights, read from the sparse matrix on demand."""

    def __init__(self, model: PartnerModel) -> None:
        self._m = model

    def __getitem__(self, org: str) -> dict[str, float]:
        i = self._m._index.get(org)
        if i is None or org not in self._m.strength:
            raise KeyError(org)
        p = self._m._pairs
        lo, hi = p.indptr[i], p.indptr[i + 1]
        ids = self._m._ids
        return {ids[j]: float(v) for j, v in zip(p.indices[lo:hi], p.data[lo:hi], strict=True)}

    def __contains__(self, org: object) -> bool:
        return org in self._m.strength

    def __iter__(self) -> Iterator[str]:
        return iter(self._m.strength)

    def __len__(self) -> int:
        return len(self._m.strength)


class _Profiles(Mapping[str, Counter[str]]):
    """An organization's collaborations per technology, read from the count matrix on demand."""

    def __init__(self, model: PartnerModel) -> None:
        self._m = model

    def __getitem__(self, org: str) -> Counter[str]:
        i = self._m._index.get(org)
        if i is None:
            raise KeyError(org)
        row = self._m._counts[i]
        return Counter({t: int(v) for t, v in zip(self._m._tech_names, row, strict=True) if v})

    def __contains__(self, org: object) -> bool:
        return org in self._m._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._m._index)

    def __len__(self) -> int:
        return len(self._m._index)
