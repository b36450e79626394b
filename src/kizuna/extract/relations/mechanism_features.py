"""Features the mechanism head alone reads (prefixed ``m:``; the collaborates head never sees
them): the mechanism words (``mechanism_cues`` in the lexicon) of the clause that governs each
party ("funded by X", "X provided a loan to Y", "a memorandum signed between A and B"), of the
path joining the two, and of the sentence; the role each party plays there (agent, subject,
object, "with"/"from"/"to"); money in the governing clause; and the kinds of the two parties
(investor and start-up, two governments or ministries), from the knowledge base or, for a new
name, from the name's own words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from kizuna.extract.mention import Mention
from kizuna.extract.relations.candidates import PairCandidate

PREFIX = "m:"
#: Steps climbed from a party's head word to the word that governs it.
_CLIMB = 5
#: Dependents of the governing word that say what is given or signed ("provided a grant").
_OBJECTS = ("dobj", "attr", "nsubjpass", "oprd", "pobj", "npadvmod", "appos", "compound", "amod",
            "nmod", "prep")


@dataclass(frozen=True)
class MechanismCues:
    words: dict[str, tuple[str, ...]]  # lemma or lower-cased word -> mechanisms it speaks of
    kinds: dict[str, str]  # organization kind -> coarse kind
    name_kinds: tuple[tuple[str, str], ...]  # word of a new organization's name -> coarse kind


@cache
def mechanism_cues() -> MechanismCues:
    raw: dict[str, Any] = yaml.safe_load(resources.files("kizuna.extract").joinpath(
        "lexicon_en.yaml").read_text("utf-8"))["mechanism_cues"]
    words: dict[str, list[str]] = {}
    for mech, listed in raw["words"].items():
        for w in listed:
            words.setdefault(str(w).lower(), []).append(mech)
    kinds = {kind: coarse for coarse, listed in raw["coarse_kinds"].items() for kind in listed}
    name_kinds = tuple((str(w).lower(), coarse) for coarse, listed in raw["name_kinds"].items()
                       for w in listed)
    return MechanismCues({k: tuple(v) for k, v in words.items()}, kinds, name_kinds)


def _mechs(t: Token, cu: MechanismCues) -> tuple[str, ...]:
    return cu.words.get(t.lemma_.lower()) or cu.words.get(t.lower_) or ()


def _inside(sent: Span, m: Mention) -> bool:
    return sent.start <= m.start < m.end <= sent.end


def _coarse(m: Mention, kinds: dict[str, str], governments: frozenset[str],
            cu: MechanismCues) -> str:
    if m.is_country or m.org_id in governments or m.source in ("collective", "leader"):
        return "government"
    if m.org_id is not None:
        return cu.kinds.get(kinds.get(m.org_id, ""), "other")
    name = f" {(m.new_name or m.text).lower()} "
    return next((coarse for w, coarse in cu.name_kinds if f" {w} " in name), "firm")


def _governor(root: Token) -> tuple[Token | None, str]:
    """The verb (or the noun that is not a name) governing a party's head word, and the role
    the party plays for it: its dependency, or the preposition that attaches it."""
    node, role = root, root.dep_
    for _ in range(_CLIMB):
        if node.dep_ in ("conj", "appos", "compound"):
            node = node.head
            continue
        head = node.head
        if head.i == node.i:
            return None, role
        if node.dep_ == "pobj":  # "by X", "with X": the preposition is the role
            role = "by" if head.dep_ == "agent" else head.lower_
            node = head
            continue
        role = role if role in ("by", "with", "from", "to", "between", "among", "for") \
            else node.dep_
        if head.pos_ in ("VERB", "AUX") or (head.pos_ == "NOUN" and head.ent_type_ == ""):
            return head, role
        node = head
    return None, role


def _governed_cues(gov: Token, cu: MechanismCues) -> set[str]:
    """The mechanisms of the governing word and of what it governs directly ("provided a loan",
    "signed a memorandum") and of the word it attaches to ("the grant, awarded by X")."""
    out = set(_mechs(gov, cu))
    for child in gov.children:
        if child.dep_ in _OBJECTS:
            out.update(_mechs(child, cu))
            for grand in child.children:
                if grand.dep_ in ("compound", "amod", "pobj", "nmod"):
                    out.update(_mechs(grand, cu))
    if gov.dep_ in ("acl", "relcl", "xcomp", "advcl") or gov.pos_ == "NOUN":
        out.update(_mechs(gov.head, cu))
    return out


def _money_under(gov: Token) -> bool:
    return any(t.ent_type_ == "MONEY" for t in gov.subtree)


def mechanism_features(c: PairCandidate, kinds: dict[str, str], governments: frozenset[str]
                       ) -> dict[str, float]:
    cu = mechanism_cues()
    sent = c.sentence
    f: dict[str, float] = {}
    ka, kb = sorted((_coarse(c.a, kinds, governments, cu), _coarse(c.b, kinds, governments, cu)))
    f[f"{PREFIX}kinds={ka}|{kb}"] = 1.0
    own: list[set[str]] = []
    for m in (c.a, c.b):
        if not _inside(sent, m) or m.end <= m.start:
            continue
        root = sent.doc[m.start:m.end].root
        gov, role = _governor(root)
        if gov is None:
            own.append(set())
            continue
        mechs = _governed_cues(gov, cu)
        own.append(mechs)
        f[f"{PREFIX}role={role}"] = 1.0
        for mech in mechs:
            f[f"{PREFIX}own={mech}"] = 1.0
            f[f"{PREFIX}own={mech}|{role}"] = 1.0
        if _money_under(gov):
            f[f"{PREFIX}money_clause"] = 1.0
    if len(own) == 2:
        for mech in own[0] & own[1]:
            f[f"{PREFIX}both={mech}"] = 1.0
    elif len(own) == 1:
        for mech in own[0]:
            f[f"{PREFIX}named_own={mech}|{c.source}"] = 1.0
    for t in sent:
        for mech in _mechs(t, cu):
            f[f"{PREFIX}sent={mech}"] = 1.0
    return f
