"""Batched candidate generation (kizuna-match/1.4): the trigram and token blocking of 1.2 as
sparse matrices, so the candidates of many queries come from one sparse product and one
``argpartition`` per chunk of queries instead of a Python loop over postings per query.

- :class:`TrigramMatrix`: the trigram weights of 1.2 (:mod:`.ngram`) as a listed-names ×
  trigrams matrix scaled by each name's norm; the query side keeps only its rare trigrams
  (all of them when it has none), weighted by IDF², as 1.2 does.
- :class:`TokenMatrix`: 1.1's token blocking (:mod:`.blocking`): each query word reaches the
  listed words equal to it, within one edit, an abbreviation or two words run together
  (``similar``, memoised per word for the batch), weighted by rarity; frequent words count only
  when the query has nothing rarer.

Both return, per query, the ``k`` best listed names in a deterministic order (best first, ties
by position), the same whether a query is screened alone or among thousands."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from kizuna.screening.matching.blocking import TokenIndex
from kizuna.screening.matching.ngram import NgramIndex, grams
from kizuna.screening.normalize import NameForm

__all__ = ["TokenMatrix", "TrigramMatrix", "top_rows"]

CHUNK = 512  # queries per sparse product: bounds the product's memory


def top_rows(scores: sp.csr_matrix, k: int) -> list[list[int]]:
    """Per row, the columns of the ``k`` largest positive scores, best first. A row's order
    depends on that row alone (its scores sorted by column first, stable sorts after), so a
    query gets the same candidates in any batch. Only each row's stored scores are touched
    (a few thousand, not every listed name)."""
    out = []
    indptr, indices, data = scores.indptr, scores.indices, scores.data
    for r in range(scores.shape[0]):
        lo, hi = indptr[r], indptr[r + 1]
        cols, vals = indices[lo:hi], data[lo:hi]
        order = np.argsort(cols, kind="stable")  # whatever order the product stored them in
        cols, vals = cols[order], vals[order]
        if len(vals) > k:
            keep = np.sort(np.argpartition(-vals, k - 1)[:k])
            cols, vals = cols[keep], vals[keep]
        best = np.argsort(-vals, kind="stable")
        out.append([int(c) for c, v in zip(cols[best], vals[best], strict=True) if v > 0])
    return out


class TrigramMatrix:
    """1.2's trigram cosine as a sparse product."""

    def __init__(self, index: NgramIndex) -> None:
        self.index = index
        self.vocab = {g: j for j, g in enumerate(index.postings)}
        rows = np.concatenate([ix for ix in index.postings.values()]) if self.vocab \
            else np.zeros(0, dtype=np.int32)
        cols = np.concatenate([np.full(len(ix), j, dtype=np.int32)
                               for j, ix in enumerate(index.postings.values())]) \
            if self.vocab else np.zeros(0, dtype=np.int32)
        vals = 1.0 / index.norm[rows] if len(rows) else np.zeros(0)
        # trigrams × names, each name's column divided by its norm
        self.matrix = sp.csr_matrix((vals, (cols, rows)), shape=(len(self.vocab), index.size))
        self.weight = np.asarray([index.idf[g] ** 2 for g in index.postings])
        self.df = np.asarray([len(ix) for ix in index.postings.values()])

    @classmethod
    def from_parts(cls, index: NgramIndex, vocab: Sequence[str], matrix: sp.csr_matrix,
                   weight: NDArray[np.float64]) -> TrigramMatrix:
        """The matrix as the constructor made it (its vocabulary in order, its CSR arrays
        and trigram weights), over ``index`` (which only gives ``max_df`` then): what a
        prepared index stores (see :mod:`kizuna.screening.matching.prepared`)."""
        self = cls.__new__(cls)
        self.index = index
        self.vocab = {g: j for j, g in enumerate(vocab)}
        self.matrix = matrix
        self.weight = weight
        self.df = np.diff(matrix.indptr).astype(np.int64)
        return self

    def query_matrix(self, forms: Sequence[NameForm]) -> sp.csr_matrix:
        indptr, cols = [0], []
        for form in forms:
            qg = sorted(self.vocab[g] for g in grams(form) if g in self.vocab)
            rare = [j for j in qg if self.df[j] <= self.index.max_df] or qg
            cols += rare
            indptr.append(len(cols))
        ix = np.asarray(cols, dtype=np.int32)
        return sp.csr_matrix((self.weight[ix], ix, np.asarray(indptr)),
                             shape=(len(forms), len(self.vocab)))

    def candidates(self, forms: Sequence[NameForm], k: int) -> list[list[int]]:
        out: list[list[int]] = []
        for start in range(0, len(forms), CHUNK):
            chunk = forms[start:start + CHUNK]
            out += top_rows(self.query_matrix(chunk) @ self.matrix, k)
        return out


Similar = Callable[[str], dict[str, float]]


class TokenMatrix:
    """1.1's token blocking as a sparse product."""

    def __init__(self, index: TokenIndex, norm: NDArray[np.float32]) -> None:
        self.index = index
        self.vocab = {t: j for j, t in enumerate(index.postings)}
        ix = list(index.postings.values())
        rows = np.concatenate(ix) if ix else np.zeros(0, dtype=np.int32)
        cols = np.concatenate([np.full(len(p), j, dtype=np.int32) for j, p in enumerate(ix)]) \
            if ix else np.zeros(0, dtype=np.int32)
        safe = np.where(norm > 0, norm, 1.0).astype(np.float64)
        self.matrix = sp.csr_matrix((1.0 / safe[rows], (cols, rows)),
                                    shape=(len(self.vocab), index.size))

    def query_matrix(self, forms: Sequence[NameForm], similar: Similar) -> sp.csr_matrix:
        memo: dict[str, dict[str, float]] = {}
        indptr, cols, vals = [0], [], []
        for form in forms:
            row: dict[int, float] = {}
            frequent: dict[int, float] = {}
            for qt in sorted(set(form.tokens)):
                found = memo.get(qt)
                if found is None:
                    found = memo[qt] = similar(qt)
                for tok, sim in found.items():
                    j = self.vocab[tok]
                    target = frequent if len(self.index.postings[tok]) > self.index.max_df \
                        else row
                    target[j] = target.get(j, 0.0) + self.index.idf[tok] * sim
            for j, v in sorted((row or frequent).items()):
                cols.append(j)
                vals.append(v)
            indptr.append(len(cols))
        return sp.csr_matrix((np.asarray(vals), np.asarray(cols, dtype=np.int32),
                              np.asarray(indptr)), shape=(len(forms), len(self.vocab)))

    def candidates(self, forms: Sequence[NameForm], similar: Similar,
                   k: int) -> list[list[int]]:
        out: list[list[int]] = []
        for start in range(0, len(forms), CHUNK):
            chunk = forms[start:start + CHUNK]
            out += top_rows(self.query_matrix(chunk, similar) @ self.matrix, k)
        return out
