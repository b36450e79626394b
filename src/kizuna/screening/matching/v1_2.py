"""``kizuna-match/1.2``: candidates that do not miss, typo distance weighed by word length,
short generic queries weighed as weak evidence, and the query's country read as written.

- **Candidates** are the union of 1.1's token blocking and the 20 best names of a character
  trigram index (:mod:`.ngram`) over the folded tokens written together: robust to two edits in
  a word, merged or split words, dropped brackets and legal forms, romanisation variants.
- **Name features** are 1.1's (composed, not inherited: 1.1 is frozen, so they cannot move),
  plus ``word_typos``: when the names differ only by spelling, the edit distance of the folded
  names written together, weighed by their length (two edits in a long name are a typo; in a
  short one they make another name). OCR digits inside words (0/o, 1/l, 5/s, 8/b) are read as
  letters first.
- **Short queries**: a one-word query sharing no word exactly with the listed name, or a
  two-word one whose words are both common in the lists and not shared exactly, is weak
  evidence: its score is capped below the default threshold (``short_query``), so "Computex"
  does not flag "Wave Tech Computers" by a near spelling.
- **Country**: the query's country is read with :func:`country_code` (China, CHN, cn → CN).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from kizuna.screening.countries import country_code
from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    ContextWeights,
    Match,
    match_form,
)
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.ngram import NgramIndex
from kizuna.screening.matching.v1_1 import KizunaMatcher11
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import NameForm, normalize

__all__ = ["KizunaMatcher12", "ocr_letters", "sounds"]

CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
NGRAM_CANDIDATES = 20
TYPO_SLOPE = 1.2  # word_typos score = 1 - TYPO_SLOPE × edits / length of the listed name
TYPO_MIN_LEN = 8  # ... only for names at least this long (letters of the folded tokens)
SWAP_RARE_DF = 20  # a listed word used in at most this many names is distinctive: ...
SWAP_PENALTY = -0.12  # ... replaced by an unlisted word of the query, it weighs against
SHORT_TOKENS = 2  # a query of at most this many words ...
SHORT_COMMON_DF = 25  # ... each used in at least this many listed names ...
SHORT_CAP = 0.75  # ... scores at most this much
_OCR = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b"})
_MIXED = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[0158])[A-Za-z0158]+\b")
_CAPS_L = re.compile(r"\b(?=[A-Zl]*[A-Z]{2})[A-Zl]*l[A-Zl]*\b")  # l for I in a capitals word
_CAPS_THEN_LOWER = re.compile(r"(?<=[A-Z]{2})(?=[a-z]{2})")  # GENERALcompany, OOOalkon
#: Spellings of one sound in different romanisations, made equal before typo distances.
_SOUNDS = [("tsch", "c"), ("sch", "s"), ("tsh", "c"), ("ts", "c"), ("tz", "c"), ("dz", "z"),
           ("w", "v"), ("j", "y"), ("ph", "f"), ("kh", "h"), ("ck", "k")]


def ocr_letters(text: str) -> str:
    """Digits read for letters inside words of letters (NATI0NAL → NATIONAL, HlA5T → HlAST), a
    lower-case l in a word of capitals read as I (HlAST → HIAST), and a word run on after a
    word of capitals split (GENERALcompany → GENERAL company); numbers and codes are left
    alone."""
    text = _MIXED.sub(lambda m: m.group(0).translate(_OCR), text)
    text = _CAPS_L.sub(lambda m: m.group(0).replace("l", "I"), text)
    return _CAPS_THEN_LOWER.sub(" ", text)


def _unmatched(tokens: Sequence[str], other: str) -> list[str]:
    """The words of ``tokens`` not found in ``other`` (the other name written together) within
    one edit, or two for words of seven letters or more. None: the names differ only by
    spelling, not by a word (Army Medical University is not Harbin Medical University)."""
    out = []
    for tok in tokens:
        if len(tok) < 3 or tok in other:
            continue
        allowed = 1 if len(tok) < 7 else 2
        if fuzz.partial_ratio(tok, other) < 100.0 * (1 - allowed / len(tok)) - 1e-6:
            out.append(tok)
    return out


def sounds(text: str) -> str:
    for a, b in _SOUNDS:
        text = text.replace(a, b)
    return text


class KizunaMatcher12:
    """``kizuna-match/1.2``, the default."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.2"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        base = KizunaMatcher11(lists)
        self._setup(lists, base, NgramIndex(base._entries))

    @classmethod
    def from_index(cls, lists: Sequence[ParsedList], base: KizunaMatcher11,
                   ngrams: NgramIndex) -> KizunaMatcher12:
        """The matcher from 1.1's and a prepared trigram index of the same names."""
        self = cls.__new__(cls)
        self._setup(lists, base, ngrams)
        return self

    def _setup(self, lists: Sequence[ParsedList], base: KizunaMatcher11,
               ngrams: NgramIndex) -> None:
        self.lists = lists
        self._base = base
        self._entries = base._entries
        self._ngrams = ngrams

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def prepare(self, query: str) -> NameForm:
        return self._base._prepare(normalize(ocr_letters(query)))

    def candidates(self, form: NameForm) -> list[int]:
        out = self._base.candidates(form)
        seen = set(out)
        return out + [i for i in self._ngrams.candidates(form, NGRAM_CANDIDATES) if i not in seen]

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        features = self._base.name_features(query, cand)
        base = sum(features.values())
        q, c = "".join(query.tokens), "".join(cand.tokens)
        q_extra = _unmatched(query.tokens, c)
        c_extra = _unmatched(cand.tokens, q)
        if len(c) >= TYPO_MIN_LEN and base < 1.0 and not q_extra and not c_extra:
            edits = min(Levenshtein.distance(q, c),
                        Levenshtein.distance(sounds(q), sounds(c)),
                        Levenshtein.distance("".join(sorted(query.tokens)),
                                             "".join(sorted(cand.tokens))))
            typo = 1.0 - TYPO_SLOPE * edits / len(c)
            if typo > base:
                features = {"word_typos": round(typo, 4)}
        rare_missing = [t for t in c_extra if self._base._df.get(t, 0) <= SWAP_RARE_DF]
        if rare_missing and any(len(t) >= 4 for t in q_extra):
            features["different_word"] = SWAP_PENALTY  # a distinctive word replaced by another
        if len(query.tokens) <= SHORT_TOKENS and query.key != cand.key \
                and not set(query.tokens) & set(cand.tokens):
            dfs = [self._base._df.get(t, 0) for t in query.tokens]
            total = sum(features.values())
            if total > SHORT_CAP and (len(dfs) == 1 or min(dfs) >= SHORT_COMMON_DF):
                features["short_query"] = round(SHORT_CAP - total, 4)
        return features

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
