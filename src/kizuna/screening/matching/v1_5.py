"""``kizuna-match/1.5``: one prepared index, built from the entries alone, and the scoring of 1.4
with its measured losses on the tune half addressed.

- **One prepared index** (:func:`build_index`): the listed names' token blocking (postings,
  rarity, the one-deletion index), their trigram index and both as sparse matrices, the exact
  keys, and nothing else: 1.5 does not build 1.1–1.4 inside itself (1.4 builds each earlier
  version's whole state to reuse four of its methods). The index depends only on the entries
  (normalised listed names), so it can be built once and kept.
- **Self-contained**: 1.5 composes the shared helpers (:mod:`.blocking`, :mod:`.ngram`,
  :mod:`.sparse`, :mod:`.features`) and the frozen versions' pure word functions (distances,
  allowances, readings, each frozen by its version's golden outputs), never a frozen
  version's class or state: 1.5's behaviour is in this module.
- **Scoring** is 1.4's (name similarity and rarity-weighted word overlap, partial names, the
  spelling-only ``word_typos`` and the word alignment ``aligned_typos``, ``replaced_word``,
  the short-query cap), changed where the tune half measured losses:

  - word distances are also taken on the words as written (a slip can stop a letter pair from
    folding: Akmhta is two swaps from Akhmat, three from its folded Ahmat) and as romanised
    otherwise (:func:`romanised`: zh/j, hs/x, ch/sh/shch, kh/h, ng/n at the end …);
  - slips in a name of two distinctive words or more weigh less (``TYPO_SLOPE_MANY``): the
    other words corroborate it; one distinctive word keeps 1.4's slope;
  - a slip in the first letter adds ``FIRST_LETTER_COST`` (slips seldom change it);
  - a legal part cut off a run-on word must be written right (Saovera is not SAO + Era), and
    two query words that make a legal word are joined (CORPORA TION, Akts ionernoe);
    a legal form romanised otherwise is a legal form (Ints, Inc);
  - a listed word is weak by its length as written (All folds to al but is a word, so
    Media Global Trading is not All Global Trading);
  - ``number_mismatch``: each name has a number the other has not (Yard No 2655, 2656).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from kizuna.screening.countries import country_code
from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    Ask,
    ContextWeights,
    Entry,
    Match,
    entries,
    match_form,
)
from kizuna.screening.matching.blocking import TokenIndex
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.features import (
    LEGAL_WORDS,
    LONG_LEGAL,
    is_abbreviation,
    weighted_cover,
)
from kizuna.screening.matching.ngram import NgramIndex
from kizuna.screening.matching.sparse import TokenMatrix, TrigramMatrix
from kizuna.screening.matching.v1_2 import _unmatched, ocr_letters, sounds
from kizuna.screening.matching.v1_3 import (
    _LEGAL_SET,
    _aligns,
    _nearest,
    _recut_may_help,
    allowed_edits,
    distance,
    join_letters,
    legal_slip,
)
from kizuna.screening.matching.v1_4 import _FORMS, LOOKALIKE, slip_distance
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import (
    _NON_WORD,
    _TAIL,
    LEGAL_FORMS,
    STOPWORDS,
    NameForm,
    _drop_phrases,
    normalize,
)
from kizuna.text.translit import fold

__all__ = [
    "MAX_DF_SHARE",
    "Form",
    "KizunaMatcher15",
    "PreparedIndex",
    "assemble_index",
    "build_index",
    "form_of",
]

CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
# -- candidates (1.4's)
EXACT_CANDIDATES = 12  # names equal to the query (one per list that has it)
TOKEN_CANDIDATES = 4
TRIGRAM_CANDIDATES = 15
MAX_DF_SHARE = 0.03  # token blocking: a word in more names than this share is frequent
# -- word similarity and overlap (1.1's)
W_SIMILARITY = 0.40
W_OVERLAP = 0.60
MIN_TOKEN_SIM = 0.75
FUZZY_ONLY_PENALTY = -0.15
P_BASE, P_QUERY, P_INFO = 0.50, 0.25, 0.25  # a partial name's floor, query cover, rarity
P_TOKEN_DF = 40
P_RARE_DF = 8
P_MIN_COVER = 0.85
ABBREV_MIN_DF = 40
ABBREV_SIM = 0.9
CJK_FLAT_SIM = 0.9
LEGAL_WORD_IDF = 1.0
SIM_CACHE_SIZE = 1 << 20
# -- spelling-only (1.2's)
WORD_TYPO_SLOPE = 1.2
TYPO_MIN_LEN = 8
SWAP_RARE_DF = 20
SWAP_PENALTY = -0.12
SHORT_TOKENS = 2
SHORT_COMMON_DF = 25
SHORT_CAP = 0.75
# -- word alignment (1.3's and 1.4's)
JOIN_EDITS = 0
SHORT_LONG_WORD = 6
COMMON_DF = 60
TYPO_SLOPE = 0.9  # aligned_typos = 1 - slope × weighted edits / weighted letters ...
TYPO_SLOPE_MANY = 0.7  # ... this slope when two aligned words or more are distinctive
UNALIGNED_COST = 0.04
LEGAL_COST = 0.02
REAL_WORD_FACTOR = 2.0
REPLACED_PENALTY = -0.15
RECUT_BELOW = 0.8
REAL_WORD_DF = 10
NUMBER_PENALTY = -0.2  # a number of each name not in the other: another entity (vessel No 5, 6)
LONG_WRITTEN = 8  # a one-word query this long as written is a whole name, not a short one
FIRST_LETTER_COST = 0.5  # added to a word's edits when its first letter differs


@lru_cache(maxsize=1 << 16)
def is_legal(tok: str) -> bool:
    """A legal word, a legal form misspelt, or one romanised otherwise (Ints: Inc)."""
    return tok in LEGAL_WORDS or tok in _LEGAL_SET or legal_slip(tok) \
        or (len(tok) >= 3 and sounds(tok) in _LEGAL_SET)


_DIGITS = re.compile(r"\d+")


#: Spellings of one sound in the romanisations of Chinese (Wade-Giles, pinyin) and Russian
#: (French, German, English), made equal as a further reading of a word.
_ROMAN = [("chtch", "s"), ("shch", "s"), ("sch", "s"), ("zh", "j"), ("dj", "j"), ("hs", "s"),
          ("x", "s"), ("tsh", "c"), ("ts", "c"), ("tz", "c"), ("ch", "c"),
          ("sh", "s"), ("kh", "h"), ("ou", "u"), ("oo", "u"), ("w", "v"), ("q", "c"),
          ("j", "i"), ("ie", "e")]
_NG_END = re.compile(r"ng$")


@lru_cache(maxsize=1 << 16)
def romanised(word: str) -> str:
    """``word`` with romanisation variants made equal (Hsiang, Xiang; Zhan, Jan; Ching, Chin)."""
    word = word[:1] + word[1:].replace("y", "i")  # a y after the first letter
    for a, b in _ROMAN:
        word = word.replace(a, b)
    return _NG_END.sub("n", word)


@lru_cache(maxsize=1 << 18)
def word_distance(q: str, c: str, qr: str, cr: str, many: bool) -> float | None:
    """Edits between a query and a listed word, folded (``q``, ``c``), as written (``qr``,
    ``cr``) or romanised otherwise, the fewest; None beyond the allowance. ``many``: the query
    has more than one word (a look-alike letter is half an edit there). Memoised: the same
    words meet again across candidates and queries."""
    best: float | None = None
    for a, b in ((q, c), (qr, cr)) if (qr, cr) != (q, c) else ((q, c),):
        allow = allowed_edits(a if len(a) > len(b) else b)
        if abs(len(a) - len(b)) > allow:
            continue
        # one word alone is weak evidence: there a look-alike letter is a full edit
        d = slip_distance(a, b, allow) if many else float(distance(a, b, allow))
        if d:
            d = min(d, float(OSA.distance(romanised(a), romanised(b), score_cutoff=allow)))
        if d > allow:
            continue
        if d and a[0] != b[0] and (a[0], b[0]) not in LOOKALIKE:
            d += FIRST_LETTER_COST  # a slip seldom changes the first letter
        if best is None or d < best:
            best = d
    return best


def numbers(form: NameForm) -> set[str]:
    """The numbers in a name as written (folding would collapse 2655 to 265)."""
    words = form.raw if isinstance(form, Form) and form.raw else form.tokens
    return set(_DIGITS.findall(" ".join(words)))


def exact_legal(tok: str) -> bool:
    return tok in LEGAL_WORDS or tok in _LEGAL_SET


@dataclass(frozen=True, slots=True)
class Form(NameForm):
    """A normalised name with its words before folding (``raw``, one per token; the folded
    tokens themselves when the name is not plain Latin): a slip can stop the folding of a
    letter pair (Akmhta is two swaps from Akhmat, three from its folded Ahmat), so word
    distances are also taken unfolded."""

    raw: tuple[str, ...] = ()


def _raw_tokens(name: str, form: NameForm) -> tuple[str, ...]:
    """``form``'s tokens before folding, for a plain Latin name (the steps of
    :func:`~kizuna.screening.normalize.normalize` that precede folding); the folded tokens
    when the two do not agree word for word."""
    text = _TAIL.sub("", unicodedata.normalize("NFKC", name))
    if not text.isascii():
        return form.tokens
    text = text.casefold().replace("&", " and ").replace("'", "").replace(".", "")
    words = _NON_WORD.sub(" ", text).replace("_", " ").split()
    kept = set(_drop_phrases(words))
    toks = [w for w in words if w in kept and w not in LEGAL_FORMS and w not in STOPWORDS] \
        or words
    if tuple(fold(w) for w in toks) != form.tokens:
        return form.tokens
    return tuple(toks)


def form_of(name: str) -> Form:
    """A listed name's :class:`Form` (normalised as every version does, plus its raw words)."""
    form = normalize(name)
    return Form(form.key, form.tokens, form.cjk, form.flat, _raw_tokens(name, form))


