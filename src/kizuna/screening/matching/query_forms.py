"""What a screening query carries besides the name: the alternative forms of one raw query.

An officer screens what an invoice, a bill of lading or a news item says: a name with its
address (``X Co., Ltd., Shanshan County, Xinjiang, China``), with a department or a branch
(``X University School of Astronautics``, ``X Corporation Osaka Head Office``), split over two
fields (``X / Y``), or translated (``National Bank of Cuba``). :func:`query_forms` turns one
raw query into the forms worth screening, each with its reason (shown by a match's
``explain``):

- ``whole``: the query as written (always first);
- ``address_cut``: the name before an address, cut at a comma when every part after it is an
  address part (a number, an address or area word in several languages, a country, a short
  place name) or an organisational unit, or cut before a number or ``No.`` inside a part;
- ``after_legal_form``: the name up to a legal form that ends it (``Co., Ltd.``, ``Inc``,
  ``Corporation``) when more words follow that do not name another organisation (a
  ``Research Institute`` after it is a subsidiary, not an address; a legal form opening a
  comma part is the next name's: ``X Corporation, Joint Stock Company Y``);
- ``descriptor_cut``: the name before an organisational unit (department, school, campus,
  branch, office, division, hospital …) and the one or two words naming it, or with
  trailing descriptor words (Group, Holdings) or a country removed;
- ``fields_joined``: fields written on one line (``A / B``) joined;
- ``abbreviations``: common words abbreviated as shipping documents write them expanded
  (``GEN TRDG``, ``IND``), and phrases the lists write contracted contracted (``J.V.``);
- ``translated``: common words of names replaced by their translation, one language at a
  time (Bank/Banco, Plant/Zavod/Factory, 自動車/汽车).

The words are data (``query_words.yaml``), general vocabulary, never the words of one query.
Whether a cut form is still distinctive enough to screen is the matcher's call (it knows the
lists' word counts); this module only reads the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

__all__ = ["REASONS", "QueryForm", "query_forms", "vocabulary"]

#: The reasons a form is screened, in the order the forms are made.
REASONS = ("whole", "address_cut", "after_legal_form", "descriptor_cut", "fields_joined",
           "abbreviations", "translated")

_DATA = Path(__file__).resolve().parent / "query_words.yaml"
_TOKEN = re.compile(r"\S+")
_STRIP = re.compile(r"[^\w&-]+")  # a word compared without its punctuation (Ltd. → ltd)
_DIGIT = re.compile(r"\d")
_NUMBER_START = re.compile(r"^(?:no\.?\d*|#\d*|\d[\d\-/]*[a-z]?)$", re.I)
_OPEN, _CLOSE = "(（[", ")）]"
#: Words of legal phrases written before the name (Joint Stock Company X, Public X).
_LEGAL_PHRASE = frozenset({"joint", "stock", "public", "open", "closed", "private", "limited",
                           "liability", "joint-stock"})
_JOINERS = frozenset({"of", "and", "for", "the", "de", "&"})
MAX_UNIT_LEAD = 2  # words before a unit word that may name the unit (West China Hospital)
MAX_PLACE_WORDS = 3  # a comma part of at most this many words without an org word is a place


@dataclass(frozen=True)
class QueryForm:
    """One form of a query to screen: its text, why it is screened and what was changed."""

    text: str
    reason: str
    detail: str = ""

    @property
    def country(self) -> str | None:
        """The country the cut words end with (…, Xinjiang, China → CN; … Corporation Sudan →
        SD), as an ISO code: the query's country when the caller gave none."""
        if self.reason == "whole" or "translated" in self.reason:
            return None
        from kizuna.screening.countries import country_code

        tail = self.detail.split("; ")[0]
        last = tail.rsplit(",", 1)[-1].strip(" .")
        words = last.split()
        for n in (3, 2, 1):
            if len(words) >= n and _is_country(" ".join(words[-n:])):
                return country_code(" ".join(words[-n:]))
        return None


@cache
def vocabulary() -> dict[str, Any]:
    """The word lists of ``query_words.yaml`` (sets of lower-case words; the equivalence rows
    as tuples)."""
    import yaml

    raw = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader",
                                                                        yaml.SafeLoader))
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            out[key] = {str(k).casefold(): str(w) for k, w in value.items()}
        elif key in ("equivalents", "equivalents_cjk"):
            out[key] = tuple(tuple(str(w).casefold() for w in row) for row in value)
        elif key == "field_separators":
            out[key] = tuple(str(w) for w in value)
        else:
            out[key] = frozenset(str(w).casefold() for w in value)
    return out


def _bare(word: str) -> str:
    return _STRIP.sub("", word.casefold()).strip("-")


def _top_level_commas(text: str) -> list[int]:
    """Positions of the commas outside brackets."""
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif ch in ",，、" and depth == 0:
            out.append(i)
    return out


