"""The ``kizuna`` command line: thin wrappers over the library functions.

Each command parses its options, calls one library function and renders the result; the logic
lives in :mod:`kizuna.catalog`, :mod:`kizuna.overview`, :mod:`kizuna.exporting` and
:mod:`kizuna.starter`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna import __version__
from kizuna.cli import brief, cables, documents, priorities, render, review, screening, supply, web
from kizuna.cli import train as train_cli
from kizuna.errors import KizunaError

if TYPE_CHECKING:
    from kizuna.overview import Overview
    from kizuna.settings import Settings
    from kizuna.store import Store

# The library modules are imported inside the commands that use them: `kizuna --help` and
# `kizuna stats` should not pay for SQLAlchemy, spaCy, NetworkX or FastAPI they never touch.
# benchmarks/startup_bench.py measures it.

app = typer.Typer(
    name="kizuna",
    help="Evidence-backed intelligence on U.S.–Japan technology cooperation.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


@dataclass
class _State:
    debug: bool = False
    database_url: str | None = None

    def settings(self) -> Settings:
        from kizuna.settings import load_settings

        settings = load_settings()
        if self.database_url:
            settings = dataclasses.replace(settings, database_url=self.database_url)
        return settings

    def store(self, *, create: bool = False) -> Store:
        from kizuna.store import open_store

        return open_store(self.settings().database_url, create=create)


state = _State()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kizuna {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    database: Annotated[str | None, typer.Option(
        "--database", "-d", help="Database URL; overrides KIZUNA_DATABASE_URL.",
        show_default=False)] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    state.debug = debug
    state.database_url = database


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


# -- commands ---------------------------------------------------------------------------------


@app.command()
def init() -> None:
    """Create the database, or migrate it to this version's schema."""
    from kizuna.starter import ensure_taxonomy

    store = state.store(create=True)
    ensure_taxonomy(store)
    render.console().print(f"[green]✓[/] database ready at {store.display_url}")


@app.command("load-starter")
def load_starter_cmd() -> None:
    """Load the starter knowledge base (cited U.S.–Japan collaborations). Safe to re-run."""
    store = state.store(create=True)
    counts = _load_with_progress(store)
    render.console().print(
        f"[green]✓[/] loaded {counts['organizations']} organizations, "
        f"{counts['collaborations']} collaborations and {counts['technologies']} technologies "
        f"into {store.display_url}")


def _load_with_progress(store: Store) -> dict[str, int]:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kizuna.starter import load_starter, read_starter

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=True, console=render.console()) as progress:
        task = progress.add_task("validating the starter knowledge base…", total=2)
        kb = read_starter()
        progress.update(task, advance=1, description="writing it in one transaction…")
        counts = load_starter(store, kb)
        progress.update(task, advance=1)
    return counts


@app.command()
def demo() -> None:
    """Create the default database, load the starter knowledge base and print an overview."""
    from kizuna.overview import overview

    store = state.store(create=True)
    counts = _load_with_progress(store)
    con = render.console()
    con.print(f"[green]✓[/] {store.display_url}: {counts['organizations']} organizations, "
              f"{counts['collaborations']} collaborations\n")
    _print_overview(overview(store))
    web.offer(store, state.settings())


def _print_overview(ov: Overview) -> None:
    from kizuna.model.vocab import short_mechanism as _short

    con = render.console()
    peak = max(ov.tech_mechanism.values(), default=1)

    def cell(mechanism: str) -> Callable[[dict[str, Any]], Any]:
        return lambda r: render.heat(ov.tech_mechanism.get((r["t"], mechanism), 0), peak)

    # As many mechanism columns as the terminal holds, the rest in a second table below: a
    # heatmap cut to fit would hide its numbers.
    name_width = max((len(t) for t in ov.technologies), default=10)
    per_table = max(1, (con.width - name_width - 4) // 9)
    for start in range(0, len(ov.mechanisms), per_table):
        chunk = ov.mechanisms[start:start + per_table]
        columns: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
            ("technology", lambda r: r["t"])]
        columns += [(_short(m), cell(m)) for m in chunk]
        con.print(render.table("Collaborations by technology × mechanism"
                               + (f" ({start // per_table + 1})" if len(chunk) < len(
                                   ov.mechanisms) else ""), columns,
                               [{"t": t} for t in ov.technologies], no_wrap=True,
                               padding=(0, 1)))
    con.print("[dim]" + "  ".join(f"{_short(m)} = {m}" for m in ov.mechanisms) + "[/]\n")
    by_year: dict[int, int] = {}
    for (year, _m), n in ov.year_mechanism.items():
        if year is not None:
            by_year[year] = by_year.get(year, 0) + n
    top = max(by_year.values(), default=1)
    con.print(render.table("Collaborations by year", [
        ("year", lambda r: r["y"]), ("n", lambda r: r["n"]),
        ("", lambda r: render.bar(r["n"], top))],
        [{"y": y, "n": by_year[y]} for y in sorted(by_year)]))
    con.print(render.table("Top organizations by number of partners", [
        ("organization", lambda r: r["name"]), ("country", lambda r: r["country"]),
        ("partners", lambda r: r["partners"]),
        ("cross-border", lambda r: r["cross_border_partners"]),
        ("collaborations", lambda r: r["collaborations"])], ov.top_organizations))


