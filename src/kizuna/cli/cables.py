"""``kizuna cables``: load submarine-cable data, per-country resilience, what-if cuts and
cable-disjoint paths; thin wrappers over :mod:`kizuna.connectivity`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state

cables_app = typer.Typer(help="Submarine cables: load the map data, resilience per country, "
                              "what-if cuts and paths.", no_args_is_help=True)

Fmt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]


def register(app: typer.Typer) -> None:
    """Add ``kizuna cables`` to the main app."""
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

    result = load_cables(state.store(create=True), path, fmt)
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


InService = Annotated[int | None, typer.Option(
    "--in-service-by", help="Only cables ready for service by this year (the data is a June "
                            "2021 snapshot: 2021 leaves out the 35 planned cables).")]


def _data(in_service_by: int | None) -> Any:
    from kizuna.connectivity.load import stored_cable_data

    return stored_cable_data(state.store()).in_service(in_service_by)


def _pairs(values: list[str] | None) -> list[tuple[str, str]]:
    from kizuna.errors import E, KizunaError

    out = []
    for v in values or []:
        parts = [p.strip() for p in v.split(",")]
        if len(parts) != 2 or not all(parts):
            raise KizunaError(E.BAD_CUT, option="--between", value=v,
                              reason="give two countries separated by a comma")
        out.append((parts[0], parts[1]))
    return out


RESILIENCE_COLUMNS = ("country", "cables", "international_cables", "landing_points",
                      "busiest_landing_point", "busiest_share", "owners_of_concern_share",
                      "partners_reached", "min_cut_to_isolate", "territory_of",
                      "planned_cables")


@cables_app.command("resilience")
def resilience_cmd(
    country: Annotated[list[str] | None, typer.Option(
        "--country", "-c", help="Only this country (repeatable); default every country.")] = None,
    paths_to: Annotated[list[str] | None, typer.Option(
        "--paths-to", help="Count cable-disjoint paths to this country (repeatable).")] = None,
    concern: Annotated[Path | None, typer.Option(
        "--concern", help="YAML list of owners of concern (default: kizuna's).")] = None,
    in_service_by: InService = None,
    fmt: Fmt = "table",
) -> None:
    """Per country: cables, landing points, the single point of failure, owners of concern,
    partners and the fewest landing points whose loss cuts it off."""
    from kizuna.connectivity.api import resilience_report

    render.check_format(fmt)
    _print_resilience(resilience_report(_data(in_service_by), country, paths_to, concern), fmt)


def _print_resilience(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(report)
        return
    rows = report["countries"]
    if fmt == "csv":
        render.write_csv(rows, [*RESILIENCE_COLUMNS, "disjoint_paths"])
        return
    con = render.console()
    con.print(render.table(f"{len(rows)} countries", [
        ("country", lambda r: r["country"]), ("cables", lambda r: r["cables"]),
        ("intl", lambda r: r["international_cables"]),
        ("busiest", lambda r: r["busiest_landing_point_name"] or ""),
        ("share", lambda r: f"{r['busiest_share']:.0%}"),
        ("concern", lambda r: f"{r['owners_of_concern_share']:.0%}"),
        ("partners", lambda r: r["partners_reached"]),
        ("min cut", lambda r: r["min_cut_to_isolate"])], rows))
    if report["territories"]:
        con.print("[dim]split out as their own nodes: " + ", ".join(
            f"{t} (coded {c})" for t, c in report["territories"].items()) + "[/]")


def _spec(landing_point: list[str] | None, cable: list[str] | None,
          country: list[str] | None, box: str | None, near: str | None,
          radius_km: float | None) -> Any:
    from kizuna.connectivity.cut import CutSpec
    from kizuna.errors import E, KizunaError

    def numbers(option: str, text: str | None, n: int) -> tuple[float, ...] | None:
        if text is None:
            return None
        try:
            values = tuple(float(v) for v in text.split(","))
        except ValueError:
            values = ()
        if len(values) != n:
            raise KizunaError(E.BAD_CUT, option=option, value=text,
                              reason=f"give {n} numbers separated by commas")
        return values

    b, c = numbers("--box", box, 4), numbers("--near", near, 2)
    return CutSpec(tuple(landing_point or ()), tuple(cable or ()), tuple(country or ()),
                   (b[0], b[1], b[2], b[3]) if b else None, (c[0], c[1]) if c else None,
                   radius_km)


LandingOpt = Annotated[list[str] | None, typer.Option(
    "--landing-point", help="Landing-point slug to take out (repeatable).")]
CableOpt = Annotated[list[str] | None, typer.Option("--cable", help="Cable slug (repeatable).")]
CountryOpt = Annotated[list[str] | None, typer.Option(
    "--country", help="Take out every landing point of this country (repeatable).")]
BoxOpt = Annotated[str | None, typer.Option(
    "--box", help="LAT1,LON1,LAT2,LON2: cut every cable whose route crosses this box.")]
NearOpt = Annotated[str | None, typer.Option(
    "--near", help="LAT,LON: take out every landing point within --radius-km.")]
RadiusOpt = Annotated[float | None, typer.Option("--radius-km", help="Radius for --near.")]


@cables_app.command("cut")
def cut_cmd(landing_point: LandingOpt = None, cable: CableOpt = None, country: CountryOpt = None,
            box: BoxOpt = None, near: NearOpt = None, radius_km: RadiusOpt = None,
            between: Annotated[list[str] | None, typer.Option(
                "--between", help="A,B: cable-disjoint paths before and after (repeatable).")
                               ] = None,
            every: Annotated[bool, typer.Option(
                "--all", help="List every country, not only those that lose something.")
                             ] = False,
            in_service_by: InService = None, fmt: Fmt = "table") -> None:
    """What a cut does: international cables and partners each country keeps."""
    from kizuna.connectivity.cut import what_if

    render.check_format(fmt)
    spec = _spec(landing_point, cable, country, box, near, radius_km)
    _print_cut(what_if(_data(in_service_by), spec, _pairs(between), every_country=every).as_json(),
               fmt)


def _print_cut(result: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(result)
        return
    rows = result["countries"]
    if fmt == "csv":
        render.write_csv(rows, ["country", "international_cables_before",
                                "international_cables_remaining", "partners_before",
                                "partners_remaining", "partners_lost", "isolated"])
        return
    con = render.console()
    con.print(f"cut {len(result['cables_cut'])} cables and {len(result['landing_points_cut'])} "
              f"landing points; {len(rows)} countries lose something")
    con.print(render.table(None, [
        ("country", lambda r: r["country"]),
        ("intl before", lambda r: r["international_cables_before"]),
        ("left", lambda r: r["international_cables_remaining"]),
        ("partners lost", lambda r: len(r["partners_lost"])),
        ("isolated", lambda r: "yes" if r["isolated"] else "")], rows))
    for r in result["reachability"]:
        con.print(f"{r['from']} – {r['to']}: {r['disjoint_paths_before']} cable-disjoint paths "
                  f"before, {r['disjoint_paths_after']} after")


@cables_app.command("path")
def path_cmd(a: Annotated[str, typer.Argument(help="From country.")],
             b: Annotated[str, typer.Argument(help="To country.")],
             landing_point: LandingOpt = None, cable: CableOpt = None,
             country: CountryOpt = None, box: BoxOpt = None, near: NearOpt = None,
             radius_km: RadiusOpt = None, in_service_by: InService = None,
             fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")
                            ] = "table") -> None:
    """Cable-disjoint paths between two countries, before and after an optional cut."""
    from kizuna.connectivity.api import path_report

    render.check_format(fmt, ("table", "json"))
    spec = _spec(landing_point, cable, country, box, near, radius_km)
    _print_paths(path_report(_data(in_service_by), a, b, spec), fmt)


def _print_paths(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(report)
        return
    con = render.console()
    con.print(f"{report['from']} – {report['to']}: {report['disjoint_paths_before']} "
              f"cable-disjoint paths before, {report['disjoint_paths_after']} after the cut")
    for label in ("paths_before", "paths_after"):
        con.print(f"[bold]{label.replace('_', ' ')}[/]")
        for p in report[label]:
            con.print("  " + " → ".join(p))


@cables_app.command("owners")
def owners_cmd(
    country: Annotated[str | None, typer.Option(
        "--country", "-c", help="Only owners of cables landing in this country.")] = None,
    list_paths: Annotated[list[Path] | None, typer.Option(
        "--list", help="Also screen against this restricted-party list file (repeatable); the "
                       "lists loaded with `kizuna lists load` are always used.")] = None,
    concern: Annotated[Path | None, typer.Option(
        "--concern", help="YAML list of owners of concern (default: kizuna's).")] = None,
    flagged: Annotated[bool, typer.Option(
        "--flagged", help="Only owners with a match.")] = False,
    in_service_by: InService = None,
    fmt: Fmt = "table",
) -> None:
    """Cable owners screened with kizuna's matcher against the owners of concern and the
    restricted-party lists, with the evidence (listed name, alias, score)."""
    from kizuna.connectivity.api import owners_report
    from kizuna.screening.lists import parse_files, stored_lists

    render.check_format(fmt)
    lists = [*stored_lists(state.store()), *(parse_files(list_paths) if list_paths else [])]
    report = owners_report(_data(in_service_by), concern, lists, country)
    if flagged:
        report["owners"] = [o for o in report["owners"] if o["matches"]]
    _print_owners(report, fmt)


def _print_owners(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        render.write_json(report)
        return
    rows = [{**o, "n_cables": len(o["cables"]),
             "listed_on": [f"{m['list']} {m['score']:.2f}" for m in o["matches"]
                           if m["role"] == "listed"]}
            for o in report["owners"]]
    if fmt == "csv":
        render.write_csv(rows, ["owner", "org_id", "n_cables", "of_concern", "listed_on",
                                "cables", "countries"])
        return
    render.console().print(render.table(f"{len(rows)} owners", [
        ("owner", lambda r: r["owner"]), ("cables", lambda r: r["n_cables"]),
        ("org", lambda r: r["org_id"] or ""),
        ("concern", lambda r: "yes" if r["of_concern"] else ""),
        ("listed on (score)", lambda r: ", ".join(r["listed_on"]))], rows))
