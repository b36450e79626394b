"""Readers for the published formats of restricted-party lists, chosen by name or detected.

Each reader validates as it goes and raises ``K102`` naming the file and the line or record that
failed, before anything is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from kizuna.errors import E, KizunaError
from kizuna.screening.loaders import csl, dpl, ftm, nsfreg, ofac, xyna
from kizuna.screening.loaders.base import read_bytes
from kizuna.screening.model import ParsedList

__all__ = ["FORMATS", "detect_format", "read_list"]


def _one(fn: Callable[[Path], ParsedList]) -> Callable[[Path], list[ParsedList]]:
    return lambda path: [fn(path)]


#: Format name → reader. Every reader returns one or more lists.
FORMATS: dict[str, Callable[[Path], list[ParsedList]]] = {
    "csl-csv": _one(csl.read_csv),
    "csl-json": _one(csl.read_json),
    "ofac-csv": _one(ofac.read_legacy_csv),
    "ofac-xml": _one(ofac.read_xml),
    "dpl-txt": _one(dpl.read),
    "nsfreg-json": _one(nsfreg.read),
    "xyna-json": xyna.read,
    "ftm-jsonl": _one(ftm.read),
}


def detect_format(path: Path) -> str:
    """The format of a list file, from its name and first bytes."""
    if path.is_dir():
        if (path / "sdn.csv").exists():
            return "ofac-csv"
        raise KizunaError(E.LIST_FORMAT_UNKNOWN, path=str(path), choices=", ".join(FORMATS))
    head = read_bytes(path)[:65536].decode("utf-8-sig", errors="replace")
    first = head.lstrip().splitlines()[0] if head.strip() else ""
    name = path.name.lower()
    if head.lstrip().startswith("<"):
        return "ofac-xml"
    if name.endswith((".ftm.json", ".jsonl", ".ndjson")) or (
            first.startswith("{") and '"schema"' in first and first.rstrip().endswith("}")):
        return "ftm-jsonl"
    if first.startswith(("{", "[")):
        return _json_format(path, head)
    if first.startswith(('"Name"\t', "Name\t")):
        return "dpl-txt"
    fields = [f.strip().strip('"') for f in first.split(",")]
    if "source" in fields and "name" in fields:
        return "csl-csv"
    if fields and fields[0].isdigit() and (name == "sdn.csv" or len(fields) >= 12):
        return "ofac-csv"
    raise KizunaError(E.LIST_FORMAT_UNKNOWN, path=str(path), choices=", ".join(FORMATS))


def _json_format(path: Path, head: str) -> str:
    if '"list_id"' in head and '"entities"' in head:
        return "nsfreg-json"
    if '"entity_name"' in head:
        return "xyna-json"
    if '"results"' in head or ('"source"' in head and '"name"' in head):
        return "csl-json"
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        data = None
    if nsfreg.looks_like(data):
        return "nsfreg-json"
    if xyna.looks_like(data):
        return "xyna-json"
    raise KizunaError(E.LIST_FORMAT_UNKNOWN, path=str(path), choices=", ".join(FORMATS))


def read_list(path: Path | str, fmt: str = "auto") -> list[ParsedList]:
    """Read one list file (or an OFAC CSV folder) into one or more lists."""
    path = Path(path)
    if not path.exists():
        raise KizunaError(E.LIST_UNREADABLE, path=str(path), reason="no such file")
    if fmt == "auto":
        fmt = detect_format(path)
    if fmt not in FORMATS:
        raise KizunaError(E.BAD_FORMAT, value=fmt, choices=", ".join(["auto", *FORMATS]))
    return FORMATS[fmt](path)
