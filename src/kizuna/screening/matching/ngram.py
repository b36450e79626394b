"""Character n-gram blocking (kizuna-match/1.2): every listed name is indexed by the trigrams of
its folded tokens written together, so a query reaches its entry through any two edits per word,
merged or split words, dropped brackets and legal forms, and romanisation variants (the folding
maps sh/s, y/i … before the trigrams are taken). Candidates are the names with the highest
rarity-weighted cosine of shared trigrams, one NumPy ``bincount`` per query."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from kizuna.screening.matching.base import Entry
from kizuna.screening.normalize import NameForm

__all__ = ["NgramIndex", "grams"]


def grams(form: NameForm, n: int = 3) -> set[str]:
    """Trigrams of the folded tokens written together, with start and end marks; names in
    Chinese or Japanese script add their characters' bigrams through the folded pinyin."""
    text = "^" + "".join(form.tokens) + "$"
    return {text[i:i + n] for i in range(len(text) - n + 1)} if len(text) >= n else {text}


class NgramIndex:
    """Inverted index of trigrams with IDF weights and each name's vector norm."""

    norm: NDArray[np.float64]

    def __init__(self, entries: Sequence[Entry], *, max_df_share: float = 0.05) -> None:
        postings: dict[str, list[int]] = {}
        entry_grams = [grams(e.form) for e in entries]
        for i, gs in enumerate(entry_grams):
            for g in gs:
                postings.setdefault(g, []).append(i)
        self._setup({g: np.asarray(ix, dtype=np.int32) for g, ix in postings.items()},
                    len(entries), max_df_share=max_df_share)
        self.norm = np.asarray(
            [math.sqrt(sum(self.idf[g] ** 2 for g in gs)) or 1.0 for gs in entry_grams])

    @classmethod
    def from_parts(cls, postings: dict[str, NDArray[np.int32]], norm: NDArray[np.float64],
                   size: int, *, max_df_share: float = 0.05) -> NgramIndex:
        """The index from its postings (in the order the constructor made them) and each
        name's norm, as a prepared index stores them."""
        self = cls.__new__(cls)
        self._setup(postings, size, max_df_share=max_df_share)
        self.norm = norm
        return self

    def _setup(self, postings: dict[str, NDArray[np.int32]], size: int, *,
               max_df_share: float) -> None:
        n = max(1, size)
        self.size = size
        self.postings = postings
        self.idf = {g: math.log(1 + n / len(ix)) for g, ix in postings.items()}
        self.max_df = max(200, int(n * max_df_share))

    def candidates(self, form: NameForm, k: int) -> list[int]:
        """The ``k`` listed names most alike ``form`` by weighted trigram cosine."""
        qg = [g for g in grams(form) if g in self.postings]
        if not qg or not self.size:
            return []
        rare = [g for g in qg if len(self.postings[g]) <= self.max_df] or qg
        idx = np.concatenate([self.postings[g] for g in rare])
        w = np.concatenate([np.full(len(self.postings[g]), self.idf[g] ** 2) for g in rare])
        sims = np.bincount(idx, weights=w, minlength=self.size) / self.norm
        k = min(k, self.size)
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top], kind="stable")]
        return [int(i) for i in top if sims[i] > 0]
