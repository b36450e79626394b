"""Romanisation keys, so that a name written in kana, in Hepburn with or without macrons, or in
another romanisation finds the same organization: Tōkyō, Tokyo, Toukyou and トウキョウ share a key.

Kana go through the modified Hepburn table of :mod:`kizuna.text.translit`; every Latin form is
then folded by its romanisation-neutral :func:`~kizuna.text.translit.fold` (long vowels,
kunrei/Hepburn syllables, doubled letters), plus r/l and v/b, which katakana cannot tell apart.
Kanji have no reading without a dictionary: the Japanese pipeline passes Sudachi's reading in.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from kizuna.text.names import name_key
from kizuna.text.translit import fold, strip_accents, transliterate

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def romaji_key(name: str) -> str:
    """The romanisation-neutral key of a name in kana or Latin letters ('' for kanji)."""
    text = unicodedata.normalize("NFKC", name)
    if any(kind == "han" for kind, _ in transliterate(text)):
        return ""
    latin = "".join(part for _kind, part in transliterate(text))
    words = _NON_ALNUM.split(strip_accents(name_key(latin)).lower())
    joined = "".join(w for w in words if w)
    if len(joined) < 3:
        return ""
    folded = fold(joined)
    return folded.replace("l", "r").replace("v", "b")


class RomajiIndex:
    """Romanisation keys of the knowledge base's names -> organization ids."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self._ids: dict[str, set[str]] = defaultdict(set)
        for name, org_id in names:
            key = romaji_key(name)
            if key and len(key) >= 4:
                self._ids[key].add(org_id)

    def resolve(self, surface: str, reading: str | None = None) -> str | None:
        """The one organization whose name romanises like ``surface`` (or its kana
        ``reading``), if exactly one does."""
        for form in (surface, reading):
            if not form:
                continue
            key = romaji_key(form)
            ids = self._ids.get(key) if key else None
            if ids and len(ids) == 1:
                return next(iter(ids))
        return None
