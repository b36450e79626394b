"""``kizuna fund``: split a catalyst budget across the shared priorities (a thin wrapper over
:func:`kizuna.priorities.plan.plan_funding`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state
from kizuna.cli.priorities import ReviewedOnly

TechList = Annotated[list[str] | None, typer.Option(help="A technology id; repeat for more.")]


def register(app: typer.Typer) -> None:
    app.command("fund")(fund_cmd)
    app.command("partners")(partners_cmd)


def fund_cmd(
    budget: Annotated[float, typer.Option("--budget", help="Catalyst budget in USD.")],
    min_grant: Annotated[float, typer.Option("--min-grant",
                                             help="Least a funded technology gets.")] = 0.0,
    max_share: Annotated[float, typer.Option("--max-share",
                                             help="Most of the budget one technology gets.")
                         ] = 0.25,
    must: TechList = None,
    exclude: TechList = None,
    min_technologies: Annotated[int, typer.Option("--min-technologies",
                                                  help="Fund at least N technologies.")] = 0,
    both_countries: Annotated[bool, typer.Option(
        "--both-countries", help="Only technologies where U.S. and Japanese organizations act."
    )] = False,
    enters: Annotated[list[str] | None, typer.Option(
        "--enters", help="Report the budget at which this technology is first funded.")] = None,
    stability: Annotated[int, typer.Option(
        "--stability", help="Random ±20% weight perturbations for rank stability (0: none).")
                         ] = 0,
    weights: Annotated[Path | None, typer.Option("--weights", help="Priority weights file.")
                       ] = None,
    indicators: Annotated[Path | None, typer.Option(
        "--indicators", help="OWID research indicators (optional).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    reviewed_only: ReviewedOnly = False,
) -> None:
    """Allocate a budget across shared priorities (a MILP solved with HiGHS): diminishing
    returns, minimum grants, maximum shares, binding constraints and ±20% sensitivity."""
    from kizuna.cli.priorities import load_inputs
    from kizuna.priorities.graph import load_graph
    from kizuna.priorities.plan import FundingRequest, plan_funding

    render.check_format(fmt, ("table", "json"))
    w, ind = load_inputs(weights, indicators)
    request = FundingRequest(budget, min_grant, max_share, tuple(must or ()),
                             tuple(exclude or ()), min_technologies, both_countries,
                             tuple(enters or ()), stability)
    data = plan_funding(load_graph(state.store(), reviewed_only=reviewed_only), request,
                        w, ind).as_json()
    if fmt == "json":
        render.write_json(data)
        return
    _print_funding(data)


def _print_funding(data: dict[str, Any]) -> None:
    con = render.console()
    con.print(render.table(f"Catalyst allocation ({data['algorithm']}, {data['status']})", [
        ("technology", lambda r: data["names"][r["technology"]]),
        ("amount USD", lambda r: f"{r['amount']:,.0f}"),
        ("share", lambda r: f"{r['share']:.1%}"),
        ("priority", lambda r: f"{data['scores'][r['technology']]:.3f}"),
        ("next $", lambda r: f"{r['marginal_value']:.3f}"),
    ], data["allocations"]))
    price = data["shadow_prices"]["budget"]
    con.print(f"objective {data['objective']:,.0f}; unspent {data['unspent']:,.0f}; "
              f"binding: {', '.join(data['binding_constraints']) or 'none'}; value of one more "
              f"budget dollar {price if price is None else round(price, 3)} (re-solved)")
    moves = [r for r in data.get("sensitivity", []) if r.get("entered") or r.get("left")
             or r.get("status") == "infeasible"]
    for r in moves:
        con.print(f"  {r['parameter']} {r['change']}: " + (
            "infeasible" if r["status"] == "infeasible" else
            f"enter {', '.join(r['entered']) or '-'}; leave {', '.join(r['left']) or '-'}; "
            f"{r['moved_share']:.1%} of the budget moves"))
    if not moves and data.get("sensitivity"):
        con.print("  every weight and the budget ±20% keep the same funded set")
    for e in data.get("enters", []):
        con.print(f"{e['technology']} enters at a budget of "
                  + (f"{e['enters_at']:,.0f}" if e["enters_at"] is not None else e["reason"]))
    if "stability" in data:
        s = data["stability"]
        con.print(f"{s['runs']} perturbations: {s['share_of_runs_with_any_rank_change']:.0%} "
                  "change some rank; funded in share of re-solved runs: "
                  + ", ".join(f"{t} {v:.0%}" for t, v in s["funded_share"].items()))


def partners_cmd(
    org: Annotated[str, typer.Argument(help="Organization id, name or alias.")],
    country: Annotated[str | None, typer.Option("--country", "-c",
                                                help="Only partners from this country.")] = None,
    technology: Annotated[str | None, typer.Option("--technology", "-t",
                                                   help="Only partners active in it.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many.")] = 10,
    governments: Annotated[bool, typer.Option(
        "--governments", help="Also suggest government bodies (at half their score; a "
        "government ORG sees them anyway).")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    reviewed_only: ReviewedOnly = False,
) -> None:
    """Organizations ORG has not worked with yet, ranked by proximity, shared and complementary
    technology, cross-border value and activity; each feature explained. Government bodies
    are left out unless ORG is one or --governments is given."""
    from kizuna.priorities.suggest import suggest_partners

    render.check_format(fmt, ("table", "json"))
    data = suggest_partners(state.store(), org, country=country, technology=technology,
                            limit=limit, governments=governments or None,
                            reviewed_only=reviewed_only)
    if fmt == "json":
        render.write_json(data)
        return
    _print_partners(data)


def _print_partners(data: dict[str, Any]) -> None:
    con = render.console()
    con.print(render.table(f"Suggested partners for {data['name']} ({data['algorithm']})", [
        ("id", lambda r: r["organization"]),  # for `show ID`, `partners ID`, `brief`
        ("partner", lambda r: r["name"]), ("country", lambda r: r["country"]),
        ("score", lambda r: f"{r['score']:.3f}"),
        ("common", lambda r: len(r["explanation"]["common_partners"])),
        ("adds", lambda r: ", ".join(r["explanation"]["complementary_technologies"][:3])),
    ], data["partners"]))
    con.print(f"[dim]governments {data['governments']['policy']}: "
              f"{data['governments']['why']}[/]")
