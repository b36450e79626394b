"""Screening the firms a chain depends on against the loaded restricted-party lists, with
kizuna's matcher (not substrings: "Intel" is not "Intelligence Bureau", nor "Micron" "Nedayeh
Micron Electronics")."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kizuna.store import Store
from kizuna.supply.analysis import Analysis
from kizuna.supply.vocab import alpha2, vocab


def dominant_firms(analysis: Analysis, min_share: float | None = None
                   ) -> dict[str, list[dict[str, Any]]]:
    """Provider id → the inputs where the firm holds at least ``min_share`` percent (default:
    the chokepoint line, 50%) in the input's latest year; ``min_share=0`` keeps every firm of
    the chain, with or without a share."""
    line = vocab().top_share_chokepoint if min_share is None else min_share
    rows = {r.row: r for r in analysis.chain.provisions}
    out: dict[str, list[dict[str, Any]]] = {}
    for item_id, s in analysis.shares.items():
        held: dict[str, float | None] = dict(s.firms)
        if line <= 0:  # every firm: also those listed without a share (Intel's CPUs, 2019)
            held.update({p: None for p in s.unquantified
                         if analysis.chain.provider(p).kind == "organization"
                         and p not in held})
        for pid, share in held.items():
            if share is None or share >= line:
                row = next(r.row for r in (rows[n] for n in s.rows) if r.provider_id == pid)
                out.setdefault(pid, []).append({
                    "input_id": item_id, "input_name": analysis.chain.item_name(item_id),
                    "share": share, "year": s.year, "provision_row": row})
    if line <= 0:  # every firm of the chain, even one listed in providers.csv alone (Micron)
        for p in analysis.chain.providers:
            if p.kind == "organization" and not p.unattributed:
                out.setdefault(p.id, [])
    for inputs in out.values():
        inputs.sort(key=lambda h: (-(h["share"] or 0), h["input_id"]))
    return out


def _formal_names(store: Store) -> dict[str, str]:
    from kizuna.catalog import list_organizations

    return {o["id"]: o["name"] for o in list_organizations(store)}


def screen_suppliers(store: Store, analysis: Analysis,
                     list_paths: Sequence[str | Path] = (), *, min_share: float | None = None,
                     threshold: float | None = None) -> dict[str, Any]:
    """Screen each firm holding >= ``min_share`` of an input against ``list_paths`` (or the
    lists loaded in ``store``).

    A firm the knowledge base knows is screened under its curated formal name (Micron
    Technology), which is who it is; the chain's short form ("Micron") is a name many listed
    parties contain. Other firms are screened under the chain's name and every alias.
    """
    from kizuna.screening.matcher import DEFAULT_THRESHOLD
    from kizuna.screening.screen import Query, matcher_for, screen

    firms = dominant_firms(analysis, min_share)
    matcher, _lists = matcher_for(store if not list_paths else None, list_paths)
    formal = _formal_names(store)
    queries = []
    for pid in sorted(firms, key=lambda p: analysis.chain.provider(p).name):
        p = analysis.chain.provider(pid)
        if p.org_id and p.org_id in formal:
            queries.append(Query(formal[p.org_id], alpha2(p.country), p.id, (), "organization"))
        else:
            queries.append(Query(p.name, alpha2(p.country), p.id, p.aliases, "organization"))
    cut = DEFAULT_THRESHOLD if threshold is None else threshold
    results = screen(matcher, queries, threshold=cut, limit=3)
    out = []
    for q, matches in results:
        p = analysis.chain.provider(str(q.org_id))
        out.append({"provider_id": p.id, "name": p.name, "country": p.country,
                    "org_id": p.org_id, "screened_as": q.query, "inputs": firms[p.id],
                    "matches": [m.as_json() for m in matches]})
    return {"chain": analysis.chain.id, "algorithm": matcher.algorithm,
            "min_share": vocab().top_share_chokepoint if min_share is None else min_share,
            "threshold": cut, "firms": out, "flagged": sum(1 for f in out if f["matches"])}
