"""The catalyst-funding analysis end to end: score the priorities, solve the allocation, and
attach what the analyst asked for (shadow price, ±20% sensitivity, entry budgets, stability)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kizuna.errors import E, KizunaError
from kizuna.priorities.funding import FundingProblem, FundingResult, solve_or_explain
from kizuna.priorities.graph import EvidenceGraph
from kizuna.priorities.scoring import score_priorities
from kizuna.priorities.sensitivity import (
    budget_shadow_price,
    entry_budget,
    rank_stability,
    sensitivity,
)

__all__ = ["FundingRequest", "plan_funding"]


@dataclass(frozen=True)
class FundingRequest:
    budget: float
    min_grant: float = 0.0
    max_share: float = 0.25
    must: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    min_technologies: int = 0
    both_countries: bool = False
    enters: tuple[str, ...] = ()
    stability_runs: int = 0
    with_sensitivity: bool = True


def plan_funding(graph: EvidenceGraph, request: FundingRequest,
                 weights: Mapping[str, float] | None = None,
                 indicators: Mapping[str, float] | None = None) -> FundingResult:
    from kizuna.priorities.funding import candidates_from

    prio = score_priorities(graph, weights, indicators)
    known = {p.technology for p in prio.priorities}
    _check_known(known, [*request.must, *request.exclude, *request.enters])
    features = {p.technology: p.features for p in prio.priorities}
    bilateral = {p.technology: p.raw["us_organizations"] > 0 and p.raw["jp_organizations"] > 0
                 for p in prio.priorities}
    problem = FundingProblem(candidates_from(prio.priorities), request.budget, request.min_grant,
                             request.max_share, frozenset(request.must),
                             frozenset(request.exclude), request.min_technologies,
                             request.both_countries)
    result = solve_or_explain(problem)
    names = {p.technology: p.name for p in prio.priorities}
    scores = {p.technology: round(p.score, 4) for p in prio.priorities}
    result.extra["priorities_algorithm"] = prio.algorithm
    result.extra["weights"] = prio.weights
    result.extra["names"] = {a.technology: names[a.technology] for a in result.allocations}
    result.extra["scores"] = {a.technology: scores[a.technology] for a in result.allocations}
    result.extra["shadow_prices"] = {
        "method": ("re-solving with the budget row raised 1%, caps kept in dollars "
                   "(milp gives no duals)"),
        "budget": budget_shadow_price(result)}
    if request.with_sensitivity:
        result.extra["sensitivity"] = sensitivity(result, features, bilateral, prio.weights)
    if request.enters:
        result.extra["enters"] = [entry_budget(problem, t) for t in request.enters]
    if request.stability_runs:
        result.extra["stability"] = rank_stability(result, features, bilateral, prio.weights,
                                                   runs=request.stability_runs)
    return result


def _check_known(known: set[str], techs: Sequence[str]) -> None:
    from kizuna.model.taxonomy import technology_ids

    for t in techs:
        if t not in known:
            hint = (" with any collaboration to fund" if t in technology_ids()
                    else f"; scored ones: {', '.join(sorted(known))}")
            raise KizunaError(E.UNKNOWN_TECHNOLOGY, query=t, hint=hint)
