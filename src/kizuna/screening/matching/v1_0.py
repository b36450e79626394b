"""``kizuna-match/1.0`` (frozen): token blocking, rapidfuzz scoring and explained features.

Scoring: 0.40 × ``token_sort_ratio`` of the normalised keys + 0.60 × rarity-weighted token
overlap in both directions, a penalty when no word is shared (only near spellings), then the
context features (country, entity type, alias)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz

from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    ContextWeights,
    Entry,
    Match,
    entries,
    rank,
    with_context,
)
from kizuna.screening.matching.blocking import TokenIndex, top_k
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.features import coverage
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import NameForm, normalize

__all__ = ["KizunaMatcher10"]

W_SIMILARITY = 0.40
W_OVERLAP = 0.60
CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
MIN_TOKEN_SIM = 0.75
FUZZY_ONLY_PENALTY = -0.15
CANDIDATES = 12
MAX_DF_SHARE = 0.03


class KizunaMatcher10:
    """``kizuna-match/1.0``: token blocking, rapidfuzz scoring and explained features."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.0"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        self.lists = lists
        self._entries = entries(lists)
        self._index = TokenIndex(self._entries, max_df_share=MAX_DF_SHARE)

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def idf(self, token: str) -> float:
        return self._index.idf.get(token, self._index.unknown_idf)

    def _similar(self, token: str) -> dict[str, float]:
        return self._index.one_edit_tokens(token, MIN_TOKEN_SIM)

    def candidates(self, form: NameForm) -> list[int]:
        """Indices of the listed names worth scoring for ``form`` (never all of them)."""
        return top_k(self._index.token_weights(form, self._similar), CANDIDATES)

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        if query.key == cand.key:
            similarity = overlap = 1.0
        else:
            similarity = fuzz.token_sort_ratio(query.key, cand.key) / 100.0
            q_cov = coverage(query.tokens, cand.tokens, self.idf, MIN_TOKEN_SIM)
            c_cov = coverage(cand.tokens, query.tokens, self.idf, MIN_TOKEN_SIM)
            overlap = 0.7 * min(q_cov, c_cov) + 0.3 * max(q_cov, c_cov)
        features = {"name_similarity": round(W_SIMILARITY * similarity, 4),
                    "token_overlap": round(W_OVERLAP * overlap, 4)}
        if query.key != cand.key and not set(query.tokens) & set(cand.tokens):
            features["fuzzy_only"] = FUZZY_ONLY_PENALTY
        return features

    def score(self, query: str, listed: str) -> float:
        return max(0.0, min(1.0, round(sum(
            self.name_features(normalize(query), normalize(listed)).values()), 4)))

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        form = normalize(query)
        if not form.tokens:
            return []

        def score(entry: Entry) -> tuple[float, dict[str, float]]:
            return with_context(self.name_features(form, entry.form), entry, country,
                                entity_type, CONTEXT)

        return rank(self._entries, self.candidates(form), score, threshold=threshold,
                    limit=limit, algorithm=self.algorithm)
