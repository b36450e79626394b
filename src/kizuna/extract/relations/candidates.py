"""Candidate pairs of organizations that a piece of text links, before anyone decides whether
they collaborate.

Four ways a pair becomes a candidate:

- ``sentence``: two organizations mentioned in one sentence (every pair of distinct ones);
- ``list``: an item of a list whose lead-in line ends with a colon ("Together, we will:") and
  names no two parties itself: the lead-in's parties, or the document's two governments;
- ``anaphora``: a sentence that refers back ("the two companies", "the partnerships") to the
  parties of the last sentence that named two or more; a party it names itself is paired with
  each of them ("the partnerships are supported by X");
- the sentence pairs also cover "between A and B, and between C and D"; which of them belong
  together is a feature (``features.between_groups``), not a rule here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span

from kizuna.extract.mentions import Mention
from kizuna.model.vocab import Mechanism

#: More organizations than this in one sentence is a list of actors; pairs are still made, but
#: only between the first ones (a consortium's members are rarely more).
MAX_KEYS = 16


@dataclass(frozen=True)
class Cues:
    anaphors: tuple[str, ...]
    determiners: frozenset[str]
    heads: frozenset[str]
    lead_in_words: frozenset[str]
    bullet_marks: frozenset[str]
    hedges: frozenset[str]
    ownership: frozenset[str]
    roles: frozenset[str]
    members: frozenset[str]
    group_openers: frozenset[str]
    future_modals: frozenset[str]
    conditionals: frozenset[str]
    membership: frozenset[str]


@cache
def cues() -> Cues:
    raw: dict[str, Any] = yaml.safe_load(resources.files("kizuna.extract").joinpath(
        "lexicon_en.yaml").read_text("utf-8"))["relation_cues"]
    return Cues(tuple(sorted(raw["anaphors"], key=len, reverse=True)),
                frozenset(raw["anaphor_determiners"]), frozenset(raw["anaphor_heads"]),
                frozenset(raw["lead_in_words"]), frozenset(raw["bullet_marks"]),
                frozenset(raw["hedges"]), frozenset(raw["ownership"]), frozenset(raw["roles"]),
                frozenset(raw["members"]), frozenset(raw["group_openers"]),
                frozenset(raw["future_modals"]), frozenset(raw["conditionals"]),
                frozenset(raw["membership"]))


@dataclass
class PairCandidate:
    a: Mention
    b: Mention
    sentence: Span
    source: str  # sentence | list | anaphora
    in_list: bool = False
    n_named: int = 2  # organizations named in the sentence
    features: dict[str, float] = field(default_factory=dict)
    rule: Mechanism | None = None  # the mechanism the hand-written rules read for the pair

    @property
    def keys(self) -> frozenset[str]:
        return frozenset((self.a.key, self.b.key))


def distinct(mentions: list[Mention]) -> list[Mention]:
    """The first mention of each organization, in order, without picture credits."""
    seen: dict[str, Mention] = {}
    for m in mentions:
        if not m.credit and m.key not in seen:
            seen[m.key] = m
    return list(seen.values())


def is_bullet(sent: Span) -> bool:
    first = sent[0] if len(sent) else None
    if first is None:
        return False
    if first.text in cues().bullet_marks:
        return True
    return first.like_num and len(sent) > 1 and sent[1].text in (".", ")")


def refers_back(sent: Span, named: list[Mention]) -> bool:
    """Whether the sentence refers to parties named before: a listed anaphor, or a determiner
    or possessive with a noun that names a kind of organization or arrangement, outside any
    named mention."""
    c = cues()
    text = sent.text.lower()
    if any(a in text for a in c.anaphors):
        return True
    inside = {i for m in named for i in range(m.start, m.end)}
    for t in sent:
        if t.i in inside or t.lower_ not in c.heads:
            continue
        if any(d.lower_ in c.determiners for d in t.children if d.dep_ in ("det", "poss")):
            return True
    return False


def is_lead_in(sent: Span) -> bool:
    words = [t for t in sent if not t.is_space]
    if not words or words[-1].text != ":":
        return False
    return any(t.lower_ in cues().lead_in_words for t in words[-4:-1])


def _government(sent: Span, org_id: str, name: str) -> Mention:
    # a party the lead-in stands for: no span of its own (like the rules' inferred parties)
    return Mention(sent.start, sent.start, name, org_id, source="inferred", is_country=True)


class CandidateFinder:
    """Walks a document's sentences in order, keeping the state lists and anaphora need."""

    def __init__(self, pair: tuple[str, str] | None, names: dict[str, str],
                 governments: frozenset[str]) -> None:
        self.pair = pair
        self.names = names  # organization id -> name, for the inferred government parties
        self.governments = governments
        self.seen_governments: list[str] = []  # in order of first mention
        self.lead_in: list[Mention] | None = None
        self.last_group: list[Mention] = []
        self.focus: list[Mention] = []  # the first group of two or more: the lede's parties

    def read(self, sent: Span, mentions: list[Mention]) -> list[PairCandidate]:
        named = distinct(mentions)[:MAX_KEYS]
        out = [PairCandidate(a, b, sent, "sentence") for i, a in enumerate(named)
               for b in named[i + 1:]]
        bullet = is_bullet(sent)
        if bullet and self.lead_in is not None:
            for c in out:
                c.in_list = True
            if len(named) < 2:
                out += [PairCandidate(a, b, sent, "list", True)
                        for i, a in enumerate(self.lead_in) for b in self.lead_in[i + 1:]]
        elif not bullet:
            self.lead_in = None
        if is_lead_in(sent):
            self.lead_in = named if len(named) >= 2 else self._governments(sent)
        for m in named:
            if m.org_id in self.governments and m.org_id not in self.seen_governments:
                self.seen_governments.append(m.org_id)
        if self.last_group and refers_back(sent, named):
            out += self._back(sent, named, self.last_group, "anaphora")
            if self.focus and self.focus is not self.last_group:
                out += self._back(sent, named, self.focus, "focus")
        if len(named) >= 2:
            self.last_group = named
            self.focus = self.focus or named
        for c in out:
            c.n_named = len(named)
        return out

    @staticmethod
    def _back(sent: Span, named: list[Mention], group: list[Mention], source: str
              ) -> list[PairCandidate]:
        own = [m for m in named if m.key not in {g.key for g in group}]
        out = [PairCandidate(m, g, sent, source) for m in own for g in group]
        if len(named) < 2:
            out += [PairCandidate(a, b, sent, source)
                    for i, a in enumerate(group) for b in group[i + 1:]]
        return out

    def _governments(self, sent: Span) -> list[Mention]:
        """The governments a lead-in without named parties speaks for: those the document has
        named so far (a trilateral statement names three), else its two governments."""
        ids = self.seen_governments if len(self.seen_governments) >= 2 else list(self.pair or ())
        return [_government(sent, g, self.names.get(g, g)) for g in ids]
