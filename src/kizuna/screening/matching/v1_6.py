"""``kizuna-match/1.6``: what a query carries besides the name, around a base scorer.

Real queries are not list names: an invoice gives the name with its address, a shipping
document a department or a city after the legal form, a news item an acronym or a translated
name. 1.6 reads the query (:mod:`.query_forms`) and screens every form worth screening with
its base scorer (:attr:`KizunaMatcher16.BASE`, ``kizuna-match/1.5``, composed: the base
is built and called, never subclassed or changed), keeping each listed party's best score over
the forms. Three things are 1.6's own:

- **Forms.** The whole query; the name before an address (``address_cut``); the name up to a
  legal form followed by more words (``after_legal_form``); the name before an
  organisational unit or trailing descriptors (``descriptor_cut``); fields joined; and, only
  for a query no other form matched, its common words translated (``translated``: Bank/Banco,
  Factory/Plant, 自動車/汽车), each replaced word a word the lists use; abbreviations written
  out (``abbreviations``: GEN TRDG, IND). A descriptor cut is
  screened only when what remains is still distinctive (a word used in fewer than
  ``COMMON_DF`` listed names, or Chinese or Japanese script); each form but the whole query
  weighs a small ``form_*`` penalty, and ``explain`` says which form matched. A descriptor
  cut or a translation scoring only as a partial name or a short query counts for nothing. The name
  before an address or up to its legal form is screened as it is (the base scorer weighs
  common words). A country the cut words end with (``…, Tehran, Iran``) is the query's
  country when none was given (the base's ``country`` feature).
- **Containment** (``contains_listed``): every word of a listed name of two words or more
  occurs in the query, in order, with other words around it, and the listed words are rare
  together (their rarity-weighted information, and at most ``CONTAIN_RARE_DF`` listed names
  holding them all). Generic words (Technology, Group, a city) never make it alone.
- **Inserted words** (``inserted_word``): a word inside one name, between two words both
  names share, that the other lacks makes another name (Nanjing University of Information
  Science and Technology is not Nanjing University of Science and Technology), where the
  base scored the names by their words in common.
- **Acronyms** (``acronym``): a query word of capitals is compared with the initials of the
  listed names (and the acronyms listed as aliases already match as names): alone, it counts
  only when it has ``ACRONYM_MIN`` letters or more, is not a word of the lists, and names one
  listed name only; with other words (``HIT Harbin``, ``Lomonosov MSU``) the other words must
  each be a word of the listed name and the acronym the initials of the rest (or a listed
  word), from three letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

from kizuna.screening.countries import country_code
from kizuna.screening.matching.base import (
    DEFAULT_THRESHOLD,
    Ask,
    ContextWeights,
    Entry,
    Match,
    rank,
    with_context,
)
from kizuna.screening.matching.explain import explain_features
from kizuna.screening.matching.features import is_abbreviation
from kizuna.screening.matching.query_forms import QueryForm, query_forms
from kizuna.screening.matching.v1_2 import ocr_letters
from kizuna.screening.matching.v1_3 import allowed_edits, distance
from kizuna.screening.matching.v1_5 import KizunaMatcher15
from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import LEGAL_FORMS, STOPWORDS, NameForm, normalize

__all__ = ["FORM_PENALTY", "KizunaMatcher16"]

CONTEXT = ContextWeights(country_agree=0.03, country_conflict=-0.12, type_conflict=-0.15,
                         alias=-0.01, weak_alias=-0.12)
COMMON_DF = 60  # a word used in fewer listed names than this is distinctive
#: What screening a form other than the whole query costs (by the form's reason).
FORM_PENALTY = {"whole": 0.0, "fields_joined": 0.0, "abbreviations": 0.0, "address_cut": -0.01,
                "after_legal_form": -0.01, "descriptor_cut": -0.03, "translated": -0.04}
CONTAIN_BASE = 0.80  # contains_listed: the floor ...
CONTAIN_INFO = 0.12  # ... plus this much for the listed words' rarity ...
CONTAIN_COVER = 0.06  # ... plus this much for the share of the query they cover
CONTAIN_MIN_INFO = 1.2  # the listed words' idf together, in units of the unknown word's idf
CONTAIN_RARE_DF = 3  # at most this many listed names hold all the listed words
INSERTED_PENALTY = -0.12  # inserted_word: a word inside one name that the other lacks
COMPLETE_PENALTY = -0.2  # complete_name: a query ending in its legal form, partly listed
EXACT = 0.99  # a whole query matching this well is screened as it is, without other forms
ACRONYM_MIN = 4  # an acronym alone needs this many letters
ACRONYM_ALONE = 0.82  # an acronym alone that names one listed name
ACRONYM_WITH_WORDS = 0.88  # an acronym with the listed name's other words around it
#: Forms that are the name as the query writes it (before its address, or up to its legal
#: form): screened even when every word is common (University of Electronic Science and
#: Technology of China); a cut of descriptors must leave a distinctive word.
_ENDERS = frozenset({"inc", "ltd", "limited", "corp", "corporation", "llc", "plc", "gmbh",
                     "ag", "kk", "k.k", "co", "company", "incorporated", "jsc", "pjsc", "sa"})
_NAME_ITSELF = frozenset({"whole", "address_cut", "after_legal_form", "fields_joined",
                          "abbreviations"})
#: Forms already less than the query: matched as the core of a longer listed name (or as a
#: short query) they are no evidence (Nomura Holdings cut to Nomura is no person Nomura).
_NO_PARTIAL = frozenset({"descriptor_cut", "translated"})
_CAPS = re.compile(r"^[A-Z][A-Z0-9]{2,9}$")
_STOP = frozenset({"of", "and", "the", "for", "de", "&"})

_BRACKETED = re.compile(r"[(（\[][^()（）\[\]]*[)）\]]")


def _near_stopword(word: str) -> bool:
    """A short word one edit from a stopword (ancl for and: OCR), which names drop."""
    return len(word) <= 4 and any(distance(word, s, 1) <= 1 for s in STOPWORDS if len(s) >= 3)


@lru_cache(maxsize=1 << 16)
def _acronyms(raw: str) -> tuple[str, ...]:
    """The query's words of capitals that may be acronyms (not legal forms or countries)."""
    return tuple(w.lower() for w in re.split(r"[\s,/]+", raw) if _CAPS.match(w)
                 and w.lower() not in LEGAL_FORMS and country_code(w) is None)


