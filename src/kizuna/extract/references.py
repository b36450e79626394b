"""Later references to organizations named once: acronyms a document defines ("Full Name
(FN)") and the distinctive first word of a longer name ("Sakana" after "Sakana AI")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kizuna.extract.acting import used_as_organization
from kizuna.extract.knowledge import KnowledgeBase, is_acronym
from kizuna.extract.mention import Mention

_WORDLIKE = re.compile(r"^[A-Z][a-z]{2,}")
_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")


def acronyms(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """'Full Name (FN)' defines FN for the rest of the document; bare unknown acronyms that
    no definition or knowledge backs are marked as such (source "bare_acronym") for the
    mention filter."""
    defined: dict[str, Mention] = {}
    for m in mentions:
        end_char = doc[m.end - 1].idx + len(doc[m.end - 1])
        after = text[end_char:end_char + 16]
        match = _DEFINITION.match(after.lstrip())
        if match and m.source != "acronym":
            defined[match.group(1)] = m
    kept: list[Mention] = []
    taken: set[int] = set()

    def others(m: Mention) -> set[int]:
        return {i for o in mentions if o is not m and not o.is_country
                for i in range(o.start, o.end)}

    for m in mentions:
        # "IonQ" starts like a word: a name the statistical model found, not a technical term
        if m.org_id is None and is_acronym(m.text) and not _WORDLIKE.match(m.text):
            if m.text in defined:
                base = defined[m.text]
                kept.append(Mention(m.start, m.end, m.text, base.org_id, base.new_name,
                                    source="acronym"))
            elif used_as_organization(doc[m.start:m.end], others(m)):
                # mostly technical terms ("ICT", "S&T"), sometimes an organization known by its
                # letters: kept when the sentence uses it as one ("the battery maker CATL",
                # "Nagoya University and the CSIRO signed"), for the mention filter to judge
                # knowing it is undefined
                kept.append(Mention(m.start, m.end, m.text, None, m.new_name,
                                    source="bare_acronym", credit=m.credit))
            taken.update(range(m.start, m.end))
            continue
        kept.append(m)
        taken.update(range(m.start, m.end))
    for token in doc:
        found = defined.get(token.text)
        if found is not None and token.i not in taken:
            base = found
            kept.append(Mention(token.i, token.i + 1, token.text, base.org_id,
                                base.new_name, source="acronym"))
    return kept

def short_names(doc: Doc, mentions: list[Mention], kb: KnowledgeBase,
                generic_first: frozenset[str]) -> list[Mention]:
    """After "Sakana AI" or "Realtime Robotics Inc." has been named, its distinctive first
    word alone ("Sakana", "Realtime") refers to it in the rest of the document."""
    first: dict[str, Mention] = {}
    for m in mentions:
        words = doc[m.start:m.end]
        if len(words) < 2 or m.is_country or m.source == "acronym":
            continue
        head = words[0]
        # a first word that is itself another organization's name ("Toyota" of "Toyota
        # Ventures") is left alone
        other = kb.resolve(head.text)
        if head.pos_ == "PROPN" and len(head.text) >= 4 and head.is_title and \
                head.lower_ not in generic_first and other in (None, m.org_id):
            first.setdefault(head.text, m)
    if not first:
        return []
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for token in doc:
        base = first.get(token.text)
        if base is None or token.i in taken or token.i < base.start:
            continue
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN":
            continue  # part of another name: "Sakana Labs"
        out.append(Mention(token.i, token.i + 1, token.text, base.org_id, base.new_name,
                           source="acronym"))
    return out
