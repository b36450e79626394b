"""From candidate pairs to collaborations: score each pair with the model (or, in ``rules``
mode, keep only what the hand rules read), then give the accepted pairs their mechanism and
status: the rules' when they read the pair, otherwise the sentence's last trigger (the head
comes last in Japanese), refined as the rules refine it."""

from __future__ import annotations

from spacy.tokens import Doc

from kizuna.extract.japanese.candidates import PairCandidate, pair_candidates
from kizuna.extract.japanese.features import FeatureReader
from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention
from kizuna.extract.japanese.model import PairModel
from kizuna.extract.japanese.relations import JaCandidate, JaRelationReader
from kizuna.model.vocab import Mechanism

#: ``model``: the statistical decision with the rules as high-precision overrides (what the
#: rules read is kept; a recommendation, plan or negation cue after the trigger vetoes);
#: ``model-only``: the statistical decision alone (the rules are only one of its features);
#: ``rules``: the one-sentence hand rules alone. All three are measured by
#: benchmarks/extract_ja_train.py.
DECISIONS = ("model", "model-only", "rules")
_NOT_PARTIES = {"program", "intergovernmental_body"}
_EACH = {"それぞれ", "各々", "別々", "個別"}
_PUBLIC = {"ministry", "government_agency", "national_lab", "military_unit"}


def decide(doc: Doc, mentions: list[JaMention], rules: list[JaCandidate],
           reader: JaRelationReader, lexicon: JaLexicon, model: PairModel,
           decision: str = "model") -> tuple[list[JaCandidate], list[PairCandidate]]:
    features = FeatureReader(reader, lexicon)
    pairs = [c for c in pair_candidates(doc, mentions, lexicon, reader.kinds, _NOT_PARTIES,
                                        rules) if not _own_government(c, reader)]
    for cand in pairs:
        cand.features = features.features(doc, cand, rules)
        cand.score = model.probability(cand.features)
    # a party carried from an earlier sentence only where this one is a sentence (not a list item
    # or a heading); one without a trigger of its own is the model's to weigh (Xも研究に加わり)
    pairs = [c for c in pairs if not c.carried or not (
        c.features.get("item") or c.features.get("heading"))]
    if decision == "rules":
        return rules, pairs
    out: list[JaCandidate] = []
    # funders of the pairs just named ("これらの協力は、E、Fが支援する") are not each other's
    pointed = {c.sentence.start for c in pairs if c.pointer}
    for cand in pairs:
        pairwise = bool(cand.groups) and not cand.carried
        if pairwise and cand.keys not in cand.groups:
            continue  # 「AとB、CとD」: A and C are in different pairs
        if not cand.carried and not cand.from_lead_in and cand.sentence.start in pointed:
            continue
        # the pairs of 「AとB、CとD」, and the funders of pairs just named ("これらの協力は、
        # E、Fが支援する": each funder with each party of them), are read by construction;
        funds = cand.pointer and (cand.features.get("trigger=funding") or cand.features.get(
            "trigger=investment"))
        # the founding members of a consortium, alliance or council, listed as the subject of
        # its launch (「…協議会」を発足させた): one collaboration among all of them
        founders = bool(cand.features.get("consortium") and cand.features.get(
            "roles=topic|topic")) or (cand.members and not cand.features.get("negation"))
        # the omitted subject of a sentence whose topic is the deal just named (本ラウンドは、X
        # がリードした: X with the round's issuer), when the sentence states a deal itself
        own_deal = bool(cand.features.get("carried_topic_pointer")) and not cand.features.get(
            "no_trigger")
        if ((pairwise and not cand.features.get("no_trigger")) or funds or founders
                or own_deal) and not (
                cand.features.get("not_fact") or _vetoed(doc, cand, reader, distributive=True)):
            out.append(_named(_with_mechanism(doc, cand, reader), cand, model, doc, reader))
            continue
        rule = next((r for r in rules if r.sentence.start == cand.sentence.start
                     and cand.keys <= {m.key for m in r.parties}), None)
        if decision == "model" and (cand.features.get("not_fact") or (rule is None and (
                _vetoed(doc, cand, reader) or _crossed(cand)))):
            continue
        if cand.score < model.threshold and not (decision == "model" and rule is not None):
            continue
        parties = [cand.a.mention, cand.b.mention]
        if _co_investors(cand, reader, rule):
            continue
        if rule is not None:
            out.append(_named(JaCandidate(parties, rule.mechanism, rule.status, cand.sentence,
                                          round(cand.score, 3), True), cand, model, doc, reader,
                              ruled=True))
            continue
        out.append(_named(_with_mechanism(doc, cand, reader), cand, model, doc, reader))
    return out, pairs


