"""What moves the catalyst split: the budget's shadow price (by re-solving: ``milp`` gives no
duals, and the LP relaxation's duals would price a problem without the minimum-grant jumps), each
weight and the budget moved ±20%, the budget at which a technology enters, and how stable the
priority ranks and the funded set are under 1,000 random ±20% weight perturbations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import numpy as np

from kizuna.priorities.funding import (
    RELAXATION,
    Candidate,
    FundingProblem,
    FundingResult,
    solve,
)

__all__ = ["budget_shadow_price", "entry_budget", "rank_stability", "sensitivity"]

Features = Mapping[str, Mapping[str, float]]


def _candidates(features: Features, bilateral: Mapping[str, bool],
                weights: Mapping[str, float]) -> tuple[Candidate, ...]:
    total = sum(abs(w) for w in weights.values()) or 1.0
    return tuple(Candidate(t, sum(weights[k] * f[k] for k in weights) / total, bilateral[t])
                 for t, f in features.items())


def _shift(base: FundingResult, other: FundingResult | None) -> dict[str, Any]:
    if other is None:
        return {"status": "infeasible"}
    before = {a.technology: a.share for a in base.allocations}
    after = {a.technology: a.share for a in other.allocations}
    moved = sum(abs(after.get(t, 0.0) - before.get(t, 0.0)) for t in before | after) / 2
    return {"status": other.status, "objective": round(other.objective, 2),
            "entered": sorted(set(after) - set(before)), "left": sorted(set(before) - set(after)),
            "moved_share": round(moved, 4)}


def budget_shadow_price(base: FundingResult, step: float = 0.01) -> float | None:
    """Objective gained per extra dollar of budget, by re-solving with the budget row raised 1%
    while the caps and grants stay in dollars (raising the budget itself would also raise every
    cap, since those are shares, and give the average value rather than the marginal one)."""
    p = base.problem
    more = solve(replace(p, budget_room=p.budget_room + step), fast=True)
    if more is None:
        return None
    return (more.objective - base.objective) / (p.budget * step)


def sensitivity(base: FundingResult, features: Features, bilateral: Mapping[str, bool],
                weights: Mapping[str, float], delta: float = 0.2) -> list[dict[str, Any]]:
    """How the split moves when each nonzero weight, and the budget, moves by ±``delta``."""
    out = []
    p = base.problem
    for sign in (-1, 1):
        moved = solve(replace(p, budget=p.budget * (1 + sign * delta)), fast=True)
        out.append({"parameter": "budget", "change": f"{sign * delta:+.0%}", **_shift(base, moved)})
    for name, w in weights.items():
        if w == 0:
            continue
        for sign in (-1, 1):
            new = dict(weights) | {name: w * (1 + sign * delta)}
            moved = solve(replace(p, candidates=_candidates(features, bilateral, new)), fast=True)
            out.append({"parameter": f"weight:{name}", "change": f"{sign * delta:+.0%}",
                        **_shift(base, moved)})
    return out


def entry_budget(p: FundingProblem, technology: str, *, ceiling: float = 100.0,
                 tolerance: float = 1e-3) -> dict[str, Any]:
    """The smallest budget (to ``tolerance`` relative) at which ``technology`` is funded, found
    by bisection; assumes, as the diminishing returns make typical, that once funded it stays
    funded as the budget grows (checked at the answer)."""
    def funded(budget: float) -> bool:
        r = solve(replace(p, budget=budget), fast=True)
        return r is not None and technology in r.funded

    hi = p.budget
    while not funded(hi):
        hi *= 2
        if hi > p.budget * ceiling:
            return {"technology": technology, "enters_at": None,
                    "reason": f"not funded at any budget up to {p.budget * ceiling:,.0f}: "
                              "shares scale with the budget (only the minimum grant is in "
                              "dollars), so it needs a higher priority score or a larger "
                              "max-share instead"}
    lo = max(p.min_grant, 1.0) / 2
    if funded(lo):
        return {"technology": technology, "enters_at": round(lo, 2)}
    while hi - lo > tolerance * hi:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if funded(mid) else (mid, hi)
    return {"technology": technology, "enters_at": round(hi, 2),
            "stays_funded_above": funded(hi * 1.5) and funded(hi * 3)}


def rank_stability(base: FundingResult, features: Features, bilateral: Mapping[str, bool],
                   weights: Mapping[str, float], *, runs: int = 1000, delta: float = 0.2,
                   seed: int = 13, top: int = 10, solve_runs: int | None = None
                   ) -> dict[str, Any]:
    """Each weight multiplied by an independent uniform factor in [1−δ, 1+δ], ``runs`` times:
    per technology the rank range (5th–95th percentile, all runs scored at once as one matrix
    product) and how often it stays in the top ``top``; and how often each base-funded
    technology is still funded, re-solving every run (or the first ``solve_runs``). A HiGHS
    solve costs ~20–30 ms, so the re-solves go through the closed-form relaxation, which is
    exact whenever it gives whole grants; HiGHS solves the rest (``funded_runs_solved_by_highs``
    says how many)."""
    techs = list(features)
    names = list(weights)
    matrix = np.array([[features[t][k] for k in names] for t in techs])
    w0 = np.array([weights[k] for k in names])
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - delta, 1 + delta, size=(runs, len(names)))
    ws = factors * w0
    scores = (matrix @ ws.T) / np.abs(ws).sum(axis=1)  # techs × runs
    order = np.argsort(-scores, axis=0, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, len(techs) + 1)[:, None], axis=0)
    base_rank = np.argsort(np.argsort(-(matrix @ w0), kind="stable"), kind="stable") + 1
    funded_counts = dict.fromkeys(base.funded, 0)
    solved = runs if solve_runs is None else min(runs, solve_runs)
    by_highs = 0
    for run in range(solved):
        new = dict(zip(names, ws[run].tolist(), strict=True))
        r = solve(replace(base.problem, candidates=_candidates(features, bilateral, new)),
                  fast=True)
        by_highs += bool(r and r.solver != RELAXATION)
        for t in r.funded if r else ():
            if t in funded_counts:
                funded_counts[t] += 1
    rows: list[dict[str, Any]] = []
    for i, t in enumerate(techs):
        rows.append({"technology": t, "rank": int(base_rank[i]),
                     "rank_p05": int(np.percentile(ranks[i], 5)),
                     "rank_p95": int(np.percentile(ranks[i], 95)),
                     "in_top": round(float((ranks[i] <= top).mean()), 3)})
    rows.sort(key=lambda r: r["rank"])
    changed = float((ranks != base_rank[:, None]).any(axis=0).mean())
    return {"runs": runs, "delta": delta, "seed": seed, "top": top,
            "share_of_runs_with_any_rank_change": round(changed, 3),
            "ranks": rows,
            "funded_runs": solved, "funded_runs_solved_by_highs": by_highs,
            "funded_share": {t: round(n / solved, 3) if solved else None
                             for t, n in sorted(funded_counts.items())}}
