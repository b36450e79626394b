"""``kizuna init``, ``load-starter``, ``demo`` and ``stats``: the database and what it holds
(thin wrappers over :mod:`kizuna.starter` and :mod:`kizuna.overview`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna.cli import render, web
from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.overview import Overview
    from kizuna.store import Store


def register(app: typer.Typer) -> None:
    """Add the database commands to the main app."""
    app.command()(init)
    app.command("load-starter")(load_starter_cmd)
    app.command()(demo)
    app.command("stats")(stats_cmd)


def init() -> None:
    """Create the database, or migrate it to this version's schema."""
    from kizuna.starter import ensure_taxonomy

    store = state.store(create=True)
    ensure_taxonomy(store)
    render.console().print(f"[green]✓[/] database ready at {store.display_url}")


def load_starter_cmd() -> None:
    """Load the starter knowledge base (cited U.S.–Japan collaborations). Safe to re-run."""
    store = state.store(create=True)
    counts = _load_with_progress(store)
    render.console().print(
        f"[green]✓[/] loaded {counts['organizations']} organizations, "
        f"{counts['collaborations']} collaborations and {counts['technologies']} technologies "
        f"into {store.display_url}")


def _load_with_progress(store: Store) -> dict[str, int]:
    from kizuna.starter import load_starter, read_starter

    with render.progress_bar(counted=False) as progress:
        task = progress.add_task("validating the starter knowledge base…", total=2)
        kb = read_starter()
        progress.update(task, advance=1, description="writing it in one transaction…")
        counts = load_starter(store, kb)
        progress.update(task, advance=1)
    return counts


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


def stats_cmd(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table"
              ) -> None:
    """Counts of what the database holds, years covered and provenance."""
    from kizuna.store.sqlite_read import read_stats

    render.check_format(fmt, ("table", "json"))
    # A SQLite file is read with sqlite3 alone; anything else (or any trouble) opens the store.
    data = read_stats(state.settings().database_url)
    if data is None:
        from kizuna.overview import stats

        data = stats(state.store())
    if fmt == "json":
        render.write_json(data)
        return
    _print_stats(data)


def _print_stats(data: dict[str, Any]) -> None:
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
