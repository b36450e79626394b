"""``kizuna train``: fit the English mention filter and relation model on a gold corpus, write
their weights (JSON) and print the figures cross-validated by document; a thin wrapper over
:func:`kizuna.extract.train.train`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from kizuna.cli import render

if TYPE_CHECKING:
    from kizuna.extract.train import TrainRun

_DEFAULT_CORPUS = Path("tests/data/corpus/en")
_DEFAULT_SEEDS = Path("../shared")


def register(app: typer.Typer) -> None:
    """Add ``kizuna train`` to the main app."""
    app.command("train")(train_cmd)


def train_cmd(
    corpus: Annotated[Path, typer.Option(
        "--corpus", help="Corpus folder with <split>/docs and <split>/gold.")] = _DEFAULT_CORPUS,
    split: Annotated[str, typer.Option(help="Split to learn from (never a blind one).")] = "train",
    seeds: Annotated[str, typer.Option(
        help="Folder with seeds/ and gold/ to learn from too; 'none' to skip.")
    ] = str(_DEFAULT_SEEDS),
    out: Annotated[Path | None, typer.Option(
        "--out", help="Relation weights file to write (default: the one shipped in the "
        "package); the mention filter's goes beside it as NAME.mentions.json.",
        show_default=False)] = None,
    seed: Annotated[int | None, typer.Option(
        help="Random seed (default: the training module's).", show_default=False)] = None,
    folds: Annotated[int, typer.Option(
        help="Folds for the cross-validated figures (0: none).")] = 5,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    lang: Annotated[str, typer.Option(
        "--lang", help="en, or ja: the Japanese relation model (cli/train_ja.py).")] = "en",
) -> None:
    """Train the mention filter and the relation classifier (seeded, reproducible) and report
    cross-validated figures: each document is scored by models trained on the other folds."""
    if lang == "ja":
        from kizuna.cli.train_ja import train_ja

        train_ja(None if corpus == _DEFAULT_CORPUS else corpus, split, out, seed, folds, fmt)
        return
    render.check_format(fmt, ("table", "json"))
    seeds_dir = None if seeds == "none" or not (Path(seeds) / "gold").is_dir() else Path(seeds)
    run, targets = _train_with_progress(corpus, split, seeds_dir, out, seed, folds)
    _print_run(run, targets, split, folds, fmt)


def _train_with_progress(corpus: Path, split: str, seeds_dir: Path | None, out: Path | None,
                         seed: int | None, folds: int) -> tuple[TrainRun, tuple[Path, Path]]:
    """Train with a progress bar per stage and write the weights; the run and where the
    relation and mention weights went."""
    from kizuna.extract.relations.model import WEIGHTS
    from kizuna.extract.relations.training import SEED
    from kizuna.extract.train import train, write_weights
    from kizuna.ingest.knowledge import starter_knowledge

    target = out or Path(__file__).resolve().parents[1] / "extract" / "relations" / WEIGHTS
    with render.progress_bar() as bar:
        tasks: dict[str, Any] = {}

        def step(name: str, done: int, total: int) -> None:
            if name not in tasks:
                label = "reading documents" if name == "reading" else "cross-validating"
                tasks[name] = bar.add_task(label, total=total)
            bar.update(tasks[name], completed=done)

        run = train(corpus, starter_knowledge(), split=split, seeds=seeds_dir,
                    seed=SEED if seed is None else seed, folds=folds, progress=step)
    write_weights(run.model, target)
    mentions_at = mention_target(out)
    write_weights(run.mentions, mentions_at)
    return run, (target, mentions_at)


def mention_target(out: Path | None) -> Path:
    """Where the mention filter's weights go: beside ``out``, else into the package."""
    from kizuna.extract.mention_filter import WEIGHTS

    if out is None:
        return Path(__file__).resolve().parents[1] / "extract" / WEIGHTS
    return out.with_name(out.stem + ".mentions.json")


def _print_run(run: TrainRun, targets: tuple[Path, Path], split: str, folds: int, fmt: str
               ) -> None:
    """The training summary as JSON, or a line and a table of the cross-validated figures."""
    target, mentions_at = targets
    summary: dict[str, Any] = {
        "weights": str(target), "mention_weights": str(mentions_at),
        "documents": run.documents, "examples": run.examples, "positives": run.positives,
        "learned_from": run.splits, "folds": folds,
        "cross_validated": None}
    if run.cross_validated is not None:
        figures = run.cross_validated.as_json()
        summary["cross_validated"] = {k: figures[k] for k in ("orgs", "pairs", "strict")}
    if fmt == "json":
        render.write_json(summary)
        return
    typer.echo(f"{run.documents} documents ({', '.join(run.splits)}), {run.examples} candidate "
               f"pairs, {run.positives} collaborating -> {target}; mention filter "
               f"({run.mentions.trained['examples']} names) -> {mentions_at}")
    if summary["cross_validated"] is not None:
        print_cross_validated(summary["cross_validated"], split, folds)


def print_cross_validated(figures: dict[str, dict[str, float]], split: str, folds: int) -> None:
    """The cross-validated figures (orgs, pairs, strict) as a table; both languages' training."""
    rows = [{"measure": name, **values} for name, values in figures.items()]
    render.console().print(render.table(f"{split}, {folds}-fold cross-validated by document",
                 [("measure", lambda r: r["measure"]),
                  ("precision", lambda r: f"{r['precision']:.3f}"),
                  ("recall", lambda r: f"{r['recall']:.3f}"),
                  ("F1", lambda r: f"{r['f1']:.3f}")], rows))
