"""``kizuna-match/1.4``: screened in batches, typo distance weighed by rarity and by which
letters slip, and a word replaced by another weighed against.

- **Candidates, batched** (:mod:`.sparse`): the names exactly equal to the query, 1.1's token
  blocking (its best ``TOKEN_CANDIDATES``) and 1.2's trigram index (its best
  ``TRIGRAM_CANDIDATES``), each as one sparse product for a whole chunk of queries. Fewer
  candidates than 1.3 (4 + 15 instead of 12 + 20): on the tune half the true entry is among
  them as often (0.9952), and a query scores half as many names.
- **Scoring once per pair of forms**: queries that normalise alike (``X Ltd`` and ``X``) share
  their candidates and name features across the batch; only the context features (country,
  entity type, alias) are per query. A pair already scoring 1.0 skips the word alignment.
  :meth:`KizunaMatcher14.match` is :meth:`~KizunaMatcher14.match_batch` of one query, so
  one-by-one and batched results are the same.
- **Name features** are 1.3's (composed: 1.3 stays frozen) with its ``aligned_typos`` changed:
  each listed word's edits and letters are weighed by its rarity (a slip in the distinctive
  word counts more than one in Group or Trading: Lenovo Group is not Renova Group); in a name
  of two words or more a substitution of a neighbouring key or a look-alike letter (b/h, c/e,
  l/i) is half an edit; runs of single letters are folded like a word (L L C, LLC); an aligned
  but costly word is tried cut in two (Megatekltd).
- ``replaced_word``: a word of the query without any counterpart in the listed name (no slip
  within its allowance and one more, abbreviation, inflection or run-on) while a listed word
  has none in the query weighs ``REPLACED_PENALTY``: one word replaced by another makes
  another name however alike the rest. Two words each common in the lists are different
  words, not slips (Electric, Electronic). Not applied where 1.2 already found a
  ``different_word`` or the names differ only by spelling (``word_typos``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from rapidfuzz.distance import Levenshtein

from kizuna.screening.countries import country_code
from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    Ask,
    ContextWeights,
    Match,
    match_form,
)
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.features import LEGAL_WORDS, is_abbreviation
from kizuna.screening.matching.sparse import TokenMatrix, TrigramMatrix
from kizuna.screening.matching.v1_2 import ocr_letters
from kizuna.screening.matching.v1_3 import (
    _LEGAL_SET,
    SHORT_CAP,
    SHORT_LONG_WORD,
    KizunaMatcher13,
    _recut_may_help,
    allowed_edits,
    distance,
    join_letters,
    legal_slip,
)
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import LEGAL_FORMS, NameForm, normalize
from kizuna.text.translit import fold

__all__ = ["LOOKALIKE", "KizunaMatcher14", "slip_distance"]

CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
EXACT_CANDIDATES = 12  # names equal to the query (one per list that has it)
TOKEN_CANDIDATES = 4
TRIGRAM_CANDIDATES = 15
COMMON_DF = 60  # an aligned listed word used in fewer names than this is distinctive
TYPO_SLOPE = 0.9  # aligned_typos = 1 - TYPO_SLOPE × weighted edits / weighted letters
UNALIGNED_COST = 0.04  # a query word of one or two letters left over
LEGAL_COST = 0.02  # a legal word (or a misspelt one) left over
REAL_WORD_FACTOR = 2.0  # a query word that is another listed word: its edits count this much
REPLACED_PENALTY = -0.15  # a distinctive word of each name has no counterpart in the other
RECUT_BELOW = 0.8  # an aligned score below this tries the query's long words cut in two
REAL_WORD_DF = 10  # two words each in at least this many listed names are different words

#: Legal forms folded, with and without their dots and spaces (Ltd, S.A.C, sac).
_FORMS = frozenset({fold(f) for f in LEGAL_FORMS}
                   | {fold(f.replace(".", "").replace(" ", "")) for f in LEGAL_FORMS})

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYS = {ch: (r, i + (0.0, 0.25, 0.75)[r])  # (row, position across, rows staggered)
         for r, row in enumerate(_ROWS) for i, ch in enumerate(row)}
#: Letters a slip of the finger (neighbouring keys) or a misreading (OCR) puts for each other.
LOOKALIKE = frozenset(
    {(a, b) for a, (ra, xa) in _KEYS.items() for b, (rb, xb) in _KEYS.items()
     if a != b and abs(ra - rb) <= 1 and abs(xa - xb) <= 1.0}
    | {p for a, b in ("bh", "ce", "li", "ij", "uv") for p in ((a, b), (b, a))})
LOOKALIKE_COST = 0.5  # such a substitution counts as half an edit


@lru_cache(maxsize=1 << 18)
def slip_distance(q: str, c: str, allow: int) -> float:
    """1.3's word distance (as written, sounded or OCR-read), with a substitution of a
    neighbouring key or a look-alike letter counted as half an edit when the distance as
    written is the least."""
    d = distance(q, c, allow)
    if not d or d > allow:
        return float(d)
    ops = Levenshtein.editops(q, c)
    if len(ops) != d:
        return float(d)
    near = sum(1 for op in ops if op.tag == "replace"
               and (q[op.src_pos], c[op.dest_pos]) in LOOKALIKE)
    return d - (1 - LOOKALIKE_COST) * near


class KizunaMatcher14:
    """``kizuna-match/1.4``, the default."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.4"

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        self._setup(lists, KizunaMatcher13(lists))

    @classmethod
    def from_index(cls, lists: Sequence[ParsedList], v13: KizunaMatcher13) -> KizunaMatcher14:
        """The matcher from 1.3's (itself from a prepared index: see
        :mod:`kizuna.screening.matching.prepared`); the sparse matrices are made here, as the
        constructor makes them."""
        self = cls.__new__(cls)
        self._setup(lists, v13)
        return self

    def _setup(self, lists: Sequence[ParsedList], v13: KizunaMatcher13) -> None:
        self.lists = lists
        self._v13 = v13
        self._v12 = self._v13._v12
        self._v11 = self._v12._base
        self._entries = self._v13._entries
        self._df = self._v13._df
        self._trigrams = TrigramMatrix(self._v12._ngrams)
        self._tokens = TokenMatrix(self._v11._index, self._v11._norm)

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def prepare(self, query: str) -> NameForm:
        return self._v13.prepare(query)

    def candidates_many(self, forms: Sequence[NameForm]) -> list[list[int]]:
        """Each form's candidates: exact names first, then token, then trigram ones."""
        if not self._entries:
            return [[] for _ in forms]
        tokens = self._tokens.candidates(forms, self._v11._similar, TOKEN_CANDIDATES)
        trigrams = self._trigrams.candidates(forms, TRIGRAM_CANDIDATES)
        out = []
        for form, tok, tri in zip(forms, tokens, trigrams, strict=True):
            exact = list(self._v11._by_key.get(form.key, ()))[:EXACT_CANDIDATES]
            seen = set(exact)
            merged = exact + [i for i in tok if i not in seen]
            seen.update(merged)
            out.append(merged + [i for i in tri if i not in seen])
        return out

    def candidates(self, form: NameForm) -> list[int]:
        return self.candidates_many([form])[0]

    def idf(self, token: str) -> float:
        return self._v11.idf(token)

    def words(self, form: NameForm) -> list[str]:
        """The form's tokens with each run of single letters written as one word and folded
        like any word (L L C → llc → lc, as the listed LLC folds)."""
        out: list[str] = []
        run = ""
        for tok in (*form.tokens, ""):  # "" ends the last run
            if len(tok) == 1:
                run += tok
                continue
            if run:
                out.append(fold(run))
                run = ""
            if tok:
                out.append(tok)
        return out

    def _legal(self, tok: str) -> bool:
        return tok in LEGAL_WORDS or tok in _LEGAL_SET or legal_slip(tok)

    def aligned_typos(self, query: NameForm, cand: NameForm) -> float:
        """1.3's word alignment, with each listed word's edits and letters weighed by its
        rarity (a slip in a distinctive word counts more than one in Group or Trading), and
        runs of single letters folded. 0 when the names differ by more than spelling."""
        c_toks, q_toks = self.words(cand), self.words(query)
        score = self._align(q_toks, c_toks)
        if isinstance(score, str) and _recut_may_help(q_toks, score):
            recut = self._v13.resegment(q_toks, c_toks)
            score = self._align(recut, c_toks) if recut != q_toks else ""
        elif isinstance(score, float) and score < RECUT_BELOW and len(q_toks) < len(c_toks) + 2:
            # aligned, but with many edits: a run-on word (Megatekltd) may align better re-cut
            recut = self._split_all(q_toks, c_toks)
            again = self._align(recut, c_toks) if recut != q_toks else ""
            score = max(score, again) if isinstance(again, float) else score
        return score if isinstance(score, float) else 0.0

    def _split_all(self, q_toks: Sequence[str], c_toks: Sequence[str]) -> list[str]:
        out: list[str] = []
        for q in q_toks:
            out += (self._v13._split(q, c_toks) if len(q) >= 7 else None) or [q]
        return out

    def _align(self, q_toks: Sequence[str], c_toks: Sequence[str]) -> float | str:
        """The score, or the word that failed to align (the listed word, or "" when a query
        word was left over)."""
        used: set[int] = set()
        edits = letters = unaligned = 0.0
        distinctive = False
        for c in c_toks:
            best: tuple[float, int] | None = None
            for j, q in enumerate(q_toks):
                allow = allowed_edits(q if len(q) > len(c) else c)
                if j in used or abs(len(q) - len(c)) > allow:
                    continue
                # one word alone is weak evidence: there a look-alike letter is a full edit
                d = slip_distance(q, c, allow) if len(q_toks) > 1 else float(distance(q, c, allow))
                if d > allow:
                    continue
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
            distinctive = distinctive or self._df.get(c, 0) < COMMON_DF
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
        return max(0.0, 1.0 - TYPO_SLOPE * edits / letters - unaligned)

    def _counterpart(self, word: str, others: Sequence[str]) -> bool:
        """``word`` has a counterpart among ``others``: within its edit allowance and one more
        (as written, sounded or OCR-read), an abbreviation either way, or inside a word three
        or more letters longer (run-on words). Two different listed words are not slips for
        each other (Electric is not Electronic misspelt), unless one is the other inflected
        (Technologies, Technology)."""
        for o in others:
            if o == word:
                return True
            short, long = (word, o) if len(word) <= len(o) else (o, word)
            if len(short) >= 4 and long.startswith(short[:-1]) and len(long) - len(short) <= 3:
                return True
            if min(self._df.get(word, 0), self._df.get(o, 0)) >= REAL_WORD_DF:
                continue
            allow = allowed_edits(long) + 1  # looser than a slip: only a new word is wanted
            if len(long) - len(short) <= allow and distance(word, o, allow) <= allow:
                return True
            if is_abbreviation(short, long) or (len(short) >= 4 and short in long
                                                and len(long) >= len(short) + 3):
                return True
        return False

    def _weak(self, word: str, *, listed: bool) -> bool:
        """A word that says little about identity when it has no counterpart: one or two
        letters, a legal form (in the query also a word of a legal phrase, or a legal form
        misspelt from six letters on). A listed word of a legal phrase that normalisation
        kept (Open, Public, Republic) stands for the name: replaced, it makes another."""
        if len(word) <= 2 or word in _FORMS:
            return True
        return not listed and (word in _LEGAL_SET or (len(word) >= 6 and legal_slip(word)))

    def replaced_word(self, query: NameForm, cand: NameForm) -> bool:
        """A word of the query has no counterpart in the listed name while a listed word has
        none in the query: one word replaced by another makes another name (Scholl
        Technologies South Africa for Huawei Technologies South Africa), however alike the
        rest. Words of one or two letters and legal forms do not count."""
        q_toks, c_toks = self.words(query), self.words(cand)
        if not any(not self._weak(q, listed=False) and not self._counterpart(q, c_toks)
                   for q in q_toks):
            return False
        return any(not self._weak(c, listed=True) and not self._counterpart(c, q_toks)
                   for c in c_toks)

    def name_features(self, query: NameForm, cand: NameForm) -> dict[str, float]:
        """1.3's name features with 1.4's word alignment (skipped when it cannot score
        higher), and ``replaced_word`` when a word of each side has no counterpart."""
        features = self._v12.name_features(query, cand)
        q_toks = join_letters(query.tokens)
        long_word = len(q_toks) == 1 and len(q_toks[0]) >= SHORT_LONG_WORD \
            and q_toks[0] not in self._df
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
        feats = self.name_features(self.prepare(query), normalize(ocr_letters(listed)))
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
        out: list[list[Match]] = []
        for form, (_name, country, etype) in zip(forms, asks, strict=True):
            if not form.tokens:
                out.append([])
                continue

            def features(q: NameForm, c: NameForm) -> dict[str, float]:
                got = memo.get((q, c))
                if got is None:
                    got = memo[(q, c)] = self.name_features(q, c)
                return got

            out.append(match_form(self._entries, form, cands[form], features,
                                  country=country_code(country) or country,
                                  entity_type=etype, context=CONTEXT, threshold=threshold,
                                  limit=limit, algorithm=self.algorithm))
        return out
