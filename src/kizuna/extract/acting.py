"""Organizations the statistical NER mislabels or misses, recognised by how the sentence uses
them rather than by their names.

The small English model often calls an unfamiliar company a person or a place ("Tallgrass
Graphite", "Zipline"), or finds nothing at all. A proper-noun phrase is read as an organization
when its sentence treats it as one:

- it is described by an organization noun in apposition ("X, a Kansas startup");
- it is coordinated with an organization already found ("A, B and C signed", "A and X agreed"),
  read repeatedly so a whole list follows from one known member;

and nothing marks it as a person (a title or honorific before it, or a "said"-like appositive).
NER spans are also cut where the sentence shows they run on: at an opening parenthesis ("Japan
Institute for Health Security (JIHS" names the institute; the acronym is defined after it), and
at "and" between two capitalised names with no organization word to hold them together
("Skyports and Aerosense"). Subnational governments the NER reads as bare places are widened to
their administrative word ("Aichi" + "Prefecture", "City of" + "Kitakyushu").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span

#: NER labels that can hide an organization (ORG spans are read by the mention finder itself).
#: Facilities, products and works are named parts of a deal, never a party to it.
_HIDING_LABELS = {"PERSON", "GPE", "NORP", "LOC"}


@dataclass(frozen=True)
class ActingCues:
    descriptors: frozenset[str]  # organization nouns: "startup", "maker", "university"
    person_marks: frozenset[str]  # titles and honorifics before a person's name
    place_heads: frozenset[str]  # "Prefecture", "City": the name is an administration
    place_prefixes: frozenset[str]  # "State" of "State of Michigan"
    name_heads: frozenset[str]  # words that hold a coordinated name together ("Foundation")
    joiners: frozenset[str]  # function words inside one organization's name ("of", "for")


@cache
def acting_cues() -> ActingCues:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    org = raw["organization_cues"]
    return ActingCues(frozenset(raw["org_descriptors"]), frozenset(org["person_marks"]),
                      frozenset(org["acting_place_heads"]), frozenset(org["place_prefixes"]),
                      frozenset([*org["name_heads"], *org["subsidiary_heads"]]),
                      frozenset(org["name_joiners"]))


def cut_runs(span: Span) -> list[Span]:
    """An NER organization span cut at an opening parenthesis and split at "and" when it joins
    two names without an organization word holding them together."""
    doc = span.doc
    paren = next((t.i for t in span if t.text == "("), None)
    close = next((t.i for t in span if t.text == ")"), None)
    if paren is not None and (close is None or close == span.end - 1):
        span = doc[span.start:paren]  # "Name (ACR": the name; "The A (B) Partnership" stays
    words = [t for t in span if t.lower_ in ("and", "&")]
    cues = acting_cues()
    if len(words) != 1 or not len(span):
        return [span] if len(span) else []
    if any(t.lower_ in cues.joiners or t.text == "," for t in span) or \
            span[-1].lower_ in cues.name_heads:
        return [span]
    cut = words[0].i
    left, right = doc[span.start:cut], doc[cut + 1:span.end]
    if not len(left) or not len(right) or not all(p[0].is_title for p in (left, right)):
        return [span]
    return [left, right]


def join_split_names(ents: list[Span]) -> list[Span]:
    """"Gordon" + "and" + "Betty Moore Foundation", "Commonwealth Scientific and" + "Industrial
    Research Organisation": the NER cut one name at its "and"; the second part ends with an
    organization word and the first has none, so they are one name."""
    cues, ands = acting_cues(), ("and", "&")
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and ent.label_ == "ORG" and ent[-1].lower_ in cues.name_heads \
                and not any(t.lower_ in cues.name_heads for t in prev):
            doc = ent.doc
            joined = (prev[-1].lower_ in ands and ent.start == prev.end) or (
                ent.start == prev.end + 1 and doc[prev.end].lower_ in ands)
            if joined:
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
                continue
        out.append(ent)
    return out


def widen_place(ent: Span) -> Span:
    """"Aichi" before "Prefecture", "Kitakyushu" after "City of": the administration."""
    doc, cues = ent.doc, acting_cues()
    start, end = ent.start, ent.end
    if end < len(doc) and doc[end].lower_ in cues.place_heads and doc[end].is_title:
        end += 1
    if start >= 2 and doc[start - 1].lower_ == "of" and \
            doc[start - 2].lower_ in cues.place_prefixes and doc[start - 2].is_title:
        start -= 2
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def is_acting_place(ent: Span) -> bool:
    """A place name with its administrative word: "Fukuoka Prefecture", "the State of Ohio"."""
    cues = acting_cues()
    words = [t for t in ent if t.lower_ not in ("the", "a")]
    if ent.label_ not in ("PERSON", "GPE", "FAC", "LOC") or len(words) < 2:
        return False
    return words[-1].lower_ in cues.place_heads or (
        words[0].lower_ in cues.place_prefixes and words[1].lower_ == "of")


def _proper_runs(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Mislabelled entities, and runs of proper nouns the NER left unlabelled."""
    in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
    for ent in doc.ents:
        if ent.label_ in _HIDING_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            yield ent
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in in_ent and j not in taken \
                and doc[j].text[:1].isupper():
            j += 1
        if j > i:
            yield doc[i:j]
        i = max(j, i + 1)


def _person_marked(span: Span) -> bool:
    cues, doc = acting_cues(), span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in cues.person_marks:
        return True
    return any(t.lower_.rstrip(".") in cues.person_marks for t in span[:1])


def _described(run: Span) -> bool:
    """An appositive organization noun: by the parse, or by the surface ", a ... startup" (the
    small model often parses the appositive as a verb)."""
    descriptors = acting_cues().descriptors
    if any(c.dep_ == "appos" and c.lemma_.lower() in descriptors for c in run.root.children):
        return True
    doc = run.doc
    if run.end + 2 >= len(doc) or doc[run.end].text != "," or \
            doc[run.end + 1].lower_ not in ("a", "an", "the"):
        return False
    for t in doc[run.end + 2:min(run.end + 7, len(doc))]:
        if t.is_punct and t.text != "-":
            return False
        if t.lower_ in descriptors or t.lemma_.lower() in descriptors:
            return True
    return False


def _coordinated(run: Span, orgs: set[int]) -> bool:
    """Coordinated with an organization: by the parse, or next to one across "and" or a
    comma."""
    root, doc = run.root, run.doc
    partners = [c.i for c in root.children if c.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head.i)
    links = ("and", "&")
    if run.start >= 2 and doc[run.start - 1].lower_ in links:
        partners.append(run.start - 2)
    if run.end + 1 < len(doc) and doc[run.end].lower_ in links:
        partners.append(run.end + 1)
    return any(i in orgs for i in partners)


def acting_organizations(doc: Doc, mention_tokens: set[int], country_tokens: set[int]
                         ) -> list[Span]:
    """Spans the sentence uses as organizations though the NER did not call them one. Country
    names coordinate with places ("Japan, Korea and Germany"), so they are no evidence, and a
    name the NER calls a place needs an organization noun describing it."""
    runs = [r for r in _proper_runs(doc, mention_tokens | country_tokens)
            if not _person_marked(r)]
    orgs = set(mention_tokens) - country_tokens
    found: list[Span] = []
    changed = True
    while changed:
        changed = False
        for run in runs:
            if run in found:
                continue
            if _described(run) or (run.label_ != "GPE" and _coordinated(run, orgs)):
                found.append(run)
                orgs.update(range(run.start, run.end))
                changed = True
    return sorted(found, key=lambda s: s.start)
