"""``kizuna train --lang ja``: fit the Japanese relation model on the Japanese corpus (seeded),
write its weights (JSON) and print the figures cross-validated by document; a thin wrapper over
:mod:`kizuna.extract.japanese.training` (what benchmarks/extract_ja_train.py also calls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from kizuna.cli import render
from kizuna.cli.train import print_cross_validated
from kizuna.errors import E, KizunaError

DEFAULT_CORPUS = Path("tests/data/corpus/ja")


def train_ja(corpus: Path | None, split: str, out: Path | None, seed: int | None, folds: int,
             fmt: str) -> None:
    from kizuna.extract.japanese import JapaneseExtractor
    from kizuna.extract.japanese.model import WEIGHTS_FILE
    from kizuna.extract.japanese.training import SEED, cross_validated, load, train, write
    from kizuna.ingest.knowledge import starter_knowledge

    render.check_format(fmt, ("table", "json"))
    folder = (corpus or DEFAULT_CORPUS) / split
    if "blind" in split.lower():
        raise typer.BadParameter("a blind part is scored once, by the lead; never learned from",
                                 param_hint="--split")
    if not (folder / "gold").is_dir():
        raise KizunaError(E.PATH_MISSING, path=folder / "gold")
    seed = SEED if seed is None else seed
    docs = load(folder)
    extractor = JapaneseExtractor(starter_knowledge())
    with render.console().status("training and cross-validating the Japanese model"):
        model, _cv = train(extractor, docs, label=f"ja {split} split, {len(docs)} documents",
                           seed=seed)
        report = cross_validated(extractor, docs, folds, seed) if folds > 1 else None
    target = out or Path(__file__).resolve().parents[1] / "extract" / "japanese" / WEIGHTS_FILE
    write(model, target)
    figures = report.as_json() if report is not None else None
    summary: dict[str, Any] = {
        "weights": str(target), "documents": len(docs), "threshold": model.threshold,
        "seed": seed, "folds": folds,
        "cross_validated": {k: figures[k] for k in ("orgs", "pairs", "strict")}
        if figures else None}
    if fmt == "json":
        render.write_json(summary)
        return
    typer.echo(f"{len(docs)} documents ({split}), threshold {model.threshold} -> {target}")
    if summary["cross_validated"] is not None:
        print_cross_validated(summary["cross_validated"], split, folds)
