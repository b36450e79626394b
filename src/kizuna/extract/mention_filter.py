"""Whether a found name is an organization of the text: a small logistic regression over general
features of the mention (where it came from, the NER label, the head word against the
organization-kind vocabulary, capitalisation, the words around it, how the sentence uses it).

The finders propose names generously (gazetteer, NER, names read by their use, acronyms); this
turns down the ones that read as places ("a plant in Sendai"), pieces of a longer name ("Trade",
"Industry" of a ministry's portfolio), people's titles, documents and programmes. Weights are
JSON (``mention_weights_en.json``), scored in pure Python; ``kizuna train`` fits them with
scikit-learn (:func:`kizuna.extract.train.fit_mentions`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Doc

from kizuna.extract.acting import argument, coordinated, described, is_place_name
from kizuna.extract.mention import Mention

if TYPE_CHECKING:  # imported when loading: the relation package imports the mention finder
    from kizuna.extract.relations.model import LinearHead

WEIGHTS = "mention_weights_en.json"
#: Sources the filter never judges: country names and stand-ins decide the two governments;
#: an office read with its portfolio ("Minister of Economy, Trade and Industry") is a body.
_UNJUDGED = {"compound", "collective", "leader", "inferred", "office"}


@cache
def _cue_sets() -> dict[str, frozenset[str]]:
    """The lexicon's word sets the features look words up in, by name."""
    raw = yaml.safe_load(resources.files("kizuna.extract").joinpath("lexicon_en.yaml")
                         .read_text("utf-8"))
    org = raw["organization_cues"]
    sets = {k: frozenset(v) for k, v in org.items() if isinstance(v, list)}
    sets["descriptor"] = frozenset(raw["org_descriptors"])
    sets["trigger"] = frozenset(w for spec in raw["triggers"].values()
                                for key in ("verbs", "nouns") for w in spec.get(key, []))
    sets["place_preps"] = frozenset(raw["mention_filter"]["place_preps"])
    sets["office_holders"] = frozenset(raw["office_holders"])
    sets["framework"] = frozenset(raw["rule_words"]["framework_words"])
    return sets


def judged(m: Mention) -> bool:
    return not m.is_country and m.source not in _UNJUDGED


def _word_features(prefix: str, words: list[str], out: dict[str, float]) -> None:
    for name, vocab in _cue_sets().items():
        if words[-1] in vocab:
            out[f"{prefix}last_in:{name}"] = 1.0
        if words[0] in vocab:
            out[f"{prefix}first_in:{name}"] = 1.0
        if all(w in vocab for w in words):
            out[f"{prefix}all_in:{name}"] = 1.0


def _neighbour(doc: Doc, i: int, side: str, out: dict[str, float]) -> None:
    """The word next to the mention: function words and punctuation as themselves, others by
    their part of speech (no content word of any document becomes a feature)."""
    if i < 0 or i >= len(doc):
        out[f"{side}:edge"] = 1.0
        return
    t = doc[i]
    if t.is_punct or t.is_stop or t.lower_ in _cue_sets()["place_preps"]:
        out[f"{side}:{t.lower_}"] = 1.0
    else:
        out[f"{side}_pos:{t.pos_}"] = 1.0
        if t.lower_ in _cue_sets()["person_marks"] or t.lower_ in _cue_sets()["office_holders"]:
            out[f"{side}:office"] = 1.0
        if t.lower_ in _cue_sets()["descriptor"]:
            out[f"{side}:descriptor"] = 1.0


@dataclass(frozen=True)
class DocFacts:
    """What every mention's features look up in its document, gathered once."""

    labels: dict[int, str]  # token -> NER label
    places: frozenset[str]  # texts the NER calls a place somewhere
    counts: dict[str, int]  # mention key -> mentions of it
    spans: tuple[tuple[int, int], ...]
    text: str  # the document's text (``Doc.text`` is rebuilt on every access)

    @classmethod
    def of(cls, doc: Doc, mentions: list[Mention]) -> DocFacts:
        counts: dict[str, int] = {}
        for o in mentions:
            counts[o.key] = counts.get(o.key, 0) + 1
        return cls({i: e.label_ for e in doc.ents for i in range(e.start, e.end)},
                   frozenset(e.text for e in doc.ents if e.label_ in ("GPE", "LOC")), counts,
                   tuple((o.start, o.end) for o in mentions), doc.text)


def _after_parenthesis(doc: Doc, end: int) -> int | None:
    """The word after the name, past a parenthesis right after it ("X (XP) Program": the
    name is a programme's)."""
    i = end
    if i < len(doc) and doc[i].text == "(":
        close = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ")"),
                     None)
        i = close + 1 if close is not None else len(doc)
    return i if i < len(doc) else None


