"""``kizuna lists``, ``kizuna screen`` and ``kizuna assess``: thin wrappers over
:mod:`kizuna.screening` (:func:`~kizuna.screening.run.run_screen`,
:func:`~kizuna.screening.run.run_assess`). The screening package loads inside the commands, so
``kizuna --help`` does not pay for it."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state

if TYPE_CHECKING:
    from kizuna.screening.matcher import Match
    from kizuna.screening.queries import InputSummary
    from kizuna.screening.run import ScreenRun
    from kizuna.screening.screen import Query

lists_app = typer.Typer(help="Restricted-party lists: load, fetch and show them.",
                        invoke_without_command=True, no_args_is_help=False)

Fmt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")]
Threshold = Annotated[float | None, typer.Option(
    "--threshold", help="Lowest score reported, 0–1 (default: the matcher's threshold).",
    show_default=False)]


def register(app: typer.Typer) -> None:
    """Add the screening commands to the main ``kizuna`` app."""
    app.add_typer(lists_app, name="lists")
    app.command("screen")(screen_cmd)
    app.command("assess")(assess_cmd)


@lists_app.callback()
def lists_main(ctx: typer.Context,
               fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")
                              ] = "table") -> None:
    """Show the loaded lists with their counts and dates (or use a subcommand)."""
    if ctx.invoked_subcommand is None:
        render.check_format(fmt, ("table", "json"))
        from kizuna.screening.lists import loaded_lists

        rows = loaded_lists(state.store())
        if fmt == "json":
            render.write_json(rows)
            return
        render.console().print(render.table(f"{len(rows)} restricted-party lists", [
            ("list", lambda r: r["id"]), ("name", lambda r: r["name"]),
            ("version", lambda r: r["version"]), ("entities", lambda r: r["entity_count"]),
            ("names", lambda r: r["name_count"]), ("format", lambda r: r["format"]),
            ("loaded", lambda r: str(r["loaded_at"])[:19])], rows))


@lists_app.command("list")
def lists_list(fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")
                              ] = "table") -> None:
    """Show the loaded lists with their counts and dates."""
    lists_main(typer.Context(typer.main.get_command(lists_app)), fmt)


@lists_app.command("load")
def lists_load(
    paths: Annotated[list[Path], typer.Argument(help="List files (or an OFAC CSV folder).")],
    fmt: Annotated[str, typer.Option("--format", help="auto or a format name.")] = "auto",
    name: Annotated[str | None, typer.Option("--as", help="Store under this list id.")] = None,
) -> None:
    """Load list files into the database in one transaction (unchanged files change nothing)."""
    from kizuna.collector import collector_paused
    from kizuna.screening.lists import load_lists

    with collector_paused():  # see kizuna.collector
        store = state.store(create=True)
        results = load_lists(store, paths, fmt, name)
        for r in results:
            mark = "[green]✓[/]" if r["status"] == "loaded" else "[dim]=[/]"
            render.console().print(f"{mark} {r['list']}: {r['entities']} entities, "
                                   f"{r['names']} names, version {r['version'] or 'n.d.'} "
                                   f"({r['status']})")
        _keep_index(store)


@lists_app.command("remove")
def lists_remove(
    list_ids: Annotated[list[str], typer.Argument(help="Ids of loaded lists (see `kizuna "
                                                       "lists`).")],
) -> None:
    """Remove loaded lists (in one transaction; an id not loaded removes nothing)."""
    from kizuna.screening.lists import remove_lists

    store = state.store()
    remove_lists(store, list_ids)
    render.console().print(f"[green]✓[/] removed {', '.join(list_ids)}")
    _keep_index(store)


def _keep_index(store: Any) -> None:
    """Write the default matcher's index of the lists now loaded, so the next screen or brief
    loads it instead of building it (:mod:`kizuna.screening.index_cache`)."""
    from kizuna.screening.index_cache import refresh

    path = refresh(store)
    if path is not None:
        render.console().print(f"[dim]screening index: {path}[/]", soft_wrap=True)


@lists_app.command("fetch")
def lists_fetch(
    name: Annotated[str, typer.Argument(help="An official list's name (csl, …; a wrong name "
                                              "lists them all).")],
    dest: Annotated[Path, typer.Option("--dest", help="Folder for the downloaded files.")
                    ] = Path("."),
    base_url: Annotated[str | None, typer.Option("--base-url",
                                                 help="Mirror to fetch from instead.")] = None,
    load: Annotated[bool, typer.Option("--load/--no-load", help="Load after fetching.")] = True,
) -> None:
    """Download a list from its official address, then load it."""
    from kizuna.screening.fetch import fetch_list

    files = fetch_list(name, dest, base_url=base_url)
    render.console().print(f"[green]✓[/] fetched {', '.join(str(f) for f in files)}")
    if load:
        lists_load([files[0] if len(files) == 1 else files[0].parent])


def screen_cmd(
    inputs: Annotated[list[str] | None, typer.Argument(help="Names, or CSV files with a `name` "
                                                            "(and optional `country`) column.")
                      ] = None,
    list_paths: Annotated[list[Path] | None, typer.Option(
        "--list", "-l", help="Screen against this list file instead of the loaded lists.")
                          ] = None,
    kb: Annotated[bool, typer.Option("--kb", help="Screen the knowledge base's organizations.")
                  ] = False,
    fmt: Fmt = "table", threshold: Threshold = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Matches per query.")] = 5,
    hops: Annotated[int, typer.Option("--exposure", help="Also list knowledge-base "
                                      "organizations within N collaboration hops of a match.")
                    ] = 0,
    algorithm: Annotated[str | None, typer.Option(
        "--algorithm", help="kizuna-match (the latest, the default), kizuna-match/1.6, /1.5, "
                            "/1.4, /1.3, /1.2, /1.1, /1.0 or wratio-baseline.",
        show_default=False)] = None,
    show_all: Annotated[bool, typer.Option("--all", help="With --kb: every organization, "
                                           "not only those with a match.")] = False,
    lenient: Annotated[bool, typer.Option("--lenient", help="Skip malformed CSV lines with a "
                                          "warning each (counted in the summary) instead of "
                                          "refusing the file.")] = False,
) -> None:
    """Screen names against restricted-party lists (one result per name, in input order).

    CSV input is read strictly: a malformed line is an error naming it (K310), unless
    --lenient. The summary says how many rows were read and screened."""
    from kizuna.screening.run import ScreenRequest, run_screen

    render.check_format(fmt)
    request = ScreenRequest(inputs or [], list_paths or [], kb, limit=limit, hops=hops,
                            show_all=show_all, lenient=lenient,
                            **_given(threshold=threshold, algorithm=algorithm))
    from kizuna.collector import collector_paused

    with collector_paused(), _screening_progress() as progress:  # see kizuna.collector
        run = run_screen(request, state.store, progress)
    for skipped in run.given.skipped:
        _stderr().print(f"warning: {skipped.message()}", markup=False)
    _print_screening(run, fmt)


def _given(**options: Any) -> dict[str, Any]:
    """The options the user gave; the others keep the library's defaults."""
    return {k: v for k, v in options.items() if v is not None}


