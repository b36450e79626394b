"""Candidate party pairs for the Japanese relation model, beyond the one-sentence rules.

Every pair of distinct organizations that one sentence names is a candidate; so is the pair of
parties a list's lead-in names ("両政府は、以下の取組を進める。") with each item under it
("・…共同調査を実施する。") that does not name two parties of its own. The model
(:mod:`~kizuna.extract.japanese.model`) decides which candidates are collaborations, from the
features :mod:`~kizuna.extract.japanese.features` computes. List markers and lead-in words live in
``lexicon_ja.yaml``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention

#: More organizations than this in one sentence: a list of members, paired only by the rules.
MAX_KEYS = 8
#: How many sentences back a lead-in without parties looks for the parties just named.
LOOK_BACK = 3


@dataclass
class PairCandidate:
    a: JaMention
    b: JaMention
    sentence: Span
    item: bool = False  # the sentence is a list item
    from_lead_in: bool = False  # the parties come from the list's lead-in
    lead_in: Span | None = None
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0

    @property
    def keys(self) -> frozenset[str]:
        return frozenset((self.a.mention.key, self.b.mention.key))


def is_item(sent: Span, lx: JaLexicon) -> bool:
    text = sent.text.lstrip()
    return any(p.match(text) for p in lx.list_markers)


def _distinct(mentions: list[JaMention]) -> list[JaMention]:
    by_key: dict[str, JaMention] = {}
    for m in mentions:
        by_key.setdefault(m.mention.key, m)
    return list(by_key.values())


def _parties(mentions: list[JaMention], kinds: dict[str, str],
             not_parties: set[str]) -> list[JaMention]:
    return [m for m in mentions if kinds.get(m.mention.key) not in not_parties
            and not m.mention.credit]


def pair_candidates(doc: Doc, mentions: list[JaMention], lx: JaLexicon, kinds: dict[str, str],
                    not_parties: set[str]) -> list[PairCandidate]:
    sents = list(doc.sents)
    by_sent: list[list[JaMention]] = []
    index = 0
    ordered = sorted(mentions, key=lambda m: m.mention.start)
    for sent in sents:
        inside: list[JaMention] = []
        while index < len(ordered) and ordered[index].mention.start < sent.end:
            if ordered[index].mention.start >= sent.start:
                inside.append(ordered[index])
            index += 1
        by_sent.append(_parties(inside, kinds, not_parties))
    out: list[PairCandidate] = []
    lead_in: int | None = None
    for i, sent in enumerate(sents):
        if not sent.text.strip():
            continue  # a blank line neither ends a list nor starts one
        own = _distinct(by_sent[i])
        item = is_item(sent, lx)
        if not item:
            lead_in = i if _is_lead_in(sent, lx) else None
        if len(own) <= MAX_KEYS:
            for a, b in itertools.combinations(own, 2):
                out.append(PairCandidate(a, b, sent, item=item))
        if item and lead_in is not None and len(own) < 2:
            for a, b in itertools.combinations(_lead_in_parties(lead_in, by_sent), 2):
                out.append(PairCandidate(a, b, sent, item=True, from_lead_in=True,
                                         lead_in=sents[lead_in]))
    return out


def _is_lead_in(sent: Span, lx: JaLexicon) -> bool:
    text = sent.text.strip()
    return any(w in text for w in lx.lead_in_words) and text[-1:] in "。：:"


def _lead_in_parties(i: int, by_sent: list[list[JaMention]]) -> list[JaMention]:
    """The lead-in's parties; when it names fewer than two ("本覚書では、以下の分野で協力
    を行う。"), those of the latest sentence before it that names two or more."""
    own = _distinct(by_sent[i])
    if len(own) >= 2:
        return own[:MAX_KEYS]
    for j in range(i - 1, max(-1, i - 1 - LOOK_BACK), -1):
        earlier = _distinct(by_sent[j])
        if len(earlier) >= 2:
            return earlier[:MAX_KEYS]
    return []