def features(m: Mention, doc: Doc, mentions: list[Mention], kinds: dict[str, str],
             facts: DocFacts | None = None) -> dict[str, float]:
    facts = facts or DocFacts.of(doc, mentions)
    span = doc[m.start:m.end]
    words = [t.lower_ for t in span if not t.is_punct] or [t.lower_ for t in span]
    out: dict[str, float] = {f"source:{m.source}": 1.0, "bias": 1.0,
                             f"tokens:{min(len(span), 4)}": 1.0}
    out["known" if m.org_id else "new"] = 1.0
    if m.org_id:
        out[f"kind:{kinds.get(m.org_id, '?')}"] = 1.0
    labels = {facts.labels[i] for i in range(m.start, m.end) if i in facts.labels}
    for label in labels or {"none"}:
        out[f"ner:{label}"] = 1.0
    text = span.text
    if text.isupper():
        out["shape:caps"] = 1.0
    elif all(t.is_title or not t.is_alpha or t.lower_ in _cue_sets()["name_joiners"]
             for t in span):
        out["shape:title"] = 1.0
    else:
        out["shape:mixed"] = 1.0
    for ch, name in ((",", "comma"), ("-", "hyphen"), ("(", "paren")):
        if ch in text:
            out[f"has:{name}"] = 1.0
    if any(ch.isdigit() for ch in text):
        out["has:digit"] = 1.0
    _word_features("", words, out)
    _neighbour(doc, m.start - 1, "prev", out)
    _neighbour(doc, m.end, "next", out)
    after = _after_parenthesis(doc, m.end)
    if after is not None:
        for name, vocab in _cue_sets().items():
            if doc[after].lower_ in vocab:
                out[f"after_in:{name}"] = 1.0
    root = span.root
    out[f"dep:{root.dep_}"] = 1.0
    head = root.head
    if root.dep_ == "pobj":
        out[f"prep:{head.lower_}" if head.lower_ in _cue_sets()["place_preps"] or head.is_stop
            else "prep:other"] = 1.0
        head = head.head
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") and \
            head.lemma_.lower() in _cue_sets()["trigger"]:
        out["argument_of_trigger"] = 1.0
    out["repeated" if facts.counts.get(m.key, 0) > 1 else "once"] = 1.0
    if text in facts.places and "ner:GPE" not in out and "ner:LOC" not in out:
        out["elsewhere_place"] = 1.0
    if any(s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in facts.spans):
        out["inside_longer"] = 1.0
    if m.credit:
        out["credit"] = 1.0
    if is_place_name(text):
        out["place_name"] = 1.0
    # a headline's or a dateline's words ("TOKYO and BOSTON, July 8 --"): places and topics;
    # only where a body follows: a text of one line (a note, a sentence pasted in) has none
    if "\n" not in facts.text[:span.start_char].strip() and "\n" in facts.text.strip():
        out["first_line"] = 1.0
    if any(facts.labels.get(i) == "DATE" for i in range(m.end, min(m.end + 4, len(doc)))):
        out["before_date"] = 1.0
    # how the sentence uses the name (the evidence the acting finder reads, for every name)
    others = {i for o in mentions if o is not m and not o.is_country
              for i in range(o.start, o.end)}
    for name, read in (("described", described(span)), ("coordinated", coordinated(span, others)),
                       ("party_place", argument(span))):
        if read:
            out[f"use:{name}"] = 1.0
    return out


@dataclass(frozen=True)
class MentionModel:
    head: LinearHead
    threshold: float
    trained: dict[str, Any]

    def probability(self, feats: dict[str, float]) -> float:
        return self.head.probabilities(feats)["yes"]

    def to_json(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "trained": self.trained,
                "organization": self.head.to_json()}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> MentionModel:
        from kizuna.extract.relations.model import LinearHead

        return cls(LinearHead.from_json(raw["organization"]), float(raw["threshold"]),
                   dict(raw["trained"]))


#: A model put in place of the shipped one while training (:func:`using`).
_IN_USE: list[MentionModel] = []


@contextmanager
def using(model: MentionModel) -> Iterator[None]:
    """Filter with ``model`` wherever no model was given explicitly (training the relation
    stage on the names this model keeps, without writing its weights first)."""
    _IN_USE.append(model)
    try:
        yield
    finally:
        _IN_USE.pop()


def current() -> MentionModel | None:
    return _IN_USE[-1] if _IN_USE else shipped()


@cache
def shipped() -> MentionModel | None:
    """The weights in the package (None before the first training run)."""
    path = resources.files("kizuna.extract").joinpath(WEIGHTS)
    if not path.is_file():
        return None
    return MentionModel.from_json(json.loads(path.read_text("utf-8")))
