"""The Japanese pipeline's spaCy components, registered by name and version.

``kizuna_ja_sentences`` cuts sentences (。！？ and line breaks), ``kizuna_ja_orgs`` finds
organization mentions, ``kizuna_ja_technologies`` tags the taxonomy's Japanese keywords,
``kizuna_ja_relations`` reads collaborations. They run after Sudachi's tokenizer
(``spacy.blank("ja")``) and share a :class:`JaContext` holding the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

import kizuna.extract.components  # noqa: F401  (registers the Doc extensions the English side defines)
from kizuna.extract.japanese.decide import decide
from kizuna.extract.japanese.issuer import issuer
from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention, JaMentionFinder, NewOrg
from kizuna.extract.japanese.model import PairModel, shipped
from kizuna.extract.japanese.normalize import Folded, fold, script, wrap_breaks
from kizuna.extract.japanese.relations import JaCandidate, JaRelationReader
from kizuna.extract.knowledge import KnowledgeBase
from kizuna.extract.layout import in_collaboration_zone, layout_of
from kizuna.model.taxonomy import technologies

VERSIONS = {"kizuna_ja_sentences": "0.2.3", "kizuna_ja_orgs": "0.21.1",
            "kizuna_ja_technologies": "0.1.5", "kizuna_ja_relations": "0.20.2"}

for _attr in ("kizuna_ja_mentions", "kizuna_ja_new_orgs", "kizuna_ja_pairs"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)

_SENTENCE_END = set("。．！？!?")


@dataclass
class JaContext:
    kb: KnowledgeBase
    lexicon: JaLexicon
    decision: str = "model"  # see kizuna.extract.japanese.decide.DECISIONS
    model: PairModel | None = None  # None: the shipped weights


class _Component:
    context: JaContext | None = None

    def configure(self, context: JaContext) -> None:
        self.context = context
        self._configured()

    def _configured(self) -> None:
        pass


@Language.component("kizuna_ja_sentences")
def ja_sentences(doc: Doc) -> Doc:
    """A sentence ends after 。, ！ or ？ (and a closing bracket right after it) and at a line
    break, except the break of a line wrapped at a fixed width (text taken from a PDF,
    :func:`~kizuna.extract.japanese.normalize.wrap_breaks`), which goes on in the next line."""
    closing = ("」", "）", ")", "』")
    wraps = wrap_breaks(doc.text)
    for token in doc[1:]:
        prev = doc[token.i - 1]
        line_break = ("\n" in prev.text or "\n" in prev.whitespace_) and not (
            prev.text == "\n" and prev.idx in wraps)
        after_end = prev.text[-1:] in _SENTENCE_END and token.text not in closing
        after_quote = prev.text in closing and token.i >= 2 and \
            doc[token.i - 2].text[-1:] in _SENTENCE_END
        token.is_sent_start = line_break or after_end or after_quote
    if len(doc):
        doc[0].is_sent_start = True
    return doc


class JaOrgComponent(_Component):
    def __init__(self) -> None:
        self.finder: JaMentionFinder | None = None

    def _configured(self) -> None:
        assert self.context is not None
        self.finder = JaMentionFinder(self.context.kb, self.context.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        assert self.finder is not None and self.context is not None, "configure() first"
        mentions, new_orgs = self.finder.find(doc)
        layout = layout_of(doc)  # not in contacts, a disclaimer or page furniture
        mentions = [m for m in mentions if layout is None or layout.keeps_mentions(m.start_char)]
        mentions = self._anaphora(doc, mentions, new_orgs)
        doc._.kizuna_ja_mentions = mentions
        doc._.kizuna_ja_new_orgs = new_orgs
        doc._.kizuna_mentions = [m.mention for m in mentions]
        return doc

    def _anaphora(self, doc: Doc, mentions: list[JaMention],
                  new_orgs: dict[str, NewOrg]) -> list[JaMention]:
        """同社 (the said company), 同大学, 同省: the latest organization of that kind, a
        sentence's topic (followed by は or が) first."""
        assert self.context is not None
        taken = {i for m in mentions for i in range(m.start_char, m.end_char)}
        out = list(mentions)
        text = doc.text
        for word, kinds in sorted(self.context.lexicon.anaphora.items(), key=lambda kv: -len(
                kv[0])):
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                if not taken & set(range(start, end)):
                    earlier = [m for m in out if m.end_char <= start and m.mention.source not in (
                        "collective",) and not m.mention.is_country
                        and self._kind(m, new_orgs) in kinds]
                    # "NECは同社の株式を": 同社 is never the sentence's own topic (that is 自社)
                    sentence_start = max(text.rfind(c, 0, start) for c in "。\n") + 1
                    own_topics = {m.mention.key for m in earlier if m.start_char >= sentence_start
                                  and text[m.end_char:m.end_char + 1] in "はが"}
                    earlier = [m for m in earlier if m.mention.key not in own_topics]
                    # the paragraph's own organizations first (a story names its company
                    # again in its paragraph: "Xの最高技術責任者は…と話す。同社の…"), its topic
                    # (Xは, Xが) before the latest; else the document's latest topic
                    paragraph = text.rfind("\n", 0, start) + 1
                    here = [m for m in earlier if m.start_char >= paragraph] or earlier
                    topical = [m for m in here if text[m.end_char:m.end_char + 1] in "はが"]
                    candidates = topical or here
                    # the latest by position (resolved anaphora are appended after the names)
                    ref = max(candidates, key=lambda m: m.start_char) if candidates else None
                    # "…と合弁会社を設立した。同社は…": the latest company is one the text does
                    # not name, so 同社 stands for no known organization
                    if ref is not None and any(w in text[ref.end_char:start] for w in (
                            "合弁会社", "子会社", "新会社", "新法人", "現地法人")):
                        ref = None
                    span = doc.char_span(start, end, alignment_mode="expand")
                    if ref is not None and span is not None:
                        out.append(JaMention(type(ref.mention)(
                            span.start, span.end, word, ref.mention.org_id, ref.mention.new_name,
                            source="anaphora"), start, end))
                        taken.update(range(start, end))
                start = text.find(word, end)
        out += self._both(doc, out, taken, new_orgs)
        out += self._issuer(doc, out, taken, new_orgs)
        return sorted(out, key=lambda m: m.start_char)

    def _issuer(self, doc: Doc, mentions: list[JaMention], taken: set[int],
                new_orgs: dict[str, NewOrg]) -> list[JaMention]:
        """当社, 本学, 当研究所: the organization that issues the document (see
        :func:`~kizuna.extract.japanese.issuer.issuer`), wherever the text calls itself so."""
        assert self.context is not None
        text = doc.text
        out: list[JaMention] = []
        for word, kinds in sorted(self.context.lexicon.issuer_references.items(),
                                  key=lambda kv: -len(kv[0])):
            ref: JaMention | None = None
            start = text.find(word)
            if start >= 0:
                ref = issuer(text, word, [m for m in mentions if not m.mention.is_country
                                          and m.mention.source not in ("collective", "anaphora")
                                          and self._kind(m, new_orgs) in kinds])
            while start >= 0 and ref is not None:
                end = start + len(word)
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and not taken & set(range(start, end)) and \
                        not (ref.start_char <= start < ref.end_char):
                    out.append(JaMention(type(ref.mention)(
                        span.start, span.end, word, ref.mention.org_id, ref.mention.new_name,
                        source="anaphora"), start, end))
                    taken.update(range(start, end))
                start = text.find(word, end)
        return out

    def _both(self, doc: Doc, mentions: list[JaMention], taken: set[int],
              new_orgs: dict[str, NewOrg]) -> list[JaMention]:
        """両社 (both companies), 両者: the two latest organizations named before it."""
        assert self.context is not None
        text = doc.text
        out: list[JaMention] = []
        for word in self.context.lexicon.collective_companies:
            start = text.find(word)
            while start >= 0:
                end = start + len(word)
                recent = _latest_pair(text, [m for m in mentions if m.end_char <= start
                                             and not m.mention.is_country
                                             and m.mention.source != "collective"], start)
                span = doc.char_span(start, end, alignment_mode="expand")
                if len(recent) == 2 and span is not None and not taken & set(range(start, end)):
                    for ref in recent.values():
                        out.append(JaMention(type(ref.mention)(
                            span.start, span.end, word, ref.mention.org_id, ref.mention.new_name,
                            source="collective"), start, end))
                    taken.update(range(start, end))
                start = text.find(word, end)
        return out

    def _kind(self, m: JaMention, new_orgs: dict[str, NewOrg]) -> str:
        assert self.context is not None
        if m.mention.org_id is not None:
            return self.context.kb.orgs[m.mention.org_id].kind
        new = new_orgs.get(m.mention.new_name or "")
        return new.kind if new else "company"


