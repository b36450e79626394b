"""``kizuna orgs``, ``collabs``, ``show`` and ``export``: the catalog, filtered (thin wrappers
over :mod:`kizuna.catalog` and :mod:`kizuna.exporting`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.exporting import ExportSummary


def register(app: typer.Typer) -> None:
    """Add the catalog commands to the main app."""
    app.command()(orgs)
    app.command()(collabs)
    app.command()(show)
    app.command()(export)


# -- shared options ---------------------------------------------------------------------------

Text = Annotated[str | None, typer.Option("--text", "-q",
                                          help="Text in names, aliases or titles.")]
Country = Annotated[str | None, typer.Option("--country", "-c",
                                             help="ISO country code (JP, US, INT).")]
Kind = Annotated[str | None, typer.Option("--kind", "-k", help="Organization kind.")]
Tech = Annotated[str | None, typer.Option("--technology", "-t",
                                          help="Technology id or CET area id.")]
Mech = Annotated[str | None, typer.Option("--mechanism", "-m", help="Collaboration mechanism.")]
Years = Annotated[str | None, typer.Option("--years", "-y",
                                           help="YYYY, YYYY-YYYY, YYYY- or -YYYY.")]
Limit = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many rows.")]
Format = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
ReviewedOnly = Annotated[bool, typer.Option(
    "--reviewed-only", help="Count curated and reviewer-confirmed facts only (see `review`).")]


ORG_COLUMNS = ["id", "name", "aliases", "ja", "kind", "country", "website", "collaborations",
               "partners", "origin", "reviewed"]


def orgs(text: Text = None, country: Country = None, kind: Kind = None, technology: Tech = None,
         mechanism: Mech = None, years: Years = None, limit: Limit = None,
         fmt: Format = "table", reviewed_only: ReviewedOnly = False) -> None:
    """List organizations, filtered by text, country, kind, technology, mechanism and years."""
    from kizuna.catalog import list_organizations
    from kizuna.filters import make_filters

    render.check_format(fmt)
    filters = make_filters(text=text, country=country, kind=kind, technology=technology,
                           mechanism=mechanism, years=years, limit=limit,
                           reviewed_only=reviewed_only)
    _print_organizations(list_organizations(state.store(), filters), fmt)


def _print_organizations(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        render.write_json(rows)
    elif fmt == "csv":
        render.write_csv(rows, ORG_COLUMNS)
    else:
        render.console().print(render.table(f"{len(rows)} organizations", [
            ("id", lambda r: r["id"]), ("name", lambda r: r["name"]),
            ("日本語", lambda r: (r["ja"] or [None])[0]),
            ("kind", lambda r: r["kind"] if r["reviewed"] else f"{r['kind']} ?"),
            ("country", lambda r: r["country"]), ("collabs", lambda r: r["collaborations"]),
            ("partners", lambda r: r["partners"])], rows))


COLLAB_COLUMNS = ["id", "title", "date", "mechanism", "status", "parties", "technologies",
                  "amount_value", "amount_currency", "amount_usd", "source", "verified", "origin"]


def _source(row: dict[str, Any], *, full: bool = False) -> str:
    """The source of a collaboration in one line: its citation, or its first evidence."""
    if row["citation"]:
        c = row["citation"]
        if not full:
            return f"{c['publisher']} ({c['date'] or 'n.d.'})"
        title = f", “{c['title']}”" if c["title"] else ""
        return f"{c['publisher']}{title} ({c['date'] or 'n.d.'}) {c['url'] or ''}".strip()
    if row["evidence"]:
        ev = row["evidence"][0]
        more = f" (+{len(row['evidence']) - 1} more)" if len(row["evidence"]) > 1 else ""
        return f"“{ev['quote']}” — {ev['doc_title'] or ev['address']}{more}"
    return "no source"


def _parties(parties: list[dict[str, Any]], shown: int = 4) -> str:
    """Parties in one cell: a ten-party agreement would otherwise fill a screen."""
    names = [p["name"] for p in parties]
    more = f" · +{len(names) - shown} more (see -f json)" if len(names) > shown else ""
    return " · ".join(names[:shown]) + more


def collabs(text: Text = None, country: Country = None, kind: Kind = None,
            technology: Tech = None, mechanism: Mech = None, years: Years = None,
            limit: Limit = None, fmt: Format = "table", reviewed_only: ReviewedOnly = False
            ) -> None:
    """List collaborations with their source, filtered like `orgs`."""
    from kizuna.catalog import list_collaborations
    from kizuna.filters import make_filters

    render.check_format(fmt)
    filters = make_filters(text=text, country=country, kind=kind, technology=technology,
                           mechanism=mechanism, years=years, limit=limit,
                           reviewed_only=reviewed_only)
    _print_collaborations(list_collaborations(state.store(), filters), fmt)


def _print_collaborations(rows: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        render.write_json(rows)
        return
    for r in rows:
        r["source"] = _source(r, full=fmt == "csv")
    if fmt == "csv":
        flat = [{**r, "parties": [f"{p['name']} ({p['role']})" for p in r["parties"]]}
                for r in rows]
        render.write_csv(flat, COLLAB_COLUMNS)
    else:
        render.console().print(render.table(f"{len(rows)} collaborations", [
            ("id", lambda r: r["id"]), ("date", lambda r: r["date"]),
            ("mechanism", lambda r: r["mechanism"]),
            ("parties", lambda r: _parties(r["parties"])),
            ("title", _marked_title), ("source", lambda r: r["source"])], rows))
        if any(_unreviewed(r) for r in rows):
            render.console().print("[dim]? = read from a document, not yet reviewed "
                                   "(`kizuna review`); ✗ = rejected by a reviewer[/]")


def _unreviewed(row: dict[str, Any]) -> bool:
    return row.get("origin") == "extracted" and row.get("review") is None


def _marked_title(row: dict[str, Any]) -> str:
    mark = "? " if _unreviewed(row) else "✗ " if row.get("review") == "rejected" else ""
    return mark + str(row["title"])


def show(org: Annotated[str, typer.Argument(help="Organization id, name or alias.")],
         fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
         ) -> None:
    """Show an organization's profile: names, collaborations and the source of each."""
    from kizuna.catalog import organization_profile

    render.check_format(fmt, ("table", "json"))
    profile = organization_profile(state.store(), org)
    if fmt == "json":
        render.write_json(profile)
        return
    _print_profile(profile)


