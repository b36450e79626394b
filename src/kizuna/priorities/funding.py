"""Catalyst funding: a budget split across shared priorities as a mixed-integer programme, solved
with HiGHS through ``scipy.optimize.milp``.

Per technology t with priority score s_t: a binary y_t (funded or not) and three segments
x_t1..x_t3 of the amount, each a third of the cap, worth s_t × (1, 0.6, 0.3) per dollar, so every
further dollar in one technology is worth less (piecewise-linear diminishing returns). Constraints:
the budget; a funded technology gets at least the minimum grant and at most the maximum share;
``must`` technologies are funded; at least N technologies are; optionally only technologies where
both U.S. and Japanese organizations act. Amounts are solved as fractions of the budget so that
the numbers HiGHS sees stay near 1 whatever the currency scale.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from kizuna.errors import E, KizunaError
from kizuna.priorities.registry import label

__all__ = ["ALGORITHM", "RELAXATION", "SLOPES", "Allocation", "Candidate", "FundingProblem",
           "FundingResult", "candidates_from", "solve", "solve_or_explain"]

ALGORITHM = label("kizuna-catalyst-funding")
RELAXATION = "closed-form LP relaxation (integral, so optimal for the MILP)"
#: Value per dollar of each third of a technology's cap: the diminishing returns.
SLOPES = (1.0, 0.6, 0.3)
GROUPS = ("budget", "min-grant", "max-share", "must", "min-technologies", "both-countries")
_EPS = 1e-7
#: Without a minimum grant a funded technology still gets this share of the budget, so "funded"
#: (a ``must``, the count of ``min-technologies``) always means money, never a zero line.
FLOOR_SHARE = 1e-4


@dataclass(frozen=True)
class Candidate:
    technology: str
    score: float
    bilateral: bool  # both U.S. and Japanese organizations act in it


@dataclass(frozen=True)
class FundingProblem:
    candidates: tuple[Candidate, ...]
    budget: float
    min_grant: float = 0.0
    max_share: float = 0.25
    must: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    min_technologies: int = 0
    both_countries: bool = False
    dropped: frozenset[str] = frozenset()  # constraint groups switched off (diagnosis)
    budget_room: float = 1.0  # the budget row's right-hand side, in budgets (shadow prices)

    def without(self, group: str) -> FundingProblem:
        return replace(self, dropped=self.dropped | {group})

    def eligible(self) -> list[Candidate]:
        both = self.both_countries and "both-countries" not in self.dropped
        return [c for c in self.candidates if c.technology not in self.exclude
                and (c.bilateral or not both)
                and (c.score > 0 or (c.technology in self.must and "must" not in self.dropped))]


@dataclass(frozen=True)
class Allocation:
    technology: str
    amount: float
    share: float
    marginal_value: float  # value of one more dollar here (0 when at the cap)

    def as_json(self) -> dict[str, Any]:
        return {"technology": self.technology, "amount": round(self.amount, 2),
                "share": round(self.share, 4), "marginal_value": round(self.marginal_value, 6)}


@dataclass
class FundingResult:
    status: str
    objective: float
    allocations: list[Allocation]
    binding_constraints: list[str]
    problem: FundingProblem
    unspent: float
    solver: str = "HiGHS (scipy.optimize.milp)"
    algorithm: str = ALGORITHM
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def funded(self) -> frozenset[str]:
        return frozenset(a.technology for a in self.allocations)

    def as_json(self) -> dict[str, Any]:
        p = self.problem
        return {"algorithm": self.algorithm, "status": self.status, "solver": self.solver,
                "objective": round(self.objective, 2), "budget": p.budget,
                "min_grant": p.min_grant, "max_share": p.max_share,
                "unspent": round(self.unspent, 2),
                "allocations": [a.as_json() for a in self.allocations],
                "binding_constraints": self.binding_constraints, **self.extra}


def _cap(p: FundingProblem) -> float:
    return 1.0 if "max-share" in p.dropped else p.max_share


def _solve_raw(p: FundingProblem) -> tuple[str, Any, list[Candidate]]:
    cands = p.eligible()
    n = len(cands)
    cap = _cap(p)
    mg = max(FLOOR_SHARE, 0.0 if "min-grant" in p.dropped else p.min_grant / p.budget)
    seg = cap / len(SLOPES)
    # variables: [y_0..y_n-1, x_0_0, x_0_1, x_0_2, x_1_0, ...]
    nv = n * (1 + len(SLOPES))
    c = np.zeros(nv)
    for i, cand in enumerate(cands):
        for k, slope in enumerate(SLOPES):
            c[n + i * len(SLOPES) + k] = -cand.score * slope
    lb, ub = np.zeros(nv), np.concatenate([np.ones(n), np.full(n * len(SLOPES), seg)])
    for i, cand in enumerate(cands):
        if cand.technology in p.must and "must" not in p.dropped:
            lb[i] = 1.0
    rows: list[Any] = []
    lo: list[float] = []
    hi: list[float] = []

    def add(row: Any, low: float, high: float) -> None:
        rows.append(row)
        lo.append(low)
        hi.append(high)

    for i in range(n):
        xs = [n + i * len(SLOPES) + k for k in range(len(SLOPES))]
        up = np.zeros(nv)
        up[xs], up[i] = 1.0, -cap
        add(up, -np.inf, 0.0)  # amount ≤ cap × funded
        down = np.zeros(nv)
        down[xs], down[i] = 1.0, -mg
        add(down, 0.0, np.inf)  # amount ≥ min grant × funded
    if "budget" not in p.dropped:
        total = np.zeros(nv)
        total[n:] = 1.0
        add(total, -np.inf, p.budget_room)
    if p.min_technologies and "min-technologies" not in p.dropped:
        count = np.zeros(nv)
        count[:n] = 1.0
        add(count, float(p.min_technologies), np.inf)
    missing_must = "must" not in p.dropped and bool(p.must - {c.technology for c in cands})
    if missing_must or (n == 0 and (p.min_technologies or p.must)):
        return "infeasible", None, cands
    if n == 0:
        return "optimal", None, cands
    integrality = np.concatenate([np.ones(n), np.zeros(n * len(SLOPES))])
    res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi),
               integrality=integrality, bounds=Bounds(lb, ub),
               options={"time_limit": 10.0, "mip_rel_gap": 1e-9,
                        "presolve": False})  # presolve doubles the time at this size
    if res.status == 0:
        return "optimal", res.x, cands
    if res.status == 2:
        return "infeasible", None, cands
    raise KizunaError(E.FUNDING_SOLVER_FAILED, reason=str(res.message))


def _relaxation(p: FundingProblem) -> tuple[str, Any, list[Candidate]] | None:
    """The LP relaxation's optimum in closed form, when it is also the MILP's; else None.

    Relaxing y to [0, 1] lets y = amount / cap satisfy both grant rows (the minimum grant is at
    most the cap), so without ``must`` or a technology count the relaxation is a fractional
    knapsack: fill the segments in order of value per dollar. That is an upper bound on the
    MILP; when every funded technology already gets at least the minimum grant, setting y = 1
    for them is feasible at the same value, hence optimal. Used for the many re-solves of the
    sensitivity, entry-budget and stability loops (tests compare it with HiGHS)."""
    if p.dropped or p.must or p.min_technologies:
        return None
    cands = p.eligible()
    n, k = len(cands), len(SLOPES)
    seg = _cap(p) / k
    mg = max(FLOOR_SHARE, p.min_grant / p.budget)
    order = sorted(((-c.score * slope, i, j) for i, c in enumerate(cands)
                    for j, slope in enumerate(SLOPES) if c.score > 0))
    x = np.zeros(n * (1 + k))
    room = p.budget_room
    for _value, i, j in order:
        if room <= 1e-12:
            break
        take = min(seg, room)
        x[n + i * k + j] = take
        room -= take
    amounts = x[n:].reshape(n, k).sum(axis=1) if n else np.zeros(0)
    funded = amounts > _EPS
    if np.any(amounts[funded] < mg * (1 - 1e-9)):
        return None  # the relaxation splits a grant: only the MILP can say what to do
    x[:n] = funded
    return "optimal", x, cands


def solve(p: FundingProblem, *, fast: bool = False) -> FundingResult | None:
    """The optimal allocation, or None when the constraints cannot all hold. With ``fast`` the
    closed-form relaxation is tried first (see :func:`_relaxation`), HiGHS when it cannot do."""
    relaxed = _relaxation(p) if fast else None
    status, x, cands = relaxed or _solve_raw(p)
    if status == "infeasible":
        return None
    n, cap = len(cands), _cap(p)
    allocations, spent, objective, binding = [], 0.0, 0.0, []
    for i, cand in enumerate(cands if x is not None else []):
        parts = x[n + i * len(SLOPES): n + (i + 1) * len(SLOPES)]
        amount = float(parts.sum())
        if x[i] < 0.5 or amount <= _EPS:
            continue
        spent += amount
        objective += sum(cand.score * s * v for s, v in zip(SLOPES, parts, strict=True))
        open_seg = next((k for k, v in enumerate(parts) if v < cap / len(SLOPES) - _EPS), None)
        marginal = cand.score * SLOPES[open_seg] if open_seg is not None else 0.0
        allocations.append(Allocation(cand.technology, amount * p.budget, amount, marginal))
        if amount >= cap - _EPS:
            binding.append(f"max-share:{cand.technology}")
        elif p.min_grant and amount * p.budget <= p.min_grant * (1 + 1e-6):
            binding.append(f"min-grant:{cand.technology}")
    allocations.sort(key=lambda a: (-a.amount, a.technology))
    if spent >= p.budget_room - 1e-6:
        binding.insert(0, "budget")
    if p.min_technologies and len(allocations) == p.min_technologies:
        binding.append("min-technologies")
    binding += [f"must:{t}" for t in sorted(p.must)]
    result = FundingResult("optimal", objective * p.budget, allocations, binding, p,
                           max(0.0, (p.budget_room - spent) * p.budget))
    if relaxed:
        result.solver = RELAXATION
    return result


def _describe(p: FundingProblem, groups: Sequence[str]) -> str:
    words = {
        "budget": f"budget {p.budget:,.0f}",
        "min-grant": f"min-grant {p.min_grant:,.0f}",
        "max-share": f"max-share {p.max_share:g} (at most {p.max_share * p.budget:,.0f} each)",
        "must": f"must {', '.join(sorted(p.must))}",
        "min-technologies": f"at least {p.min_technologies} technologies",
        "both-countries": "only technologies where both U.S. and Japanese organizations act",
    }
    return "; ".join(words[g] for g in groups)


def conflicting_groups(p: FundingProblem) -> list[str]:
    """A minimal set of constraint groups that cannot hold together (a deletion filter: drop
    each group in turn and keep it out if the rest is still infeasible)."""
    active = [g for g in GROUPS if g not in p.dropped]
    current = p
    for g in list(active):
        trial = current.without(g)
        if _solve_raw(trial)[0] == "infeasible":
            current = trial
    return [g for g in GROUPS if g not in current.dropped]


def solve_or_explain(p: FundingProblem) -> FundingResult:
    check_inputs(p)
    result = solve(p)
    if result is None:
        groups = conflicting_groups(p)
        raise KizunaError(E.FUNDING_INFEASIBLE, conflict=" + ".join(groups),
                          detail=_describe(p, groups))
    return result


def check_inputs(p: FundingProblem) -> None:
    known = {c.technology for c in p.candidates}
    for option, value, ok, reason in [
        ("budget", p.budget, p.budget > 0, "must be a positive amount"),
        ("min-grant", p.min_grant, p.min_grant >= 0, "must be zero or more"),
        ("max-share", p.max_share, 0 < p.max_share <= 1, "must be a fraction in (0, 1]"),
        ("min-technologies", p.min_technologies, p.min_technologies >= 0, "must be ≥ 0"),
    ]:
        if not ok or not math.isfinite(value):
            raise KizunaError(E.BAD_FUNDING_INPUT, option=option, value=value, reason=reason)
    if p.min_grant > p.max_share * p.budget * (1 + 1e-9):
        # Not a bad value but two constraints that exclude every technology: funding nothing
        # would be "optimal" and say nothing, so name the conflict instead.
        raise KizunaError(E.FUNDING_INFEASIBLE, conflict="min-grant + max-share",
                          detail=f"min-grant {p.min_grant:,.0f} is above the most one "
                                 f"technology may get, {p.max_share:g} × {p.budget:,.0f} = "
                                 f"{p.max_share * p.budget:,.0f}: nothing could be funded")
    both = p.must & p.exclude
    if both:
        raise KizunaError(E.FUNDING_INFEASIBLE, conflict="must + exclude",
                          detail=f"{', '.join(sorted(both))} both required and excluded")
    for tech in sorted((p.must | p.exclude) - known):
        raise KizunaError(E.UNKNOWN_TECHNOLOGY, query=tech,
                          hint=" among the scored priorities (it has no collaboration)")


def candidates_from(priorities: Sequence[Any], raw: Mapping[str, Mapping[str, float]] | None = None
                    ) -> tuple[Candidate, ...]:
    """Candidates from :class:`~kizuna.priorities.scoring.Priority` records."""
    out = []
    for pr in priorities:
        r = raw[pr.technology] if raw else pr.raw
        out.append(Candidate(pr.technology, float(pr.score),
                             r["us_organizations"] > 0 and r["jp_organizations"] > 0))
    return tuple(out)
