"""The harder screening evaluation set: realistic variants of real listed names, real unlisted
names and near-misses, built from the real files in ../shared (read in place, never copied).

Seeded (``SEED``) and frozen: the same files give the same queries, checked by the digest
``FROZEN_DIGEST`` (printed by ``python benchmarks/screening_hard.py``; a change to this file that
changes the set must say so by changing the digest, and scores from before are not comparable).
Entities are split in two halves by entity (every query of an entity is in one half): *tune*, the
only half used to set kizuna-match/1.2's weights, and *heldout*.

Kinds (each query a listed organization's primary name or alias, changed):
``typo2`` two edits in one word; ``keyboard`` neighbouring-key slips in two words; ``ocr``
character confusions (rn/m, l/1, O/0, cl/d …); ``romanisation`` another romanisation of
Chinese, Russian or Japanese words; ``caps_nopunct`` upper case with every punctuation mark and
bracket dropped; ``legal_form`` the legal form dropped, changed or moved to the front;
``word_order``; ``merge_split`` two words written as one or a long word split; ``cjk_only`` a
Chinese/Japanese-script alias alone, in another character set or legal form; ``two_changes``
two of the above at once. Negatives: ``unlisted`` real company names from the Crunchbase export
in ../shared (CC BY-NC, read in place) and well-known organizations, none of them listed;
``near_miss`` real unlisted names sharing words with listed ones, and listed names whose
distinctive word is replaced by another real company's distinctive word.

    .venv/bin/python benchmarks/screening_hard.py   # prints the counts and the digest
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screening_common import SHARED
from screening_eval import (
    CJK_LEGAL_RE,
    HARD_NEGATIVES,
    KUNREI,
    LEGAL,
    LONG_VOWELS,
    NEGATIVES,
    ROMANISATIONS,
    RUSSIAN_SPHERE,
    _core,
    _han_variant,
    _is_org,
    _key,
    _rewrite,
)

from kizuna.screening.model import ParsedList
from kizuna.screening.normalize import normalize
from kizuna.text.translit import has_cjk

SEED = 20261203
# df737c3a694dcb6a: first version (first 1.1/WRatio scores); 26890b057e3c03e5: negatives that
# are every word of a listed name dropped; 53c2ae7461942275: the loaders' names kept verbatim
# (issue 10), so the names the variants start from changed.
FROZEN_DIGEST = "53c2ae7461942275"
CRUNCHBASE = SHARED.parent / "corporate_investments" / "crunchbase_2015_acquisitions.csv"

Item = tuple[str, str, frozenset[str], str]  # kind, query, acceptable entity keys, half

KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
OCR = [("rn", "m"), ("m", "rn"), ("l", "1"), ("I", "l"), ("O", "0"), ("o", "0"), ("cl", "d"),
       ("d", "cl"), ("vv", "w"), ("w", "vv"), ("e", "c"), ("h", "b"), ("S", "5"), ("B", "8"),
       ("i", "l"), ("u", "ii")]
PINYIN_VARIANTS = [("zh", "j"), ("x", "hs"), ("q", "ch"), ("ei", "ey"), ("ou", "ow"),
                   ("ui", "uei"), ("ian", "ien"), ("z", "dz"), ("c", "ts"), ("ng", "n")]
CORPORATE = re.compile(r"\b(Co|Ltd|LLC|Inc|Corp|Corporation|Company|Limited|JSC|OJSC|OOO|GmbH|"
                       r"LLP|PJSC|SA|AG|K\.K|Pvt)\b\.?,?", re.I)


def _neighbour(ch: str, rng: random.Random) -> str:
    low = ch.lower()
    for row in KEYBOARD_ROWS:
        if low in row:
            i = row.index(low)
            near = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            out = rng.choice(near)
            return out.upper() if ch.isupper() else out
    return ch


def _edit(word: str, rng: random.Random) -> str:
    j = rng.randrange(1, len(word) - 1)
    op = rng.choice(["sub", "del", "swap", "ins"])
    if op == "sub":
        return word[:j] + rng.choice("aeioulnrstc") + word[j + 1:]
    if op == "del":
        return word[:j] + word[j + 1:]
    if op == "ins":
        return word[:j] + word[j] + word[j:]  # a doubled letter, as typists do
    return word[:j] + word[j + 1] + word[j] + word[j + 2:]


def _long_word(words: list[str], rng: random.Random, n: int = 6) -> int | None:
    idx = [i for i, w in enumerate(words) if len(w) >= n and w.isalpha()]
    return rng.choice(idx) if idx else None


def typo2(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    words = name.split()
    i = _long_word(words, rng, 6)
    if i is None:
        return None
    words[i] = _edit(_edit(words[i], rng), rng)
    return " ".join(words)


def keyboard(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    words = name.split()
    idx = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not idx:
        return None
    for i in rng.sample(idx, min(2, len(idx))):
        j = rng.randrange(1, len(words[i]))
        words[i] = words[i][:j] + _neighbour(words[i][j], rng) + words[i][j + 1:]
    return " ".join(words)


def ocr(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    found = [(a, b) for a, b in OCR if a in name]
    if not found:
        return None
    out = name
    for a, b in rng.sample(found, min(2, len(found))):
        spots = [m.start() for m in re.finditer(re.escape(a), out)]
        if not spots:  # the first confusion took the letters of the second
            continue
        k = rng.choice(spots)
        out = out[:k] + b + out[k + len(a):]
    return out


def romanisation(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    if has_cjk(name):
        return None
    if "CN" in countries or "HK" in countries:
        rules = rng.sample(PINYIN_VARIANTS, 3)
    elif set(countries) & RUSSIAN_SPHERE:
        rules = ROMANISATIONS[rng.choice(sorted(ROMANISATIONS))]
    elif "JP" in countries:
        rules = rng.choice([KUNREI, LONG_VOWELS])
    else:
        return None
    out = _rewrite(name, rules)
    return out if out != name else None


def caps_nopunct(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    out = " ".join(re.sub(r"[^\w\s]", " ", name).split()).upper()
    return out if re.sub(r"\W", "", out) and out != name else None


def legal_form(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    stem = CORPORATE.sub("", name).strip(" ,")
    if not stem:
        return None
    how = rng.randrange(3)
    if how == 0:
        return stem
    form = rng.choice([f for f in LEGAL if not has_cjk(f)])
    return f"{form} {stem}" if how == 1 else f"{stem} {form}"


def word_order(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    words = [w for w in name.split() if normalize(w).tokens]
    if len(words) < 2:
        return None
    rng.shuffle(words)
    out = " ".join(words)
    return out if out != name else None


def merge_split(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    words = name.split()
    i = _long_word(words, rng, 9)
    if i is not None and rng.random() < 0.5:
        j = rng.randrange(4, len(words[i]) - 3)
        words[i] = words[i][:j] + " " + words[i][j:]
        return " ".join(words)
    pairs = [k for k in range(len(words) - 1) if words[k].isalpha() and words[k + 1].isalpha()]
    if not pairs:
        return None
    k = rng.choice(pairs)
    return " ".join([*words[:k], words[k] + words[k + 1].lower(), *words[k + 2:]])


def cjk_only(name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    if sum(map(has_cjk, name)) * 2 < len(name.replace(" ", "")):
        return None
    text = re.sub(r"[A-Za-z0-9.,()（）\s]+", "", name)
    if len(text) < 4:
        return None
    if rng.random() < 0.5:
        return _han_variant(text, rng)
    stem = CJK_LEGAL_RE.sub("", text)
    return stem + rng.choice(["有限公司", "公司", "股份有限公司"]) if stem != text else stem


SINGLE: dict[str, Callable[[str, random.Random, Sequence[str]], str | None]] = {
    "typo2": typo2, "keyboard": keyboard, "ocr": ocr, "romanisation": romanisation,
    "caps_nopunct": caps_nopunct, "legal_form": legal_form, "word_order": word_order,
    "merge_split": merge_split, "cjk_only": cjk_only}
COMBINABLE = ["typo2", "keyboard", "romanisation", "caps_nopunct", "legal_form", "word_order",
              "merge_split", "ocr"]
KINDS = [*SINGLE, "two_changes"]
NEGATIVE_KINDS = ("unlisted", "near_miss")
RARE = ("cjk_only", "romanisation")


def _variant(kind: str, name: str, rng: random.Random, countries: Sequence[str]) -> str | None:
    if kind != "two_changes":
        return SINGLE[kind](name, rng, countries)
    first, second = rng.sample(COMBINABLE, 2)
    mid = SINGLE[first](name, rng, countries)
    return SINGLE[second](mid, rng, countries) if mid else None


class _Listed:
    """Which entities hold a name, for accepting equivalent answers and rejecting negatives."""

    def __init__(self, lists: Sequence[ParsedList]) -> None:
        self.by_key: dict[str, set[str]] = {}
        self.token_sets: list[frozenset[str]] = []
        for lst in lists:
            for e in lst.entities:
                for n, _m, _w in e.names():
                    toks = normalize(n).tokens
                    self.by_key.setdefault(_key(toks), set()).add(f"{lst.list_id}:{e.entity_id}")
                    self.token_sets.append(frozenset(toks))
        self.all_tokens = frozenset(t for s in self.token_sets for t in s)

    def clean_negative(self, name: str) -> bool:
        """Not listed under this name, no listed name of two words or more inside it, and not
        itself every word of a listed name (that is a partial name, not a clean negative)."""
        toks = frozenset(normalize(name).tokens)
        if not toks or _key(normalize(name).tokens) in self.by_key:
            return False
        return not any((len(s) >= 2 and s <= toks) or toks <= s for s in self.token_sets)


def _crunchbase_names(rng: random.Random, n: int) -> list[str]:
    if not CRUNCHBASE.exists():
        return []
    with CRUNCHBASE.open(newline="", encoding="utf-8") as fh:
        names = sorted({r["company_name"].strip() for r in csv.DictReader(fh)
                        if len(r["company_name"].strip()) >= 4})
    return rng.sample(names, min(n, len(names)))


def build(lists: Sequence[ParsedList], entities: int = 1400, seed: int = SEED) -> list[Item]:
    rng = random.Random(seed)
    listed = _Listed(lists)
    orgs = [(f"{lst.list_id}:{e.entity_id}", e) for lst in lists for e in lst.entities
            if _is_org(e)]
    rng.shuffle(orgs)
    out: list[Item] = []
    seen: set[str] = set()
    counts = dict.fromkeys(KINDS, 0)
    quota = entities * 2 // len(KINDS)
    for idx, (key, e) in enumerate(orgs[:entities]):
        half = "tune" if idx % 2 == 0 else "heldout"
        accept = frozenset({key} | {k for n, _m, _w in e.names()
                                    for k in listed.by_key.get(_key(normalize(n).tokens), ())})
        names = [n for n, _m, weak in e.names() if not weak]
        # The kinds few names allow first, then two others at random.
        order = [*RARE, *rng.sample([k for k in KINDS if k not in RARE], len(KINDS) - len(RARE))]
        added = 0
        for kind in order:
            if counts[kind] >= quota or added >= 2:
                continue
            cands = [n for n in names if has_cjk(n)] if kind == "cjk_only" else \
                [n for n in names if not has_cjk(n)]
            if not cands:
                continue
            q = _variant(kind, rng.choice(cands), rng, e.countries)
            if not q or q in seen or len(normalize(q).key) < 4:
                continue
            seen.add(q)
            counts[kind] += 1
            added += 1
            out.append((kind, q, accept, half))
    negatives = [("unlisted", n) for n in NEGATIVES.split(";")]
    negatives += [("unlisted", n) for n in _crunchbase_names(rng, 500)]
    negatives += [("near_miss", n) for n in HARD_NEGATIVES.split(";")]
    donors = [w for n in _crunchbase_names(random.Random(seed + 1), 800)
              for w in _core(n) if w.isalpha() and len(w) >= 5]
    for _, e in orgs[entities:entities + 600]:
        core = _core(e.name)
        if core and donors and not has_cjk(e.name):
            negatives.append(("near_miss", e.name.replace(core[0], rng.choice(donors), 1)))
    i = 0
    for kind, neg in negatives:
        neg = " ".join(neg.split())
        if neg and neg not in seen and listed.clean_negative(neg):
            seen.add(neg)
            out.append((kind, neg, frozenset(), "tune" if i % 2 == 0 else "heldout"))
            i += 1
    return out


def digest(items: Sequence[Item]) -> str:
    h = hashlib.sha256()
    for kind, q, accept, half in items:
        h.update(f"{kind}\t{q}\t{','.join(sorted(accept))}\t{half}\n".encode())
    return h.hexdigest()[:16]


def main() -> None:
    from screening_common import list_paths

    from kizuna.screening.lists import parse_files

    items = build(parse_files(list_paths()))
    kinds: dict[str, int] = {}
    for kind, _q, _a, _h in items:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(items)} queries, digest {digest(items)} (frozen {FROZEN_DIGEST}): {kinds}")
    rng = random.Random(1)
    for kind, q, _a, half in rng.sample(items, 25):
        print(f"  {kind:13} {half:8} {q}")


if __name__ == "__main__":
    main()
