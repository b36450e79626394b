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
from spacy.tokens import Doc, Span, Token

#: NER labels that can hide an organization (ORG spans are read by the mention finder itself).
#: Facilities, products and works are more often named parts of a deal than parties to it: they
#: are proposed with the same evidence and the mention filter, which sees the label, decides.
_HIDING_LABELS = {"PERSON", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"}


@dataclass(frozen=True)
class ActingCues:
    descriptors: frozenset[str]  # organization nouns: "startup", "maker", "university"
    person_marks: frozenset[str]  # titles and honorifics before a person's name
    place_heads: frozenset[str]  # "Prefecture", "City": the name is an administration
    place_prefixes: frozenset[str]  # "State" of "State of Michigan"
    name_heads: frozenset[str]  # words that hold a coordinated name together ("Foundation")
    joiners: frozenset[str]  # function words inside one organization's name ("of", "for")
    suffixes: frozenset[str]  # last words of companies' and institutions' names ("Inc", "Labs")
    triggers: frozenset[str]  # collaboration verbs and nouns ("sign", "partnership")
    party_preps: frozenset[str]  # "with", "between": a party follows
    legal_forms: frozenset[str]  # "Corporation", "Co.": the end of a company's name
    places: frozenset[str]  # countries and regions: places, never acting by themselves
    place_preps: frozenset[str]  # "in", "near": a place follows, never a party


@cache
def acting_cues() -> ActingCues:
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    org = raw["organization_cues"]
    return ActingCues(frozenset(raw["org_descriptors"]), frozenset(org["person_marks"]),
                      frozenset(org["acting_place_heads"]), frozenset(org["place_prefixes"]),
                      frozenset([*org["name_heads"], *org["subsidiary_heads"]]),
                      frozenset(org["name_joiners"]), frozenset(org["org_suffixes"]),
                      frozenset(w for spec in raw["triggers"].values()
                                for key in ("verbs", "nouns") for w in spec.get(key, [])),
                      frozenset(raw["party_preps"]) - {"and"}, frozenset(org["legal_forms"]),
                      frozenset(org["place_names"]),
                      frozenset(raw["mention_filter"]["place_only_preps"]))


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
    if any(t.lower_ in cues.joiners or t.text == "," for t in span):
        return [span]
    cut = words[0].i
    left, right = doc[span.start:cut], doc[cut + 1:span.end]
    if len(right) >= 2 and right[0].lower_ == "the" and len(left) and \
            left[0].text[:1].isupper():
        return [left, right[1:]]  # "A and the B": an article starts a second name
    if not len(left) or not len(right) or not all(p[0].text[:1].isupper()
                                                  for p in (left, right)):
        return [span]
    # "Hyosung Heavy Industries and Iwatani Corporation", "Princeton University and Rutgers
    # University": each side a complete name, ending with its own legal form or name word
    complete = len(left) >= 2 and (left[-1].lower_.rstrip(".") in cues.legal_forms or (
        left[-1].lower_ in cues.name_heads and right[-1].lower_ in cues.name_heads))
    if right[-1].lower_.rstrip(".") in cues.legal_forms and len(right) == 1:
        return [span]  # "Mitsuhama & Co."
    if (span[-1].lower_ in cues.name_heads or words[0].text == "&") and not complete:
        return [span]  # "Morrison & Foerster", "Science and Technology Agency"
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
            # an organization before the "and" is a name of its own ("SBI Investment" +
            # "Sumitomo Mitsui Trust Bank", "Siemens Energy" + "IHI Corporation") unless what
            # follows is only a field and an organization word ("Tokyo Medical" + "Dental
            # University")
            split_field = len(ent) == 2 and ent[-1].lower_.rstrip(".") not in cues.legal_forms
            joined = (prev[-1].lower_ in ands and ent.start == prev.end) or (
                ent.start == prev.end + 1 and doc[prev.end].lower_ in ands
                and (prev.label_ != "ORG" or split_field))
            if joined:
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
                continue
        out.append(ent)
    return out


def join_campus(ents: list[Span], campus_heads: frozenset[str]) -> list[Span]:
    """"University of California" + ", " + "Davis": a university named with its campus, the
    place the NER read after the comma (followed by no further name of the same list)."""
    out: list[Span] = []
    skip: set[int] = set()
    for k, ent in enumerate(ents):
        if k in skip:
            continue
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        doc = ent.doc
        if nxt is not None and ent.label_ == "ORG" and nxt.label_ in ("GPE", "LOC") and \
                nxt.start == ent.end + 1 and doc[ent.end].text == "," and len(nxt) <= 4 and \
                any(t.lower_ in campus_heads for t in ent) and not (
                    nxt.end + 1 < len(doc) and doc[nxt.end].text == ","
                    and doc[nxt.end + 1].ent_type_ in ("GPE", "LOC")):
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            skip.add(k + 1)
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


def _proper(t: Token) -> bool:
    """A word of a name: a capitalised proper noun, or a word in capitals whatever its tag
    (the tagger reads an unknown "QVKT" as a noun or a verb)."""
    return t.text[:1].isupper() and (t.pos_ == "PROPN" or (
        len(t.text) >= 3 and t.text.isupper() and t.text.isalnum()))


def _proper_runs(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Mislabelled entities, and runs of proper nouns the NER left unlabelled."""
    in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
    for ent in doc.ents:
        if ent.label_ in _HIDING_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            yield ent
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _proper(doc[j]) and j not in in_ent and j not in taken:
            j += 1
        if j > i:
            yield doc[i:j]
        i = max(j, i + 1)


def places_of(doc: Doc) -> frozenset[str]:
    """Names the document uses as places somewhere: after "in", "near", "across" ("a plant in
    Sendai"), or before "-based" ("a Sendai-based maker")."""
    preps = acting_cues().place_preps
    out = set()
    for ent in doc.ents:
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ == "the" and ent.start > 1:
            before = doc[ent.start - 2]
        based = ent.end + 1 < len(doc) and doc[ent.end].text in ("-", "–") and \
            doc[ent.end + 1].lower_ in ("based", "headquartered")
        if based or (before is not None and before.lower_ in preps):
            out.add(ent.text)
    return frozenset(out)


def person_marked(span: Span) -> bool:
    """A title, an honorific or a profession noun before the name, or as its first word."""
    cues, doc = acting_cues(), span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in cues.person_marks:
        return True
    return any(t.lower_.rstrip(".") in cues.person_marks for t in span[:1])


def is_place_name(text: str) -> bool:
    """A country's or a region's name ("South Korea", "the Nordics")."""
    words = text.lower().split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words) in acting_cues().places


def used_as_organization(span: Span, orgs: set[int]) -> bool:
    """The sentence uses the name as an organization: described, coordinated with one, or in
    a party's place of a collaboration word."""
    return described(span) or coordinated(span, orgs) or argument(span)


def described(run: Span) -> bool:
    """An appositive organization noun: by the parse, or by the surface ", a ... startup" (the
    small model often parses the appositive as a verb)."""
    descriptors = acting_cues().descriptors
    if any(c.dep_ == "appos" and c.lemma_.lower() in descriptors for c in run.root.children):
        return True
    if described_before(run):
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


def described_before(run: Span) -> bool:
    """An organization noun right before the name, as its title ("the Korean drone maker X",
    "the oil company X's"), or set off by a comma ("a contract manufacturer, X,"): a common
    noun written in lower case, so no name's own word."""
    doc, descriptors = run.doc, acting_cues().descriptors
    i = run.start - 1
    if i >= 1 and doc[i].text == ",":
        i -= 1
    if i < 0:
        return False
    t, root = doc[i], run.root
    if root.dep_ in ("compound", "amod", "nmod") and root.head.i >= run.end and \
            root.head.is_lower:
        return False  # "the alliance S&T priorities": the name modifies a common noun
    return t.is_lower and t.pos_ in ("NOUN", "PROPN", "ADJ") and (
        t.lower_ in descriptors or t.lemma_.lower() in descriptors)


def coordinated(run: Span, orgs: set[int]) -> bool:
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


def suffixed(run: Span) -> bool:
    """Two or more capitalised words ending with a legal form or a business word ("Kessler
    Photonik GmbH", "Aleph Cell Labs")."""
    words = [t for t in run if not t.is_punct]
    return len(words) >= 2 and words[-1].lower_.rstrip(".") in acting_cues().suffixes


def argument(run: Span) -> bool:
    """A party's place of a collaboration word: subject or object of "sign"/"partner" (through
    a coordination), or after "with"/"between" that one governs ("a partnership with X")."""
    cues = acting_cues()
    token = run.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in cues.party_preps:
        head = head.head
    elif token.dep_ not in ("nsubj", "nsubjpass", "dobj", "appos", "compound"):
        return False
    return head.i != token.i and head.lemma_.lower() in cues.triggers


def acting_organizations(doc: Doc, mention_tokens: set[int], country_tokens: set[int]
                         ) -> list[Span]:
    """Spans the sentence uses as organizations though the NER did not call them one: described
    by an organization noun, coordinated with an organization (read repeatedly, so a whole list
    follows from one known member), ending with an organization's last word, or in a party's
    place of a collaboration word. Country names coordinate with places ("Japan, Korea and
    Germany"), so they are no evidence, and a name the NER calls a place needs an organization
    noun or last word. The mention filter judges every one (it sees the NER label and the
    evidence)."""
    runs = [r for r in _proper_runs(doc, mention_tokens | country_tokens)
            if not person_marked(r)]
    orgs = set(mention_tokens) - country_tokens
    placed = places_of(doc)
    found: list[Span] = []
    changed = True
    while changed:
        changed = False
        for run in runs:
            if run in found:
                continue
            # a name the NER calls a place needs an organization noun or last word, unless
            # it is no place the document or the vocabulary knows ("a partnership with
            # Quantinuum": never "in Quantinuum", no country's name)
            used = (run.label_ not in ("GPE", "LOC") or not (
                run.text in placed or is_place_name(run.text))) and (
                coordinated(run, orgs) or argument(run))
            if described(run) or suffixed(run) or used:
                found.append(run)
                orgs.update(range(run.start, run.end))
                changed = True
    return sorted(found, key=lambda s: s.start)
