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
    lead_in_words: frozenset[str]
    bullet_marks: frozenset[str]
    hedges: frozenset[str]
    ownership: frozenset[str]
    roles: frozenset[str]
    members: frozenset[str]


@cache
def cues() -> Cues:
    raw: dict[str, Any] = yaml.safe_load(resources.files("kizuna.extract").joinpath(
        "lexicon_en.yaml").read_text("utf-8"))["relation_cues"]
    return Cues(tuple(sorted(raw["anaphors"], key=len, reverse=True)),
                frozenset(raw["lead_in_words"]), frozenset(raw["bullet_marks"]),
                frozenset(raw["hedges"]), frozenset(raw["ownership"]), frozenset(raw["roles"]),
                frozenset(raw["members"]))


@dataclass
class PairCandidate:
    a: Mention
    b: Mention
    sentence: Span
    source: str  # sentence | list | anaphora
    in_list: bool = False
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

    def __init__(self, pair: tuple[str, str] | None, names: dict[str, str]) -> None:
        self.pair = pair
        self.names = names  # organization id -> name, for the inferred government parties
        self.lead_in: list[Mention] | None = None
        self.last_group: list[Mention] = []

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
        text = sent.text.lower()
        if self.last_group and any(a in text for a in cues().anaphors):
            group = self.last_group
            own = [m for m in named if m.key not in {g.key for g in group}]
            if len(named) < 2:
                out += [PairCandidate(a, b, sent, "anaphora")
                        for i, a in enumerate(group) for b in group[i + 1:]]
            out += [PairCandidate(m, g, sent, "anaphora") for m in own for g in group]
        if len(named) >= 2:
            self.last_group = named
        return out

    def _governments(self, sent: Span) -> list[Mention]:
        if self.pair is None:
            return []
        return [_government(sent, g, self.names.get(g, g)) for g in self.pair]
