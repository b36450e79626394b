"""Cable owners: split from TeleGeography's free text, normalised, resolved to the knowledge base.

The data has 405 owner strings (219 used once), no nationality and no supplier field, so owners
are kept as written next to a canonical form that merges trivial variants (spacing, legal form),
and resolved to knowledge-base organizations by exact name or alias where one matches."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from kizuna.connectivity.model import Owner
from kizuna.yamldata import load_data

__all__ = ["canonical", "owners_of", "split_owners"]

_FILE = Path(__file__).parent / "data" / "owners.yaml"


@cache
def _vocab() -> tuple[frozenset[str], frozenset[str]]:
    raw = load_data(_FILE.read_text(encoding="utf-8"))
    return frozenset(raw["rejoin_suffixes"]), frozenset(f.casefold() for f in raw["legal_forms"])


def split_owners(raw: str | None, separator: str = ",") -> list[str]:
    """Owner names in order: split on ``separator``, legal forms joined back to their owner."""
    if not raw:
        return []
    suffixes, _ = _vocab()
    out: list[str] = []
    for piece in (p.strip() for p in raw.split(separator)):
        if not piece:
            continue
        first = piece.split(" ")[0]
        if out and (piece in suffixes or (first in suffixes and piece.startswith(first + " ("))):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


def canonical(name: str) -> str:
    """One spelling per owner: spaces collapsed, a trailing legal form and comma dropped."""
    _, forms = _vocab()
    words = re.sub(r"\s+", " ", name).strip().split(" ")
    while len(words) > 1 and words[-1].rstrip(",").casefold() in forms:
        words.pop()
    return " ".join(words).rstrip(",").strip()


def owners_of(names: Iterable[str], org_ids: dict[str, str] | None = None) -> tuple[Owner, ...]:
    """Owners for one cable; ``org_ids`` maps canonical names to knowledge-base ids."""
    ids = org_ids or {}
    out = []
    seen = set()
    for name in names:
        key = canonical(name)
        if key.casefold() in seen:
            continue
        seen.add(key.casefold())
        out.append(Owner(name, key, ids.get(key)))
    return tuple(out)
