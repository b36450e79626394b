"""``kizuna extract``, ``kizuna ingest`` and ``kizuna eval``: thin wrappers over
:mod:`kizuna.ingest` (:func:`~kizuna.ingest.ingest_paths`, and :mod:`kizuna.ingest.preview` for
extraction without storing)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna.cli import render
from kizuna.cli._app import state
from kizuna.errors import E, KizunaError

if TYPE_CHECKING:
    from kizuna.evaluation import Report
    from kizuna.ingest import IngestReport
    from kizuna.store import Store


def register(app: typer.Typer) -> None:
    """Add the document commands to the main app."""
    app.command()(extract)
    app.command()(ingest)
    app.command("eval")(eval_cmd)


def extract(
    file: Annotated[Path, typer.Argument(help="A .txt, .md, .html or .pdf document.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Print what one document yields (organizations and collaborations, with quotes),
    without storing anything. JSON follows the gold annotation schema."""
    from kizuna.ingest.preview import extract_file

    render.check_format(fmt, ("table", "json"))
    doc, result = extract_file(file, _optional_store(),
                               max_bytes=state.settings().max_file_bytes)
    data = result.to_json()
    if fmt == "json":
        render.write_json(data)
        return
    con = render.console()
    con.print(f"[bold]{file}[/] · {doc.language or '?'} · {len(doc.text):,} characters"
              + (f" · {doc.title}" if doc.title else ""))
    _print_extraction(data)


def _print_extraction(data: dict[str, Any]) -> None:
    con = render.console()
    con.print(render.table(f"{len(data['organizations'])} organizations", [
        ("name", lambda r: r["name"]), ("type", lambda r: r["type"]),
        ("country", lambda r: r["country"]),
        ("also written", lambda r: ", ".join(r["aliases"][:3]))], data["organizations"]))
    con.print(render.table(f"{len(data['collaborations'])} collaborations", [
        ("mechanism", lambda r: r["mechanism"]),
        ("parties", lambda r: " · ".join(r["parties"])),
        ("date", lambda r: r["date"]), ("quote", lambda r: r["quote"])],
        data["collaborations"]))


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
    workers: Annotated[int, typer.Option("--workers", "-w",
                                         help="Local worker processes for extraction.")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a Dask distributed scheduler (tcp://host:8786).")
    ] = None,
) -> None:
    """Store documents with the organizations, collaborations and evidence they state.
    Idempotent (by content hash) and resumable: re-running skips what is stored."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise KizunaError(E.PATH_MISSING, path=missing[0])
    report = _ingest_with_progress(state.store(create=True), paths, workers, scheduler)
    collabs = sum(o.collaborations for o in report.outcomes)
    new_orgs = sum(o.new_organizations for o in report.outcomes)
    render.console().print(
        f"{report.count('stored')} stored ({collabs} collaborations, {new_orgs} new "
        f"organizations), {report.count('unchanged')} already stored, "
        f"{len(report.errors)} failed")
    if report.errors:
        raise typer.Exit(1)


def _ingest_with_progress(store: Store, paths: list[Path], workers: int,
                          scheduler: str | None) -> IngestReport:
    from kizuna.ingest import FileOutcome, collect_files, ingest_paths

    with render.progress_bar() as progress:
        task = progress.add_task("ingesting", total=len(collect_files(paths)))

        def tick(outcome: FileOutcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.name).name[:40])
            if outcome.status == "error":
                progress.console.print(f"[red]✗[/] {outcome.error}")

        return ingest_paths(store, paths, state.settings(), workers=workers,
                            scheduler=scheduler, on_file=tick)


def eval_cmd(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files.")],
    docs_dir: Annotated[Path, typer.Argument(help="Folder of the documents they annotate.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    predictions: Annotated[Path | None, typer.Option(
        "--predictions", help="Also write each document's prediction JSON here.")] = None,
) -> None:
    """Score the extractor against gold annotations (the shared scorer's method): P/R/F1
    for organizations, party pairs and strict pairs, with misses and false alarms. The
    gazetteer is the starter knowledge base, so scores do not depend on what a database
    has ingested."""
    from kizuna.ingest.preview import evaluate_extractor

    render.check_format(fmt, ("table", "json"))
    report = evaluate_extractor(gold_dir, docs_dir, max_bytes=state.settings().max_file_bytes,
                                predictions_dir=predictions)
    if fmt == "json":
        render.write_json(report.as_json())
        return
    _print_evaluation(report)


def _print_evaluation(report: Report) -> None:
    data = report.as_json()
    con = render.console()
    con.print(render.table("extraction against gold", [
        ("", lambda r: r["k"]), ("precision", lambda r: f"{r['precision']:.3f}"),
        ("recall", lambda r: f"{r['recall']:.3f}"), ("F1", lambda r: f"{r['f1']:.3f}"),
        ("tp/fp/fn", lambda r: f"{r['tp']}/{r['fp']}/{r['fn']}")],
        [{"k": k, **data[k]} for k in ("orgs", "pairs", "strict")]))
    q = data["quotes"]
    con.print(f"quotes verbatim: {q['verbatim']}/{q['total']}")
    for doc in report.documents:
        con.print(f"\n[bold]{doc.stem}[/]")
        for label, items in (("missed organizations", doc.missed_orgs),
                             ("false organizations", doc.false_orgs),
                             ("missed pairs", doc.missed_pairs),
                             ("false pairs", doc.false_pairs)):
            if items:
                shown = [" – ".join(i) if isinstance(i, tuple) else i for i in items]
                con.print(f"  {label}: " + "; ".join(shown), markup=False)


def _optional_store() -> Store | None:
    """The configured store if it is initialised (its names feed the gazetteer), else None."""
    from kizuna.store import open_store

    try:
        return open_store(state.settings().database_url)
    except KizunaError:
        return None