def _counterpart(word: str, others: Sequence[str]) -> bool:
    """``word`` is among ``others``, inflected (Technology, Technologies), abbreviated either
    way (Tech, Ind) or misspelt within its edit allowance."""
    for o in others:
        if o == word:
            return True
        short, long = (word, o) if len(word) <= len(o) else (o, word)
        if len(short) >= 4 and long.startswith(short[:-1]) and len(long) - len(short) <= 3:
            return True
        if is_abbreviation(short, long):
            return True
        allow = allowed_edits(long)
        if allow and len(long) - len(short) <= allow and distance(word, o, allow) <= allow:
            return True
    return False


class KizunaMatcher16:
    """``kizuna-match/1.6``: query forms, containment and acronyms around :attr:`BASE`."""

    NAME: ClassVar[str] = "kizuna-match"
    VERSION: ClassVar[str] = "1.6"
    #: The scorer every form is screened with (built from the lists, called, never changed).
    BASE: ClassVar[Any] = KizunaMatcher15

    def __init__(self, lists: Sequence[ParsedList], *, base: Any = None) -> None:
        """``base``: the base scorer already made over the same lists (from a kept index,
        :class:`~kizuna.screening.matching.prepared.Prepared16`); built here otherwise."""
        self.lists = lists
        self._base = base if base is not None else self.BASE(lists)
        self._entries: list[Entry] = self._base.index.entries
        self._df: dict[str, int] = self._base.index.tokens.df
        self._postings = self._base.index.tokens.postings
        self._unknown_idf: float = self._base.index.tokens.unknown_idf
        self._initials: dict[str, list[int]] = {}
        for i, entry in enumerate(self._entries):
            toks = entry.form.tokens
            if len(toks) >= 3 and not entry.form.cjk:
                self._initials.setdefault("".join(t[0] for t in toks), []).append(i)
        self._forms: dict[str, tuple[QueryForm, ...]] = {}

    @property
    def algorithm(self) -> str:
        return f"{self.NAME}/{self.VERSION}"

    @property
    def size(self) -> int:
        return len(self._entries)

    def candidates(self, form: NameForm) -> list[int]:
        """The listed names a normalised form is compared with: its base's blocking (the
        forms 1.6 reads out of a query each get theirs)."""
        return list(self._base.candidates(form))

    # -- forms ------------------------------------------------------------------------------

    def _distinctive(self, form: NameForm) -> bool:
        return form.cjk or any(len(t) >= 4 and self._df.get(t, 0) < COMMON_DF
                               for t in form.tokens)

    def forms(self, query: str, *, translate: bool = False) -> list[tuple[QueryForm, NameForm]]:
        """The query's forms worth screening, with their normalised forms: the whole query,
        and each other form that is still distinctive and normalises differently. Translated
        forms (``translate``) only where every replaced word is a word of the lists."""
        out: list[tuple[QueryForm, NameForm]] = []
        seen: set[str] = set()
        for f in query_forms(query, translate=translate):
            if translate and "translated" not in f.reason:
                continue
            nf = self._base.prepare(f.text)
            if not nf.tokens or nf.key in seen:
                continue
            if f.reason.split("+")[0] not in _NAME_ITSELF:
                if not self._distinctive(nf):
                    continue
                if "translated" in f.reason and not self._translation_listed(f):
                    continue
            seen.add(nf.key)
            out.append((f, nf))
        return out

    def _translation_listed(self, f: QueryForm) -> bool:
        for change in f.detail.split("; ")[-1].split(", "):
            _src, _, dst = change.partition("→")
            if dst and not dst[0].isascii():
                continue  # CJK: the trigram index judges
            if dst and normalize(dst).key not in self._df:
                return False
        return True

    # -- the two features of 1.6's own --------------------------------------------------------

    def contains_listed(self, query: NameForm, cand: NameForm) -> float:
        """Every word of the listed name in the query, in order, the query longer, and the
        listed words rare together: the score, else 0."""
        c_toks, q_toks = cand.tokens, query.tokens
        if len(c_toks) < 2 or len(q_toks) <= len(c_toks) or cand.cjk:
            return 0.0
        pos = 0
        for c in c_toks:
            try:
                pos = q_toks.index(c, pos) + 1
            except ValueError:
                return 0.0
        if not any(len(t) >= 4 and self._df.get(t, 0) < COMMON_DF for t in c_toks):
            return 0.0
        info = sum(self._base.idf(t) for t in set(c_toks)) / self._unknown_idf
        if info < CONTAIN_MIN_INFO or self._base.names_with_all(c_toks) > CONTAIN_RARE_DF:
            return 0.0
        cover = sum(self._base.idf(t) for t in c_toks) / sum(self._base.idf(t) for t in q_toks)
        return float(CONTAIN_BASE + CONTAIN_INFO * min(1.0, info / 3) + CONTAIN_COVER * cover)

    @staticmethod
    def inserted_word(query: NameForm, cand: NameForm) -> bool:
        """The longer name has a word strictly between two words both names share that the
        other lacks (no counterpart: not a slip, an inflection, an abbreviation or a misread
        stopword). Words added at
        either end are descriptors or qualifiers (the forms and ``partial_name`` see to them);
        a word inside a name makes another name."""
        shared = set(query.tokens) & set(cand.tokens)
        if len(shared) < 2 or len(query.tokens) == len(cand.tokens):
            return False  # as many words: a word changed (a slip or not), not inserted
        a, b = (query.tokens, cand.tokens) if len(query.tokens) > len(cand.tokens) \
            else (cand.tokens, query.tokens)
        at = [i for i, t in enumerate(a) if t in shared]
        return any(t not in shared and len(t) > 2 and t not in LEGAL_FORMS
                   and not _counterpart(t, b) and not _near_stopword(t)
                   for t in a[at[0] + 1:at[-1]])

    @staticmethod
    def _acronyms(raw: str) -> tuple[str, ...]:
        return _acronyms(raw)

    def acronym(self, raw: str, query: NameForm, cand: NameForm) -> float:
        """The acronym score of ``cand`` for the query (0 when its acronym is not evidence)."""
        acros = self._acronyms(raw)
        if len(acros) != 1 or cand.cjk:
            return 0.0
        acro = acros[0]
        folded = set(self._base.prepare(acro).tokens)  # the acronym as a word, folded
        others = [t for t in query.tokens if t not in folded]
        c_toks = list(cand.tokens)
        if not others:
            if len(acro) < ACRONYM_MIN or acro in self._df or len(c_toks) < 3:
                return 0.0
            names = {self._entries[i].form.key for i in self._initials.get(acro, ())}
            ok = len(names) == 1 and "".join(t[0] for t in c_toks) == acro
            return ACRONYM_ALONE if ok else 0.0
        if len(acro) < 3 or any(o not in c_toks for o in others):
            return 0.0
        rest = [t for t in c_toks if t not in others]
        if folded & set(rest) or "".join(t[0] for t in rest) == acro:
            return ACRONYM_WITH_WORDS
        return 0.0

    # -- screening ----------------------------------------------------------------------------

    def score(self, query: str, listed: str) -> float:
        cand = normalize(ocr_letters(listed))
        best = 0.0
        for f, nf in self.forms(query):
            feats = self._features(query, f, nf, cand)
            best = max(best, sum(feats.values()))
        return max(0.0, min(1.0, round(best, 4)))

    def _features(self, raw: str, f: QueryForm, nf: NameForm, cand: NameForm,
                  memo: dict[tuple[NameForm, NameForm], dict[str, float]] | None = None
                  ) -> dict[str, float]:
        got = memo.get((nf, cand)) if memo is not None else None
        if got is None:
            got = self._base.name_features(nf, cand)
            if memo is not None:
                memo[(nf, cand)] = got
        feats = dict(got)
        if "token_overlap" in feats and self.inserted_word(nf, cand):
            feats["inserted_word"] = INSERTED_PENALTY
        if f.reason == "whole":
            total = sum(feats.values())
            contain = self.contains_listed(nf, cand) if total < 0.95 else 0.0
            acro = self.acronym(raw, nf, cand) if total < 0.95 and _acronyms(raw) else 0.0
            if contain > max(total, 0.0) and contain >= acro:
                feats = {"contains_listed": round(contain, 4)}
            elif acro > max(total, 0.0):
                feats = {"acronym": acro}
        else:
            reason = "translated" if "translated" in f.reason else f.reason.split("+")[0]
            if reason in _NO_PARTIAL and {"partial_name", "short_query"} & set(feats):
                return {"form_" + reason: 0.0}  # a part of a part of the query: no evidence
            feats[f"form_{reason}"] = FORM_PENALTY[reason]
        return feats

    def match(self, query: str, *, country: str | None = None, entity_type: str | None = None,
              threshold: float = DEFAULT_THRESHOLD, limit: int = 10) -> list[Match]:
        return self.match_batch([(query, country, entity_type)], threshold=threshold,
                                limit=limit)[0]

    def match_batch(self, asks: Sequence[Ask], *, threshold: float = DEFAULT_THRESHOLD,
                    limit: int = 10) -> list[list[Match]]:
        """``match`` for every ask: the forms of all the asks get their candidates together
        (the base's batched candidates), each pair of forms is scored once. The whole queries
        go first; the other forms only for the asks whose whole query matched nothing
        ``EXACT``-ly, and translated forms, last, only for the asks nothing matched."""
        memo: dict[tuple[NameForm, NameForm], dict[str, float]] = {}
        cands: dict[NameForm, list[int]] = {}
        forms = [self.forms(name) for name, _c, _t in asks]
        # the whole queries first; the other forms only where the whole query is no exact match
        out = self._screen(asks, [fs[:1] for fs in forms], threshold, limit, memo, cands)
        again = [i for i, ms in enumerate(out) if len(forms[i]) > 1
                 and (not ms or ms[0].score < EXACT)]
        if again:
            more = self._screen([asks[i] for i in again], [forms[i] for i in again],
                                threshold, limit, memo, cands)
            for i, ms in zip(again, more, strict=True):
                out[i] = ms
        again = [i for i, ms in enumerate(out) if not ms]
        if again:
            translated = [self.forms(asks[i][0], translate=True) for i in again]
            if any(translated):
                more = self._screen([asks[i] for i in again], translated, threshold, limit,
                                    memo, cands)
                for i, ms in zip(again, more, strict=True):
                    out[i] = ms
        return out

    def _screen(self, asks: Sequence[Ask], forms: Sequence[list[tuple[QueryForm, NameForm]]],
                threshold: float, limit: int,
                memo: dict[tuple[NameForm, NameForm], dict[str, float]],
                cands: dict[NameForm, list[int]]) -> list[list[Match]]:
        distinct = [nf for nf in dict.fromkeys(nf for fs in forms for _f, nf in fs)
                    if nf not in cands]
        cands.update(zip(distinct, self._base.candidates_many(distinct), strict=True))
        out: list[list[Match]] = []
        for (raw, country, etype), fs in zip(asks, forms, strict=True):
            if not fs:
                out.append([])
                continue
            # the country given, else the one the query's address ends with (…, Tehran, Iran)
            code = country_code(country) or country or self.address_country(raw)
            by_entry: dict[int, list[tuple[QueryForm, NameForm]]] = {}
            for f, nf in fs:
                for i in cands[nf]:
                    by_entry.setdefault(i, []).append((f, nf))
            if self._acronyms(raw):
                whole = fs[0]
                for i in self._initials.get(self._acronyms(raw)[0], ())[:12]:
                    if whole not in by_entry.setdefault(i, []):
                        by_entry[i].append(whole)

            def scored(entry: Entry, raw: str = raw, code: str | None = code,
                       etype: str | None = etype,
                       by_entry: dict[int, list[tuple[QueryForm, NameForm]]] = by_entry,
                       ) -> tuple[float, dict[str, float]]:
                best: tuple[float, dict[str, float]] | None = None
                idx = self._index_of[id(entry)]
                for f, nf in by_entry[idx]:
                    feats = self._features(raw, f, nf, entry.form, memo)
                    if "partial_name" in feats and self._complete(f.text) \
                            and self._more_listed(nf, entry):
                        feats["complete_name"] = COMPLETE_PENALTY
                    got = with_context(feats, entry, code, etype, CONTEXT)
                    if best is None or got[0] > best[0]:
                        best = got
                assert best is not None
                return best

            ranked = rank(self._entries, list(by_entry), scored, threshold=threshold,
                          limit=len(by_entry), algorithm=self.algorithm)
            # equal scores: the listed name nearest the query's length first (MAHAN AIR before
            # MAHAN AIR GENERAL TRADING LLC for Mahan Air: the lists' names drop legal phrases)
            words = len(raw.split())
            ranked.sort(key=lambda m: (-m.score, abs(len((m.matched_alias or m.name).split())
                                                    - words), m.list, m.entity_id))
            out.append(ranked[:limit])
        return out

    @staticmethod
    def address_country(raw: str) -> str | None:
        """The country the query's address (or cut words) ends with, if any."""
        return next((f.country for f in query_forms(raw, translate=False) if f.country), None)

    @staticmethod
    def _complete(text: str) -> bool:
        """The text ends in a legal form (Inc., Ltd., Corporation): a whole company name."""
        words = text.replace(",", " ").split()
        return len(words) >= 2 and words[-1].strip(".").casefold() in _ENDERS

    def _more_listed(self, query: NameForm, entry: Entry) -> bool:
        """The listed name, without its bracketed qualifiers, has a word with no counterpart
        in the query (not the same word, a slip or an abbreviation of it: Tech, Ind)."""
        outer = normalize(_BRACKETED.sub(" ", entry.name)).tokens
        return any(not _counterpart(t, query.tokens) for t in outer)

    @property
    def _index_of(self) -> dict[int, int]:
        found: dict[int, int] | None = getattr(self, "_index_memo", None)
        if found is None:
            found = {id(e): i for i, e in enumerate(self._entries)}
            self._index_memo = found
        return found

    def explain(self, match: Match) -> dict[str, str]:
        return explain_features(match.features)
