"""``kizuna priorities``, ``kizuna fund`` and ``kizuna partners``: thin wrappers over
:mod:`kizuna.priorities`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kizuna.cli import render
from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.priorities.scoring import PriorityResult

Fmt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
WeightsOpt = Annotated[Path | None, typer.Option(
    "--weights", help="YAML file of `feature: weight` lines overriding the default weights.")]
IndicatorsOpt = Annotated[Path | None, typer.Option(
    "--indicators", help="OWID patent and publication rates (CSV or its folder), optional.")]
ReviewedOnly = Annotated[bool, typer.Option(
    "--reviewed-only", help="Count curated and reviewer-confirmed facts only (see `review`).")]


def register(app: typer.Typer) -> None:
    """Add ``priorities``, ``fund`` and ``partners`` to the main app."""
    app.command("priorities")(priorities_cmd)
    from kizuna.cli import funding

    funding.register(app)


def load_inputs(weights: Path | None, indicators: Path | None
                ) -> tuple[dict[str, float] | None, dict[str, float] | None]:
    from kizuna.priorities.indicators import read_research_indicators
    from kizuna.priorities.weights import read_weights

    return (read_weights(weights) if weights else None,
            read_research_indicators(indicators) if indicators else None)


def priorities_cmd(
    weights: WeightsOpt = None,
    indicators: IndicatorsOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show the top N.")] = 30,
    fmt: Fmt = "table",
    reviewed_only: ReviewedOnly = False,
) -> None:
    """Shared U.S.–Japan S&T priorities: technologies ranked from the evidence, each feature
    explained (`-f json` adds the collaborations behind each)."""
    from kizuna.priorities.graph import load_graph
    from kizuna.priorities.scoring import score_priorities

    render.check_format(fmt)
    w, ind = load_inputs(weights, indicators)
    graph = load_graph(state.store(), reviewed_only=reviewed_only)
    _print_priorities(score_priorities(graph, w, ind), fmt, limit)


def _print_priorities(result: PriorityResult, fmt: str, limit: int) -> None:
    if fmt == "json":
        render.write_json(result.as_json())
        return
    rows = [p.as_json() for p in result.priorities[:limit]]
    if fmt == "csv":
        flat = [{"rank": r["rank"], "technology": r["technology"], "name": r["name"],
                 "score": r["score"], "dual_use": r["dual_use"], **r["features"]} for r in rows]
        render.write_csv(flat, list(flat[0]) if flat else ["rank"])
        return
    con = render.console()
    con.print(render.table(f"Shared priorities ({result.algorithm})", [
        ("rank", lambda r: r["rank"]),
        ("id", lambda r: r["technology"]),  # for `collabs -t ID`, `brief technology ID`
        ("technology", lambda r: r["name"]),
        ("score", lambda r: f"{r['score']:.3f}"),
        ("collabs", lambda r: r["raw"]["collaborations"]),
        ("US/JP orgs", lambda r: f"{r['raw']['us_organizations']}/"
                                 f"{r['raw']['jp_organizations']}"),
        ("x-border", lambda r: f"{r['features']['cross_border_share']:.2f}"),
        ("gov", lambda r: r["raw"]["government"]),
        ("dual", lambda r: "yes" if r["dual_use"] else ""),
    ], rows))
    con.print("[dim]weights: " + ", ".join(f"{k} {v:g}" for k, v in result.weights.items())
              + ("" if result.indicators_loaded else "; no research indicators loaded") + "[/]")
