"""Whether a sentence states a fact: modality, negation, recommendation and hedge cues, and the
status a stated collaboration has. Word lists come from the lexicon YAML."""

from __future__ import annotations

from spacy.tokens import Span, Token

from kizuna.extract.lexicon import Lexicon
from kizuna.extract.relations.candidates import cues
from kizuna.model.vocab import Mechanism, Status

_DONE = (Mechanism.ACQUISITION, Mechanism.INVESTMENT, Mechanism.FUNDING, Mechanism.DIALOGUE)


def cue_features(sent: Span, lx: Lexicon) -> dict[str, float]:
    """One feature per kind of cue present in the sentence."""
    c = cues()
    out: dict[str, float] = {}
    for t in sent:
        word, lemma = t.lower_, t.lemma_.lower()
        if word in lx.modals and t.tag_ == "MD":
            out[f"modal={word}"] = 1.0
        if lemma in lx.recommend_verbs and t.pos_ == "VERB":
            out["recommend"] = 1.0
        if word in lx.negations or t.dep_ == "neg":
            out["negation"] = 1.0
        if word in c.hedges or lemma in c.hedges:
            out["hedge"] = 1.0
        if lemma in c.ownership:
            out["ownership"] = 1.0
        if lemma in c.roles or word in c.roles:
            out["role"] = 1.0
        if word == "will" and t.tag_ == "MD":
            out["future"] = 1.0
        if t.tag_ == "VBD":
            out["past"] = 1.0
    return out


def scoped_cues(governors: list[Token], lx: Lexicon, anchor: Token | None = None
                ) -> dict[str, float]:
    """Cues said of the clause that links a pair (the verbs governing the path between them,
    from ``anchor``, the path's top), rather than anywhere in the sentence: "A should partner
    with B" against "A, which could grow, partnered with B". A verb of recommending governing
    the anchor ("we recommend that A and B collaborate", even with "collaborate" tagged a noun)
    is a recommendation above the pair."""
    c = cues()
    out: dict[str, float] = {}
    for k, verb in enumerate(governors):
        where = "scope" if k == 0 else "above"
        lemma = verb.lemma_.lower()
        above = k > 0 or (anchor is not None and verb.i != anchor.i)
        if above and lemma in lx.recommend_verbs:
            out["above_recommend"] = 1.0
        if lemma in c.hedges:
            out[f"{where}_hedge"] = 1.0
        for child in verb.children:
            word = child.lower_
            if child.tag_ == "MD":
                kind = "modal" if word in lx.modals else "future" if word in \
                    c.future_modals else "other_md"
                out[f"{where}_{kind}"] = 1.0
            if child.dep_ == "neg" or (word in lx.negations and child.dep_ in ("det", "advmod")):
                out[f"{where}_neg"] = 1.0
            if child.dep_ == "mark" and word in c.conditionals:
                out[f"{where}_conditional"] = 1.0
            if word in c.hedges or child.lemma_.lower() in c.hedges:
                out[f"{where}_hedge"] = 1.0
    return out


#: Cues of the clause linking a pair that make it no stated fact, however sure the classifier
#: is (the annotation conventions exclude them all): a modal ("should", "could") or a negation
#: on that clause, a verb of recommending above it, a condition.
VETOES = ("scope_modal", "scope_neg", "above_recommend", "scope_conditional")


#: Whether the vetoes are the clause's (``VETOES``) or, as before, any cue in the sentence.
SCOPED = True


def vetoed(features: dict[str, float]) -> bool:
    """Whether the pair's clause is vetoed (``VETOES``); elsewhere in the sentence a modal or a
    negation is only a feature ("A, which could grow, partnered with B" states a fact)."""
    if not SCOPED:
        return any(k.startswith("modal=") or k in ("recommend", "negation") for k in features)
    return any(k in features for k in VETOES)


def status(sent: Span, mechanism: Mechanism, lx: Lexicon) -> Status:
    """Announced when the sentence speaks of the future or an announcement, completed for a
    past deal that is done once made (money, acquisitions, meetings), else active."""
    words = {t.lower_ for t in sent if t.tag_ == "MD"}
    if words & cues().future_modals or any(
            t.lemma_.lower() in lx.announce_verbs and t.pos_ == "VERB" for t in sent):
        return Status.ANNOUNCED
    if mechanism in _DONE and any(t.tag_ == "VBD" for t in sent):
        return Status.COMPLETED
    return Status.ACTIVE
