"""Extraction without storing: what one file yields (``kizuna extract``), and the extractor scored
against gold annotations (``kizuna eval``). The same reading and extraction as an ingest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kizuna.errors import E, KizunaError
from kizuna.ingest.knowledge import extractor_for_store
from kizuna.model.dates import PartialDate
from kizuna.readers import SourceDocument, read_path

if TYPE_CHECKING:
    from kizuna.evaluation import Report
    from kizuna.extract import Extraction
    from kizuna.store import Store

__all__ = ["evaluate_extractor", "extract_file", "published_date"]


def published_date(value: str | None) -> PartialDate | None:
    """The date a document gives for itself, when it is one kizuna can read."""
    if not value:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError:
        return None


def extract_file(path: Path, store: Store | None, *, max_bytes: int
                 ) -> tuple[SourceDocument, Extraction]:
    """Read ``path`` and extract from it, resolving names against ``store``'s organizations (the
    starter knowledge base's without a store). Nothing is written."""
    doc = read_path(path, max_bytes=max_bytes)
    extraction = extractor_for_store(store).extract(doc.text, published_date(doc.published),
                                                    language=doc.language)
    return doc, extraction


def evaluate_extractor(gold_dir: Path, docs_dir: Path, *, max_bytes: int,
                       predictions_dir: Path | None = None) -> Report:
    """Score extraction on the documents of ``docs_dir`` that have a gold file in ``gold_dir``.
    The gazetteer is the starter knowledge base, so scores do not depend on what a database has
    ingested; each prediction is also written to ``predictions_dir`` when given."""
    from kizuna.evaluation import evaluate

    for folder in (gold_dir, docs_dir):
        if not folder.is_dir():
            raise KizunaError(E.PATH_MISSING, path=folder)
    extractor = extractor_for_store(None)

    def predict(path: Path) -> dict[str, Any]:
        doc = read_path(path, max_bytes=max_bytes)
        return extractor.extract(doc.text, published_date(doc.published),
                                 language=doc.language).to_json()

    report, predictions = evaluate(gold_dir, docs_dir, predict)
    if predictions_dir is not None:
        predictions_dir.mkdir(parents=True, exist_ok=True)
        for stem, prediction in predictions.items():
            (predictions_dir / f"{stem}.json").write_text(
                json.dumps(prediction, ensure_ascii=False, indent=1), encoding="utf-8")
    return report
