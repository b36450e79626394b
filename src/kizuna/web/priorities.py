"""Shared priorities, catalyst funding and partner suggestions on the web: ``/api/priorities``,
``/api/fund``, ``/api/organizations/ORG/partners`` (JSON and CSV) and the ``/priorities`` page.
They call the same functions as ``kizuna priorities``, ``kizuna fund`` and ``kizuna partners``.

Numbers arrive as text and are parsed here, so a bad budget is the same K245 error the CLI gives
(not a generic validation error); the evidence graph and the partner model are cached against
the store's data fingerprint, so a query costs the analysis, not the read.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from kizuna.errors import E, KizunaError
from kizuna.web import params, schemas
from kizuna.web import priorities_schemas as ps
from kizuna.web.context import WebContext, context

if TYPE_CHECKING:
    from kizuna.priorities.graph import EvidenceGraph
    from kizuna.priorities.partners import PartnerModel

api_router = APIRouter(prefix="/api", tags=["priorities"], responses=schemas.ERRORS)
Ctx = Annotated[WebContext, Depends(context)]
Json = dict[str, Any]

WeightsQ = Annotated[str | None, Query(max_length=400, description="Override weights inline: "
                                       "`volume:1,trend:0.5,sensitivity:-0.5`.")]
TechsQ = Annotated[list[str], Query(max_length=40, description="Technology ids; repeat or "
                                    "separate with commas.")]
MoneyQ = Annotated[str, Query(max_length=40, description="USD.")]
ShareQ = Annotated[str, Query(max_length=40, description="Fraction of the budget, in (0, 1].")]
ReviewedQ = Annotated[bool, Query(description="Only curated and reviewer-confirmed facts.")]


def graph(ctx: WebContext, reviewed_only: bool = False) -> EvidenceGraph:
    from kizuna.priorities.graph import load_graph

    return ctx.cache.get(("priorities", "graph", reviewed_only),
                         lambda: load_graph(ctx.store, reviewed_only=reviewed_only))


def partner_model(ctx: WebContext, reviewed_only: bool = False) -> PartnerModel:
    from kizuna.priorities.partners import PartnerModel

    return ctx.cache.get(("priorities", "partners", reviewed_only),
                         lambda: PartnerModel(graph(ctx, reviewed_only)))


def _weights(text: str | None) -> dict[str, float] | None:
    from kizuna.priorities.weights import parse_weights

    return parse_weights(text) if text else None


def _number(option: str, text: str) -> float:
    try:
        value = float(text.strip().replace(",", "").replace("_", ""))
    except ValueError:
        raise KizunaError(E.BAD_FUNDING_INPUT, option=option, value=text,
                          reason="not a number") from None
    if not math.isfinite(value):
        raise KizunaError(E.BAD_FUNDING_INPUT, option=option, value=text,
                          reason="must be a finite number")
    return value


def _count(option: str, text: str, error: E, low: int, high: int) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise KizunaError(error, option=option, value=text, reason="not a whole number") from None
    if not low <= value <= high:
        raise KizunaError(error, option=option, value=value,
                          reason=f"must be between {low} and {high}")
    return value


def _techs(values: list[str]) -> tuple[str, ...]:
    return tuple(t.strip() for v in values for t in v.split(",") if t.strip())


def priorities_data(ctx: WebContext, weights: str | None = None,
                    reviewed_only: bool = False) -> Json:
    from kizuna.priorities.scoring import score_priorities

    w = _weights(weights)
    key = ("priorities", "scores", tuple(sorted((w or {}).items())), reviewed_only)
    result: Json = ctx.cache.get(
        key, lambda: score_priorities(graph(ctx, reviewed_only), w).as_json())
    return result


def fund_data(ctx: WebContext, budget: str, min_grant: str = "0", max_share: str = "0.25",
              must: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
              weights: str | None = None, min_technologies: str = "0",
              both_countries: bool = False, enters: tuple[str, ...] = (),
              sensitivity: bool = True, stability: str = "0",
              reviewed_only: bool = False) -> Json:
    from kizuna.priorities.plan import FundingRequest, plan_funding

    request = FundingRequest(
        _number("budget", budget), _number("min-grant", min_grant),
        _number("max-share", max_share), must, exclude,
        _count("min-technologies", min_technologies, E.BAD_FUNDING_INPUT, 0, 100),
        both_countries, enters, _count("stability", stability, E.BAD_FUNDING_INPUT, 0, 1000),
        with_sensitivity=sensitivity)
    w = _weights(weights)
    key = ("priorities", "fund", request, tuple(sorted((w or {}).items())), reviewed_only)
    result: Json = ctx.cache.get(
        key, lambda: plan_funding(graph(ctx, reviewed_only), request, w).as_json())
    return result


def partners_data(ctx: WebContext, org: str, country: str | None = None,
                  technology: str | None = None, n: str = "10",
                  governments: bool = False, reviewed_only: bool = False) -> Json:
    from kizuna.priorities.suggest import suggest_partners

    limit = _count("n", n, E.BAD_PARTNER_OPTION, 1, 200)
    return suggest_partners(ctx.store, org, country=country or None,
                            technology=technology or None, limit=limit,
                            governments=governments or None, reviewed_only=reviewed_only,
                            model=partner_model(ctx, reviewed_only))


# -- API --------------------------------------------------------------------------------------


@api_router.get("/priorities", response_model=ps.Priorities,
                summary="Shared priorities: technologies ranked from the evidence, explained")
def get_priorities(ctx: Ctx, weights: WeightsQ = None, reviewed_only: ReviewedQ = False) -> Json:
    return priorities_data(ctx, weights, reviewed_only)


@api_router.get("/priorities.csv", response_class=Response,
                responses={200: {"content": {"text/csv": {}}}}, summary="The same, as CSV")
def get_priorities_csv(ctx: Ctx, weights: WeightsQ = None,
                       reviewed_only: ReviewedQ = False) -> Response:
    from kizuna.web.api import csv_response

    rows = [{"rank": p["rank"], "technology": p["technology"], "name": p["name"],
             "score": p["score"], "dual_use": p["dual_use"], **p["features"],
             "collaborations": p["raw"]["collaborations"]}
            for p in priorities_data(ctx, weights, reviewed_only)["technologies"]]
    return csv_response(rows, "kizuna-priorities.csv")


def _fund(ctx: WebContext, budget: str, min_grant: str, max_share: str, must: list[str],
          exclude: list[str], weights: str | None, min_technologies: str,
          both_countries: bool, enters: list[str], sensitivity: bool, stability: str,
          reviewed_only: bool) -> Json:
    return fund_data(ctx, budget, min_grant, max_share, _techs(must), _techs(exclude), weights,
                     min_technologies, both_countries, _techs(enters), sensitivity, stability,
                     reviewed_only)


@api_router.get("/fund", response_model=ps.Funding,
                summary="Split a catalyst budget across the priorities (HiGHS MILP)")
def get_fund(ctx: Ctx, budget: MoneyQ, min_grant: MoneyQ = "0", max_share: ShareQ = "0.25",
             must: TechsQ = [], exclude: TechsQ = [],  # noqa: B006 (FastAPI copies defaults)
             weights: WeightsQ = None,
             min_technologies: Annotated[str, Query(max_length=10)] = "0",
             both_countries: bool = False,
             enters: Annotated[list[str], Query(
                 max_length=10, description="Report the budget at which each is funded.")
             ] = [],  # noqa: B006
             sensitivity: Annotated[bool, Query(description="Each weight and the budget "
                                                "±20% (a dozen re-solves).")] = True,
             stability: Annotated[str, Query(max_length=10, description="Random ±20% weight "
                                             "perturbations, 0–1000.")] = "0",
             reviewed_only: ReviewedQ = False) -> Json:
    return _fund(ctx, budget, min_grant, max_share, must, exclude, weights, min_technologies,
                 both_countries, enters, sensitivity, stability, reviewed_only)


@api_router.get("/fund.csv", response_class=Response,
                responses={200: {"content": {"text/csv": {}}}},
                summary="The allocation, as CSV")
def get_fund_csv(ctx: Ctx, budget: MoneyQ, min_grant: MoneyQ = "0", max_share: ShareQ = "0.25",
                 must: TechsQ = [], exclude: TechsQ = [],  # noqa: B006
                 weights: WeightsQ = None, reviewed_only: ReviewedQ = False) -> Response:
    from kizuna.web.api import csv_response

    out = _fund(ctx, budget, min_grant, max_share, must, exclude, weights, "0", False, [],
                False, "0", reviewed_only)
    rows = [{"technology": a["technology"], "name": out["names"][a["technology"]],
             "priority_score": out["scores"][a["technology"]], **a}
            for a in out["allocations"]]
    return csv_response(rows, "kizuna-allocation.csv")


@api_router.get("/organizations/{org}/partners", response_model=ps.Partners,
                summary="Suggested partners: who ORG has not worked with yet, explained")
def get_partners(ctx: Ctx, org: params.OrgRef,
                 country: Annotated[str | None, Query(max_length=10)] = None,
                 technology: Annotated[str | None, Query(max_length=80)] = None,
                 n: Annotated[str, Query(max_length=10, description="How many (1–200).")] = "10",
                 governments: Annotated[bool, Query(description=(
                     "Also suggest government bodies, at half their score (left out by "
                     "default unless ORG is one: agreements make cliques)."))] = False,
                 reviewed_only: ReviewedQ = False) -> Json:
    return partners_data(ctx, org, country, technology, n, governments, reviewed_only)


def register(app: Any) -> None:
    """Add the priorities API and page to the app."""
    from kizuna.web import priorities_page

    app.include_router(api_router)
    app.include_router(priorities_page.page_router)
