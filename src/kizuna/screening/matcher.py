"""Name matching against restricted-party lists: blocking, scoring and explanations.

Algorithms are registered by name and version (:data:`ALGORITHMS`); every :class:`Match` records
the one that produced it. The default, ``kizuna-match``, works in two steps:

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
from rapidfuzz.distance import Levenshtein

from kizuna.names import name_key
from kizuna.screening.model import ListEntity, ParsedList
from kizuna.screening.normalize import NameForm, normalize

__all__ = [
    "ALGORITHMS",
    "DEFAULT_ALGORITHM",
    "DEFAULT_THRESHOLD",
    "KizunaMatcher",
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


@dataclass
class KizunaMatcher:
    """The default matcher: token blocking, rapidfuzz scoring and explained features."""

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

    def candidates(self, form: NameForm) -> list[int]:
        """Indices of the listed names worth scoring for ``form`` (never all of them)."""
        if not self._entries:
            return []
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

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        form = normalize(query)
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


#: Registered algorithms: name → (version, factory from lists).
ALGORITHMS: dict[str, tuple[str, Callable[[Sequence[ParsedList]], Matcher]]] = {
    "kizuna-match": ("1.0", KizunaMatcher),
    "wratio-baseline": ("1.0", WRatioBaseline),
}
DEFAULT_ALGORITHM = "kizuna-match"


def build_matcher(lists: Sequence[ParsedList], algorithm: str = DEFAULT_ALGORITHM) -> Matcher:
    from kizuna.errors import E, KizunaError

    if algorithm not in ALGORITHMS:
        raise KizunaError(E.BAD_FORMAT, value=algorithm, choices=", ".join(ALGORITHMS))
    return ALGORITHMS[algorithm][1](lists)
