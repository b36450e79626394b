"""Gold-annotated corpora for training and measuring the extractor: a folder per split with
``docs/NAME.txt`` and ``gold/NAME.json`` (the gold schema of ``../shared/gold/README.md``), and
``manifest*.tsv`` files giving each document's genre.

A path with "blind" in it is refused unless the caller says it is the one scoring: the blind
part is scored once, by the lead, before any fix."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kizuna.errors import E, KizunaError


@dataclass
class Document:
    stem: str
    split: str
    genre: str
    text: str
    gold: dict[str, Any]
    path: Path


def is_blind(path: Path) -> bool:
    return "blind" in str(path).lower()


def refuse_blind(path: Path, allowed: bool = False) -> None:
    if is_blind(path) and not allowed:
        raise KizunaError(E.CORPUS_BLIND, path=path)


def genres(corpus: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for manifest in sorted(corpus.glob("manifest*.tsv")):
        with manifest.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                out[Path(row["file"]).stem] = row["genre"]
    return out


def load_split(corpus: Path, split: str, *, blind_once: bool = False) -> list[Document]:
    refuse_blind(corpus / split, blind_once)
    return load_folder(corpus / split / "gold", corpus / split / "docs", split, genres(corpus))


def load_folder(gold_dir: Path, docs_dir: Path, split: str,
                genre_of: dict[str, str] | None = None) -> list[Document]:
    """Every gold file with its document; a missing folder, document or unreadable gold file is
    a coded error naming the file."""
    for folder in (gold_dir, docs_dir):
        if not folder.is_dir():
            raise KizunaError(E.CORPUS_UNREADABLE, path=folder, problem="no such folder")
    out = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        doc_path = docs_dir / f"{gold_path.stem}.txt"
        if not doc_path.is_file():
            raise KizunaError(E.CORPUS_UNREADABLE, path=gold_path,
                              problem=f"its document {doc_path.name} is missing")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            text = doc_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise KizunaError(E.CORPUS_UNREADABLE, path=gold_path, problem=str(exc)) from exc
        if not isinstance(gold, dict) or not {"organizations", "collaborations"} <= set(gold):
            raise KizunaError(E.CORPUS_UNREADABLE, path=gold_path,
                              problem="not a gold file (organizations, collaborations)")
        out.append(Document(gold_path.stem, split, (genre_of or {}).get(gold_path.stem, split),
                            text, gold, doc_path))
    if not out:
        raise KizunaError(E.CORPUS_UNREADABLE, path=gold_dir, problem="no gold *.json files")
    return out
