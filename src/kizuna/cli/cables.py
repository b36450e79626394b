"""``kizuna cables``: load submarine-cable data, per-country resilience, what-if cuts and
cable-disjoint paths; thin wrappers over :mod:`kizuna.connectivity`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kizuna.cli import render

cables_app = typer.Typer(help="Submarine cables: load the map data, resilience per country, "
                              "what-if cuts and paths.", no_args_is_help=True)
_state: Any = None

Fmt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def register(app: typer.Typer, state: Any) -> None:
    """Add ``kizuna cables`` to the main app."""
    global _state
    _state = state
    app.add_typer(cables_app, name="cables")


@cables_app.command("load")
def load_cmd(
    path: Annotated[Path, typer.Argument(help="Folder with cables.csv + cable_landing_points.csv"
                                              " or TeleGeography's api_v2 JSON.")],
    fmt: Annotated[str, typer.Option("--format", help="auto, csv or api_v2.")] = "auto",
    json_out: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Load cable data in one transaction (an unchanged folder changes nothing)."""
    import dataclasses

    from kizuna.connectivity.load import load_cables

    result = load_cables(_state.store(create=True), path, fmt)
    if json_out:
        render.write_json(dataclasses.asdict(result))
        return
    con = render.console()
    mark = "[green]✓[/]" if result.status == "loaded" else "[dim]= unchanged:[/]"
    con.print(f"{mark} {result.cables} cables, {result.landing_points} landing points, "
              f"{result.owners} owners ({result.owners_resolved} resolved to knowledge-base "
              f"organizations) from {result.format} in {result.path}")
    if result.territories:
        moved = ", ".join(f"{t} ({n})" for t, n in result.territories.items())
        con.print(f"territories split out as their own nodes (landing points): {moved}")
