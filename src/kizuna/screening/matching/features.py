"""Feature helpers shared by the kizuna-match versions (pure functions of tokens and weights, so
a version that uses one is reproducible as long as the helper is; change a helper only by adding
a new one)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

from kizuna.screening.normalize import LEGAL_FORMS, LEGAL_PHRASES
from kizuna.text.translit import fold

__all__ = ["LEGAL_WORDS", "LONG_LEGAL", "coverage", "is_abbreviation", "weighted_cover"]

#: Legal forms of six letters or more (Corporation, Limited …), folded.
LONG_LEGAL = sorted({fold(f) for f in LEGAL_FORMS if len(f) >= 6})
#: Words of multi-word legal forms (joint, stock, public …) that carry little identity.
LEGAL_WORDS = frozenset(fold(w) for p in LEGAL_PHRASES for w in p.split() if len(w) >= 4) - {
    fold(w) for w in ("general", "trading", "private", "public", "federal")}


def coverage(a: Sequence[str], b: Sequence[str], idf: Callable[[str], float],
             min_sim: float) -> float:
    """The rarity-weighted share of ``a``'s tokens found in ``b`` (equal, or within
    ``min_sim`` normalised Levenshtein similarity for tokens of four letters or more)."""
    total = matched = 0.0
    for tok in a:
        w = idf(tok)
        total += w
        best = 0.0
        for other in b:
            if other == tok:
                best = 1.0
                break
            if min(len(tok), len(other)) >= 4:
                sim = Levenshtein.normalized_similarity(tok, other)
                if sim >= min_sim and sim > best:
                    best = sim
        matched += w * best
    return matched / total if total else 0.0


def weighted_cover(a: Sequence[str], sims: Sequence[float], idf: Callable[[str], float]) -> float:
    """The rarity-weighted mean of ``sims`` (one per token of ``a``)."""
    total = sum(idf(t) for t in a)
    return sum(idf(t) * s for t, s in zip(a, sims, strict=True)) / total if total else 0.0


def is_abbreviation(short: str, long: str) -> bool:
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