def _words(part: str) -> list[str]:
    """A part's words without punctuation, hyphenated ones also split (Kita-ku → kita, ku)."""
    out: list[str] = []
    for tok in _TOKEN.findall(part):
        bare = _bare(tok)
        if bare:
            out.append(bare)
            if "-" in bare:
                out += [p for p in bare.split("-") if p]
    return out


def _is_country(part: str) -> bool:
    """A country's name (or a code of three letters: UAE, USA); two-letter codes are words
    too often (AL, CO, IN)."""
    from kizuna.screening.countries import country_code

    text = part.strip(" .,")
    return len(text) >= 3 and country_code(text) is not None


def _kind_of_part(part: str) -> str:
    """``address`` (a street, a number, an area word, a country), ``place`` (a short part
    without a word of an organisation: a city, or a person's given name), ``unit`` (an
    organisational unit: Department of …), or ``name`` (a part of the name)."""
    v = vocabulary()
    words = _words(part)
    if not words:
        return "address"
    if words[0] in v["unit_words"]:
        return "unit"
    if any(w in v["name_enders"] for w in words):
        return "name"
    if _DIGIT.search(part) or _is_country(part) or any(c in part for c in v["address_cjk"]):
        return "address"
    if any(w in v["address_words"] for w in words) \
            or (len(words) >= 2 and words[-1] in v["address_suffixes"]):
        return "address"
    if any(w in v["org_words"] for w in words) or any(w in v["unit_words"] for w in words):
        return "name"
    return "place" if len(words) <= MAX_PLACE_WORDS else "name"


def _clean(text: str) -> str:
    return text.strip(" ,;:/|-–—")


def _address_cut(raw: str) -> list[QueryForm]:
    out: list[QueryForm] = []
    commas = _top_level_commas(raw)
    if commas:
        bounds = [-1, *commas, len(raw)]
        parts = [raw[a + 1:b] for a, b in pairwise(bounds)]
        kinds = [_kind_of_part(p) for p in parts]
        # the longest name whose every following part is an address or a unit, one of them
        # plainly so (a short place name alone is not: "SMITH, John")
        keep = len(parts)
        while keep > 1 and kinds[keep - 1] in ("address", "unit", "place"):
            keep -= 1
        if keep < len(parts) and {"address", "unit"} & set(kinds[keep:]):
            name = _clean(raw[:bounds[keep]])
            tail = _clean(raw[bounds[keep] + 1:])
            reason = "descriptor_cut" if kinds[keep] == "unit" else "address_cut"
            if name:
                out.append(QueryForm(name, reason, tail))
    # an address starting inside a part: a number or "No." after two words or more
    toks = list(_TOKEN.finditer(raw))
    for i, m in enumerate(toks):
        if i >= 2 and _NUMBER_START.match(m.group(0).strip(",.;")) \
                and not _NUMBER_START.match(toks[i - 1].group(0).strip(",.;")):
            name = _clean(raw[:m.start()])
            if name and all(f.text != name for f in out) \
                    and not _names_another(raw[m.start():]):
                out.append(QueryForm(name, "address_cut", _clean(raw[m.start():])))
            break
    return out


def _names_another(tail: str) -> bool:
    """The words after a legal form name another organisation (… Corporation 11th Research
    Institute: a subsidiary), not a unit, a descriptor or a place of this one."""
    v = vocabulary()
    words = _words(tail)
    return any(w in v["org_words"] and w not in v["unit_words"]
               and w not in v["descriptor_words"] for w in words)


def _after_legal_form(raw: str) -> list[QueryForm]:
    """The name up to each run of legal-form words that has a word of the name before it and
    more words after it."""
    enders = vocabulary()["name_enders"]
    toks = list(_TOKEN.finditer(raw))
    out: list[QueryForm] = []
    i = 0
    while i < len(toks):
        if _bare(toks[i].group(0)) in enders:
            j = i
            while j + 1 < len(toks) and _bare(toks[j + 1].group(0)) in enders:
                j += 1
            before = [t for t in toks[:i] if _bare(t.group(0)) not in enders | _LEGAL_PHRASE]
            k = i  # where the legal phrase starts (Joint Stock Company)
            while k > 0 and _bare(toks[k - 1].group(0)) in _LEGAL_PHRASE:
                k -= 1
            starts_part = k > 0 and toks[k - 1].group(0).endswith((",", ";"))
            if before and j + 1 < len(toks) and not starts_part \
                    and not _names_another(raw[toks[j].end():]):
                name = _clean(raw[:toks[j].end()])
                out.append(QueryForm(name, "after_legal_form", _clean(raw[toks[j].end():])))
            i = j + 1
        else:
            i += 1
    return out