def _latest_pair(text: str, earlier: list[JaMention], at: int | None = None
                 ) -> dict[str, JaMention]:
    """The two organizations 両社 stands for: those of the latest sentence that names two or
    more (its topic and the next one named, else its first two), or else the two latest."""
    # the paragraph so far (the line up to 両社) names exactly two: they are the deal's parties
    # ("Aは…Bに出資した。出資額は非公表。両社は…"), whatever earlier paragraphs named
    if earlier and at is not None:
        line_start = text.rfind("\n", 0, at) + 1
        here: dict[str, JaMention] = {}
        for m in sorted(earlier, key=lambda m: m.start_char):
            if m.start_char >= line_start:
                here.setdefault(m.mention.key, m)
        if len(here) == 2:
            return here
    by_sentence: dict[int, list[JaMention]] = {}
    for m in earlier:
        start = max(text.rfind(c, 0, m.start_char) for c in "。\n") + 1
        by_sentence.setdefault(start, []).append(m)
    for start in sorted(by_sentence, reverse=True)[:3]:
        named: dict[str, JaMention] = {}
        for m in sorted(by_sentence[start], key=lambda m: m.start_char):
            named.setdefault(m.mention.key, m)
        if len(named) >= 2:
            ordered = list(named.values())
            topic = next((i for i, m in enumerate(ordered)
                          if text[m.end_char:m.end_char + 1] == "は"), 0)
            chosen = [ordered[topic], *(m for i, m in enumerate(ordered) if i != topic)][:2]
            return {m.mention.key: m for m in chosen}
    recent: dict[str, JaMention] = {}
    for m in sorted(earlier, key=lambda m: -m.start_char):
        recent.setdefault(m.mention.key, m)
        if len(recent) == 2:
            break
    return recent