@dataclass
class PreparedIndex:
    """Everything 1.5 looks names up in, built from the entries alone (:func:`build_index`)."""

    entries: list[Entry]
    tokens: TokenIndex
    by_key: dict[str, list[int]]
    norm: NDArray[np.float32]
    common: dict[str, list[str]]  # words used in many names, by first letter (abbreviations)
    trigrams: TrigramMatrix
    token_matrix: TokenMatrix


def build_index(all_entries: Sequence[Entry]) -> PreparedIndex:
    """The prepared index of 1.5 from the listed names (normalised, :func:`.base.entries`)."""
    ents = list(all_entries)
    ix = TokenIndex(ents, max_df_share=MAX_DF_SHARE)
    norm = np.asarray([math.sqrt(sum(ix.idf[t] for t in set(e.form.tokens))) for e in ents],
                      dtype=np.float32)
    ngrams = NgramIndex(ents)
    trigrams = TrigramMatrix(ngrams)
    # the matrix holds the postings, norms and weights: the dictionaries are not kept
    ngrams.postings, ngrams.idf = {}, {}
    ngrams.norm = np.zeros(0)
    return assemble_index(ents, ix, norm, trigrams)


def assemble_index(ents: list[Entry], ix: TokenIndex, norm: NDArray[np.float32],
                   trigrams: TrigramMatrix) -> PreparedIndex:
    """The prepared index from its built (or kept, :mod:`.prepared`) parts: the exact keys,
    the common words and the token matrix are made from them."""
    by_key: dict[str, list[int]] = {}
    for i, entry in enumerate(ents):
        by_key.setdefault(entry.form.key, []).append(i)
    common: dict[str, list[str]] = {}
    for tok, df in ix.df.items():
        if df >= ABBREV_MIN_DF and len(tok) >= 4:
            common.setdefault(tok[0], []).append(tok)
    return PreparedIndex(ents, ix, by_key, norm, common, trigrams, TokenMatrix(ix, norm))


