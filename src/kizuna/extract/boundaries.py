"""Where an organization's name ends, when the finders stopped short of it.

- A name goes on over the capitalised words right after it ("Rakuten" + "Mobile", "Toyota
  Tsusho" + "America", "Astellas" + "Venture Management"): the gazetteer matched the parent's
  name, or the NER cut the name in two, but the words belong to one name. Titles ("CEO"),
  dates, numbers and the start of a new line stop it.
- A name joined by a hyphen with no spaces ("Q-Ctrl", "Software-Defined Vehicle Alliance") is
  one name.
- An office with its portfolio names its ministry or department: "Minister of Health, Labour and
  Welfare" names the Ministry of Health, Labour and Welfare, however the NER cut the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from kizuna.extract.mention import Mention

#: Entity labels a name's own words never carry.
_NOT_NAME = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}


@dataclass(frozen=True)
class BoundaryCues:
    stops: frozenset[str]  # titles and office words: a person or an office starts there
    joiners: frozenset[str]  # "of", "for": inside a portfolio they continue it
    offices: dict[str, str]  # "minister" -> "Ministry of "
    bodies: frozenset[str]  # "ministry", "department": the body itself, before "of"
    heads: frozenset[str]  # last words of a name a country's name may follow ("Alliance")


@cache
def boundary_cues() -> BoundaryCues:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    org = raw["organization_cues"]
    return BoundaryCues(
        frozenset([*org["person_marks"], *raw["office_holders"]]),
        frozenset(org["name_joiners"]),
        {str(k): str(v) for k, v in org["office_of"].items()},
        frozenset(raw["mention_filter"]["portfolio_bodies"]),
        frozenset([*org["name_heads"], *org["generic_name_words"]]) - {"the", "of", "and",
                                                                        "for"})


def _name_word(t: Token, at_start: bool = False) -> bool:
    """A capitalised word that can go on a name (a sentence's first word only at its start)."""
    return (t.text[:1].isupper() or t.text[:1].isdigit()) and t.ent_type_ not in _NOT_NAME \
        and t.lower_ not in boundary_cues().stops and (at_start or not t.is_sent_start) \
        and "\n" not in t.whitespace_ and t.pos_ in ("PROPN", "NOUN", "X", "NUM")


def _modifies_noun(doc: Doc, end: int) -> bool:
    """The name's last word modifies a common noun after it ("... Crew mission")."""
    last = doc[end - 1]
    return last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN" \
        and last.head.is_lower


def _glued(doc: Doc, i: int) -> bool:
    """Token i is a hyphen written without spaces between two words ("Q-Ctrl")."""
    return 0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i - 1].whitespace_ \
        and not doc[i].whitespace_ and doc[i + 1].text[:1].isupper()


def extend_names(doc: Doc, mentions: list[Mention],
                 resolve: Callable[[str], str | None]) -> list[Mention]:
    """Each organization mention widened over the words of its name the finders left out; a
    mention it then covers is absorbed. The wider name is resolved again (else a new one)."""
    by_start = {m.start: m for m in mentions}
    occupied = {i for m in mentions for i in range(m.start, m.end)}
    heads = boundary_cues().heads
    out: list[Mention] = []
    absorbed: set[int] = set()
    for m in sorted(mentions, key=lambda x: x.start):
        if id(m) in absorbed:
            continue
        if m.is_country or m.source not in ("gazetteer", "ner", "acting", "acronym"):
            out.append(m)
            continue
        start, end = m.start, m.end
        while start >= 2 and _glued(doc, start - 1) and doc[start - 2].text[:1].isupper() \
                and not doc[start - 2].is_sent_start:
            start -= 2
        if start >= 2 and _glued(doc, start - 1):
            start -= 2  # "Q-Ctrl" at a sentence's start: the hyphen still joins it
        while start >= 1 and start - 1 not in occupied and doc[start - 1].pos_ == "PROPN" \
                and _name_word(doc[start - 1], at_start=True) \
                and doc[start - 1].ent_type_ in ("", "ORG", "PERSON"):
            start -= 1  # "Omron" + "Sinic X": the NER called the parent's name a person
        while end < len(doc):
            other = by_start.get(end)
            if other is not None and not other.is_country and other.source in ("gazetteer",
                                                                                "ner"):
                absorbed.add(id(other))
                end = other.end
            elif _glued(doc, end):
                end += 2
            elif _name_word(doc[end]) and doc[end].ent_type_ in ("", "ORG", "PRODUCT"):
                end += 1
            elif _name_word(doc[end]) and doc[end].ent_type_ == "GPE" and \
                    doc[end - 1].lower_ in heads:
                end += 1  # "... Alliance Japan", "... Foundation USA": the country's branch
            else:
                break
        if end > m.end and _modifies_noun(doc, end):
            end = m.end  # "SpaceX Crew-1 mission": the words name a thing of the organization
        if (start, end) == (m.start, m.end):
            out.append(m)
            continue
        text = doc[start:end].text
        org_id = resolve(text)
        out.append(Mention(start, end, text, org_id, None if org_id else text, source="ner",
                           credit=m.credit))
    taken = [(m.start, m.end) for m in out if not m.is_country]
    # a country name swallowed by a wider name ("... Alliance Japan") is part of it
    return [m for m in out if not m.is_country or m.source != "gazetteer"
            or not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                       for s, e in taken)]