#: How sure the mechanism model must be to rename what the triggers (or the rules) named, and
#: whether it may rename what the hand rules read; chosen on train, cross-validated
#: (benchmarks/extract_eval.py --lang ja prints the confusion of mechanisms).
MECHANISM_CONFIDENCE = 0.5
RENAME_RULED = False


def _named(found: JaCandidate, cand: PairCandidate, model: PairModel, doc: Doc,
           reader: JaRelationReader, ruled: bool = False) -> JaCandidate:
    """The mechanism model's name for an accepted pair where it is confident: it weighs all
    the pair's features (the trigger words and where they stand, the kinds, the money and
    agreement cues) where the rules take the last trigger; the rules' refinement by the
    parties' kinds applies to its name too."""
    guess = model.mechanism(cand.features)
    if guess is None or guess[1] < MECHANISM_CONFIDENCE or (ruled and not RENAME_RULED):
        return found
    try:
        mech = Mechanism(guess[0])
    except ValueError:
        return found
    sent = found.sentence
    # the kinds still refine the model's name as they refine the triggers' (a fund's
    # investment is corporate venture; companies' "agreement" is a partnership)
    mech = reader._refine(mech, found.parties, doc, sent.start, sent.end, sent.end_char) or mech
    if mech is found.mechanism:
        return found
    return JaCandidate(found.parties, mech, reader._status(doc, sent.start, sent.end, mech),
                       sent, found.confidence, found.own)


def _with_mechanism(doc: Doc, cand: PairCandidate, reader: JaRelationReader) -> JaCandidate:
    """An accepted pair the rules did not read: the sentence's last trigger (the head comes
    last in Japanese), refined as the rules refine it."""
    parties = [cand.a.mention, cand.b.mention]
    sent = cand.sentence
    hits = reader._trigger_hits(doc, sent.start, sent.end, {
        i for m in (cand.a, cand.b) for i in range(m.start_char, m.end_char)})
    mech = hits[-1][1] if hits else Mechanism.PARTNERSHIP
    refined = reader._refine(mech, parties, doc, sent.start, sent.end,
                             hits[-1][0] if hits else sent.start_char) or mech
    status = reader._status(doc, sent.start, sent.end, refined)
    return JaCandidate(parties, refined, status, sent, round(cand.score, 3), True)


def _vetoed(doc: Doc, cand: PairCandidate, reader: JaRelationReader,
            distributive: bool = False) -> bool:
    """The rules' modality reading: a cue after the first trigger (べき, 検討, ない, それぞれ)
    in the sentence, or in the lead-in of a list item. ``distributive``: それぞれ shares the
    predicate out among pairs (「AとB、CとDがそれぞれ」), so it is no veto."""
    spans = [cand.sentence] + ([cand.lead_in] if cand.from_lead_in and cand.lead_in else [])
    for span in spans:
        hits = reader._trigger_hits(doc, span.start, span.end, set())
        first = hits[0][0] if hits else span.start_char
        start = span.start
        if distributive:
            # the rules' check with それぞれ left out: blank it by starting past it
            each = [t.i for t in doc[span.start:span.end] if t.text in _EACH]
            start = each[-1] + 1 if each else start
        if reader._blocked(doc, start, max(first, doc[start].idx if start < span.end
                                            else first), span.end):
            return True
    return False


def _crossed(cand: PairCandidate) -> bool:
    """"AはBと提携し、Cに出資した": the rules paired the topic with each partner; two
    partners in different clauses, neither the topic, are not each other's."""
    f = cand.features
    return bool(f.get("rule_other") and f.get("other_clause_no_topic"))


def _own_government(cand: PairCandidate, reader: JaRelationReader) -> bool:
    """A national government with a public body of its own country (日本側からは経済産業大臣が:
    日本 and 経済産業省): the most specific named party speaks for it, so they are not a pair."""
    a, b = cand.a.mention, cand.b.mention
    for gov, other in ((a, b), (b, a)):
        country = next((c for c, g in reader.governments.items() if g == gov.org_id), None)
        if country is None or other.org_id is None or other.org_id == gov.org_id:
            continue
        if reader.countries.get(other.org_id) == country and \
                reader.kinds.get(other.org_id) in _PUBLIC:
            return True
    return False


def _co_investors(cand: PairCandidate, reader: JaRelationReader, rule: JaCandidate | None
                  ) -> bool:
    """Two funds in one round ("Aがリードし、Bが参加した") invest together in a third party,
    not in each other."""
    funds = all(reader.kinds.get(m.mention.key) == "fund" for m in (cand.a, cand.b))
    money = (Mechanism.INVESTMENT, Mechanism.FUNDING, Mechanism.CORPORATE_VENTURE)
    return funds and (rule is None or rule.mechanism in money) and bool(
        cand.features.get("trigger=investment") or cand.features.get("trigger=funding"))
