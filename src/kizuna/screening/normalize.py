"""Normalising names for screening: Unicode, legal forms, punctuation, alias splitting, scripts.

A name becomes a :class:`NameForm`: its comparison key (folded Latin tokens joined by spaces) and
its tokens. Legal forms are dropped in many languages (Co., Ltd., LLC, GmbH, OOO, JSC, Pvt,
有限公司, 株式会社, Общество с ограниченной ответственностью …) because lists and queries write
them inconsistently; they carry no identity.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kizuna.text.translit import fold, strip_accents, transliterate

__all__ = ["LEGAL_FORMS", "LEGAL_PHRASES", "STOPWORDS", "NameForm", "normalize", "split_aliases"]

#: Single-token legal forms (already lower-cased, accent-free, Latin), dropped anywhere.
LEGAL_FORMS = frozenset(
    [
        "co",
        "cos",
        "company",
        "companies",
        "corp",
        "corporation",
        "corporations",
        "inc",
        "incorporated",
        "ltd",
        "ltda",
        "limited",
        "llc",
        "llp",
        "lp",
        "plc",
        "pvt",
        "pte",
        "private",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "sl",
        "sau",
        "ag",
        "gmbh",
        "mbh",
        "kg",
        "kgaa",
        "ug",
        "nv",
        "bv",
        "vof",
        "oy",
        "oyj",
        "ab",
        "as",
        "asa",
        "aps",
        "kk",
        "gk",
        "yk",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "ojs",
        "ooo",
        "oao",
        "zao",
        "pao",
        "ao",
        "tov",
        "pp",
        "fze",
        "fzco",
        "fzc",
        "fzllc",
        "fz",
        "llc",
        "bhd",
        "sdn",
        "tbk",
        "pt",
        "jsc",
        "sc",
        "scs",
        "sae",
        "saog",
        "wll",
        "est",
        "establishment",
        "ltee",
        "cia",
        "sociedad",
        "anonima",
        "gie",
        "kft",
        "zrt",
        "rt",
        "doo",
        "dd",
        "ad",
        "ood",
        "eood",
        "sro",
        "spol",
        "sp",
        "zoo",
        "liability",
    ]
)
#: Multi-word legal forms, matched on the transliterated, space-joined tokens.
LEGAL_PHRASES = (
    "limited liability company",
    "limited liability partnership",
    "joint stock company",
    "public joint stock company",
    "closed joint stock company",
    "open joint stock company",
    "public limited company",
    "private limited",
    "sole proprietorship",
    "general trading",
    "obshchestvo s ogranichennoi otvetstvennostiu",
    "obshchestvo s ogranichennoy otvetstvennostyu",
    "aktsionernoe obshchestvo",
    "publichnoe aktsionernoe obshchestvo",
    "zakrytoe aktsionernoe obshchestvo",
    "otkrytoe aktsionernoe obshchestvo",
    "federalnoe gosudarstvennoe unitarnoe predpriiatie",
    "tovarystvo z obmezhenoiu vidpovidalnistiu",
    "kabushiki kaisha",
    "kabushiki gaisha",
    "godo kaisha",
    "yugen kaisha",
    "sp z o o",
    "s a",
    "s r l",
    "s p a",
    "b v",
    "n v",
    "co ltd",
    "pvt ltd",
    "joint stock",
    "stock company",
    "gufen youxian gongsi",
    "youxian zeren gongsi",
    "jituan youxian gongsi",
    "youxian gongsi",
    "kabushiki kaisya",
)
#: CJK legal forms, removed before romanisation (longest first).
CJK_LEGAL_FORMS = tuple(
    sorted(
        [
            "股份有限公司",
            "有限责任公司",
            "有限責任公司",
            "有限公司",
            "股份公司",
            "集团有限公司",
            "集團有限公司",
            "株式会社",
            "有限会社",
            "合同会社",
            "合資会社",
            "合名会社",
            "(株)",
            "（株）",
            "㈱",
            "(有)",
            "（有）",
            "公司",
        ],
        key=len,
        reverse=True,
    )
)
STOPWORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "a",
        "an",
        "de",
        "la",
        "le",
        "del",
        "des",
        "du",
        "et",
        "y",
        "und",
        "der",
        "die",
        "das",
        "e",
    }
)

_TAIL = re.compile(r"[;,]?\s*and any successor,? sub-unit,? or subsidiary thereof.*$", re.I)
_ALIAS_SPLIT = re.compile(
    r"\s*(?:;|\b(?:a\.k\.a\.|aka|f\.k\.a\.|fka|n\.k\.a\.|also known as|formerly known as|"
    r"formerly|previously known as|d\.b\.a\.|dba|trading as|t/a)[\s,:]+)\s*",
    re.I,
)
_PAREN = re.compile(r"[(（]([^()（）]*)[)）]")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


_OPEN, _CLOSE = "(（[", ")）]"
_PREFIX = re.compile(r"^(?:a\.k\.a\.|aka|f\.k\.a\.|fka|n\.k\.a\.|formerly(?: known as)?|"
                     r"previously(?: known as)?|also known as|also|d\.b\.a\.|dba)[\s,:]+", re.I)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&.\-]{1,11}(?: [A-Z0-9&.\-]{1,6}){0,2}$")


def _groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level bracketed group, brackets included (nesting kept whole:
    朝鮮綾羅島貿易(総)会社 inside one group stays one name)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            if depth == 0:
                start = i
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    return out


def _is_name_group(inner: str) -> bool:
    """A bracketed part that is a name of its own: a.k.a./f.k.a. names, acronyms, names in
    Chinese or Japanese script. Anything else ((General), (Shenzhen), (総)) is a qualifier of
    the name around it and stays in it."""
    from kizuna.screening.countries import country_code

    if _PREFIX.match(inner):
        return True
    if country_code(inner) is not None and len(inner.split()) <= 3:
        return False  # a place: (USA), (Japan), (Hong Kong)
    if _ACRONYM.match(inner) and not inner.replace(" ", "").isdigit():
        return True
    cjk = sum(1 for c in inner if "\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return cjk >= 2 and cjk * 2 >= len(inner.replace(" ", ""))


def split_aliases(raw: str) -> list[str]:
    """Split a published name field into names, the list's own text first and verbatim:
    'A (B) a.k.a. C; formerly D' → ['A (B)', 'A', 'B', 'C', 'D'] when B is a name of its own
    (an acronym, a name in Chinese or Japanese script, an 'f.k.a.' name), while a qualifier in
    brackets ('(General)', '(総)') stays part of the name. Brackets are matched with nesting, so
    'X (f.k.a. Y (Z))' gives X and 'Y (Z)', never a name cut at a bracket."""
    text = _TAIL.sub("", unicodedata.normalize("NFKC", raw)).strip()
    out: list[str] = []
    parts = [p for p in _split_outside_brackets(text) if p.strip()]
    for part in parts:
        part = part.strip(" ,.;'\"")
        if not part:
            continue
        groups = _groups(part)
        names = [part[a + 1:b - 1].strip() for a, b in groups
                 if _is_name_group(part[a + 1:b - 1].strip())]
        outer = part
        for a, b in reversed(groups):
            if _is_name_group(part[a + 1:b - 1].strip()):
                outer = outer[:a] + " " + outer[b:]
        outer = _SPACE.sub(" ", outer).strip(" ,.;")
        out.append(part)
        if outer:
            out.append(outer)
        for m in names:
            m = _PREFIX.sub("", m).strip(" ,.;'\"")
            if len(m) >= 2 and not m.isdigit() and not m.lower().startswith(("see ", "in ")):
                out.extend(split_aliases(m) if _groups(m) or _ALIAS_SPLIT.search(m) else [m])
    seen: set[str] = set()
    unique = []
    for name in out:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            unique.append(name)
    return unique or ([text] if text else [])


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` cut at semicolons and a.k.a./f.k.a. words outside brackets (inside brackets
    they belong to the bracket's own name)."""
    depth_at, depth = [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        depth_at.append(depth)
    out, start = [], 0
    for m in _ALIAS_SPLIT.finditer(text):
        if depth_at[m.start()] == 0 and m.start() >= start:
            out.append(text[start:m.start()])
            start = m.end()
    out.append(text[start:])
    return out


@dataclass(frozen=True, slots=True)
class NameForm:
    """A normalised name: ``key`` is the folded, space-joined ``tokens``."""

    key: str
    tokens: tuple[str, ...]
    cjk: bool
    #: the kept words before folding, with Chinese syllables one by one, joined without spaces:
    #: compares names whose words are joined or split differently (pinyin word groups too)
    flat: str = ""


def _drop_phrases(words: list[str]) -> list[str]:
    text = " " + " ".join(words) + " "
    for phrase in LEGAL_PHRASES:
        text = text.replace(" " + phrase + " ", " ")
    return text.split()


@lru_cache(maxsize=200_000)
def normalize(name: str) -> NameForm:
    """The comparison form of ``name`` in any script."""
    text = _TAIL.sub("", unicodedata.normalize("NFKC", name))
    cjk_legal = False
    for form in CJK_LEGAL_FORMS:
        if form in text:
            text = text.replace(form, " ")
            cjk_legal = True
    text = text.casefold().replace("&", " and ").replace("'", "").replace("’", "")
    text = text.replace(".", "")
    words: list[str] = []
    flat_han: list[str] = []
    cjk = cjk_legal
    for script, run in transliterate(text):
        run = _NON_WORD.sub(" ", strip_accents(run)).replace("_", " ")
        if script == "han":
            cjk = True
            syllables = run.split()
            # A Han run keeps its syllables in the key; tokens are syllable pairs, which are far
            # more selective than single syllables (集团 jituan, not ji + tuan).
            words.extend(
                ["\x00" + "".join(syllables[i : i + 2]) for i in range(max(1, len(syllables) - 1))]
                if syllables
                else []
            )
            flat_han.append("".join(syllables))
        else:
            if script == "kana":
                cjk = True
            words.extend(run.split())
    latin = [w for w in words if not w.startswith("\x00")]
    kept = _drop_phrases(latin) if latin else latin
    kept_set = set(kept)
    tokens = []
    flat = []
    for w in words:
        if w.startswith("\x00"):
            tokens.append(fold(w[1:]))  # folded like Latin words, so pinyin queries meet them
        elif w in kept_set and w not in LEGAL_FORMS and w not in STOPWORDS:
            tokens.append(fold(w))
            flat.append(w)
    if not tokens:  # a name that is nothing but a legal form or stopwords keeps its words
        tokens = [fold(w.lstrip("\x00")) for w in words]
        flat = [w for w in words if not w.startswith("\x00")]
    return NameForm(" ".join(tokens), tuple(tokens), cjk, "".join([*flat_han, *flat]))