def office_names(doc: Doc, mentions: list[Mention],
                 resolve: Callable[[str], str | None]) -> list[Mention]:
    """"Minister of Health, Labour and Welfare", "Ministry of Economy, Trade and Industry":
    the ministry, in place of the pieces of its portfolio the NER found."""
    cues = boundary_cues()
    found: list[Mention] = []
    starts = {m.start for m in mentions}
    for t in doc[:-2]:
        word = t.lower_
        if word not in cues.offices and word not in cues.bodies:
            continue
        if doc[t.i + 1].lower_ != "of" or not doc[t.i + 2].text[:1].isupper() or \
                (word in cues.bodies and t.i in starts):
            continue  # a body the finders read from its first word is theirs
        end = t.i + 2
        while end < len(doc) and _in_portfolio(doc, end):
            end += 1
        portfolio = doc[t.i + 2:end].text
        if "," not in portfolio and " and " not in portfolio:
            continue  # a plain "Minister of Defense" is read by the finders already
        name = (cues.offices[word] if word in cues.offices else t.text + " of ") + portfolio
        org_id = resolve(name)
        first = t.i if word in cues.bodies else t.i + 2
        if any((m.start, m.end) == (first, end) for m in mentions):
            continue  # the finders read it whole already
        found.append(Mention(first, end, doc[first:end].text, org_id,
                             None if org_id else name, source="office"))
    if not found:
        return mentions
    covered = {i for m in found for i in range(m.start, m.end)}
    kept = [m for m in mentions if m.is_country or not any(
        i in covered for i in range(m.start, m.end))]
    return [*kept, *found]


def _in_portfolio(doc: Doc, i: int) -> bool:
    """Token i goes on an office's portfolio: a capitalised field, or a comma or "and" before
    one."""
    tok = doc[i]
    if tok.text[:1].isupper():
        return _field(tok)
    return tok.text in (",", "and", "&") and i + 1 < len(doc) and _field(doc[i + 1]) and \
        _portfolio_goes_on(doc, i + 1)


def _field(tok: Token) -> bool:
    """A word of a portfolio: capitalised, not a title, an acronym or a place ("METI",
    "Japan" start another party)."""
    return tok.text[:1].isupper() and tok.ent_type_ not in _NOT_NAME and \
        tok.ent_type_ not in ("GPE", "NORP") and not (tok.is_upper and len(tok) > 1) and \
        tok.lower_ not in boundary_cues().stops


def _portfolio_goes_on(doc: Doc, i: int) -> bool:
    """After a comma or "and", a single capitalised word that ends the list or is followed by
    another comma or "and": a portfolio's field ("Trade", "Labour"), not a new organization."""
    j = i
    while j < len(doc) and _field(doc[j]):
        j += 1
    return j - i <= 2 and (j >= len(doc) or not doc[j].text[:1].isupper())