def _row(q: Query, m: Match | None, rank: int) -> dict[str, Any]:
    return {"query": q.query, "country": q.country, "rank": rank if m else None,
            "list": m.list if m else None, "entity_id": m.entity_id if m else None,
            "name": m.name if m else None, "matched_alias": m.matched_alias if m else None,
            "score": m.score if m else None, "algorithm": m.algorithm if m else None,
            "features": json.dumps(m.features) if m else None}


def _print_screening(run: ScreenRun, fmt: str) -> None:
    from kizuna.screening.screen import Query, reason

    results = run.results
    if fmt == "json":
        render.write_json(run.as_json())
        return
    if fmt == "csv":
        rows = [_row(q, m, rank) for q, ms in results
                for rank, m in (enumerate(ms, 1) if ms else [(0, None)])]
        render.write_csv(rows, list(_row(Query(""), None, 0)))
        _stderr().print(_summary_line(run.given, run.screened), markup=False)
        return
    con = render.console()
    rows = [{**_row(q, m, rank), "entry country": ", ".join(m.countries) if m else None,
             "reason": reason(m) if m else None}
            for q, ms in results for rank, m in (enumerate(ms, 1) if ms else [(0, None)])]
    con.print(render.table(run.headline(), [
        ("query", lambda r: r["query"]), ("score", lambda r: r["score"]),
        ("list", lambda r: r["list"]), ("listed name", lambda r: r["name"]),
        ("entry country", lambda r: r["entry country"]), ("reason", lambda r: r["reason"]),
    ], rows))
    for i, items in run.exposures.items():
        for e in items:
            con.print(f"exposure: {results[i][0].query} → {e['name']} ({e['hops']} hop"
                      f"{'s' if e['hops'] > 1 else ''}): {' — '.join(e['path'])}")
    if results and results[0][1]:
        con.print(f"[dim]algorithm {results[0][1][0].algorithm}[/]")
    con.print(_summary_line(run.given, run.screened), markup=False, highlight=False)


