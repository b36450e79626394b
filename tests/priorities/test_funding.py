"""The catalyst-funding MILP on problems small enough to solve by hand, infeasible and malformed
inputs, and the starter knowledge base."""

from __future__ import annotations

import time

import pytest

from kizuna.errors import KizunaError
from kizuna.priorities.funding import Candidate, FundingProblem, solve, solve_or_explain
from kizuna.priorities.graph import load_graph
from kizuna.priorities.plan import FundingRequest, plan_funding
from kizuna.priorities.sensitivity import budget_shadow_price, entry_budget
from kizuna.store import Store
from tests.priorities.synthetic import small_graph

A, B = Candidate("a", 1.0, True), Candidate("b", 0.5, False)


def test_diminishing_returns_split_matches_the_hand_solution() -> None:
    # caps 60 each in segments of 20 worth a: 1, .6, .3 and b: .5, .3, .15 per dollar. Greedy by
    # value per dollar: a1, a2, b1 (60 spent), then a3 and b2 (both .3) take the last 40.
    r = solve_or_explain(FundingProblem((A, B), budget=100.0, max_share=0.6))
    amounts = {a.technology: round(a.amount, 6) for a in r.allocations}
    assert amounts == {"a": 60.0, "b": 40.0}
    assert r.objective == pytest.approx(20 + 12 + 6 + 10 + 6)
    assert "budget" in r.binding_constraints and "max-share:a" in r.binding_constraints
    # b's first two thirds are full (20 + 20), so the next dollar goes to its last third: .15
    assert budget_shadow_price(r) == pytest.approx(0.15)
    marginal = {a.technology: a.marginal_value for a in r.allocations}
    assert marginal == {"a": 0.0, "b": pytest.approx(0.15)}


def test_infeasible_inputs_name_the_conflicting_constraints() -> None:
    both_must = FundingProblem((A, B), budget=100.0, min_grant=60.0, max_share=1.0,
                               must=frozenset({"a", "b"}))
    with pytest.raises(KizunaError) as err:
        solve_or_explain(both_must)
    # 2 × 60 > 100: budget, min-grant and must conflict; max-share plays no part
    assert err.value.code == "K246"
    assert "budget + min-grant + must conflict" in str(err.value)
    too_many = FundingProblem((A, B), budget=100.0, min_technologies=3)
    with pytest.raises(KizunaError) as err:
        solve_or_explain(too_many)
    assert "min-technologies" in str(err.value)
    one_sided = FundingProblem((A, B), budget=100.0, must=frozenset({"b"}), both_countries=True)
    with pytest.raises(KizunaError) as err:
        solve_or_explain(one_sided)
    assert "must + both-countries conflict" in str(err.value)
    with pytest.raises(KizunaError) as err:
        solve_or_explain(FundingProblem((A, B), budget=100.0, must=frozenset({"a"}),
                                        exclude=frozenset({"a"})))
    assert "must + exclude" in str(err.value)


@pytest.mark.parametrize(("field", "value"), [("budget", -5.0), ("max_share", 1.5),
                                              ("min_grant", -1.0)])
def test_malformed_inputs_are_refused(field: str, value: float) -> None:
    kwargs = {"budget": 100.0, "max_share": 0.5, "min_grant": 0.0} | {field: value}
    with pytest.raises(KizunaError) as err:
        solve_or_explain(FundingProblem((A, B), **kwargs))  # type: ignore[arg-type]
    assert err.value.code == "K245" and field.replace("_", "-") in str(err.value)


def test_budget_at_which_a_technology_enters() -> None:
    p = FundingProblem((A, B), budget=50.0, min_grant=30.0, max_share=1.0)
    found = entry_budget(p, "b")
    at = found["enters_at"]
    assert at is not None and at > 30.0
    funded = solve(FundingProblem((A, B), budget=at, min_grant=30.0, max_share=1.0))
    below = solve(FundingProblem((A, B), budget=at * 0.99, min_grant=30.0, max_share=1.0))
    assert funded is not None and "b" in funded.funded
    assert below is not None and "b" not in below.funded


def test_plan_on_the_synthetic_graph_with_sensitivity_and_stability() -> None:
    r = plan_funding(small_graph(), FundingRequest(budget=1e6, max_share=0.5,
                                                   stability_runs=50, enters=("hydrogen",)))
    data = r.as_json()
    assert data["algorithm"] == "kizuna-catalyst-funding/1.0" and data["status"] == "optimal"
    assert {s["parameter"] for s in data["sensitivity"]} >= {"budget", "weight:volume"}
    ranks = data["stability"]["ranks"]
    assert ranks[0]["technology"] == "quantum"
    assert data["stability"]["runs"] == 50 and data["enters"][0]["technology"] == "hydrogen"


def test_starter_knowledge_base_allocation(loaded_store: Store) -> None:
    graph = load_graph(loaded_store)
    started = time.perf_counter()
    r = plan_funding(graph, FundingRequest(budget=5e7, min_grant=2e6, max_share=0.2,
                                           must=("hydrogen",), with_sensitivity=False))
    assert time.perf_counter() - started < 1.0 * 5  # target 1 s; slack for a busy CI machine
    amounts = {a.technology: a.amount for a in r.allocations}
    assert "hydrogen" in amounts
    assert sum(amounts.values()) <= 5e7 * (1 + 1e-9)
    assert all(2e6 * (1 - 1e-9) <= v <= 1e7 * (1 + 1e-9) for v in amounts.values())
