"""Whether a sentence states a fact: modality, negation, recommendation and hedge cues, and the
status a stated collaboration has. Word lists come from the lexicon YAML."""

from __future__ import annotations

from spacy.tokens import Span

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


def vetoed(features: dict[str, float]) -> bool:
    """A recommendation, a modal ("should", "could") or a negation: never a stated fact, however
    sure the classifier is (the annotation conventions exclude them all)."""
    return any(k.startswith("modal=") or k in ("recommend", "negation") for k in features)


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
