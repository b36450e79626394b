"""Collaborations in Japanese sentences, read from particles rather than a dependency tree.

Japanese marks each noun's role with a particle after it, and puts the predicate last. So a
sentence is cut into clauses (at a comma after a verb or a conjunctive particle: 提携し、,
進めており、), each clause's trigger words are found (提携, 出資, 買収, 共同開発, 覚書 …), and
its parties are the organizations attached by a party particle: the topic or subject (は, が, も),
the partner (と, との, とともに), the object or recipient (を, に, へ, に対し), the source or agent
(から, による), the channel (を通じて), and a name in の right before the trigger (Xの買収). A
clause without its own topic inherits the sentence's ("AはBと提携し、Cに出資した").

The head of a Japanese phrase comes last, so the clause's last content trigger names the
mechanism ("共同研究に関する協定" is an agreement about joint research); agreement verbs
(合意, 締結, 署名) make it a government agreement between public bodies, and the English
extractor's refinements apply (an agreement between companies is a partnership, or joint
development when 共同 marks it; money from a fund is corporate venture). Recommendations, hopes
and plans under discussion (べき, 求められる, 必要, 期待, 検討, 方向で協議) and negations state no
collaboration.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention
from kizuna.extract.japanese.normalize import fold
from kizuna.extract.mentions import Mention
from kizuna.model.vocab import Mechanism, Status

_MAX_PARTIES = 4
_PUBLIC = {"government", "ministry", "government_agency", "intergovernmental_body", "program",
           "national_lab", "military_unit"}
_NOT_PARTIES = {"program", "intergovernmental_body"}
_TOPIC = ("は", "が", "も")
_TOPIC_PHRASES = ("では", "でも", "とは", "には")
_TALENT = re.compile(r"(人材|研究者|学生)(の)?(育成|交流|派遣)で$")
_END = "。．！？!?"
_SEPARATELY = {"それぞれ", "各々", "別々", "個別"}


@dataclass
class JaCandidate:
    parties: list[Mention]
    mechanism: Mechanism
    status: Status
    sentence: Span
    confidence: float
    own: bool  # parties named in the trigger's own clause (not only the sentence's topic)


@dataclass
class _Party:
    jm: JaMention
    role: str | None  # topic | party | with | list | no | de | None
    role_end: int  # token index after the particle


class JaRelationReader:
    def __init__(self, lexicon: JaLexicon, kinds: dict[str, str], governments: dict[str, str],
                 countries: dict[str, str]) -> None:
        self.lx = lexicon
        self.kinds = kinds
        self.governments = governments
        self.countries = countries
        self._triggers = sorted(lexicon.triggers, key=len, reverse=True)

    # -- roles ----------------------------------------------------------------------------

    def _skip(self, doc: Doc, k: int, sent_end: int) -> int:
        """Past what may stand between a name and its particle: a parenthesis ("（NEDO）"),
        a legal form or 社, "の両社", "の首脳"."""
        words = sorted((*self.lx.skip_after_name, "首脳", "政府", "代表"), key=len, reverse=True)
        while k < sent_end:
            t = doc[k].text
            if doc[k].is_space and "\n" in t:  # a wrapped line (PDF text) goes on
                k += 1
                continue
            if t in ("（", "("):
                close = next((j for j in range(k + 1, min(k + 15, sent_end))
                              if doc[j].text in ("）", ")")), None)
                if close is None:
                    return k
                k = close + 1
                continue
            rest = doc[k:min(k + 4, sent_end)].text
            offset = 1 if rest.startswith("の") else 0
            word = next((w for w in words if rest.startswith(w, offset)), None)
            if word is None:
                return k
            end_char = doc[k].idx + offset + len(word)
            j = k
            while j < sent_end and doc[j].idx < end_char:
                j += 1
            if j < sent_end and doc[j].idx != end_char and j > k:
                return k  # the word goes on: "社会", "各社長"
            k = j
        return k

    def _role(self, doc: Doc, end: int, sent_end: int) -> tuple[str | None, int]:
        k = self._skip(doc, end, sent_end)
        if k >= sent_end:
            return None, k
        window = "".join(doc[j].text for j in range(k, min(k + 5, sent_end)))
        for phrase in self.lx.party_phrases:
            if window.startswith(phrase):
                return "party", k + 1
        if window.startswith(_TOPIC_PHRASES) or doc[k].text in _TOPIC:
            return "topic", k + 1
        t = doc[k].text
        if t == "と":
            return "with", k + 1
        if t in self.lx.list_words:
            return "list", k + 1
        if t in self.lx.party_particles:
            return "party", k + 1
        if t == "の":
            return "no", k + 1
        if t == "で":
            return "de", k + 1
        return None, k

    def _parties(self, doc: Doc, sent: Span, mentions: list[JaMention]) -> list[_Party]:
        parties = []
        for jm in mentions:
            role, role_end = self._role(doc, jm.mention.end, sent.end)
            parties.append(_Party(jm, role, role_end))
        # a name in a list ("AとBは", "A、B、Cと") takes the role of the list's last name
        for i in range(len(parties) - 2, -1, -1):
            p, nxt = parties[i], parties[i + 1]
            if p.role in ("list", "with") and nxt.jm.mention.start <= p.role_end + 1 and (
                    p.role == "list" or nxt.role == "topic"):
                p.role = nxt.role
        return parties

    # -- sentences ------------------------------------------------------------------------

    def read(self, doc: Doc, sent: Span, mentions: list[JaMention]) -> list[JaCandidate]:
        parties = self._parties(doc, sent, mentions)
        segments = self._clauses(sent)
        topics: list[_Party] = []
        out: list[JaCandidate] = []
        for seg_start, seg_end in segments:
            own = [p for p in parties if seg_start <= p.jm.mention.start < seg_end]
            seg_topics = [p for p in own if p.role == "topic"]
            found = self._mechanism(doc, seg_start, seg_end, own, parties)
            if found is not None:
                mechanism, first_trigger, last_trigger = found
                chosen = [p for p in own if self._is_party(p, doc, last_trigger)]
                carried = False
                if not seg_topics:
                    chosen = [*topics, *chosen]
                    carried = bool(topics)
                mention_parties = self._distinct([p.jm.mention for p in chosen])
                if 2 <= len(mention_parties) <= _MAX_PARTIES and not self._blocked(
                        doc, seg_start, first_trigger, seg_end):
                    mech = self._refine(mechanism, mention_parties, doc, seg_start, seg_end,
                                        last_trigger)
                    if mech is None:
                        topics = seg_topics or topics
                        continue
                    status = self._status(doc, seg_start, seg_end, mech)
                    own_named = sum(1 for p in chosen if p in own) >= 2 or not carried
                    out.append(JaCandidate(mention_parties, mech, status, sent,
                                           0.7 if own_named else 0.6, own_named))
            topics = seg_topics or topics
        return self._dedupe(out)

    def _dedupe(self, candidates: list[JaCandidate]) -> list[JaCandidate]:
        """One collaboration per party set and sentence: the clause that names the parties
        itself wins over one that inherits them."""
        best: dict[frozenset[str], JaCandidate] = {}
        for c in candidates:
            key = frozenset(m.key for m in c.parties)
            if key not in best or (c.own and not best[key].own):
                best[key] = c
        return list(best.values())

    def _clauses(self, sent: Span) -> list[tuple[int, int]]:
        doc = sent.doc
        cuts = [sent.start]
        for tok in sent:
            if tok.text != "、" or tok.i == sent.start:
                continue
            prev = doc[tok.i - 1]
            if (prev.pos_ in self.lx.clause_end_pos and prev.text not in ("と",)) or \
                    prev.text in self.lx.clause_words:
                cuts.append(tok.i + 1)
        cuts.append(sent.end)
        raw = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
        # clauses without a trigger join the next clause (the last joins the previous one)
        merged: list[tuple[int, int]] = []
        pending: int | None = None
        for a, b in raw:
            start = pending if pending is not None else a
            if self._has_trigger(doc, a, b):
                merged.append((start, b))
                pending = None
            else:
                pending = start
        if pending is not None:
            if merged:
                merged[-1] = (merged[-1][0], sent.end)
            else:
                merged.append((pending, sent.end))
        return merged

    # -- triggers -------------------------------------------------------------------------

    def _has_trigger(self, doc: Doc, start: int, end: int) -> bool:
        text = fold(doc[start:end].text)
        return any(w in text for w in self._triggers)

    def _trigger_hits(self, doc: Doc, start: int, end: int,
                      inside: set[int]) -> list[tuple[int, Mechanism, str]]:
        """(character offset, mechanism, word) of each trigger in tokens [start, end)."""
        span = doc[start:end]
        base = span.start_char
        text = span.text  # trigger words are kanji or katakana: widths do not matter
        taken: set[int] = set()
        hits: list[tuple[int, Mechanism, str]] = []
        for word in self._triggers:
            for match in re.finditer(re.escape(word), text):
                rng = set(range(base + match.start(), base + match.end()))
                if rng & taken or rng & inside:
                    continue
                taken |= rng
                hits.append((base + match.start(), self.lx.triggers[word], word))
        # 共同 … 開発: joint development however it is phrased (共同で開発, 共同生産, と共同で研究)
        joint = text.find("共同")
        if joint >= 0:
            for tok in span:
                if tok.idx - base > joint and (tok.lemma_ in self.lx.joint_nouns
                                               or tok.text in self.lx.joint_nouns):
                    hits.append((tok.idx, Mechanism.JOINT_DEVELOPMENT, "共同" + tok.text))
        # shares acquired: 株式の約10%を取得 (an investment; all of them is an acquisition)
        shares = text.find("株式")
        if shares >= 0:
            for tok in span:
                if tok.idx - base > shares and tok.lemma_ in ("取得", "引き受ける", "買い取る"):
                    whole = any(w in text for w in ("全株式", "全株", "完全子会社", "すべての株式"))
                    # at 株式, so that "Xの株式" makes X the party whose shares they are
                    hits.append((base + shares, Mechanism.ACQUISITION if whole
                                 else Mechanism.INVESTMENT, "株式取得"))
                    break
        # a lab founded: 研究拠点を設立, ラボを開設
        for noun in self.lx.lab_nouns:
            pos = text.find(noun)
            if pos >= 0 and any(t.lemma_ in self.lx.found_verbs or t.text in
                                self.lx.found_verbs for t in span if t.idx - base > pos):
                hits.append((base + pos, Mechanism.RESEARCH_LAB, noun))
                break
        return sorted(hits)

    def _mechanism(self, doc: Doc, start: int, end: int, own: list[_Party],
                   everyone: list[_Party]) -> tuple[Mechanism, int, int] | None:
        inside = {i for p in everyone for i in range(p.jm.start_char, p.jm.end_char)}
        hits = self._trigger_hits(doc, start, end, inside)
        agreement_verb = any(t.lemma_ in self.lx.agreement_verbs or t.text in
                             self.lx.agreement_verbs for t in doc[start:end])
        if not hits and not agreement_verb:
            return None
        if hits:
            first = hits[0][0]
            last_pos, mechanism, _word = hits[-1]
            # a research lab noun with its founding verb outranks the general words around it
            lab = [h for h in hits if h[1] is Mechanism.RESEARCH_LAB]
            if lab and mechanism in (Mechanism.PARTNERSHIP, Mechanism.FUNDING):
                last_pos, mechanism = lab[-1][0], lab[-1][1]
        else:
            verb = next(t for t in doc[start:end] if t.lemma_ in self.lx.agreement_verbs
                        or t.text in self.lx.agreement_verbs)
            first = last_pos = verb.idx
            mechanism = Mechanism.GOVERNMENT_AGREEMENT
        if agreement_verb and mechanism in (Mechanism.PARTNERSHIP, Mechanism.GOVERNMENT_AGREEMENT,
                                            Mechanism.DIALOGUE):
            kinds = [self.kinds.get(p.jm.mention.key, "company") for p in own
                     if p.role is not None]
            if kinds and all(k in _PUBLIC for k in kinds):
                mechanism = Mechanism.GOVERNMENT_AGREEMENT
        return mechanism, first, last_pos

    def _is_party(self, p: _Party, doc: Doc, trigger_char: int) -> bool:
        m = p.jm.mention
        if m.source == "collective":
            return p.role not in (None, "de", "no")
        kind = self.kinds.get(m.key)
        if kind in _NOT_PARTIES:
            return False
        if m.is_country:
            return p.role in ("topic", "with")
        if p.role == "no":
            # "Xの買収", "Xとの提携": a name right before the trigger
            after = doc[p.role_end:p.role_end + 3]
            return len(after) > 0 and after[0].idx <= trigger_char <= after[-1].idx + len(
                after[-1].text) and p.role_end < len(doc) and doc[p.role_end].idx <= trigger_char
        return p.role in ("topic", "party", "with")

    def _distinct(self, mentions: list[Mention]) -> list[Mention]:
        by_key: dict[str, Mention] = {}
        for m in mentions:
            by_key.setdefault(m.key, m)
        # a ministry and its own government: the ministry is the party
        gov_of = {gov: country for country, gov in self.governments.items()}
        bodies = {self.countries.get(m.org_id or "") for m in by_key.values()
                  if m.org_id not in gov_of and self.kinds.get(m.key) in _PUBLIC}
        kept = {k: m for k, m in by_key.items()
                if not (m.org_id in gov_of and gov_of[m.org_id] in bodies)}
        return list((kept if len(kept) >= 2 else by_key).values())

    # -- modality, mechanism, status ------------------------------------------------------

    def _blocked(self, doc: Doc, seg_start: int, first_trigger: int, seg_end: int) -> bool:
        if any(t.text in _SEPARATELY for t in doc[seg_start:seg_end]):
            return True  # "AとBも、それぞれ…に投資": each on its own
        tokens = [t for t in doc[seg_start:seg_end] if t.idx >= first_trigger]
        for t in tokens:
            if t.text in self.lx.block_words or t.lemma_ in self.lx.block_words:
                return True
            if t.pos_ == "AUX" and (t.lemma_ in self.lx.negations or t.text in
                                    self.lx.negations):
                return True
        return False

    def _refine(self, mech: Mechanism, parties: list[Mention], doc: Doc, start: int, end: int,
                trigger_char: int) -> Mechanism | None:
        kinds = [self.kinds.get(m.key, "company") for m in parties
                 if not m.is_country or m.source == "collective"]
        public = bool(kinds) and all(k in _PUBLIC for k in kinds)
        text = doc[start:end].text
        joint = "共同" in text or "合弁" in text
        if mech is Mechanism.GOVERNMENT_AGREEMENT and not public:
            return Mechanism.JOINT_DEVELOPMENT if joint and any(
                n in text for n in self.lx.joint_nouns) else Mechanism.PARTNERSHIP
        if mech is Mechanism.PARTNERSHIP:
            before = doc.text[doc[start].idx:trigger_char]
            if _TALENT.search(before):
                return Mechanism.TALENT_EXCHANGE
        if mech is Mechanism.INVESTMENT:
            if any(k == "fund" for k in kinds):
                return Mechanism.CORPORATE_VENTURE
            if kinds and kinds[0] in _PUBLIC and "研究" in text:
                return Mechanism.FUNDING
        if mech is Mechanism.DIALOGUE and not any(k in _PUBLIC for k in kinds):
            return None  # companies in talks over a deal: negotiation, not a dialogue
        if mech is Mechanism.FUNDING and not any(k in _PUBLIC for k in kinds):
            if any(w in text for w in self.lx.money_words):
                return mech  # a loan, a donation, a sponsorship: funding whoever gives it
            return Mechanism.INVESTMENT if "出資" in text else Mechanism.PARTNERSHIP
        return mech

    def _status(self, doc: Doc, start: int, end: int, mech: Mechanism) -> Status:
        tokens = list(doc[start:end])
        if any(t.text in self.lx.announce_words or t.lemma_ in self.lx.announce_words
               for t in tokens):
            return Status.ANNOUNCED
        tail = [t for t in tokens if not t.is_punct]
        past = (bool(tail) and tail[-1].text in ("た", "だ")) or any(
            t.text == "た" for t in tail[-3:])
        if past and mech in (Mechanism.ACQUISITION, Mechanism.INVESTMENT, Mechanism.FUNDING,
                             Mechanism.DIALOGUE):
            return Status.COMPLETED
        return Status.ACTIVE


def is_heading(sent: Span) -> bool:
    """A line without sentence-final punctuation (a title, a heading, a caption)."""
    text = sent.text.rstrip()
    return not text or text[-1] not in _END
