"""``kizuna-match/1.3``: typos aligned word by word, with an edit allowance that grows with the
word's length, and weighed by whether the query word is itself another listed word.

1.2 (composed, not inherited: it stays frozen) compares the names written together and accepts a
typo only when every word is within one edit (two from seven letters). Multi-word names with two
slips in one word, or a slip in each of two short words, fell below the threshold although their
entry was the first candidate. 1.3 adds ``aligned_typos``:

- Each listed word is aligned to the query word nearest it (OSA distance: a transposition is
  one edit; also compared as sounded and as OCR reads it) within an allowance by the longer
  word's length (``ALLOWED``: none up to three letters, one to five, two to nine, three
  beyond); runs of single letters (``S A S``) are read as one word.
- Every word left unaligned must be weak: a legal word on the listed side; on the query
  side a legal word, a misspelt legal form or one or two letters. A word replaced, added or
  dropped makes another name (or a partial one, which 1.2 scores), not a typo. At least one aligned
  listed word must be distinctive (used in fewer than ``COMMON_DF`` listed names).
- Two query words written as one listed word, or one query word that is two (listed or
  legal) words run together, are re-cut first (:meth:`KizunaMatcher13.resegment`).
- The score is ``1 - TYPO_SLOPE × edits / letters`` of the aligned words (the longer of each
  pair), less
  ``UNALIGNED_COST`` per weak word left over. A query word that is itself a listed word but not
  the aligned one (Electric for Electronic) counts its edits ``REAL_WORD_FACTOR`` times: real
  words near each other are usually different words, not slips.

The feature replaces 1.2's name features only when it scores higher; 1.2's ``short_query`` cap
is kept for a one-word query unless its word is long (``SHORT_LONG_WORD`` letters) and not itself
a listed word, and the country, entity type and alias features are 1.2's.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import ClassVar

from rapidfuzz.distance import OSA

from kizuna.screening.countries import country_code
from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    ContextWeights,
    Match,
    match_form,
)
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.features import LEGAL_WORDS
from kizuna.screening.matching.v1_2 import KizunaMatcher12, ocr_letters, sounds
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import LEGAL_FORMS, LEGAL_PHRASES, NameForm, normalize
from kizuna.text.translit import fold

__all__ = ["SHORT_CAP", "SHORT_LONG_WORD", "KizunaMatcher13", "allowed_edits", "distance",
           "join_letters", "legal_slip"]

CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
ALLOWED = ((3, 0), (5, 1), (9, 2))  # (up to this many letters, edits allowed); then 3
TYPO_SLOPE = 0.9
COMMON_DF = 60
UNALIGNED_COST = 0.04  # a query word of one or two letters left over
JOIN_EDITS = 0  # two query words written as one listed word: exactly (a slip too is another name)
LEGAL_COST = 0.02  # a legal word (or a misspelt one) left over
REAL_WORD_FACTOR = 2.0
SHORT_LONG_WORD = 6
SHORT_CAP = 0.75
#: Legal forms and the words of legal phrases folded, for recognising a misspelt one left in
#: the query (the listed name's legal phrase is dropped by normalisation).
_LEGAL = sorted({fold(f) for f in LEGAL_FORMS}
                | {fold(f).replace(".", "").replace(" ", "") for f in LEGAL_FORMS}
                | {fold(w) for p in LEGAL_PHRASES for w in p.split() if len(w) >= 4})
#: Letter groups OCR reads for one another, made equal before distances.
_LEGAL_SET = frozenset(_LEGAL)
_OCR_GROUPS = [("rn", "m"), ("cl", "d"), ("vv", "v"), ("ii", "u"), ("lc", "k")]


def ocr_fold(text: str) -> str:
    for a, b in _OCR_GROUPS:
        text = text.replace(a, b)
    return text


@lru_cache(maxsize=1 << 14)
def legal_slip(tok: str) -> bool:
    """A legal form misspelt within its allowance (Linited, Tso, Cmopany)."""
    return len(tok) >= 3 and any(
        abs(len(f) - len(tok)) <= 2 and distance(tok, f, allowed_edits(f)) <= allowed_edits(f)
        for f in _LEGAL)


def _recut_may_help(q_toks: Sequence[str], failed: str) -> bool:
    """Whether re-cutting the query could align the word that failed: a listed word inside a
    longer query word, or as long as two adjacent query words; a query word left over (``""``)
    long enough to be two words, or next to another."""
    if not failed:
        return any(len(q) >= 7 for q in q_toks) or len(q_toks) >= 2
    allow = allowed_edits(failed)
    return any(len(q) >= len(failed) + 2 and (failed[:3] in q or failed[-3:] in q)
               for q in q_toks) or any(
        abs(len(a) + len(b) - len(failed)) <= allow
        for a, b in pairwise(q_toks))


def _nearest(q: str, c_toks: Sequence[str], most: int = 3) -> int | None:
    """The fewest edits from ``q`` to a listed word within its allowance (and ``most``)."""
    best: int | None = None
    for c in c_toks:
        allow = min(most, allowed_edits(q if len(q) > len(c) else c))
        if abs(len(q) - len(c)) <= allow:
            d = distance(q, c, allow)
            if d <= allow and (best is None or d < best):
                best = d
    return best


def _aligns(q: str, c_toks: Sequence[str], most: int = 3) -> bool:
    return _nearest(q, c_toks, most) is not None


@lru_cache(maxsize=1 << 16)
def _readings(word: str) -> tuple[str, str]:
    return sounds(word), ocr_fold(word)


@lru_cache(maxsize=1 << 18)
def distance(q: str, c: str, allow: int) -> int:
    """Edits between two words as written, as sounded (ts/c, sh/s …) and as OCR reads them
    (memoised: the same words meet again across candidates and queries)."""
    d = OSA.distance(q, c, score_cutoff=allow)
    if d:
        (qs, qo), (cs, co) = _readings(q), _readings(c)
        d = min(d, OSA.distance(qs, cs, score_cutoff=allow),
                OSA.distance(qo, co, score_cutoff=allow))
    return d


def _allowance(n: int) -> int:
    for length, edits in ALLOWED:
        if n <= length:
            return edits
    return 3


_BY_LENGTH = tuple(_allowance(n) for n in range(64))


def allowed_edits(word: str) -> int:
    return _BY_LENGTH[len(word)] if len(word) < 64 else 3


def join_letters(tokens: Sequence[str]) -> list[str]:
    """Runs of single-letter tokens written as one word (S A S → sas)."""
    out: list[str] = []
    run = ""
    for tok in tokens:
        if len(tok) == 1:
            run += tok
            continue
        if run:
            out.append(run)
            run = ""
        out.append(tok)
    if run:
        out.append(run)
    return out


class KizunaMatcher13:
    """``kizuna-match/1.3`` (frozen)."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.3"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        self._setup(lists, KizunaMatcher12(lists))

    @classmethod
    def from_index(cls, lists: Sequence[ParsedList], v12: KizunaMatcher12) -> KizunaMatcher13:
        """The matcher from 1.2's (1.3 indexes nothing of its own)."""
        self = cls.__new__(cls)
        self._setup(lists, v12)
        return self

    def _setup(self, lists: Sequence[ParsedList], v12: KizunaMatcher12) -> None:
        self.lists = lists
        self._v12 = v12
        self._entries = v12._entries
        self._df = v12._base._df

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def prepare(self, query: str) -> NameForm:
        return self._v12.prepare(query)

    def candidates(self, form: NameForm) -> list[int]:
        return self._v12.candidates(form)

    def _legal_slip(self, tok: str) -> bool:
        return legal_slip(tok)

    def _legal(self, tok: str) -> bool:
        return tok in LEGAL_WORDS or tok in _LEGAL_SET or legal_slip(tok)

    def resegment(self, q_toks: list[str], c_toks: Sequence[str]) -> list[str]:
        """The query's words re-cut where that aligns them with the listed words: two query
        words written as one listed word (CORPORA TION), or one query word that is two words
        run together, listed or legal (Companyaramil, Megatekltd, Bankingcorp)."""
        out: list[str] = []
        i = 0
        while i < len(q_toks):
            q = q_toks[i]
            if not _aligns(q, c_toks) and i + 1 < len(q_toks) \
                    and not _aligns(q_toks[i + 1], c_toks) \
                    and _aligns(q + q_toks[i + 1], c_toks, JOIN_EDITS):
                out.append(q + q_toks[i + 1])
                i += 2
                continue
            split = self._split(q, c_toks) if len(q) >= 7 and not _aligns(q, c_toks) else None
            out += split or [q]
            i += 1
        return out

    def _split(self, q: str, c_toks: Sequence[str]) -> list[str] | None:
        """``q`` cut in two where one part aligns with a listed word and the other aligns too
        or is legal; only cuts near a listed word's length from either end are tried."""
        cuts = sorted({cut for c in c_toks for delta in range(-2, 3)
                       for cut in (len(c) + delta, len(q) - len(c) - delta)
                       if 3 <= cut <= len(q) - 3})
        best: tuple[int, int] | None = None  # (edits, cut): the cut needing fewest edits
        for cut in cuts:
            left, right = q[:cut], q[cut:]
            a, b = _nearest(left, c_toks), _nearest(right, c_toks)
            if a is not None and (b is not None or self._legal(right)):
                edits = a + (b or 0)
            elif b is not None and self._legal(left):
                edits = b
            else:
                continue
            if best is None or edits < best[0]:
                best = (edits, cut)
        return [q[:best[1]], q[best[1]:]] if best else None

    def aligned_typos(self, query: NameForm, cand: NameForm) -> float:
        """The ``aligned_typos`` score (0 when the names differ by more than spelling). The
        query's words are re-cut only when they do not align as written (most candidates
        fail at their first listed word, cheaply)."""
        c_toks = join_letters(cand.tokens)
        q_toks = join_letters(query.tokens)
        score = self._align(q_toks, c_toks)
        if isinstance(score, str) and _recut_may_help(q_toks, score):
            recut = self.resegment(q_toks, c_toks)
            score = self._align(recut, c_toks) if recut != q_toks else ""
        return score if isinstance(score, float) else 0.0

    def _align(self, q_toks: Sequence[str], c_toks: Sequence[str]) -> float | str:
        """The score, or the word that failed to align (the listed word, or "" when a query
        word was left over)."""
        used: set[int] = set()
        edits = letters = 0.0
        unaligned = 0.0
        distinctive = False
        for c in c_toks:
            best: tuple[float, int] | None = None
            for j, q in enumerate(q_toks):
                allow = allowed_edits(q if len(q) > len(c) else c)
                if j in used or abs(len(q) - len(c)) > allow:
                    continue
                d = distance(q, c, allow)
                if d > allow:
                    continue
                cost = d * REAL_WORD_FACTOR if d and q in self._df else float(d)
                if best is None or cost < best[0]:
                    best = (cost, j)
            if best is None:
                if c not in LEGAL_WORDS:  # initials (the P of P&P) are identity too
                    return c
                unaligned += LEGAL_COST
                continue
            used.add(best[1])
            edits += best[0]
            letters += max(len(c), len(q_toks[best[1]]))
            distinctive = distinctive or self._df.get(c, 0) < COMMON_DF
        for j, q in enumerate(q_toks):
            if j not in used:
                if len(q) <= 2:
                    unaligned += UNALIGNED_COST
                elif q in LEGAL_WORDS or legal_slip(q):
                    unaligned += LEGAL_COST
                else:
                    return ""
        if not distinctive or not letters:
            return 0.0
        return max(0.0, 1.0 - TYPO_SLOPE * edits / letters - unaligned)

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        features = self._v12.name_features(query, cand)
        q_toks = join_letters(query.tokens)
        long_word = len(q_toks) == 1 and len(q_toks[0]) >= SHORT_LONG_WORD \
            and q_toks[0] not in self._df
        if long_word and "word_typos" in features:  # Sazganertebat: the whole name, run on
            features.pop("short_query", None)
        typo = self.aligned_typos(query, cand)
        if typo <= sum(features.values()):
            return features
        out = {"aligned_typos": round(typo, 4)}
        if len(q_toks) == 1 and not long_word and query.key != cand.key and typo > SHORT_CAP:
            out["short_query"] = round(SHORT_CAP - typo, 4)
        return out

    def score(self, query: str, listed: str) -> float:
        feats = self.name_features(self.prepare(query), normalize(ocr_letters(listed)))
        return max(0.0, min(1.0, round(sum(feats.values()), 4)))

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        form = self.prepare(query)
        if not form.tokens:
            return []
        return match_form(self._entries, form, self.candidates(form), self.name_features,
                          country=country_code(country) or country, entity_type=entity_type,
                          context=CONTEXT, threshold=threshold, limit=limit,
                          algorithm=self.algorithm)