class KizunaMatcher15:
    """``kizuna-match/1.5``."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.5"

    def __init__(self, lists: Sequence[ParsedList], *,
                 index: PreparedIndex | None = None) -> None:
        self.lists = lists
        self.index = index if index is not None else build_index(entries(lists, form_of))
        self._entries = self.index.entries
        self._tok = self.index.tokens
        self._df = self._tok.df
        self._sim_cache: dict[tuple[str, str], float] = {}

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    # -- the query -----------------------------------------------------------------------

    def prepare(self, query: str) -> Form:
        """The query normalised (OCR digits read as letters), misspelt legal forms dropped."""
        form = form_of(ocr_letters(query))
        keep = [t in self._df or len(t) < 6 or not any(
            len(f) >= 6 and OSA.normalized_similarity(t, f) >= 0.8 for f in LONG_LEGAL)
            for t in form.tokens]
        if all(keep) or not any(keep):
            return form
        kept = tuple(t for t, k in zip(form.tokens, keep, strict=True) if k)
        raw = tuple(t for t, k in zip(form.raw, keep, strict=True) if k)
        return Form(" ".join(kept), kept, form.cjk, form.flat, raw)

    def idf(self, token: str) -> float:
        if token in LEGAL_WORDS:
            return LEGAL_WORD_IDF
        return self._tok.idf.get(token, self._tok.unknown_idf)

    # -- candidates ----------------------------------------------------------------------

    def _similar(self, token: str) -> dict[str, float]:
        found = self._tok.one_edit_tokens(token, MIN_TOKEN_SIM)
        if 2 <= len(token) <= 5:
            for other in self.index.common.get(token[0], ()):
                if other not in found and is_abbreviation(token, other):
                    found[other] = ABBREV_SIM
        if not found and len(token) >= 8:  # two words written as one
            for i in range(3, len(token) - 2):
                if token[:i] in self._tok.postings and token[i:] in self._tok.postings:
                    found[token[:i]] = found[token[i:]] = 0.9
                    break
        return found

    def candidates_many(self, forms: Sequence[NameForm]) -> list[list[int]]:
        """Each form's candidates: exact names first, then token, then trigram ones."""
        if not self._entries:
            return [[] for _ in forms]
        tokens = self.index.token_matrix.candidates(forms, self._similar, TOKEN_CANDIDATES)
        trigrams = self.index.trigrams.candidates(forms, TRIGRAM_CANDIDATES)
        out = []
        for form, tok, tri in zip(forms, tokens, trigrams, strict=True):
            exact = list(self.index.by_key.get(form.key, ()))[:EXACT_CANDIDATES]
            seen = set(exact)
            merged = exact + [i for i in tok if i not in seen]
            seen.update(merged)
            out.append(merged + [i for i in tri if i not in seen])
        return out

    def candidates(self, form: NameForm) -> list[int]:
        return self.candidates_many([form])[0]

    # -- word similarity, overlap and partial names ----------------------------------------

    def names_with_all(self, tokens: Sequence[str]) -> int:
        """How many listed names hold every one of ``tokens`` (public: 1.6's containment
        reads it; 1.5's own use is ``_names_with_all``, the same function)."""
        return self._names_with_all(tokens)

    def _names_with_all(self, tokens: Sequence[str]) -> int:
        postings = self._tok.postings
        arrays = sorted((postings[t] for t in set(tokens) if t in postings), key=len)
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

    def _cover(self, a: Sequence[str], b: Sequence[str]) -> list[float]:
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

    def _matched_token(self, tok: str, cand_tokens: Sequence[str]) -> str:
        if tok in cand_tokens:
            return tok
        return max(cand_tokens, key=lambda c: self._token_sim(tok, c), default=tok)

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
        info = min(1.0, sum(self.idf(t) for t in set(matched)) / self._tok.unknown_idf)
        return float(P_BASE + P_QUERY * q_cov + P_INFO * info * c_cov ** 0.25)

    def overlap_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        """``name_similarity`` and ``token_overlap`` (or ``partial_name``), ``fuzzy_only``."""
        partial = 0.0
        q_sims: list[float] = []
        if query.key == cand.key:
            similarity = overlap = 1.0
        else:
            similarity = max(fuzz.token_sort_ratio(query.key, cand.key),
                             fuzz.ratio(query.flat, cand.flat)) / 100.0
            q_sims = self._cover(query.tokens, cand.tokens)
            c_sims = self._cover(cand.tokens, query.tokens)
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

    def spelling_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        """The overlap features, or ``word_typos`` when the names differ only by spelling;
        ``different_word`` and the ``short_query`` cap."""
        features = self.overlap_features(query, cand)
        base = sum(features.values())
        q, c = "".join(query.tokens), "".join(cand.tokens)
        q_extra = _unmatched(query.tokens, c)
        c_extra = _unmatched(cand.tokens, q)
        if len(c) >= TYPO_MIN_LEN and base < 1.0 and not q_extra and not c_extra:
            edits = min(Levenshtein.distance(q, c),
                        Levenshtein.distance(sounds(q), sounds(c)),
                        Levenshtein.distance("".join(sorted(query.tokens)),
                                             "".join(sorted(cand.tokens))))
            typo = 1.0 - WORD_TYPO_SLOPE * edits / len(c)
            if typo > base:
                features = {"word_typos": round(typo, 4)}
        rare_missing = [t for t in c_extra if self._df.get(t, 0) <= SWAP_RARE_DF]
        if rare_missing and any(len(t) >= 4 for t in q_extra):
            features["different_word"] = SWAP_PENALTY
        if len(query.tokens) <= SHORT_TOKENS and query.key != cand.key \
                and not set(query.tokens) & set(cand.tokens):
            dfs = [self._df.get(t, 0) for t in query.tokens]
            total = sum(features.values())
            if total > SHORT_CAP and (len(dfs) == 1 or min(dfs) >= SHORT_COMMON_DF):
                features["short_query"] = round(SHORT_CAP - total, 4)
        return features

    # -- word alignment ------------------------------------------------------------------

    def words(self, form: NameForm, *, raw: bool = False) -> list[str]:
        """The form's tokens with each run of single letters written as one word and folded
        like any word (L L C → llc → lc, as the listed LLC folds); ``raw``: the same words
        before folding."""
        toks = form.tokens
        if raw and isinstance(form, Form) and len(form.raw) == len(toks):
            toks = form.raw
        out: list[str] = []
        run = ""
        for tok in (*toks, ""):  # "" ends the last run
            if len(tok) == 1:
                run += tok
                continue
            if run:
                out.append(run if raw else fold(run))
                run = ""
            if tok:
                out.append(tok)
        return out

    def _legal(self, tok: str) -> bool:
        return is_legal(tok)

    def resegment(self, q_toks: list[str], c_toks: Sequence[str]) -> list[str]:
        """The query's words re-cut where that aligns them with the listed words: two query
        words written as one listed word, or one query word that is two words run together."""
        out: list[str] = []
        i = 0
        while i < len(q_toks):
            q = q_toks[i]
            if not _aligns(q, c_toks) and i + 1 < len(q_toks) \
                    and not _aligns(q_toks[i + 1], c_toks) \
                    and (_aligns(q + q_toks[i + 1], c_toks, JOIN_EDITS)
                         or (not self._legal(q) and self._legal(q + q_toks[i + 1]))):
                out.append(q + q_toks[i + 1])
                i += 2
                continue
            split = self._split(q, c_toks) if len(q) >= 7 and not _aligns(q, c_toks) else None
            out += split or [q]
            i += 1
        return out

    def _split(self, q: str, c_toks: Sequence[str]) -> list[str] | None:
        cuts = sorted({cut for c in c_toks for delta in range(-2, 3)
                       for cut in (len(c) + delta, len(q) - len(c) - delta)
                       if 3 <= cut <= len(q) - 3})
        best: tuple[int, int] | None = None
        for cut in cuts:
            left, right = q[:cut], q[cut:]
            a, b = _nearest(left, c_toks), _nearest(right, c_toks)
            # a legal part cut off a word is written right: a slip too is two changes
            if a is not None and (b is not None or exact_legal(right)):
                edits = a + (b or 0)
            elif b is not None and exact_legal(left):
                edits = b
            else:
                continue
            if best is None or edits < best[0]:
                best = (edits, cut)
        return [q[:best[1]], q[best[1]:]] if best else None

    def _split_all(self, q_toks: Sequence[str], c_toks: Sequence[str]) -> list[str]:
        out: list[str] = []
        for q in q_toks:
            out += (self._split(q, c_toks) if len(q) >= 7 else None) or [q]
        return out

    def aligned_typos(self, query: NameForm, cand: NameForm) -> float:
        """Word by word, only slips of spelling; 0 when the names differ by more."""
        c_toks, q_toks = self.words(cand), self.words(query)
        score = self._align(q_toks, c_toks, self.words(query, raw=True),
                            self.words(cand, raw=True))
        if isinstance(score, str) and _recut_may_help(q_toks, score):
            recut = self.resegment(q_toks, c_toks)
            score = self._align(recut, c_toks) if recut != q_toks else ""
        elif isinstance(score, float) and score < RECUT_BELOW and len(q_toks) < len(c_toks) + 2:
            recut = self._split_all(q_toks, c_toks)
            again = self._align(recut, c_toks) if recut != q_toks else ""
            score = max(score, again) if isinstance(again, float) else score
        return score if isinstance(score, float) else 0.0

    def _word_distance(self, q: str, c: str, qr: str, cr: str, many: bool) -> float | None:
        return word_distance(q, c, qr, cr, many)

    def _align(self, q_toks: Sequence[str], c_toks: Sequence[str],
               q_raw: Sequence[str] = (), c_raw: Sequence[str] = ()) -> float | str:
        if len(q_raw) != len(q_toks):
            q_raw = q_toks
        if len(c_raw) != len(c_toks):
            c_raw = c_toks
        used: set[int] = set()
        edits = letters = unaligned = 0.0
        distinctive = 0
        many = len(q_toks) > 1
        for c, cr in zip(c_toks, c_raw, strict=True):
            best: tuple[float, int] | None = None
            for j, q in enumerate(q_toks):
                if j in used:
                    continue
                found = self._word_distance(q, c, q_raw[j], cr, many)
                if found is None:
                    continue
                d = found
                cost = d * REAL_WORD_FACTOR if d and q in self._df else d
                if best is None or cost < best[0]:
                    best = (cost, j)
            if best is None:
                if c not in LEGAL_WORDS:
                    return c
                unaligned += LEGAL_COST
                continue
            used.add(best[1])
            w = self.idf(c)
            edits += w * best[0]
            letters += w * max(len(c), len(q_toks[best[1]]))
            distinctive += self._df.get(c, 0) < COMMON_DF
        for j, q in enumerate(q_toks):
            if j not in used:
                if len(q) <= 2:
                    unaligned += UNALIGNED_COST
                elif self._legal(q):
                    unaligned += LEGAL_COST
                else:
                    return ""
        if not distinctive or not letters:
            return 0.0
        # slips in a name of two distinctive words or more are corroborated by the others
        slope = TYPO_SLOPE if distinctive == 1 else TYPO_SLOPE_MANY
        return max(0.0, 1.0 - slope * edits / letters - unaligned)

    # -- a word replaced -----------------------------------------------------------------

    def _counterpart(self, word: str, others: Sequence[str]) -> bool:
        for o in others:
            if o == word:
                return True
            short, long = (word, o) if len(word) <= len(o) else (o, word)
            if len(short) >= 4 and long.startswith(short[:-1]) and len(long) - len(short) <= 3:
                return True
            if min(self._df.get(word, 0), self._df.get(o, 0)) >= REAL_WORD_DF:
                continue
            allow = allowed_edits(long) + 1
            if len(long) - len(short) <= allow and distance(word, o, allow) <= allow:
                return True
            if is_abbreviation(short, long) or (len(short) >= 4 and short in long
                                                and len(long) >= len(short) + 3):
                return True
        return False

    def _weak(self, word: str, *, listed: bool) -> bool:
        if len(word) <= 2 or word in _FORMS:
            return True
        return not listed and (word in _LEGAL_SET or (len(word) >= 6 and legal_slip(word)))

    def replaced_word(self, query: NameForm, cand: NameForm) -> bool:
        """A word of each name without a counterpart in the other (a word is weak by its
        length as written: All folds to al, but is a word)."""
        q_toks, c_toks = self.words(query), self.words(cand)
        c_raw = self.words(cand, raw=True)
        if len(c_raw) != len(c_toks):
            c_raw = c_toks
        if not any(not self._weak(q, listed=False) and not self._counterpart(q, c_toks)
                   for q in q_toks):
            return False
        return any(len(r) > 2 and r not in _FORMS and c not in _FORMS
                   and not self._counterpart(c, q_toks)
                   for c, r in zip(c_toks, c_raw, strict=True))

    # -- the name features ---------------------------------------------------------------

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        """1.4's name features (1.5's word alignment) and ``number_mismatch``."""
        features = self._name_features(query, cand)
        q_num, c_num = numbers(query), numbers(cand)
        if q_num - c_num and c_num - q_num:
            features["number_mismatch"] = NUMBER_PENALTY
        return features

    def _name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        features = self.spelling_features(query, cand)
        q_toks = join_letters(query.tokens)
        # a one-word query is long by its length as written (Beehokht folds to behot)
        written = self.words(query, raw=True)
        long_word = len(q_toks) == 1 and q_toks[0] not in self._df and (
            len(q_toks[0]) >= SHORT_LONG_WORD
            or (len(written) == 1 and len(written[0]) >= LONG_WRITTEN))
        if long_word and "word_typos" in features:
            features.pop("short_query", None)
        if sum(features.values()) >= 1.0 and query.key == cand.key:
            return features
        typo = self.aligned_typos(query, cand) if sum(features.values()) < 1.0 else 0.0
        if typo <= sum(features.values()):
            if not {"different_word", "word_typos"} & set(features) \
                    and self.replaced_word(query, cand):
                features["replaced_word"] = REPLACED_PENALTY
            return features
        out = {"aligned_typos": round(typo, 4)}
        if len(q_toks) == 1 and not long_word and query.key != cand.key and typo > SHORT_CAP:
            out["short_query"] = round(SHORT_CAP - typo, 4)
        return out

    def score(self, query: str, listed: str) -> float:
        feats = self.name_features(self.prepare(query), form_of(ocr_letters(listed)))
        return max(0.0, min(1.0, round(sum(feats.values()), 4)))

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        return self.match_batch([(query, country, entity_type)], threshold=threshold,
                                limit=limit)[0]

    def match_batch(self, asks: Sequence[Ask], *, threshold: float = DEFAULT_THRESHOLD,
                    limit: int = 10) -> list[list[Match]]:
        """``match`` for every (name, country, entity type), in order: the distinct query forms
        get their candidates together, and each pair of forms is scored once."""
        forms = [self.prepare(name) for name, _c, _t in asks]
        distinct = list(dict.fromkeys(f for f in forms if f.tokens))
        cands = dict(zip(distinct, self.candidates_many(distinct), strict=True))
        memo: dict[tuple[NameForm, NameForm], dict[str, float]] = {}

        def features(q: NameForm, c: NameForm) -> dict[str, float]:
            got = memo.get((q, c))
            if got is None:
                got = memo[(q, c)] = self.name_features(q, c)
            return got

        out: list[list[Match]] = []
        for form, (_name, country, etype) in zip(forms, asks, strict=True):
            if not form.tokens:
                out.append([])
                continue
            out.append(match_form(self._entries, form, cands[form], features,
                                  country=country_code(country) or country,
                                  entity_type=etype, context=CONTEXT, threshold=threshold,
                                  limit=limit, algorithm=self.algorithm))
        return out
