"""Response models of the priorities, funding and partner API, field by field, so the OpenAPI
schema names every figure (the dictionaries come from :mod:`kizuna.priorities` unchanged)."""

from __future__ import annotations

from pydantic import Field

from kizuna.web.schemas import Out


class PriorityOut(Out):
    technology: str = Field(description="Taxonomy id, e.g. quantum.")
    name: str
    score: float = Field(description="Weighted mean of the features (0–1 when weights are ≥ 0).")
    rank: int
    features: dict[str, float] = Field(description="Each feature scaled 0–1; see "
                                                   "features_explained.")
    raw: dict[str, float] = Field(description="The counts behind the features.")
    dual_use: bool = Field(description="Medium or high export-control sensitivity (flagged, "
                                       "not excluded).")
    evidence: list[str] = Field(description="Ids of the collaborations naming it, newest first.")


class Priorities(Out):
    algorithm: str
    weights: dict[str, float]
    latest_year: int | None = Field(description="The trend's reference year (latest in the "
                                                 "graph).")
    indicators_loaded: bool
    features_explained: dict[str, str]
    technologies: list[PriorityOut]


class AllocationOut(Out):
    technology: str
    amount: float = Field(description="USD.")
    share: float = Field(description="Fraction of the budget.")
    marginal_value: float = Field(description="Value of one more dollar here (0 at the cap).")


class SensitivityRow(Out):
    parameter: str = Field(description="budget or weight:FEATURE.")
    change: str = Field(description="-20% or +20%.")
    status: str
    objective: float | None = None
    entered: list[str] = Field(default_factory=list)
    left: list[str] = Field(default_factory=list)
    moved_share: float | None = Field(None, description="Share of the budget that moves.")


class EntryBudget(Out):
    technology: str
    enters_at: float | None = Field(description="Smallest budget (USD) that funds it.")
    reason: str | None = None
    stays_funded_above: bool | None = None


class ShadowPrices(Out):
    method: str
    budget: float | None = Field(description="Objective gained per extra budget dollar.")


class RankRange(Out):
    technology: str
    rank: int
    rank_p05: int
    rank_p95: int
    in_top: float


class Stability(Out):
    runs: int
    delta: float
    seed: int
    top: int
    share_of_runs_with_any_rank_change: float
    ranks: list[RankRange]
    funded_runs: int
    funded_share: dict[str, float | None]


class Funding(Out):
    algorithm: str
    status: str = Field(description="optimal (infeasible inputs are a K246 error).")
    solver: str
    objective: float
    budget: float
    min_grant: float
    max_share: float
    unspent: float
    allocations: list[AllocationOut]
    binding_constraints: list[str]
    priorities_algorithm: str
    weights: dict[str, float]
    names: dict[str, str]
    scores: dict[str, float]
    shadow_prices: ShadowPrices
    sensitivity: list[SensitivityRow] = Field(default_factory=list)
    enters: list[EntryBudget] = Field(default_factory=list)
    stability: Stability | None = None


class PartnerExplanation(Out):
    features: dict[str, float]
    common_partners: list[str]
    complementary_technologies: list[str]
    evidence: list[str] = Field(description="The candidate's collaborations behind it.")
    government: str | None = Field(None, description="Set when the candidate is a government "
                                                     "body shown on request: how it was "
                                                     "weighted and why.")


class GovernmentPolicy(Out):
    policy: str = Field(description="excluded (default), down-weighted (asked for) or "
                                    "included (ORG is a government body).")
    why: str


class PartnerOut(Out):
    organization: str
    name: str
    country: str
    score: float
    explanation: PartnerExplanation


class Partners(Out):
    algorithm: str
    organization: str
    name: str
    country: str
    features_explained: dict[str, str]
    governments: GovernmentPolicy
    partners: list[PartnerOut]
