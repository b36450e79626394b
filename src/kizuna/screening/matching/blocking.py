"""Token blocking shared by the kizuna-match versions up to 1.1: an inverted index of normalised
tokens, rarity (IDF) weights, and a deletion index (every spelling with one letter removed, the
SymSpell trick), so a query token reaches listed tokens within one edit without comparing all
pairs. Candidates are the names sharing the most rarity-weighted tokens with the query."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import NDArray
from rapidfuzz.distance import Levenshtein

from kizuna.screening.matching.base import Entry
from kizuna.screening.normalize import NameForm

__all__ = ["TokenIndex", "deletions", "top_k"]


def deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


class TokenIndex:
    """Postings, IDF and the one-deletion index over the tokens of ``entries``."""

    def __init__(self, entries: Sequence[Entry], *, max_df_share: float) -> None:
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            for tok in set(entry.form.tokens):
                postings.setdefault(tok, []).append(i)
        self._setup({t: np.asarray(ix, dtype=np.int32) for t, ix in postings.items()},
                    len(entries), max_df_share=max_df_share)

    @classmethod
    def from_postings(cls, postings: dict[str, NDArray[np.int32]], size: int, *,
                      max_df_share: float,
                      deletion_index: dict[str, list[str]] | None = None) -> TokenIndex:
        """The index of ``size`` names from its postings (in the order the constructor made
        them) and, when kept, its deletion index: what a prepared index stores (see
        :mod:`kizuna.screening.matching.prepared`)."""
        self = cls.__new__(cls)
        self._setup(postings, size, max_df_share=max_df_share, deletion_index=deletion_index)
        return self

    def _setup(self, postings: dict[str, NDArray[np.int32]], size: int, *, max_df_share: float,
               deletion_index: dict[str, list[str]] | None = None) -> None:
        n = max(1, size)
        self.size = size
        self.postings = postings
        self.idf = {t: math.log(1 + n / len(ix)) for t, ix in postings.items()}
        self.df = {t: len(ix) for t, ix in postings.items()}
        if deletion_index is None:
            deletion_index = {}
            for tok in postings:
                if len(tok) >= 4:
                    for key in deletions(tok) | {tok}:
                        deletion_index.setdefault(key, []).append(tok)
        self.deletion_index = deletion_index
        self.max_df = max(50, int(n * max_df_share))
        self.unknown_idf = math.log(1 + n)

    def one_edit_tokens(self, token: str, min_sim: float) -> dict[str, float]:
        """Listed tokens equal to ``token`` or within one deletion each way, with their
        normalised Levenshtein similarity (at least ``min_sim``)."""
        found: dict[str, float] = {}
        if token in self.postings:
            found[token] = 1.0
        if len(token) >= 4:
            for key in deletions(token) | {token}:
                for other in self.deletion_index.get(key, ()):
                    if other not in found:
                        sim = Levenshtein.normalized_similarity(token, other)
                        if sim >= min_sim:
                            found[other] = sim
        return found

    def token_weights(self, form: NameForm,
                      similar: Callable[[str], dict[str, float]]) -> NDArray[np.float32]:
        """Each listed name's accumulated rarity weight of the tokens it shares with ``form``
        (only the postings of those tokens are touched). Tokens in more than ``max_df`` names
        count only when the query has nothing rarer."""
        weights = np.zeros(self.size, dtype=np.float32)
        frequent: list[tuple[str, float]] = []
        hit = False
        for qt in set(form.tokens):
            for tok, sim in similar(qt).items():
                ix = self.postings[tok]
                if len(ix) > self.max_df:
                    frequent.append((tok, sim))
                    continue
                weights[ix] += self.idf[tok] * sim
                hit = True
        if not hit:
            for tok, sim in frequent:
                weights[self.postings[tok]] += self.idf[tok] * sim
        return weights


def top_k(weights: NDArray[np.float32], k: int) -> list[int]:
    """The ``k`` positions of largest positive weight (in argpartition order)."""
    if not len(weights):
        return []
    k = min(k, len(weights))
    top = np.argpartition(-weights, k - 1)[:k]
    return [int(i) for i in top if weights[i] > 0]