ORG_COLUMNS = ["id", "name", "aliases", "ja", "kind", "country", "website", "collaborations",
               "partners", "origin", "reviewed"]


@app.command()
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
    rows = list_organizations(state.store(), filters)
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


@app.command()
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
    rows = list_collaborations(state.store(), filters)
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


@app.command()
def show(org: Annotated[str, typer.Argument(help="Organization id, name or alias.")],
         fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
         ) -> None:
    """Show an organization's profile: names, collaborations and the source of each."""
    from rich.panel import Panel

    from kizuna.catalog import organization_profile

    render.check_format(fmt, ("table", "json"))
    profile = organization_profile(state.store(), org)
    if fmt == "json":
        render.write_json(profile)
        return
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


@app.command()
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
    done = export_graph(state.store(), fmt, path, filters, isolated=isolated)
    what = {"jsonl": f"{done.records} records", "csv": f"{done.records} edge rows"}.get(
        fmt, f"{done.nodes} nodes and {done.edges} edges")
    render.console().print(f"[green]✓[/] wrote {what} to {path} ({done.nodes} organizations "
                           f"with partners, {done.edges} partner pairs)")
    if done.isolated and not done.isolated_kept:
        render.console().print(f"  {done.isolated} organizations without partners were left out"
                               + (" (add --isolated to keep them)" if fmt in ("graphml", "gexf")
                                  else ""))
    elif done.isolated:
        render.console().print(f"  including {done.isolated} organizations without partners")


@app.command("stats")
def stats_cmd(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table"
              ) -> None:
    """Counts of what the database holds, years covered and provenance."""
    from kizuna.overview import stats

    render.check_format(fmt, ("table", "json"))
    data = stats(state.store())
    if fmt == "json":
        render.write_json(data)
        return
    con = render.console()
    con.print(f"[bold]{data['database']}[/]")
    con.print(render.table("rows", [("table", lambda r: r["k"]), ("rows", lambda r: r["v"])],
                           [{"k": k, "v": v} for k, v in data["rows"].items()]))
    summary = data["collaborations"]
    con.print(f"years covered: {summary['first_year']}–{summary['last_year']}; "
              f"with a citation or evidence: {summary['with_source']}")
    con.print(render.table("collaborations by mechanism", [
        ("mechanism", lambda r: r["k"]), ("n", lambda r: r["v"])],
        [{"k": k, "v": v} for k, v in sorted(summary["by"]["mechanism"].items(),
                                             key=lambda kv: -kv[1])]))


documents.register(app, state)
web.register(app, state)
screening.register(app, state)
review.register(app, state)
brief.register(app, state)
cables.register(app, state)
supply.register(app, state)
priorities.register(app, state)
train_cli.register(app, state)


def main() -> None:
    """Entry point: user errors become one line on stderr and exit status 1."""
    try:
        app()
    except KizunaError as exc:
        if state.debug:
            raise
        sys.stderr.write(f"kizuna: error {exc}\n")
        sys.exit(1)
    except Exception as exc:  # an unexpected failure: still one line unless --debug
        if state.debug:
            raise
        sys.stderr.write(f"kizuna: internal error: {type(exc).__name__}: {exc} "
                         "(run with --debug for the traceback)\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