def _descriptor_cut(raw: str) -> list[QueryForm]:
    v = vocabulary()
    toks = list(_TOKEN.finditer(raw))
    bare = [_bare(t.group(0)) for t in toks]
    out: list[QueryForm] = []

    def add(end: int) -> None:
        name = _clean(raw[:toks[end - 1].end()])
        if end >= 1 and name and all(f.text != name for f in out):
            out.append(QueryForm(name, "descriptor_cut", _clean(raw[toks[end - 1].end():])))

    for u, word in enumerate(bare):
        if word in v["unit_words"] and u >= 2:
            for lead in range(MAX_UNIT_LEAD + 1):
                end = u - lead
                if end < 2 or bare[end - 1] in _JOINERS or bare[end] in _JOINERS \
                        or any(toks[k].group(0).endswith(",") for k in range(end, u)):
                    continue  # a cut inside "of …" or across a comma is not a unit's name
                add(end)
            break
    end = len(toks)
    while end > 1 and (bare[end - 1] in v["descriptor_words"]
                       or _is_country(toks[end - 1].group(0))):
        end -= 1
    if end < len(toks) and bare[end - 1] not in _JOINERS:
        add(end)
    return out


def _fields_joined(raw: str) -> list[QueryForm]:
    seps = [s for s in vocabulary()["field_separators"] if s in raw]
    if not seps:
        return []
    text = raw
    for s in seps:
        text = text.replace(s, " ")
    return [QueryForm(" ".join(text.split()), "fields_joined", ", ".join(s.strip() or "space"
                                                                          for s in seps))]


def _abbreviations(raw: str) -> list[QueryForm]:
    v = vocabulary()
    toks = list(_TOKEN.finditer(raw))
    pieces, changed, last = [], [], 0
    for t in toks:
        word = t.group(0).casefold().strip(",;:")
        full = v["abbreviations"].get(word) or v["abbreviations"].get(word.rstrip("."))
        if full:
            pieces.append(raw[last:t.start()] + full)
            changed.append(f"{t.group(0).strip(',;:')}→{full}")
            last = t.start() + len(t.group(0).rstrip(",;:"))
    text = "".join(pieces) + raw[last:]
    for phrase, short in v["contractions"].items():
        found = re.search(rf"\b{re.escape(phrase)}\b", text, re.I)
        if found:
            text = text[:found.start()] + short + text[found.end():]
            changed.append(f"{found.group(0)}→{short}")
    return [QueryForm(text, "abbreviations", ", ".join(changed))] if changed else []


def _translated(raw: str) -> list[QueryForm]:
    v = vocabulary()
    toks = list(_TOKEN.finditer(raw))
    rows: dict[int, tuple[str, ...]] = {}
    for i, t in enumerate(toks):
        word = _bare(t.group(0))
        for row in v["equivalents"]:
            if word in row:
                rows[i] = row
                break
    out: list[QueryForm] = []
    if rows:
        width = max(len(r) for r in rows.values())
        for col in range(width):
            pieces, changed = [], []
            last = 0
            for i, t in enumerate(toks):
                row = rows.get(i)
                if row is None or col >= len(row) or not row[col] \
                        or row[col] == _bare(t.group(0)):
                    continue
                pieces.append(raw[last:t.start()] + row[col])
                changed.append(f"{_bare(t.group(0))}→{row[col]}")
                last = t.end()
            if changed:
                out.append(QueryForm("".join(pieces) + raw[last:], "translated",
                                     ", ".join(changed)))
    for row in v["equivalents_cjk"]:
        for word in row:
            if word in raw:
                for other in row:
                    if other != word and other not in raw:
                        out.append(QueryForm(raw.replace(word, other), "translated",
                                             f"{word}→{other}"))
                break
    return out


@lru_cache(maxsize=1 << 16)
def query_forms(raw: str, *, translate: bool = True) -> tuple[QueryForm, ...]:
    """The forms of ``raw`` to screen, the whole query first, each text once."""
    text = " ".join(raw.split()) if "  " not in raw else raw
    forms = [QueryForm(text.strip(), "whole")]
    for make in (_address_cut, _after_legal_form, _descriptor_cut, _fields_joined):
        forms += make(text)
    for f in list(forms):  # each form with its abbreviations expanded
        forms += [QueryForm(g.text, g.reason if f.reason == "whole" else f"{f.reason}+{g.reason}",
                            g.detail if f.reason == "whole" else f"{f.detail}; {g.detail}")
                  for g in _abbreviations(f.text)]
    # a cut form may itself carry a legal-form tail or a unit (Co., Ltd. No.555 …)
    for f in list(forms[1:]):
        forms += [QueryForm(g.text, g.reason, f"{g.detail}; {f.detail}")
                  for g in (*_after_legal_form(f.text), *_descriptor_cut(f.text))]
    if translate:
        for f in list(forms):
            forms += [QueryForm(g.text, "translated" if f.reason == "whole"
                                else f"{f.reason}+translated",
                                g.detail if f.reason == "whole" else f"{f.detail}; {g.detail}")
                      for g in _translated(f.text)]
    seen: set[str] = set()
    out = []
    for f in forms:
        key = " ".join(f.text.casefold().split())
        if key and key not in seen:
            seen.add(key)
            out.append(f)
    return tuple(out)