PROGRESS_MIN_NAMES = 500  # fewer names than this take a few seconds at most: no bar


@contextmanager
def _screening_progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on standard error for a long run (many names, standard error a
    terminal); nothing otherwise, so pipes and logs get no control characters."""
    console = _stderr()
    if not console.is_terminal:
        yield None
        return
    with render.progress_bar(console) as bar:
        now: dict[str, Any] = {"task": None, "done": 0}  # a new bar for each batch of names

        def tick(done: int, total: int) -> None:
            if total < PROGRESS_MIN_NAMES:
                return
            if now["task"] is None or done <= now["done"]:  # the knowledge base's batch began
                now["task"] = bar.add_task("screening", total=total)
            now["done"] = done
            bar.update(now["task"], completed=done)

        yield tick


def _stderr() -> Any:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _summary_line(given: InputSummary, screened: int) -> str:
    """Rows read, names screened and lines skipped: a dropped name is never silent."""
    skipped = len(given.skipped)
    parts = [f"{given.rows_read} row{'s' if given.rows_read != 1 else ''} read",
             f"{screened} screened"]
    if screened > len(given.queries):
        parts.append(f"{screened - len(given.queries)} from the knowledge base")
    if skipped:
        parts.append(f"{skipped} line{'s' if skipped != 1 else ''} skipped (--lenient): "
                     + ", ".join(f"{s.path}:{s.line}" for s in given.skipped[:10])
                     + (" …" if skipped > 10 else ""))
    return "input: " + ", ".join(parts)


def assess_cmd(
    collab_id: Annotated[str | None, typer.Argument(help="A collaboration id.")] = None,
    parties: Annotated[list[str] | None, typer.Option(
        "--parties", "-p", help="A party's name (repeat; the first is the investor).")] = None,
    countries: Annotated[list[str] | None, typer.Option(
        "--countries", "-c", help="Each party's country, in the same order (repeat).")] = None,
    technology: Annotated[list[str] | None, typer.Option("--technology", "-t",
                                                         help="Technology id (repeat).")] = None,
    mechanism: Annotated[str | None, typer.Option("--mechanism", "-m")] = None,
    amount: Annotated[float | None, typer.Option("--amount", help="Amount in USD.")] = None,
    list_paths: Annotated[list[Path] | None, typer.Option("--list", "-l")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    threshold: Threshold = None,
) -> None:
    """Risk tier, U.S. and Japanese review paths side by side, gaps and cited reasons."""
    from kizuna.screening.run import AssessRequest, run_assess

    render.check_format(fmt, ("table", "json"))
    request = AssessRequest(collab_id, parties or [], countries or [], technology or [],
                            mechanism, amount, list_paths or [], **_given(threshold=threshold))
    data = run_assess(request, state.store).as_json()
    if fmt == "json":
        render.write_json(data)
        return
    _print_assessment(data)


def _print_assessment(data: dict[str, Any]) -> None:
    from rich.table import Table

    con = render.console()
    con.print(f"[bold]Risk tier: {data['tier'].upper()}[/]  mechanism: {data['mechanism']}"
              + (f"  collaboration: {data['collaboration']}" if data["collaboration"] else ""))
    for p in data["parties"]:
        hit = p["matches"][0] if p["matches"] else None
        con.print(f"  party {p['name']} ({p['country'] or '?'}): "
                  + (f"[red]matches {hit['name']} on {hit['list']} ({hit['score']:.2f})[/]"
                     if hit else "no list match"))
    side = Table(title="Review paths", header_style="bold", show_lines=True)
    side.add_column("United States", overflow="fold")
    side.add_column("Japan", overflow="fold")
    us, jp = data["reviews"]["US"], data["reviews"]["JP"]
    for i in range(max(len(us), len(jp), 1)):
        side.add_row(*[f"{r[i]['review']}\n[dim]{r[i]['why']}[/]" if i < len(r) else "—"
                       for r in (us, jp)])
    con.print(side)
    for g in data["gaps"]:
        con.print(f"[yellow]gap ({g['dimension']}):[/] {g['gap']}")
    con.print("[bold]Reasons and citations[/]")
    for r in data["reasons"]:
        c = r["citation"]
        con.print(f"  [{r['country']}] {r['reason']}\n      {c['publisher']}, “{c['title']}”"
                  f"{' (' + str(c['date']) + ')' if c.get('date') else ''} {c['url']}")
    for note in data["notes"]:
        con.print(f"[dim]note: {note}[/]")
    sys.stdout.flush()
    con.print(f"[italic]{data['disclaimer']}[/]")
