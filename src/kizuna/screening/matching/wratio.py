"""The plain baseline: rapidfuzz ``WRatio`` of normalised names against every listed name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz, process

from kizuna.screening.matching.base import DEFAULT_THRESHOLD, Match
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.text.names import name_key

__all__ = ["WRatioBaseline"]


class WRatioBaseline:
    """``wratio-baseline/1.0``: no blocking, no features beyond the one similarity."""

    NAME: ClassVar[str] = "wratio-baseline"
    VERSION: ClassVar[str] = "1.0"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        self.lists = lists
        self._entries: list[tuple[str, ListEntity, str, bool]] = [
            (lst.list_id, ent, name, is_main) for lst in lists
            for ent in lst.entities for name, is_main, _w in ent.names()]
        self._keys = [name_key(name) for _l, _e, name, _m in self._entries]

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    def score(self, query: str, listed: str) -> float:
        return round(fuzz.WRatio(name_key(query), name_key(listed)) / 100, 4)

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        hits = process.extract(name_key(query), self._keys, scorer=fuzz.WRatio, limit=limit,
                               score_cutoff=threshold * 100)
        out = []
        for _key, score, i in hits:
            list_id, ent, name, is_main = self._entries[i]
            out.append(Match(list_id, ent.entity_id, ent.name, None if is_main else name,
                             round(score / 100, 4), {"wratio": round(score / 100, 4)},
                             self.algorithm, ent.entity_type, tuple(ent.countries), ent.source,
                             tuple(ent.programs), ent.line))
        return out
