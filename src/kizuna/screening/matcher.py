"""Name matching against restricted-party lists: blocking, scoring and explanations.

Algorithms are registered by name and version (:data:`ALGORITHMS`); every :class:`Match` records
the one that produced it. ``kizuna-match`` is the latest version (1.1, :class:`KizunaMatcher`);
``kizuna-match/1.0`` (:class:`KizunaMatcher10`) stays available. Both work in two steps:

1. **Blocking.** Each normalised token of every listed name goes into an inverted index, and into
   a deletion index (every spelling with one letter removed, the SymSpell trick), so a query token
   reaches listed tokens within one edit without comparing all pairs. Candidates are the names
   sharing the most rarity-weighted tokens with the query (a NumPy accumulation per query).
2. **Scoring.** For the few best candidates: a rapidfuzz similarity of the normalised names, a
   token overlap weighted by rarity (IDF) in both directions, then adjustments for country
   agreement or conflict, entity type, and whether the name matched is the main name, an alias or
   a weak alias. The score is the sum of these contributions, clipped to [0, 1], and each
   contribution is reported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from kizuna.names import name_key
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import LEGAL_FORMS, LEGAL_PHRASES, NameForm, normalize
from kizuna.screening.translit import fold

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "DEFAULT_THRESHOLD",
    "KizunaMatcher",
    "KizunaMatcher10",
    "Match",
    "Matcher",
    "WRatioBaseline",
    "build_matcher",
]

DEFAULT_THRESHOLD = 0.80


@dataclass(frozen=True)
class Match:
    """One listed party matching a query, with the score explained feature by feature."""

    list: str
    entity_id: str
    name: str
    matched_alias: str | None  # the alias that matched; None when the main name did
    score: float
    features: dict[str, float]
    algorithm: str
    entity_type: str = "unknown"
    countries: tuple[str, ...] = ()
    source: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"list": self.list, "entity_id": self.entity_id, "name": self.name,
                "matched_alias": self.matched_alias, "score": self.score,
                "features": self.features, "algorithm": self.algorithm,
                "entity_type": self.entity_type, "countries": list(self.countries),
                "source": self.source}


class Matcher(Protocol):
    name: str
    version: str

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]: ...


@dataclass
class _Entry:
    list_id: str
    entity: ListEntity
    name: str
    is_main: bool
    weak: bool
    form: NameForm


def _entries(lists: Iterable[ParsedList]) -> list[_Entry]:
    out = []
    for lst in lists:
        for ent in lst.entities:
            for name, is_main, weak in ent.names():
                form = normalize(name)
                if form.tokens:
                    out.append(_Entry(lst.list_id, ent, name, is_main, weak, form))
    return out


def _deletions(token: str) -> set[str]:
    return {token[:i] + token[i + 1:] for i in range(len(token))}


# Weights of the score (sum of contributions, clipped to [0, 1]); tuned on the labelled set of
# benchmarks/screening_eval.py.
W_SIMILARITY = 0.40
W_OVERLAP = 0.60
COUNTRY_AGREE = 0.03
COUNTRY_CONFLICT = -0.12
TYPE_CONFLICT = -0.15
ALIAS_PENALTY = -0.01
WEAK_ALIAS_PENALTY = -0.12
MIN_TOKEN_SIM = 0.75
FUZZY_ONLY_PENALTY = -0.15
CANDIDATES = 12
MAX_DF_SHARE = 0.03


def _with_context(features: dict[str, float], entry: _Entry, country: str | None,
                  entity_type: str | None) -> tuple[float, dict[str, float]]:
    """Add the features every version shares (country agreement, entity type, alias or main
    name) to the name features, and the score they sum to, clipped to [0, 1]."""
    countries = entry.entity.countries
    if country and countries and country not in ("INT",):
        features["country"] = COUNTRY_AGREE if country in countries else COUNTRY_CONFLICT
    etype = entry.entity.entity_type
    if entity_type and etype != "unknown" and entity_type != etype:
        features["entity_type"] = TYPE_CONFLICT
    if entry.weak:
        features["alias"] = WEAK_ALIAS_PENALTY
    elif not entry.is_main:
        features["alias"] = ALIAS_PENALTY
    total = max(0.0, min(1.0, sum(features.values())))
    return round(total, 4), features


@dataclass
class KizunaMatcher10:
    """``kizuna-match/1.0``: token blocking, rapidfuzz scoring and explained features."""

    lists: Sequence[ParsedList]
    name: str = "kizuna-match"
    version: str = "1.0"
    _entries: list[_Entry] = field(init=False, repr=False)
    _postings: dict[str, NDArray[np.int32]] = field(init=False, repr=False)
    _idf: dict[str, float] = field(init=False, repr=False)
    _deletion_index: dict[str, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._entries = _entries(self.lists)
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(self._entries):
            for tok in set(entry.form.tokens):
                postings.setdefault(tok, []).append(i)
        n = max(1, len(self._entries))
        self._postings = {t: np.asarray(ix, dtype=np.int32) for t, ix in postings.items()}
        self._idf = {t: math.log(1 + n / len(ix)) for t, ix in postings.items()}
        deletion_index: dict[str, list[str]] = {}
        for tok in postings:
            if len(tok) >= 4:
                for key in _deletions(tok) | {tok}:
                    deletion_index.setdefault(key, []).append(tok)
        self._deletion_index = deletion_index
        self._max_df = max(50, int(n * MAX_DF_SHARE))
        self._unknown_idf = math.log(1 + n)

    @property
    def algorithm(self) -> str:
        return f"{self.name}/{self.version}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._unknown_idf)

    # -- blocking --------------------------------------------------------------------------

    def _similar_tokens(self, token: str) -> dict[str, float]:
        found: dict[str, float] = {}
        if token in self._postings:
            found[token] = 1.0
        if len(token) >= 4:
            for key in _deletions(token) | {token}:
                for other in self._deletion_index.get(key, ()):
                    if other not in found:
                        sim = Levenshtein.normalized_similarity(token, other)
                        if sim >= MIN_TOKEN_SIM:
                            found[other] = sim
        return found

    def _token_weights(self, form: NameForm) -> Any:
        """Each listed name's accumulated rarity weight of the tokens it shares with ``form``
        (blocking: only the postings of those tokens are touched)."""
        weights = np.zeros(len(self._entries), dtype=np.float32)
        frequent: list[tuple[str, float]] = []
        hit = False
        for qt in set(form.tokens):
            for tok, sim in self._similar_tokens(qt).items():
                ix = self._postings[tok]
                if len(ix) > self._max_df:
                    frequent.append((tok, sim))
                    continue
                weights[ix] += self._idf[tok] * sim
                hit = True
        if not hit:  # only common words: fall back to them, still bounded by the top-k below
            for tok, sim in frequent:
                weights[self._postings[tok]] += self._idf[tok] * sim
        return weights

    def candidates(self, form: NameForm) -> list[int]:
        """Indices of the listed names worth scoring for ``form`` (never all of them)."""
        if not self._entries:
            return []
        weights = self._token_weights(form)
        k = min(CANDIDATES, len(weights))
        top = np.argpartition(-weights, k - 1)[:k]
        return [int(i) for i in top if weights[i] > 0]

    # -- scoring ---------------------------------------------------------------------------

    def _coverage(self, a: Sequence[str], b: Sequence[str]) -> float:
        total = matched = 0.0
        for tok in a:
            w = self.idf(tok)
            total += w
            best = 0.0
            for other in b:
                if other == tok:
                    best = 1.0
                    break
                if min(len(tok), len(other)) >= 4:
                    sim = Levenshtein.normalized_similarity(tok, other)
                    if sim >= MIN_TOKEN_SIM and sim > best:
                        best = sim
            matched += w * best
        return matched / total if total else 0.0

    def score(self, query: NameForm, entry: _Entry, *, country: str | None,
              entity_type: str | None) -> tuple[float, dict[str, float]]:
        cand = entry.form
        if query.key == cand.key:
            similarity = overlap = 1.0
        else:
            similarity = fuzz.token_sort_ratio(query.key, cand.key) / 100.0
            q_cov = self._coverage(query.tokens, cand.tokens)
            c_cov = self._coverage(cand.tokens, query.tokens)
            overlap = 0.7 * min(q_cov, c_cov) + 0.3 * max(q_cov, c_cov)
        features = {"name_similarity": round(W_SIMILARITY * similarity, 4),
                    "token_overlap": round(W_OVERLAP * overlap, 4)}
        if query.key != cand.key and not set(query.tokens) & set(cand.tokens):
            # No word in common, only near spellings (Intel / Intekh): too weak on its own.
            features["fuzzy_only"] = FUZZY_ONLY_PENALTY
        return _with_context(features, entry, country, entity_type)

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        return self._match_form(normalize(query), country=country, entity_type=entity_type,
                                threshold=threshold, limit=limit)

    def _match_form(self, form: NameForm, *, country: str | None, entity_type: str | None,
                    threshold: float, limit: int) -> list[Match]:
        if not form.tokens:
            return []
        best: dict[tuple[str, str], tuple[float, dict[str, float], _Entry]] = {}
        for i in self.candidates(form):
            entry = self._entries[i]
            total, features = self.score(form, entry, country=country, entity_type=entity_type)
            if total < threshold:
                continue
            key = (entry.list_id, entry.entity.entity_id)
            if key not in best or total > best[key][0]:
                best[key] = (total, features, entry)
        ranked = sorted(best.values(), key=lambda t: (-t[0], t[2].list_id, t[2].entity.entity_id))
        return [_to_match(total, features, entry, self.algorithm)
                for total, features, entry in ranked[:limit]]


def _to_match(total: float, features: dict[str, float], entry: _Entry, algorithm: str) -> Match:
    ent = entry.entity
    return Match(entry.list_id, ent.entity_id, ent.name, None if entry.is_main else entry.name,
                 total, features, algorithm, ent.entity_type, tuple(ent.countries), ent.source)


@dataclass
class WRatioBaseline:
    """The plain baseline: rapidfuzz ``WRatio`` of normalised names against every listed name."""

    lists: Sequence[ParsedList]
    name: str = "wratio-baseline"
    version: str = "1.0"
    _entries: list[tuple[str, ListEntity, str, bool]] = field(init=False, repr=False)
    _keys: list[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._entries = [(lst.list_id, ent, name, is_main) for lst in self.lists
                         for ent in lst.entities for name, is_main, _w in ent.names()]
        self._keys = [name_key(name) for _l, _e, name, _m in self._entries]

    @property
    def algorithm(self) -> str:
        return f"{self.name}/{self.version}"

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        hits = process.extract(name_key(query), self._keys, scorer=fuzz.WRatio, limit=limit,
                               score_cutoff=threshold * 100)
        out = []
        for _key, score, i in hits:
            list_id, ent, name, is_main = self._entries[i]
            out.append(Match(list_id, ent.entity_id, ent.name, None if is_main else name,
                             round(score / 100, 4), {"wratio": round(score / 100, 4)},
                             self.algorithm, ent.entity_type, tuple(ent.countries), ent.source))
        return out


# -- kizuna-match/1.1 ---------------------------------------------------------------------------

#: Weights of 1.1, tuned on the tuning half of benchmarks/screening_eval.py.
P_BASE = 0.50  # a partial name: the floor of its score ...
P_QUERY = 0.25  # ... plus this much for how fully the query is found ...
P_INFO = 0.25  # ... plus this much for how distinctive the matched words are
P_TOKEN_DF = 40  # a partial name needs a matched word used in at most this many listed names,
P_RARE_DF = 8  # ... its matched words together in at most this many,
P_MIN_COVER = 0.85  # ... and this share (rarity-weighted) of the query found in the listed name
ABBREV_MIN_DF = 40  # an abbreviation (Intl, Mfg, Hldgs) stands only for a common word
ABBREV_SIM = 0.9
CJK_FLAT_SIM = 0.9  # Latin query vs Chinese name: the run of pinyin letters must agree this well


_LONG_LEGAL = sorted({fold(f) for f in LEGAL_FORMS if len(f) >= 6})
_LEGAL_WORDS = frozenset(fold(w) for p in LEGAL_PHRASES for w in p.split() if len(w) >= 4) - {
    fold(w) for w in ("general", "trading", "private", "public", "federal")}
LEGAL_WORD_IDF = 1.0


def _is_abbreviation(short: str, long: str) -> bool:
    """``short`` abbreviates ``long``: same first letter, its letters in order (Intl,
    International; Mfg, Manufacturing; Hldgs, Holdings)."""
    if not (2 <= len(short) <= 5 and len(long) >= len(short) + 2 and short[0] == long[0]):
        return False
    pos = 1
    for ch in short[1:]:
        pos = long.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


@dataclass
class KizunaMatcher(KizunaMatcher10):
    """``kizuna-match/1.1``, the default: 1.0 plus partial names, abbreviations, joined or split
    words, and pinyin against Chinese-script names.

    - **Token alignment.** Besides equal and near spellings (one edit in five), a query word may
      abbreviate a common listed word (Intl, Corp, Mfg: same first letter, letters in order, and
      only for words used in many listed names), or equal two or three adjacent words joined
      (Al-Naser / Alnaser, Rosoboron Export / Rosoboronexport).
    - **Whole-name similarity** is the best of rapidfuzz ``token_sort_ratio`` on the keys and the
      plain ratio on the keys without spaces, so joined or split words and pinyin written in word
      groups (Yuncong Keji against 云从科技) compare letter for letter.
    - **Partial names.** A query that is the distinctive core of a longer listed name (Hikvision
      for Hangzhou Hikvision Digital Technology Co., Ltd.) scores through a separate path: nearly
      all of the query, weighted by rarity, must be found in the listed name, and a matched word
      must be rare in the lists (used in at most ``P_RARE_DF`` names): a city, an industry word or
      a common family name is never enough. Extra, unmatched query words (a subsidiary's or
      another firm's own name) weigh against it at full rarity.
    """

    version: str = "1.1"

    def __post_init__(self) -> None:
        super().__post_init__()
        self._df = {t: len(ix) for t, ix in self._postings.items()}
        self._by_key: dict[str, list[int]] = {}
        for i, entry in enumerate(self._entries):
            self._by_key.setdefault(entry.form.key, []).append(i)
        self._norm = np.asarray([math.sqrt(sum(self._idf[t] for t in set(e.form.tokens)))
                                 for e in self._entries], dtype=np.float32)
        common: dict[str, list[str]] = {}
        for tok, df in self._df.items():
            if df >= ABBREV_MIN_DF and len(tok) >= 4:
                common.setdefault(tok[0], []).append(tok)
        self._common = common

    def _prepare(self, form: NameForm) -> NameForm:
        """A query without misspelt legal forms (Corporttion, Compnay): a word the lists never
        use, one edit away from a legal form, is a legal form."""
        kept = tuple(t for t in form.tokens if t in self._df or len(t) < 6 or not any(
            len(f) >= 6 and OSA.normalized_similarity(t, f) >= 0.8 for f in _LONG_LEGAL))
        if kept == form.tokens or not kept:
            return form
        return NameForm(" ".join(kept), kept, form.cjk, form.flat)

    def _similar_tokens(self, token: str) -> dict[str, float]:
        found = super()._similar_tokens(token)
        if 2 <= len(token) <= 5:  # an abbreviation of a common word: Intl, Mfg, Hldgs
            for other in self._common.get(token[0], ()):
                if other not in found and _is_abbreviation(token, other):
                    found[other] = ABBREV_SIM
        if not found and len(token) >= 8:  # two words written as one: Almazantei
            for i in range(3, len(token) - 2):
                if token[:i] in self._postings and token[i:] in self._postings:
                    found[token[:i]] = found[token[i:]] = 0.9
                    break
        return found

    def candidates(self, form: NameForm) -> list[int]:
        """As in 1.0, with the accumulated weights divided by the square root of each listed
        name's own rarity mass (short exact names are not lost among long ones that share the
        same common words), and names with the query's very key always included."""
        if not self._entries:
            return []
        weights = self._token_weights(form) / self._norm
        k = min(CANDIDATES, len(weights))
        top = np.argpartition(-weights, k - 1)[:k]
        out = [int(i) for i in top if weights[i] > 0]
        exact = [i for i in self._by_key.get(form.key, ()) if i not in out]
        return exact[:CANDIDATES] + out

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        return self._match_form(self._prepare(normalize(query)), country=country,
                                entity_type=entity_type, threshold=threshold, limit=limit)

    def _names_with_all(self, tokens: Sequence[str]) -> int:
        """How many listed names hold every one of ``tokens``."""
        arrays = sorted((self._postings[t] for t in set(tokens) if t in self._postings), key=len)
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
        best = 0.0
        if min(len(tok), len(other)) >= 4:
            sim = OSA.normalized_similarity(tok, other)  # a transposition is one edit
            if sim >= MIN_TOKEN_SIM:
                best = sim
        if best < ABBREV_SIM:
            short, long = (tok, other) if len(tok) < len(other) else (other, tok)
            if self._df.get(long, 0) >= max(ABBREV_MIN_DF, 2 * self._df.get(short, 0)) \
                    and _is_abbreviation(short, long):
                best = ABBREV_SIM
        return best

    def idf(self, token: str) -> float:
        # Words of multi-word legal forms (joint, stock, public …) left over when a form is
        # written in another order carry little identity, however rare they are in the index.
        if token in _LEGAL_WORDS:
            return LEGAL_WORD_IDF
        return self._idf.get(token, self._unknown_idf)

    def _align(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
        """For each token of ``a``, its best similarity to a token (or adjacent joined tokens)
        of ``b``."""
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
                best = 0.9  # one of the words of a joined word (Almaz in Almazantei)
            out.append(best)
        return out

    def _cover(self, a: Sequence[str], sims: Sequence[float]) -> float:
        total = sum(self.idf(t) for t in a)
        return sum(self.idf(t) * s for t, s in zip(a, sims, strict=True)) / total if total else 0.0

    def score(self, query: NameForm, entry: _Entry, *, country: str | None,
              entity_type: str | None) -> tuple[float, dict[str, float]]:
        cand = entry.form
        partial = 0.0
        q_sims: list[float] = []
        if query.key == cand.key:
            similarity = overlap = 1.0
        else:
            similarity = max(fuzz.token_sort_ratio(query.key, cand.key),
                             fuzz.ratio(query.flat, cand.flat)) / 100.0
            q_sims = self._align(query.tokens, cand.tokens)
            c_sims = self._align(cand.tokens, query.tokens)
            q_cov = self._cover(query.tokens, q_sims)
            c_cov = self._cover(cand.tokens, c_sims)
            if cand.cjk and not query.cjk and similarity >= CJK_FLAT_SIM:
                q_cov = c_cov = max(c_cov, similarity)  # pinyin spelled in other word groups
            overlap = 0.7 * min(q_cov, c_cov) + 0.3 * max(q_cov, c_cov)
            if q_cov >= P_MIN_COVER:
                partial = self._partial(query, cand, q_sims, q_cov, c_cov)
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
        return _with_context(features, entry, country, entity_type)

    def _partial(self, query: NameForm, cand: NameForm, q_sims: Sequence[float], q_cov: float,
                 c_cov: float) -> float:
        """The score of ``query`` as the distinctive core of the listed name ``cand``, or 0."""
        matched = [self._matched_token(t, cand.tokens) for t, s in
                   zip(query.tokens, q_sims, strict=True) if s >= 0.85]
        matched = [t for t in matched if t in self._df]
        if not matched or min(self._df[t] for t in matched) > P_TOKEN_DF:
            return 0.0  # no distinctive word: a city, an industry word, a common family name
        together = self._names_with_all(matched)
        if not 0 < together <= P_RARE_DF:
            return 0.0
        info = min(1.0, sum(self.idf(t) for t in set(matched)) / self._unknown_idf)
        return float(P_BASE + P_QUERY * q_cov + P_INFO * info * c_cov ** 0.25)

    def _matched_token(self, tok: str, cand_tokens: Sequence[str]) -> str:
        if tok in cand_tokens:
            return tok
        return max(cand_tokens, key=lambda c: self._token_sim(tok, c), default=tok)

    def _rare_df(self, tok: str, cand_tokens: Sequence[str]) -> int:
        """How many listed names use the listed word that ``tok`` matched."""
        if tok in self._df:
            return self._df[tok]
        best = max(cand_tokens, key=lambda c: self._token_sim(tok, c), default="")
        return self._df.get(best, 0)


#: Registered algorithms: name → (version, factory from lists).
ALGORITHMS: dict[str, tuple[str, Callable[[Sequence[ParsedList]], Matcher]]] = {
    "kizuna-match": ("1.1", KizunaMatcher),
    "kizuna-match/1.1": ("1.1", KizunaMatcher),
    "kizuna-match/1.0": ("1.0", KizunaMatcher10),
    "wratio-baseline": ("1.0", WRatioBaseline),
}
DEFAULT_ALGORITHM = "kizuna-match"


def build_matcher(lists: Sequence[ParsedList], algorithm: str = DEFAULT_ALGORITHM) -> Matcher:
    from kizuna.errors import E, KizunaError

    if algorithm not in ALGORITHMS:
        raise KizunaError(E.BAD_FORMAT, value=algorithm, choices=", ".join(ALGORITHMS))
    return ALGORITHMS[algorithm][1](lists)
