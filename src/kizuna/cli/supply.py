"""``kizuna supply-chain``: thin wrappers over :mod:`kizuna.supply`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state

supply_app = typer.Typer(help="Critical supply chains: load a chain, measure concentration, "
                              "find chokepoints, play disruption what-ifs.", no_args_is_help=True)

Fmt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
ChainOpt = Annotated[str | None, typer.Option("--chain", help="Chain id (default: the first "
                                                               "loaded).")]
Allied = Annotated[str | None, typer.Option("--allied", help="Partner set, ISO3 codes "
                                            "(default USA,JPN,NLD,KOR,TWN,DEU,GBR).")]
Concern = Annotated[str | None, typer.Option("--concern", help="Countries of concern, ISO3 "
                                             "codes (default CHN,RUS).")]


def register(app: typer.Typer) -> None:
    """Add ``kizuna supply-chain`` to the main app."""
    app.add_typer(supply_app, name="supply-chain")


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}".rstrip("0").rstrip(".")


@supply_app.command("load")
def load_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with stages, inputs, providers, "
                                                "provision and sequence CSV files.")],
    chain_id: Annotated[str | None, typer.Option("--as", help="Store under this chain id.")
                        ] = None,
) -> None:
    """Load a chain in one transaction (an unchanged folder changes nothing)."""
    from kizuna.supply.load import load_chain

    r = load_chain(state.store(create=True), folder, chain_id)
    mark = "[green]✓[/]" if r.status != "unchanged" else "[dim]=[/]"
    render.console().print(
        f"{mark} {r.chain}: {r.inputs} inputs, {r.stages} stages, {r.providers} providers, "
        f"{r.provisions} share rows, {r.sequence} sequence edges ({r.status}); "
        f"{len(r.linked)} firms linked to the knowledge base")


_CONC_COLS = ("input_id", "input_name", "stage", "year", "hhi", "firm_hhi", "countries_to_75",
              "top_provider", "top_share", "us_japan_share", "allied_share", "concern_share",
              "unattributed_share", "provision_rows")


@supply_app.command("concentration")
def concentration_cmd(fmt: Fmt = "table", chain: ChainOpt = None, allied: Allied = None,
                      concern: Concern = None) -> None:
    """Per input and stage: country and firm HHI, countries to reach 75%, top provider, allied
    and concern shares (each input's latest year)."""
    from kizuna.supply.analysis import concentration, open_analysis

    render.check_format(fmt)
    _print_concentration(concentration(open_analysis(state.store(), chain, allied, concern)), fmt)


def _print_concentration(data: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(data)
        return
    if fmt == "csv":
        render.write_csv(data["inputs"] + [{**s, "input_id": s["stage_id"],
                                            "input_name": s["stage_name"]}
                                           for s in data["stages"]], _CONC_COLS)
        return
    con = render.console()
    con.print(render.table(f"{len(data['inputs'])} inputs of {data['chain']} (shares in %)", [
        ("id", lambda r: r["input_id"]), ("input", lambda r: r["input_name"]),
        ("year", lambda r: r["year"]), ("HHI", lambda r: _num(r["hhi"])),
        ("top", lambda r: r["top_provider"]), ("top%", lambda r: _num(r["top_share"])),
        ("allied%", lambda r: _num(r["allied_share"])),
        ("concern%", lambda r: _num(r["concern_share"]))], data["inputs"]))
    con.print(render.table("stages", [
        ("id", lambda r: r["stage_id"]), ("stage", lambda r: r["stage_name"]),
        ("year", lambda r: r.get("year")), ("HHI", lambda r: _num(r.get("hhi"))),
        ("inputs", lambda r: r["inputs"]), ("chokepoints", lambda r: r["chokepoints"])],
        data["stages"]))


@supply_app.command("chokepoints")
def chokepoints_cmd(fmt: Fmt = "table", chain: ChainOpt = None,
                    limit: Annotated[int | None, typer.Option("--limit", "-n",
                                                              help="At most this many.")] = None
                    ) -> None:
    """Inputs with a country HHI >= 2,500 or one provider >= 50%, ranked by how many inputs
    and stages depend on them."""
    from kizuna.supply.analysis import chokepoints, open_analysis

    render.check_format(fmt)
    data = chokepoints(open_analysis(state.store(), chain))
    data["chokepoints"] = data["chokepoints"][:limit]
    _print_chokepoints(data, fmt)


def _print_chokepoints(data: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(data)
        return
    if fmt == "csv":
        render.write_csv(data["chokepoints"], ("rank", "input_id", "input_name", "stage", "year",
                                               "hhi", "top_provider", "top_share", "dependents",
                                               "downstream_stages", "reasons", "provision_rows"))
        return
    render.console().print(render.table(f"{len(data['chokepoints'])} chokepoints", [
        ("#", lambda r: r["rank"]), ("id", lambda r: r["input_id"]),
        ("input", lambda r: r["input_name"]), ("year", lambda r: r["year"]),
        ("HHI", lambda r: _num(r["hhi"])), ("top", lambda r: r["top_provider"]),
        ("top%", lambda r: _num(r["top_share"])), ("deps", lambda r: r["dependents"])],
        data["chokepoints"]))


@supply_app.command("disrupt")
def disrupt_cmd(
    remove: Annotated[list[str], typer.Option("--remove", "-r", help="A country (CHN, China) "
                                              "or firm (\"Tokyo Electron\"); repeat.")],
    fmt: Fmt = "table", chain: ChainOpt = None, allied: Allied = None,
    threshold: Annotated[float | None, typer.Option(
        "--threshold", help="Share lost (%) from which an input counts as disrupted "
                            "(default 50).")] = None,
) -> None:
    """What removing countries or firms takes from each input, and what it exposes."""
    from kizuna.supply.analysis import open_analysis
    from kizuna.supply.disrupt import disrupt

    render.check_format(fmt)
    _print_disruption(disrupt(open_analysis(state.store(), chain, allied), remove, threshold), fmt)


def _print_disruption(data: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(data)
        return
    if fmt == "csv":
        render.write_csv(data["inputs"] + data["stages"], (
            "input_id", "input_name", "year", "share_lost", "share_remaining", "remaining_hhi",
            "remaining_allied_share", "remaining_allied_majority", "disrupted",
            "provision_rows"))
        return
    con = render.console()
    removed = ", ".join(r["name"] for r in data["removed"])
    con.print(render.table(f"removing {removed}: {len(data['inputs'])} inputs lose share", [
        ("id", lambda r: r["input_id"]), ("input", lambda r: r["input_name"]),
        ("year", lambda r: r["year"]), ("lost%", lambda r: _num(r["share_lost"])),
        ("allied% left", lambda r: _num(r["remaining_allied_share"])),
        ("disrupted", lambda r: "yes" if r["disrupted"] else "")], data["inputs"]))
    for st in data["stages_at_risk"]:
        con.print(f"[bold red]stage at risk[/]: {st['stage_name']} (via "
                  f"{len(st['via'])} disrupted inputs)")
    con.print(f"{len(data['exposed_inputs'])} downstream inputs exposed")


@supply_app.command("screen")
def screen_cmd(
    list_paths: Annotated[list[Path] | None, typer.Option(
        "--list", "-l", help="Screen against this list file instead of the loaded lists.")
                          ] = None,
    min_share: Annotated[float | None, typer.Option(
        "--min-share", help="Screen firms holding at least this % of an input (default 50; "
                            "0 = every firm).")] = None,
    threshold: Annotated[float | None, typer.Option("--threshold",
                                                    help="Lowest match score, 0–1.")] = None,
    fmt: Fmt = "table", chain: ChainOpt = None,
) -> None:
    """Screen the firms that dominate an input against restricted-party lists."""
    from kizuna.supply.analysis import open_analysis
    from kizuna.supply.screening import screen_suppliers

    render.check_format(fmt)
    store = state.store()
    data = screen_suppliers(store, open_analysis(store, chain), list_paths or [],
                            min_share=min_share, threshold=threshold)
    _print_supplier_screening(data, fmt)


def _print_supplier_screening(data: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(data)
        return
    rows = [{**f, "held": "; ".join(f"{h['input_name']} {h['share']:g}%" for h in f["inputs"]),
             "match": "; ".join(f"{m['name']} ({m['list']}, {m['score']:.2f})"
                                for m in f["matches"])} for f in data["firms"]]
    if fmt == "csv":
        render.write_csv(rows, ("provider_id", "name", "country", "org_id", "held", "match"))
        return
    render.console().print(render.table(
        f"{len(rows)} firms screened ({data['algorithm']}), {data['flagged']} flagged", [
            ("firm", lambda r: r["name"]), ("country", lambda r: r["country"]),
            ("holds", lambda r: r["held"]), ("match", lambda r: r["match"] or "–")], rows))