def _print_profile(profile: dict[str, Any]) -> None:
    from rich.panel import Panel

    con = render.console()
    lines = [f"[bold]{profile['name']}[/]  ({profile['id']})",
             f"kind: {profile['kind']}   country: {profile['country']}"
             + (f"   web: {profile['website']}" if profile["website"] else "")]
    if profile["aliases"]:
        lines.append("aliases: " + ", ".join(profile["aliases"]))
    if profile["ja"]:
        lines.append("日本語: " + "、".join(profile["ja"]))
    if profile["technologies"]:
        lines.append("technologies: " + ", ".join(f"{t} ({n})" for t, n in
                                                  profile["technologies"].items()))
    con.print(Panel("\n".join(lines), expand=False))
    rows = profile["collaborations"]
    con.print(f"[bold]{len(rows)} collaborations[/]")
    for r in rows:
        others = ", ".join(p["name"] for p in r["parties"] if p["org"] != profile["id"])
        con.print(f"\n[bold]{r['date'] or 'undated'}[/] · {r['mechanism']} · with {others}"
                  f"\n  {r['title']}  [dim]({r['id']})[/]")
        for cite in [r["citation"], *r["also_cited"]]:
            if cite:
                con.print("  [dim]source:[/] " + _source({**r, "citation": cite}, full=True),
                          markup=True)
        for ev in r["evidence"]:
            con.print(f"  [dim]evidence:[/] “{ev['quote']}” — {ev['doc_title'] or ev['address']}")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="jsonl, csv, graphml or gexf.")] = "graphml",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File to write (default kizuna.FORMAT).")
                      ] = None,
    technology: Tech = None, mechanism: Mech = None, years: Years = None,
    country: Country = None,
    isolated: Annotated[bool, typer.Option(
        "--isolated", help="Keep organizations without partners as nodes (GraphML/GEXF).")
    ] = False,
    reviewed_only: ReviewedOnly = False,
) -> None:
    """Write the collaboration graph for Gephi, spreadsheets or notebooks."""
    from kizuna.exporting import FORMATS as EXPORT_FORMATS
    from kizuna.exporting import export_graph
    from kizuna.filters import make_filters

    render.check_format(fmt, EXPORT_FORMATS)
    path = output or Path(f"kizuna.{fmt}")
    filters = make_filters(technology=technology, mechanism=mechanism, years=years,
                           country=country, reviewed_only=reviewed_only)
    _print_export(export_graph(state.store(), fmt, path, filters, isolated=isolated), fmt, path)


def _print_export(done: ExportSummary, fmt: str, path: Path) -> None:
    what = {"jsonl": f"{done.records} records", "csv": f"{done.records} edge rows"}.get(
        fmt, f"{done.nodes} nodes and {done.edges} edges")
    partnered = done.nodes - (done.isolated if done.isolated_kept else 0)
    render.console().print(f"[green]✓[/] wrote {what} to {path} ({partnered} organizations "
                           f"with partners, {done.edges} partner pairs)")
    if done.isolated and not done.isolated_kept:
        render.console().print(f"  {done.isolated} organizations without partners were left out"
                               + (" (add --isolated to keep them)" if fmt in ("graphml", "gexf")
                                  else ""))
    elif done.isolated:
        render.console().print(f"  including {done.isolated} organizations without partners")
