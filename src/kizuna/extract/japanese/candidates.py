"""Candidate party pairs for the Japanese relation model, beyond the one-sentence rules.

Every pair of distinct organizations that one sentence names is a candidate (a consortium's member
list however long); so is the pair of parties a list's lead-in names ("両政府は、以下の取組を進め
る。") with each item under it ("・…共同調査を実施する。") that does not name two parties of its
own, an item naming one party with the lead-in's party, and the pairs carried from earlier
sentences (:func:`_carried`). Candidates are broad on purpose: the model
(:mod:`~kizuna.extract.japanese.model`) decides which candidates are collaborations, from the
features :mod:`~kizuna.extract.japanese.features` computes. List markers and lead-in words live in
``lexicon_ja.yaml``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention
from kizuna.extract.japanese.pairwise import keys_of, pair_groups
from kizuna.extract.japanese.relations import JaCandidate

#: More organizations than this in one sentence: a list of members, paired only by the rules.
MAX_KEYS = 8
#: A consortium's member list may name this many (more is a directory, not a statement).
MAX_MEMBERS = 30
#: After a bare country name, these make it a qualifier or a place, not a party.
_COUNTRY_QUALIFIERS = ("の", "側", "内", "国内", "で", "に", "大使館", "進出", "市場", "企業", "勢",
                       "製")
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
    carried: str = ""  # "pair" or "topic": ``b`` comes from an earlier sentence (see _carried)
    pointer: bool = False  # carried into a sentence naming several that points back to the deal
    back: int = 0  # carried: how many sentences back ``b`` was named
    own_topic: bool = False  # carried into a sentence whose topic is an organization of its own
    groups: list[frozenset[str]] = field(default_factory=list)  # the sentence's pairs (pairwise)
    members: bool = False  # the sentence lists a consortium's members (see _lists_members)
    item_own: bool = False  # an item's own party with the lead-in's speaker
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
             not_parties: set[str], text: str) -> list[JaMention]:
    """The mentions that may be parties: not programmes, not credits, not a bare country
    name that qualifies a noun or a side (日本のAISI, 米国側, 日本国内), not a quoted name."""
    return [m for m in mentions if kinds.get(m.mention.key) not in not_parties
            and not m.mention.credit and not (
                m.mention.is_country and m.mention.source != "collective"
                and text.startswith(_COUNTRY_QUALIFIERS, m.end_char))
            and not _quoted(text, m)]


def _quoted(text: str, m: JaMention) -> bool:
    """A name in 「」 is what the sentence launches or names (「…協議会」を発足, 合弁会社「…」,
    a programme or a fund): listed, not a party."""
    return m.start_char > 0 and text[m.start_char - 1] in "「『" and \
        text[m.end_char:m.end_char + 1] in ("」", "』")


def pair_candidates(doc: Doc, mentions: list[JaMention], lx: JaLexicon, kinds: dict[str, str],
                    not_parties: set[str], rules: list[JaCandidate] | None = None
                    ) -> list[PairCandidate]:
    """``rules``: what the hand rules read, the collaborations a later sentence may point back
    to (see :func:`_carried`)."""
    text = doc.text  # spaCy joins the tokens on every access: once
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
        by_sent.append(_parties(inside, kinds, not_parties, text))
    furniture = boilerplate(sents, lx)
    for i in furniture:
        by_sent[i] = []
    read = [(r.sentence.start, {m.key for m in r.parties}) for r in rules or []
            if not any(sents[i].start == r.sentence.start for i in furniture)]
    # a consortium's member list is a deal too: its funder may follow ("県は…を補助する")
    read += [(sents[i].start, {m.mention.key for m in ms}) for i, ms in enumerate(by_sent)
             if len(_distinct(ms)) >= 2 and _lists_members(sents, i, lx)]
    groups = [keys_of(pair_groups(text, _distinct(ms))) for ms in by_sent]
    read += [(sents[i].start, set(g)) for i, gs in enumerate(groups) for g in gs]
    out: list[PairCandidate] = []
    lead_in: int | None = None
    for i, sent in enumerate(sents):
        if not sent.text.strip():
            continue  # a blank line neither ends a list nor starts one
        own = _distinct(by_sent[i])
        item = is_item(sent, lx)
        if not item:
            lead_in = i if _is_lead_in(sent, lx) else None
        members = _lists_members(sents, i, lx)
        if len(own) <= MAX_KEYS or (members and len(own) <= MAX_MEMBERS):
            for a, b in itertools.combinations(own, 2):
                out.append(PairCandidate(a, b, sent, item=item, groups=groups[i],
                                         members=members))
        if item and lead_in is not None and len(own) < 2:
            for a, b in itertools.combinations(_lead_in_parties(lead_in, by_sent), 2):
                out.append(PairCandidate(a, b, sent, item=True, from_lead_in=True,
                                         lead_in=sents[lead_in]))
            # 「同センターでは、以下の機関と連携します。・Xと、…協定を締結」: an item naming one
            # party, with the lead-in's own party or else the last topic before it
            speaker = _lead_in_speaker(text, lead_in, by_sent, lx)
            if len(own) == 1 and speaker is not None and \
                    speaker.mention.key != own[0].mention.key:
                out.append(PairCandidate(own[0], speaker, sent, item=True, from_lead_in=True,
                                         lead_in=sents[lead_in], item_own=True))
        elif 1 <= len(own) <= MAX_KEYS:
            out += _carried(doc, sents, by_sent, i, own, item, lx, read)
            out += _own_deal(sents, by_sent, i, own, item, lx, read,
                             {c.b.mention.key for c in out if c.sentence is sent and c.carried})
    return out


_HEADING_OPEN = re.compile(r"^\s*[【［\[■◆●□（(]?\s*")
_FIELD_END = ("：", ":", "　", " ")
#: 本研究の一部は, 同事業では, 当該プロジェクトは: a sentence opening on its deal by name
_CONNECTIVE = re.compile(r"^[^、。「」]{1,4}、")
_OWN_DEAL = re.compile(r"(本|同|当該)([一-鿿ァ-ヺー]{1,8})")
#: A sentence longer than this ending in 。 is prose: it ends a section of furniture.
_PROSE = 60


def boilerplate(sents: list[Span], lx: JaLexicon) -> set[int]:
    """Sentences of a release's furniture: a section opened by a heading of ``boilerplate``
    (【会社概要】, 【お問い合わせ先】, （担当）) up to the next 【…】 or ■ heading or a sentence of
    prose, and field lines
    (会社名：X, 所在地：Y) anywhere."""
    out: set[int] = set()
    inside = False
    for i, sent in enumerate(sents):
        text = sent.text.strip()
        if not text:
            continue
        head = _HEADING_OPEN.sub("", text, count=1)
        opens = text[:1] in "【［[■◆（(" or len(text) <= 12
        if opens and head.startswith(lx.boilerplate_headings):
            inside = True
        elif text[:1] in "【［[■◆" or (len(text) > _PROSE and text[-1] in "。．"):
            inside = False
        field = any(head.startswith(f) and head[len(f):len(f) + 1] in _FIELD_END
                    for f in lx.boilerplate_fields)
        if inside or field:
            out.add(i)
    return out


def _carried(doc: Doc, sents: list[Span], by_sent: list[list[JaMention]], i: int,
             own: list[JaMention], item: bool, lx: JaLexicon, read: list[tuple[int, set[str]]]
             ) -> list[PairCandidate]:
    """Pairs with parties of earlier sentences, for what Japanese leaves unsaid:

    - ``pair``: a sentence naming one organization ("協定に基づき、Xが…派遣する",
      "Xも研究に加わり", "資金の一部はXが融資する") with the parties of the latest
      collaboration the hand rules read in the sentences before it (the agreement or project
      just named);
    - ``topic``: a sentence whose own organizations are none of them its topic ("本ラウンドは、
      Aがリードし…", "加えて、Xから融資枠の設定を受けた") with the latest organization an
      earlier sentence made its topic (Xは), the subject Japanese omits.
    """
    text = doc.text
    keys = {m.mention.key for m in own}
    out: list[PairCandidate] = []
    # list items do not count: the deal a list details is still the one just named after it
    earlier = [j for j in range(i - 1, -1, -1) if sents[j].text.strip()
               and not is_item(sents[j], lx)][:LOOK_BACK]
    # a sentence naming one organization may add it to the deal just named whatever its topic
    # ("県は…費用を補助する" after the joint research): the model weighs own_topic
    no_topic = _no_topic_of_its_own(sents[i], own, lx)
    pointer = len(own) >= 2 and sents[i].text.lstrip().startswith(lx.deal_pointers)
    if (len(own) == 1 or (pointer and no_topic)) and earlier:
        # the deals of those sentences (not of the items between them: the list details one)
        starts = {sents[j].start for j in earlier}
        before = [(start, k) for start, k in read if start in starts]
        if before:
            latest = max(start for start, _k in before)
            wanted = set().union(*(k for start, k in before if start == latest))
            named = [(j, m) for j in earlier for m in _distinct(by_sent[j])
                     if sents[j].start == latest and m.mention.key in wanted]
            for a in own:
                out += [PairCandidate(a, b, sents[i], item=item, carried="pair",
                                      pointer=pointer, back=earlier.index(j) + 1,
                                      own_topic=not no_topic)
                        for j, b in named if b.mention.key not in keys]
    if no_topic and not any(is_topic(text, m, lx) for m in own):
        found = next(((j, m) for j in earlier for m in reversed(_distinct(by_sent[j]))
                      if is_topic(text, m, lx)), None)
        done = {c.b.mention.key for c in out}
        if found is not None and found[1].mention.key not in keys | done:
            out += [PairCandidate(a, found[1], sents[i], item=item, carried="topic",
                                  back=earlier.index(found[0]) + 1) for a in own]
    return out


def deal_noun(text: str, lx: JaLexicon) -> str | None:
    """The deal a sentence opens on by name (本研究の一部は, 本増資には, 同事業では): the noun
    after the prefix, if it is no reference to an organization (本学, 同社) or a date (本日)."""
    text = _CONNECTIVE.sub("", text.lstrip(), count=1)  # なお、本研究の一部は
    match = _OWN_DEAL.match(text)
    if match is None or match.group(0) in lx.anaphora or match.group(0) in lx.issuer_references:
        return None
    noun = match.group(2)
    return noun if len(noun) >= 2 and not noun.startswith(lx.deal_noun_stops) else None


def _own_deal(sents: list[Span], by_sent: list[list[JaMention]], i: int, own: list[JaMention],
              item: bool, lx: JaLexicon, read: list[tuple[int, set[str]]], done: set[str]
              ) -> list[PairCandidate]:
    """``deal``: a sentence that opens on the deal by name (本増資には、C、Dも参加し; 本研究の一部
    は、Eの支援を受けて) with the parties of the latest earlier deal whose sentence names the same
    noun (the 増資, the 研究), however far back, else of the document's first deal."""
    noun = deal_noun(sents[i].text, lx)
    if noun is None:
        return []
    starts = {s.start: j for j, s in enumerate(sents)}
    before = [(start, k) for start, k in read if start < sents[i].start and start in starts]
    if not before:
        return []
    named = [(start, k) for start, k in before if noun in sents[starts[start]].text]
    start, wanted = max(named) if named else min(before, key=lambda sk: sk[0])
    j = starts[start]
    keys = {m.mention.key for m in own} | done
    parties = [m for m in _distinct(by_sent[j]) if m.mention.key in wanted
               and m.mention.key not in keys]
    back = sum(1 for k in range(j, i) if sents[k].text.strip())
    return [PairCandidate(a, b, sents[i], item=item, carried="deal", back=back)
            for a in own for b in parties]


def _no_topic_of_its_own(sent: Span, own: list[JaMention], lx: JaLexicon) -> bool:
    """The sentence has no topic (Xは) of its own, or one that points back (本ラウンドは,
    同事業は, 共同研究の一部は), or one that is a thing, not one of its organizations
    (研究費の一部は岩手県が補助する): "武蔵野サイバーは、米Yと提携した" names its subject even
    when X is unknown."""
    topic = next((t for t in sent if t.text == "は" and t.pos_ == "ADP"), None)
    if topic is None:
        return True
    if not any(m.end_char <= topic.idx for m in own):
        return True  # the topic is no organization (研究費の一部は, 協議会の最初の取組として…は)
    head = sent.text[:topic.idx - sent.start_char].lstrip()
    # the topic is the deal just named (共同研究の一部は, 同事業は): it points back too
    return any(head.startswith(w) for w in lx.pointer_words) or any(
        w in head for w in lx.triggers if len(w) >= 2)


def is_topic(text: str, m: JaMention, lx: JaLexicon) -> bool:
    """The mention is followed by は (past brackets and words such as 社, 株式会社, 両社)."""
    k = m.end_char
    while k < len(text):
        if text[k] == "\n":  # a line wrapped after the name (PDF text)
            k += 1
            continue
        if text[k] in "（(":
            close = min((j for j in (text.find("）", k), text.find(")", k)) if j >= 0),
                        default=-1)
            if close < 0 or close - k > 40:
                return False
            k = close + 1
            continue
        word = next((w for w in lx.skip_after_name_longest if text.startswith(w, k)), None)
        if word is None:
            break
        k += len(word)
    return text.startswith("は", k)


def _lead_in_speaker(text: str, i: int, by_sent: list[list[JaMention]], lx: JaLexicon
                     ) -> JaMention | None:
    """The one party a lead-in names, else the last topic (Xは) of the sentences before it."""
    own = _distinct(by_sent[i])
    if len(own) == 1:
        return own[0]
    if own:
        return None
    for j in range(i - 1, max(-1, i - 1 - 2 * LOOK_BACK), -1):
        topic = next((m for m in reversed(_distinct(by_sent[j])) if is_topic(text, m, lx)),
                     None)
        if topic is not None:
            return topic
    return None


def _lists_members(sents: list[Span], i: int, lx: JaLexicon) -> bool:
    """The sentence names a consortium's members (設立時の会員は、A、B…の14者です): a member
    noun in it, and a consortium noun (協議会, コンソーシアム) in it or in the sentences just
    before."""
    text = sents[i].text
    if not any(w in text for w in lx.member_nouns):
        return False
    near = "".join(s.text for s in sents[max(0, i - LOOK_BACK):i + 1])
    return any(w in near for w in lx.consortium_nouns)


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
