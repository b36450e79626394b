"""``kizuna-match/1.1`` (frozen): 1.0's blocking plus partial names, abbreviations, joined or
split words, and pinyin against Chinese-script names.

- **Token alignment.** Besides equal and near spellings (one edit in five), a query word may
  abbreviate a common listed word (Intl, Corp, Mfg: same first letter, letters in order, and only
  for words used in many listed names), or equal two or three adjacent words joined.
- **Whole-name similarity** is the best of rapidfuzz ``token_sort_ratio`` on the keys and the
  plain ratio on the keys without spaces.
- **Partial names.** A query that is the distinctive core of a longer listed name scores through
  a separate path: nearly all of the query, weighted by rarity, must be found in the listed name,
  and a matched word must be rare in the lists (used in at most ``P_RARE_DF`` names).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

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
from kizuna.screening.matching.features import (
    LEGAL_WORDS,
    LONG_LEGAL,
    is_abbreviation,
    weighted_cover,
)
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import NameForm, normalize

__all__ = ["MAX_DF_SHARE", "KizunaMatcher11"]

W_SIMILARITY = 0.40
W_OVERLAP = 0.60
CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
MIN_TOKEN_SIM = 0.75
FUZZY_ONLY_PENALTY = -0.15
CANDIDATES = 12
MAX_DF_SHARE = 0.03
P_BASE = 0.50  # a partial name: the floor of its score ...
P_QUERY = 0.25  # ... plus this much for how fully the query is found ...
P_INFO = 0.25  # ... plus this much for how distinctive the matched words are
P_TOKEN_DF = 40  # a partial name needs a matched word used in at most this many listed names,
P_RARE_DF = 8  # ... its matched words together in at most this many,
P_MIN_COVER = 0.85  # ... and this share (rarity-weighted) of the query found in the listed name
ABBREV_MIN_DF = 40  # an abbreviation (Intl, Mfg, Hldgs) stands only for a common word
ABBREV_SIM = 0.9
CJK_FLAT_SIM = 0.9  # Latin query vs Chinese name: the run of pinyin letters must agree this well
LEGAL_WORD_IDF = 1.0
SIM_CACHE_SIZE = 1 << 20  # word pairs remembered (a speed-up only: results do not depend on it)


class KizunaMatcher11:
    """``kizuna-match/1.1``: partial names, abbreviations, joined words, pinyin."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.1"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        found = entries(lists)
        self._setup(lists, found, TokenIndex(found, max_df_share=MAX_DF_SHARE))

    @classmethod
    def from_index(cls, lists: Sequence[ParsedList], listed: list[Entry], index: TokenIndex,
                   norm: NDArray[np.float32] | None = None) -> KizunaMatcher11:
        """The matcher over ``lists`` from their prepared names and token index (and each
        name's norm when kept): what the constructor builds, without building it."""
        self = cls.__new__(cls)
        self._setup(lists, listed, index, norm)
        return self

    def _setup(self, lists: Sequence[ParsedList], listed: list[Entry], ix: TokenIndex,
               norm: NDArray[np.float32] | None = None) -> None:
        self.lists = lists
        self._entries = listed
        self._index = ix
        self._df = ix.df
        self._by_key: dict[str, list[int]] = {}
        for i, entry in enumerate(self._entries):
            self._by_key.setdefault(entry.form.key, []).append(i)
        self._norm = norm if norm is not None else np.asarray(
            [math.sqrt(sum(ix.idf[t] for t in set(e.form.tokens))) for e in self._entries],
            dtype=np.float32)
        common: dict[str, list[str]] = {}
        for tok, df in self._df.items():
            if df >= ABBREV_MIN_DF and len(tok) >= 4:
                common.setdefault(tok[0], []).append(tok)
        self._common = common
        self._sim_cache: dict[tuple[str, str], float] = {}

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def idf(self, token: str) -> float:
        if token in LEGAL_WORDS:
            return LEGAL_WORD_IDF
        return self._index.idf.get(token, self._index.unknown_idf)

    def _prepare(self, form: NameForm) -> NameForm:
        """Drop misspelt legal forms: a word the lists never use, one edit from a legal form."""
        kept = tuple(t for t in form.tokens if t in self._df or len(t) < 6 or not any(
            len(f) >= 6 and OSA.normalized_similarity(t, f) >= 0.8 for f in LONG_LEGAL))
        if kept == form.tokens or not kept:
            return form
        return NameForm(" ".join(kept), kept, form.cjk, form.flat)

    def _similar(self, token: str) -> dict[str, float]:
        found = self._index.one_edit_tokens(token, MIN_TOKEN_SIM)
        if 2 <= len(token) <= 5:
            for other in self._common.get(token[0], ()):
                if other not in found and is_abbreviation(token, other):
                    found[other] = ABBREV_SIM
        if not found and len(token) >= 8:  # two words written as one
            for i in range(3, len(token) - 2):
                if token[:i] in self._index.postings and token[i:] in self._index.postings:
                    found[token[:i]] = found[token[i:]] = 0.9
                    break
        return found

    def candidates(self, form: NameForm) -> list[int]:
        if not self._entries:
            return []
        weights = self._index.token_weights(form, self._similar) / self._norm
        out = top_k(weights, CANDIDATES)
        exact = [i for i in self._by_key.get(form.key, ()) if i not in out]
        return exact[:CANDIDATES] + out

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        form = self._prepare(normalize(query))
        if not form.tokens:
            return []

        def score(entry: Entry) -> tuple[float, dict[str, float]]:
            return with_context(self.name_features(form, entry.form), entry, country,
                                entity_type, CONTEXT)

        return rank(self._entries, self.candidates(form), score, threshold=threshold,
                    limit=limit, algorithm=self.algorithm)

    def score(self, query: str, listed: str) -> float:
        feats = self.name_features(self._prepare(normalize(query)), normalize(listed))
        return max(0.0, min(1.0, round(sum(feats.values()), 4)))

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)

    def _names_with_all(self, tokens: Sequence[str]) -> int:
        arrays = sorted((self._index.postings[t] for t in set(tokens)
                         if t in self._index.postings), key=len)
        if not arrays or len(arrays) < len(set(tokens)):
            return 0
        common = arrays[0]
        for arr in arrays[1:]:
            common = np.intersect1d(common, arr, assume_unique=True)
            if not len(common):
                break
        return len(common)

    def _token_sim(self, tok: str, other: str) -> float:
        if other == tok:
            return 1.0
        key = (tok, other)
        cached = self._sim_cache.get(key)
        if cached is None:
            if len(self._sim_cache) > SIM_CACHE_SIZE:
                self._sim_cache.clear()
            cached = self._sim_cache[key] = self._token_sim_uncached(tok, other)
        return cached

    def _token_sim_uncached(self, tok: str, other: str) -> float:
        # memoised by _token_sim (a pure function of the two words and the lists' counts)
        best = 0.0
        if min(len(tok), len(other)) >= 4:
            sim = OSA.normalized_similarity(tok, other)
            if sim >= MIN_TOKEN_SIM:
                best = sim
        if best < ABBREV_SIM:
            short, long = (tok, other) if len(tok) < len(other) else (other, tok)
            if self._df.get(long, 0) >= max(ABBREV_MIN_DF, 2 * self._df.get(short, 0)) \
                    and is_abbreviation(short, long):
                best = ABBREV_SIM
        return best

    def _align(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
        joined = ["".join(b[i:i + n]) for n in (2, 3) for i in range(len(b) - n + 1)]
        out = []
        for tok in a:
            best = max((self._token_sim(tok, o) for o in b), default=0.0)
            if best < 1.0 and len(tok) >= 5:
                for j in joined:
                    if j == tok or (len(tok) >= 8 and
                                    Levenshtein.normalized_similarity(tok, j) >= 0.85):
                        best = max(best, 0.95)
            if best < 0.9 and len(tok) >= 4 and any(len(o) >= len(tok) + 3 and tok in o
                                                    for o in b):
                best = 0.9
            out.append(best)
        return out

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        partial = 0.0
        q_sims: list[float] = []
        if query.key == cand.key:
            similarity = overlap = 1.0
        else:
            similarity = max(fuzz.token_sort_ratio(query.key, cand.key),
                             fuzz.ratio(query.flat, cand.flat)) / 100.0
            q_sims = self._align(query.tokens, cand.tokens)
            c_sims = self._align(cand.tokens, query.tokens)
            q_cov = weighted_cover(query.tokens, q_sims, self.idf)
            c_cov = weighted_cover(cand.tokens, c_sims, self.idf)
            if cand.cjk and not query.cjk and similarity >= CJK_FLAT_SIM:
                q_cov = c_cov = max(c_cov, similarity)
            overlap = 0.7 * min(q_cov, c_cov) + 0.3 * max(q_cov, c_cov)
            if q_cov >= P_MIN_COVER:
                partial = self._partial(cand, query.tokens, q_sims, q_cov, c_cov)
        full = W_SIMILARITY * similarity + W_OVERLAP * overlap
        if partial > full:
            features = {"partial_name": round(partial, 4)}
        else:
            features = {"name_similarity": round(W_SIMILARITY * similarity, 4),
                        "token_overlap": round(W_OVERLAP * overlap, 4)}
        if query.key != cand.key and not set(query.tokens) & set(cand.tokens) \
                and not (cand.cjk and not query.cjk and similarity >= CJK_FLAT_SIM) \
                and not (query.tokens and max(q_sims) >= 0.88):
            features["fuzzy_only"] = FUZZY_ONLY_PENALTY
        return features

    def _partial(self, cand: NameForm, q_tokens: Sequence[str], q_sims: Sequence[float],
                 q_cov: float, c_cov: float) -> float:
        matched = [self._matched_token(t, cand.tokens) for t, s in
                   zip(q_tokens, q_sims, strict=True) if s >= 0.85]
        matched = [t for t in matched if t in self._df]
        if not matched or min(self._df[t] for t in matched) > P_TOKEN_DF:
            return 0.0
        together = self._names_with_all(matched)
        if not 0 < together <= P_RARE_DF:
            return 0.0
        info = min(1.0, sum(self.idf(t) for t in set(matched)) / self._index.unknown_idf)
        return float(P_BASE + P_QUERY * q_cov + P_INFO * info * c_cov ** 0.25)

    def _matched_token(self, tok: str, cand_tokens: Sequence[str]) -> str:
        if tok in cand_tokens:
            return tok
        return max(cand_tokens, key=lambda c: self._token_sim(tok, c), default=tok)
