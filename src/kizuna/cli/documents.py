"""``kizuna extract``, ``kizuna ingest`` and ``kizuna eval``: thin wrappers over
:mod:`kizuna.extract`, :mod:`kizuna.ingest` and :mod:`kizuna.evaluation`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kizuna.cli import render
from kizuna.cli._app import state
from kizuna.errors import E, KizunaError


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        file: Annotated[Path, typer.Argument(help="A .txt, .md, .html or .pdf document.")],
        fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    ) -> None:
        """Print what one document yields (organizations and collaborations, with quotes),
        without storing anything. JSON follows the gold annotation schema."""
        from kizuna.ingest.knowledge import extractor_for_store
        from kizuna.model.dates import PartialDate
        from kizuna.readers import read_path

        render.check_format(fmt, ("table", "json"))
        settings = state.settings()
        doc = read_path(file, max_bytes=settings.max_file_bytes)
        store = _optional_store()
        published = _date(doc.published)
        result = extractor_for_store(store).extract(doc.text, published, language=doc.language)
        data = result.to_json()
        if fmt == "json":
            render.write_json(data)
            return
        con = render.console()
        con.print(f"[bold]{file}[/] · {doc.language or '?'} · {len(doc.text):,} characters"
                  + (f" · {doc.title}" if doc.title else ""))
        con.print(render.table(f"{len(data['organizations'])} organizations", [
            ("name", lambda r: r["name"]), ("type", lambda r: r["type"]),
            ("country", lambda r: r["country"]),
            ("also written", lambda r: ", ".join(r["aliases"][:3]))], data["organizations"]))
        con.print(render.table(f"{len(data['collaborations'])} collaborations", [
            ("mechanism", lambda r: r["mechanism"]),
            ("parties", lambda r: " · ".join(r["parties"])),
            ("date", lambda r: r["date"]), ("quote", lambda r: r["quote"])],
            data["collaborations"]))
        del PartialDate

    @app.command()
    def ingest(
        paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")],
        workers: Annotated[int, typer.Option("--workers", "-w",
                                             help="Local worker processes for extraction.")
                           ] = 1,
        scheduler: Annotated[str | None, typer.Option(
            "--scheduler", help="Address of a Dask distributed scheduler (tcp://host:8786).")
        ] = None,
    ) -> None:
        """Store documents with the organizations, collaborations and evidence they state.
        Idempotent (by content hash) and resumable: re-running skips what is stored."""
        from kizuna.ingest import FileOutcome, collect_files, ingest_paths

        missing = [p for p in paths if not p.exists()]
        if missing:
            raise KizunaError(E.PATH_MISSING, path=missing[0])
        store = state.store(create=True)
        total = len(collect_files(paths))
        con = render.console()
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=con, transient=True) as progress:
            task = progress.add_task("ingesting", total=total)

            def tick(outcome: FileOutcome) -> None:
                progress.update(task, advance=1, description=Path(outcome.name).name[:40])
                if outcome.status == "error":
                    progress.console.print(f"[red]✗[/] {outcome.error}")

            report = ingest_paths(store, paths, state.settings(), workers=workers,
                                  scheduler=scheduler, on_file=tick)
        stored, unchanged, errors = (report.count("stored"), report.count("unchanged"),
                                     len(report.errors))
        collabs = sum(o.collaborations for o in report.outcomes)
        new_orgs = sum(o.new_organizations for o in report.outcomes)
        con.print(f"{stored} stored ({collabs} collaborations, {new_orgs} new organizations), "
                  f"{unchanged} already stored, {errors} failed")
        if errors:
            raise typer.Exit(1)

    @app.command("eval")
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
        from kizuna.evaluation import evaluate
        from kizuna.ingest.knowledge import extractor_for_store
        from kizuna.readers import read_path

        render.check_format(fmt, ("table", "json"))
        for folder in (gold_dir, docs_dir):
            if not folder.is_dir():
                raise KizunaError(E.PATH_MISSING, path=folder)
        extractor = extractor_for_store(None)
        settings = state.settings()

        def predict(path: Path) -> dict[str, Any]:
            doc = read_path(path, max_bytes=settings.max_file_bytes)
            return extractor.extract(doc.text, _date(doc.published),
                                     language=doc.language).to_json()

        report, preds = evaluate(gold_dir, docs_dir, predict)
        if predictions is not None:
            predictions.mkdir(parents=True, exist_ok=True)
            for stem, pred in preds.items():
                (predictions / f"{stem}.json").write_text(
                    json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
        data = report.as_json()
        if fmt == "json":
            render.write_json(data)
            return
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


def _optional_store() -> Any:
    """The configured store if it is initialised (its names feed the gazetteer), else None."""
    from kizuna.store import open_store

    try:
        return open_store(state.settings().database_url)
    except KizunaError:
        return None


def _date(value: str | None) -> Any:
    from kizuna.model.dates import PartialDate

    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None

