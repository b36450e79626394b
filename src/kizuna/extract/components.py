"""The extractor's spaCy components, registered by name and version.

``kizuna_orgs`` finds organization mentions, ``kizuna_technologies`` tags technology keywords,
``kizuna_relations`` reads collaborations. They run after the statistical pipeline
(``en_core_web_sm``: tagger, parser, NER) and share a :class:`Context` holding the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.layout import in_collaboration_zone, in_mention_zone
from kizuna.extract.lexicon import Lexicon
from kizuna.extract.mentions import Mention, MentionFinder
from kizuna.extract.relations import Candidate, RelationReader
from kizuna.extract.relations.candidates import CandidateFinder, PairCandidate
from kizuna.extract.relations.features import PairContext, pair_features
from kizuna.extract.relations.mechanism import choose, relabel
from kizuna.extract.relations.mechanism_features import mechanism_features
from kizuna.extract.relations.modality import status, vetoed
from kizuna.extract.relations.model import RelationModel, shipped
from kizuna.model.taxonomy import technologies

VERSIONS = {"kizuna_lines": "0.2.3", "kizuna_orgs": "0.10.2", "kizuna_technologies": "0.1.5",
            "kizuna_relations": "0.12.1"}

#: How collaborations are decided: "union" (the rules' collaborations as high-precision
#: overrides, plus the pairs the classifier accepts), "model" (the classifier alone, rules as
#: features and as the mechanism when they read the pair), "model-only" (no mechanism
#: override either), "rules" (the hand-written rules alone).
RELATION_MODES = ("union", "model", "model-only", "rules")

for _attr in ("kizuna_mentions", "kizuna_technologies", "kizuna_candidates", "kizuna_pair",
              "kizuna_pairs"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


@dataclass
class Context:
    kb: KnowledgeBase
    lexicon: Lexicon


class _Component:
    context: Context | None = None

    def configure(self, context: Context) -> None:
        self.context = context
        self._configured()

    def _configured(self) -> None:
        pass


class OrgComponent(_Component):
    """Organization mentions: gazetteer + statistical NER + acronyms + country compounds, and
    leaders named with their title standing for their government."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.finder: MentionFinder | None = None

    def _configured(self) -> None:
        assert self.context is not None
        self.finder = MentionFinder(self.nlp.vocab, self.context.kb, self.context.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        assert self.finder is not None and self.context is not None, "configure() first"
        mentions = self.finder.find(doc, self.nlp.make_doc)
        mentions += self._leaders(doc, mentions)
        mentions = [m for m in mentions if in_mention_zone(doc, m.start)]  # not contacts, footers
        doc._.kizuna_mentions = sorted(mentions, key=lambda m: m.start)
        doc._.kizuna_pair = self._pair(mentions)
        return doc

    def _leaders(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """"President Biden", "Prime Minister Kishida Fumio": a head of government named with
        the title stands for that government; later bare mentions of the name do too."""
        assert self.context is not None
        titles = {tuple(t.split()): c for t, c in self.context.lexicon.leader_titles.items()}
        governments = self.context.kb.governments
        names: dict[str, str] = {}
        lower = [t.lower_ for t in doc]
        for i in range(len(doc)):
            for title, country in titles.items():
                if tuple(lower[i:i + len(title)]) != title or country not in governments:
                    continue
                j = i + len(title)
                while j < len(doc) and j < i + len(title) + 3 and doc[j].pos_ == "PROPN" \
                        and doc[j].is_title:
                    names[doc[j].text] = governments[country]
                    j += 1
        # a leader's name that the statistical NER took for an organization is the leader
        mentions[:] = [m for m in mentions if not (m.org_id is None and m.text in names)]
        taken = {i for m in mentions for i in range(m.start, m.end)}
        return [Mention(t.i, t.i + 1, t.text, names[t.text], source="leader", is_country=True)
                for t in doc if t.text in names and t.i not in taken and t.pos_ == "PROPN"]

    def _pair(self, mentions: list[Mention]) -> tuple[str, str] | None:
        """The two governments a bilateral text is about: those of the U.S. and Japan when the
        text names either, else the two governments it names most."""
        assert self.context is not None
        governments = self.context.kb.governments
        gov_ids = set(governments.values())
        counts: dict[str, int] = {}
        for m in mentions:
            if m.org_id in gov_ids:
                counts[m.org_id] = counts.get(m.org_id, 0) + 1
        if len(counts) >= 2:
            top = sorted(counts, key=lambda g: -counts[g])[:2]
            return (top[0], top[1])
        if "US" in governments and "JP" in governments:
            return (governments["US"], governments["JP"])
        return None


class TechnologyComponent(_Component):
    """Technology keywords of the taxonomy, as spans labelled with the technology id."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for tech in technologies():
            short = [k for k in tech.keywords_en if k.isupper() and len(k) <= 4]
            longer = [k for k in tech.keywords_en if k not in short]
            if longer:
                self.matcher.add(tech.id, [nlp.make_doc(k) for k in longer])
            if short:
                self.exact.add(tech.id, [nlp.make_doc(k) for k in short])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, s, e, label=m) for matcher in (self.matcher, self.exact)
                 for m, s, e in matcher(doc)]
        doc._.kizuna_technologies = spans
        return doc


class RelationComponent(_Component):
    def __init__(self, nlp: Language) -> None:
        self.reader: RelationReader | None = None
        self.finder: MentionFinder | None = None
        self.nlp = nlp
        self.model: RelationModel | None = None  # None: the weights shipped in the package
        self.mode = "union"
        self.kinds: dict[str, str] = {}
        self.governments: frozenset[str] = frozenset()
        self.names: dict[str, str] = {}

    def _configured(self) -> None:
        assert self.context is not None
        kb = self.context.kb
        self.finder = MentionFinder(self.nlp.vocab, kb, self.context.lexicon)
        kinds = {o.id: o.kind for o in kb.orgs.values()}
        labs: dict[str, list[str]] = {}
        for org in kb.orgs.values():
            parent = org.parent
            if parent and any(w in org.name.lower() for w in ("research", "institute", "lab")):
                labs.setdefault(parent, []).append(org.id)
        countries = {o.id: o.country for o in kb.orgs.values()}
        self.reader = RelationReader(self.context.lexicon, kinds, kb.governments, labs, countries,
                                     new_org=self._name)
        self.kinds = kinds
        self.governments = frozenset(kb.governments.values())
        self.names = {o.id: o.name for o in kb.orgs.values()}

    def _name(self, text: str) -> tuple[str | None, str] | None:
        assert self.finder is not None
        cleaned = self.finder.clean(text)
        if cleaned is None:
            return None
        known = self.finder.kb.resolve(cleaned)
        if known:
            return known, cleaned
        plausible = self.finder.plausible_new(cleaned)
        return (None, plausible) if plausible else None

    def __call__(self, doc: Doc) -> Doc:
        assert self.reader is not None and self.context is not None, "configure() first"
        mentions: list[Mention] = doc._.kizuna_mentions or []
        ruled: list[Candidate] = []
        pairs: list[PairCandidate] = []
        previous: list[Mention] = []
        finder = CandidateFinder(doc._.kizuna_pair, self.names, self.governments)
        index = 0
        for sent in doc.sents:
            in_sent = []
            while index < len(mentions) and mentions[index].start < sent.end:
                if mentions[index].start >= sent.start:
                    in_sent.append(mentions[index])
                index += 1
            if not in_collaboration_zone(doc, sent):  # boilerplate, contacts, a disclaimer
                continue
            found = self.reader.read(sent, in_sent, doc._.kizuna_pair, previous)
            ruled += found
            previous += in_sent
            pairs += self._pairs(sent, in_sent, finder, found)
        doc._.kizuna_pairs = pairs
        model = self.model if self.model is not None else shipped()
        if self.mode == "rules" or model is None:
            doc._.kizuna_candidates = ruled
        else:
            decided = self._decide(pairs, model)
            if self.mode == "union":
                self._relabel(ruled, pairs, model)
            doc._.kizuna_candidates = [*ruled, *decided] if self.mode == "union" else decided
        return doc

    def _pairs(self, sent: Span, in_sent: list[Mention], finder: CandidateFinder,
               found: list[Candidate]) -> list[PairCandidate]:
        assert self.context is not None
        rule_pairs: dict[frozenset[str], Any] = {}
        for cand in found:
            keys = list(dict.fromkeys(m.key for m in cand.parties))
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    rule_pairs.setdefault(frozenset((a, b)), cand.mechanism)
        ctx = PairContext(self.context.lexicon, self.kinds, self.governments, rule_pairs)
        out: list[PairCandidate] = []
        seen: set[frozenset[str]] = set()
        for pair in finder.read(sent, in_sent):
            if pair.keys in seen or len(pair.keys) < 2:
                continue
            seen.add(pair.keys)
            pair.features = pair_features(pair, ctx)
            pair.features.update(mechanism_features(pair, self.kinds, self.governments))
            pair.rule = rule_pairs.get(pair.keys)
            out.append(pair)
        return out

    @staticmethod
    def _relabel(ruled: list[Candidate], pairs: list[PairCandidate], model: RelationModel
                 ) -> None:
        """The mechanism head names the mechanism of the rules' findings too, but for the
        mechanisms the rules read precisely (``mechanism.AUTHORITATIVE``)."""
        by_keys: dict[tuple[int, frozenset[str]], dict[str, float]] = {}
        for pair in pairs:
            by_keys.setdefault((pair.sentence.start, pair.keys), pair.features)
        for cand in ruled:
            keys = list(dict.fromkeys(m.key for m in cand.parties))
            found = [f for i, a in enumerate(keys) for b in keys[i + 1:]
                     if (f := by_keys.get((cand.sentence.start, frozenset((a, b)))))]
            cand.mechanism = relabel(model, cand.mechanism, found)

    def _decide(self, pairs: list[PairCandidate], model: RelationModel) -> list[Candidate]:
        assert self.context is not None
        out = []
        for pair in pairs:
            p = model.probability(pair.features)
            if p < model.threshold or vetoed(pair.features):
                continue
            mech = choose(model, pair.features, pair.rule, override=self.mode != "model-only")
            sent = pair.sentence
            out.append(Candidate([pair.a, pair.b], mech, status(sent, mech, self.context.lexicon),
                                 sent, sent.root, round(p, 3)))
        return out


@Language.component("kizuna_lines")
def mark_line_starts(doc: Doc) -> Doc:
    """Line breaks end sentences unless the line was merely wrapped: headings, captions and list
    items then stay out of the prose sentences next to them (and out of their quotes)."""
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" not in prev.text and "\n" not in prev.whitespace_:
            continue
        before = doc[token.i - 2] if prev.is_space and token.i >= 2 else prev
        wrapped = token.is_lower and before.text[-1:] not in ".!?:;"
        if not wrapped:
            token.is_sent_start = True
    return doc


@Language.factory("kizuna_orgs")
def make_orgs(nlp: Language, name: str) -> Any:
    return OrgComponent(nlp)


@Language.factory("kizuna_technologies")
def make_technologies(nlp: Language, name: str) -> Any:
    return TechnologyComponent(nlp)


@Language.factory("kizuna_relations")
def make_relations(nlp: Language, name: str) -> Any:
    return RelationComponent(nlp)
