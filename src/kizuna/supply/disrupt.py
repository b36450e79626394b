"""Disruption what-ifs: remove countries or firms and see what each input loses, whether what
remains is in allied hands, and which downstream inputs and stages are exposed."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from kizuna.errors import E, KizunaError
from kizuna.supply.analysis import Analysis, algorithm
from kizuna.supply.model import Provider
from kizuna.supply.shares import Shares, hhi
from kizuna.supply.vocab import vocab
from kizuna.text.names import name_key


@dataclass(frozen=True)
class Removal:
    query: str
    provider: Provider


def resolve_removals(analysis: Analysis, queries: list[str]) -> list[Removal]:
    """Each query is a country code (CHN), a country's name (China) or a firm's name or alias."""
    by_key: dict[str, Provider] = {}
    for p in analysis.chain.providers:
        if p.unattributed:
            continue
        for name in (p.name, *p.aliases):
            by_key.setdefault(name_key(name), p)
    out = []
    for q in queries:
        found = by_key.get(name_key(q))
        if found is None:
            close = difflib.get_close_matches(name_key(q), list(by_key), n=3, cutoff=0.75)
            names = list(dict.fromkeys(by_key[c].name for c in close))
            hint = ("; did you mean " + ", ".join(names) + "?"
                    if close else "")
            raise KizunaError(E.SUPPLY_UNKNOWN_PROVIDER, chain=analysis.chain.id, query=q,
                              hint=hint)
        out.append(Removal(q, found))
    return out


def _remaining(s: Shares, countries: set[str], firms: set[str], analysis: Analysis
               ) -> tuple[float, dict[str, float]]:
    """Share lost and the named country shares that remain."""
    left = {c: v for c, v in s.countries.items() if c not in countries}
    lost = sum(v for c, v in s.countries.items() if c in countries)
    for pid in firms & set(s.firms):
        share = s.firms[pid]
        home = analysis.chain.provider(pid).country
        if home in countries:
            continue  # already lost with its country
        lost += share
        if home in left:
            left[home] = max(0.0, left[home] - share)
    return min(100.0, round(lost, 1)), left


def disrupt(analysis: Analysis, queries: list[str], threshold: float | None = None
            ) -> dict[str, Any]:
    """What removing ``queries`` (countries and firms) does to every input and stage."""
    line = vocab().disrupted_share_lost if threshold is None else threshold
    if not 0 < line <= 100:
        raise KizunaError(E.SUPPLY_BAD_OPTION, name="threshold", value=line,
                          reason="must be above 0 and at most 100")
    removals = resolve_removals(analysis, queries)
    countries = {r.provider.name for r in removals if r.provider.kind == "country"}
    firms = {r.provider.id for r in removals if r.provider.kind == "organization"}
    allied = set(analysis.groups.allied)
    inputs: list[dict[str, Any]] = []
    stages: list[dict[str, Any]] = []
    for item_id, s in analysis.shares.items():
        lost, left = _remaining(s, countries, firms, analysis)
        if lost <= 0:
            continue
        total = sum(left.values())
        allied_left = round(100 * sum(v for c, v in left.items() if c in allied) / total, 1) \
            if total else None
        rec: dict[str, Any] = {"input_id": item_id, "input_name": analysis.chain.item_name(item_id),
               "stage_ids": list(analysis.graph.stage_of.get(item_id, ())), "year": s.year,
               "share_lost": lost, "share_remaining": round(total, 1),
               "remaining_hhi": hhi(100 * v / total for v in left.values()) if total else None,
               "remaining_allied_share": allied_left,
               "remaining_allied_majority": bool(allied_left is not None and allied_left >= 50),
               "disrupted": lost >= line, "provision_rows": sorted(s.rows)}
        (stages if item_id in analysis.stage_names else inputs).append(rec)
    inputs.sort(key=lambda r: (-r["share_lost"], r["input_id"]))
    exposed: dict[str, set[str]] = {}
    at_risk: dict[str, set[str]] = {}
    for rec in inputs:
        if not rec["disrupted"]:
            continue
        down = analysis.graph.downstream(rec["input_id"])
        rec["downstream_inputs"] = sorted(down)
        for d in down:
            exposed.setdefault(d, set()).add(rec["input_id"])
        for st in analysis.graph.stages_reached(down | {rec["input_id"]}):
            at_risk.setdefault(st, set()).add(rec["input_id"])
    for rec in stages:
        if rec["disrupted"]:
            at_risk.setdefault(rec["input_id"], set()).add(rec["input_id"])
    return {
        "chain": analysis.chain.id, "algorithm": algorithm("disrupt"),
        "removed": [{"query": r.query, "provider_id": r.provider.id, "name": r.provider.name,
                     "kind": r.provider.kind} for r in removals],
        "threshold": line, "allied": sorted(allied), "inputs": inputs, "stages": stages,
        "exposed_inputs": [{"input_id": i, "input_name": analysis.chain.item_name(i),
                            "via": sorted(v)} for i, v in sorted(exposed.items())],
        "stages_at_risk": [{"stage_id": st, "stage_name": analysis.stage_names.get(st, st),
                            "via": sorted(v)} for st, v in sorted(at_risk.items())],
    }