class JaTechnologyComponent(_Component):
    """Technology keywords of the taxonomy (Japanese and Latin-script ones), as spans labelled
    with the technology id; matched on width-folded text."""

    def __init__(self) -> None:
        self.keywords: list[tuple[str, str]] = []
        for tech in technologies():
            for kw in (*tech.keywords_ja, *(k for k in tech.keywords_en if k.isupper())):
                self.keywords.append((fold(kw), tech.id))
        self.keywords.sort(key=lambda kv: -len(kv[0]))

    def __call__(self, doc: Doc) -> Doc:
        folded = Folded.of(doc.text)
        spans: list[Span] = []
        taken: set[int] = set()
        for kw, tech_id in self.keywords:
            start = folded.text.find(kw)
            while start >= 0:
                end = start + len(kw)
                latin = kw.isascii()
                ok = not latin or not ((start > 0 and folded.text[start - 1].isascii()
                                       and folded.text[start - 1].isalnum())
                                       or (end < len(folded.text)
                                       and folded.text[end].isascii()
                                       and folded.text[end].isalnum()))
                if ok and script(kw[0]) == "kata" and start > 0 and \
                        script(folded.text[start - 1]) == "kata":
                    ok = False
                if ok and not taken & set(range(start, end)):
                    o_start, o_end = folded.span(start, end)
                    span = doc.char_span(o_start, o_end, label=tech_id,
                                         alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
                        taken.update(range(start, end))
                start = folded.text.find(kw, end)
        doc._.kizuna_technologies = spans
        return doc


class JaRelationComponent(_Component):
    def __init__(self) -> None:
        self.reader: JaRelationReader | None = None

    def _configured(self) -> None:
        assert self.context is not None
        kb = self.context.kb
        self.reader = JaRelationReader(self.context.lexicon,
                                       {o.id: o.kind for o in kb.orgs.values()}, kb.governments,
                                       {o.id: o.country for o in kb.orgs.values()})

    def __call__(self, doc: Doc) -> Doc:
        assert self.reader is not None, "configure() first"
        mentions: list[JaMention] = doc._.kizuna_ja_mentions or []
        new_orgs: dict[str, NewOrg] = doc._.kizuna_ja_new_orgs or {}
        for name, new in new_orgs.items():
            self.reader.kinds.setdefault(f"new:{name}", new.kind)
        candidates: list[JaCandidate] = []
        index = 0
        for sent in doc.sents:
            in_sent = []
            while index < len(mentions) and mentions[index].mention.start < sent.end:
                if mentions[index].mention.start >= sent.start:
                    in_sent.append(mentions[index])
                index += 1
            if len(in_sent) >= 2 or any(m.mention.source == "collective" for m in in_sent):
                candidates += self.reader.read(doc, sent, in_sent)
        assert self.context is not None
        decided, pairs = decide(doc, mentions, candidates, self.reader, self.context.lexicon,
                                self.context.model or shipped(), self.context.decision)
        # none from boilerplate, contacts or a disclaimer; their pairs are still scored, so that
        # training sees them as negatives
        decided = [c for c in decided if in_collaboration_zone(doc, c.sentence)]
        doc._.kizuna_candidates = decided
        doc._.kizuna_ja_pairs = pairs
        return doc


@Language.factory("kizuna_ja_orgs")
def make_ja_orgs(nlp: Language, name: str) -> Any:
    return JaOrgComponent()


@Language.factory("kizuna_ja_technologies")
def make_ja_technologies(nlp: Language, name: str) -> Any:
    return JaTechnologyComponent()


@Language.factory("kizuna_ja_relations")
def make_ja_relations(nlp: Language, name: str) -> Any:
    return JaRelationComponent()
