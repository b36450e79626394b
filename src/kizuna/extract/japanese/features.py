"""Features of a candidate pair for the Japanese relation model.

Each feature is a name (value 1.0 unless it is a count): the trigger words of the sentence by
mechanism and where they stand relative to the pair, the particle role of each party (topic,
partner, object, list, の), whether the two are coordinated (AとB) or sit in different
coordinations (AとB、CとD), recommendation, plan and negation cues, the kinds and sources of the
two mentions, the list position (an item, parties from the lead-in, how far into the list),
the particle path between the two and the nearest predicate after them (its lemma and distance),
plan/intent and joining cues, how far back a carried party was named, their distance, and whether
the hand rules of :mod:`~kizuna.extract.japanese.relations` read the pair too (a feature, so the
model weighs the rules rather than obeying them).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from kizuna.extract.japanese.candidates import PairCandidate
from kizuna.extract.japanese.lexicon import JaLexicon
from kizuna.extract.japanese.mentions import JaMention
from kizuna.extract.japanese.relations import JaCandidate, JaRelationReader, is_heading

_PUBLIC = {"government", "ministry", "government_agency", "intergovernmental_body",
           "national_lab", "military_unit"}


def _kind_group(kind: str | None) -> str:
    if kind in _PUBLIC:
        return "public"
    if kind in ("university", "think_tank", "nonprofit", "industry_association"):
        return kind
    if kind in ("fund", "startup"):
        return "investor" if kind == "fund" else "company"
    return "company"


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n < edge:
            return f"<{edge}"
    return f">={edges[-1]}"


class FeatureReader:
    def __init__(self, reader: JaRelationReader, lexicon: JaLexicon) -> None:
        self.reader = reader
        self.lx = lexicon

    def sentence_cues(self, doc: Doc, sent: Span, lo: int, hi: int) -> dict[str, float]:
        """Cues of tokens [lo, hi) of the document (a sentence or a lead-in)."""
        out: dict[str, float] = {}
        for t in doc[lo:hi]:
            forms = (t.text, t.lemma_)
            if any(f in self.lx.block_words for f in forms):
                out["block"] = 1.0
                out[f"block={t.lemma_}"] = 1.0
            if t.pos_ == "AUX" and any(f in self.lx.negations for f in forms):
                out["negation"] = 1.0
            if any(f in self.lx.announce_words for f in forms):
                out["announce"] = 1.0
            if any(f in self.lx.agreement_verbs for f in forms):
                out["agreement_verb"] = 1.0
            if any(f in self.lx.intent_words for f in forms):
                out["intent"] = 1.0
            if any(f in self.lx.join_verbs for f in forms):
                out["join_verb"] = 1.0
        return out

    def features(self, doc: Doc, cand: PairCandidate, rules: list[JaCandidate]) -> dict[str, float]:
        """The pair's features, each also under the kind of candidate it is (``sentence:``,
        ``lead_in:``, ``carried:``): the shared weight says what a cue means anywhere, the
        kind's weight how much it counts for that way of making a pair, so broadening one
        kind does not blur the others."""
        f = self._features(doc, cand, rules)
        kind = "carried" if cand.carried else "lead_in" if cand.from_lead_in else "sentence"
        return f | {f"{kind}:{name}": value for name, value in f.items()}

    def _features(self, doc: Doc, cand: PairCandidate, rules: list[JaCandidate]
                  ) -> dict[str, float]:
        sent = cand.sentence
        f: dict[str, float] = {"bias": 1.0}
        everyone = [cand.a, cand.b]
        inside = [cand.a] if cand.carried else everyone  # a carried ``b`` is not in ``sent``
        hits = self.reader._trigger_hits(doc, sent.start, sent.end, {
            i for m in inside for i in range(m.start_char, m.end_char)})
        first = min(m.start_char for m in inside)
        last = max(m.end_char for m in inside)
        for pos, mech, _word in hits:
            f[f"trigger={mech.value}"] = 1.0
            where = "before" if pos < first else "between" if pos < last else "after"
            f[f"trigger_{where}"] = 1.0
        if hits:
            f[f"head={hits[-1][1].value}"] = 1.0
        else:
            f["no_trigger"] = 1.0
        f.update(self.sentence_cues(doc, sent, sent.start, sent.end))
        text = sent.text
        if any(w in text for w in self.reader.lx.block_words if len(w) >= 2):
            f["block_text"] = 1.0
        members = len({m.mention.key for m in self.reader_mentions(doc, sent)})
        f[f"members{_bucket(members, (3, 5, 9))}"] = 1.0
        if any(w in text for w in self.lx.consortium_nouns) and any(
                t.lemma_ in self.lx.found_verbs or t.text in ("発足", "設立") for t in sent):
            f["consortium"] = 1.0
            f[f"consortium_members{_bucket(members, (3, 5, 9))}"] = 1.0
        if cand.members:
            f["member_list"] = 1.0
        if any(p in text for p in self.lx.not_fact_phrases):
            f["not_fact"] = 1.0
        if any(p in text for p in self.lx.other_relation_phrases):
            f["other_relation"] = 1.0  # origin, ownership, a contractor or a customer
        if any(p in text for p in self.lx.funding_phrases):
            f["funding_phrase"] = 1.0
        if is_heading(sent):
            f["heading"] = 1.0
        if cand.item:
            f["item"] = 1.0
            if cand.lead_in is not None:
                f[f"item_position{_bucket(sent.start - cand.lead_in.end, (3, 12, 40))}"] = 1.0
        if cand.from_lead_in and cand.lead_in is not None:
            f["from_lead_in"] = 1.0
            for k in self.sentence_cues(doc, cand.lead_in, cand.lead_in.start, cand.lead_in.end):
                f[f"lead_in_{k.split('=')[0]}"] = 1.0
            if any(m.mention.source == "collective" for m in everyone):
                f["lead_in_collective"] = 1.0
            if cand.item_own:
                f["item_own"] = 1.0
                own = self.reader._parties(doc, sent, [cand.a])[0]
                f[f"item_own_role={own.role}"] = 1.0
        elif cand.carried:
            self._carried(doc, sent, cand, f)
        else:
            self._roles(doc, sent, cand, f)
        kinds = sorted(_kind_group(self.reader.kinds.get(m.mention.key)) for m in everyone)
        f[f"kinds={kinds[0]}|{kinds[1]}"] = 1.0
        sources = sorted(m.mention.source for m in everyone)
        f[f"sources={sources[0]}|{sources[1]}"] = 1.0
        f["countries"] = float(sum(m.mention.is_country for m in everyone))
        if cand.a.start_char == cand.b.start_char:
            f["same_span"] = 1.0
        if not cand.carried:
            f[f"distance{_bucket(last - first, (10, 25, 50, 100))}"] = 1.0
        rule = next((r for r in rules if r.sentence.start == sent.start and cand.keys <= {
            m.key for m in r.parties}), None)
        if rule is not None:
            f["rule"] = 1.0
            f[f"rule={rule.mechanism.value}"] = 1.0
        elif any(r.sentence.start == sent.start for r in rules):
            f["rule_other"] = 1.0  # the rules read this sentence and paired others
        return f

    def _carried(self, doc: Doc, sent: Span, cand: PairCandidate, f: dict[str, float]) -> None:
        """A pair with a party of an earlier sentence: how it was carried, the role of the
        sentence's own party, how many it names, and whether the sentence opens on a word that
        points back (本ラウンドは, 同協定, これらの提携, 協定に基づき)."""
        f[f"carried={cand.carried}"] = 1.0
        f[f"carried_back={min(cand.back, 3)}"] = 1.0
        if cand.own_topic:
            f["carried_own_topic"] = 1.0
        for cue in ("no_trigger", "join_verb", "funding_phrase", "intent"):
            if f.get(cue):
                f[f"carried_{cue}"] = 1.0
        self._predicate(doc, sent, cand.a.mention.end, f, "carried_")
        own = self.reader._parties(doc, sent, [cand.a])[0]
        f[f"carried_role={own.role}"] = 1.0
        f[f"carried_{cand.carried}_role={own.role}"] = 1.0
        named = {m.mention.key for m in self.reader_mentions(doc, sent)}
        f[f"carried_own{_bucket(len(named), (2, 3, 5))}"] = 1.0
        head = sent.text.lstrip()[:12]
        if any(head.startswith(w) for w in self.lx.pointer_words):
            f["carried_pointer"] = 1.0
            f[f"carried_{cand.carried}_pointer"] = 1.0  # 本ラウンドは: the topic's own deal
        if cand.b.mention.source == "anaphora" or cand.a.mention.source == "anaphora":
            f["carried_anaphora"] = 1.0

    def _predicate(self, doc: Doc, sent: Span, after: int, f: dict[str, float],
                   prefix: str = "") -> None:
        """The nearest predicate after token ``after`` (a verb, or a verbal noun before する):
        its lemma and how many tokens away it stands; the head of a Japanese clause comes after
        its arguments, so this is what the later party does."""
        for t in doc[after:sent.end]:
            verbal = t.pos_ == "VERB" or (t.pos_ == "NOUN" and t.i + 1 < sent.end and
                                          doc[t.i + 1].lemma_ == "する")
            if verbal:
                f[f"{prefix}pred={t.lemma_}"] = 1.0
                f[f"{prefix}pred_distance{_bucket(t.i - after, (2, 5, 10))}"] = 1.0
                return
        f[f"{prefix}no_pred"] = 1.0

    def _path(self, doc: Doc, a_end: int, b_start: int, f: dict[str, float]) -> None:
        """The particles and commas between the two parties (AとB: と; Aは、Bと: は|、|と),
        at most four, and whether a predicate stands between them (not one bunsetsu chain)."""
        marks = [t.text for t in doc[a_end:b_start] if t.pos_ in ("ADP", "SCONJ", "CCONJ")
                 or t.text in ("、", "・")]
        f["path=" + "|".join(marks[:4])] = 1.0
        if any(t.pos_ == "VERB" for t in doc[a_end:b_start]):
            f["verb_between"] = 1.0

    @staticmethod
    def reader_mentions(doc: Doc, sent: Span) -> list[JaMention]:
        return [m for m in doc._.kizuna_ja_mentions or []
                if sent.start <= m.mention.start < sent.end]

    def _roles(self, doc: Doc, sent: Span, cand: PairCandidate, f: dict[str, float]) -> None:
        in_sent = [cand.a, cand.b]
        parties = self.reader._parties(doc, sent, in_sent)
        roles = sorted(str(p.role) for p in parties)
        f[f"roles={roles[0]}|{roles[1]}"] = 1.0
        for r in roles:
            f[f"role={r}"] = 1.0
        a, b = sorted(parties, key=lambda p: p.jm.mention.start)
        if b.jm.mention.start >= a.jm.mention.end:
            self._path(doc, a.jm.mention.end, b.jm.mention.start, f)
        self._predicate(doc, sent, b.jm.mention.end, f)
        gap = doc[a.role_end:b.jm.mention.start].text if b.jm.mention.start >= a.role_end else ""
        if a.role in ("list", "with") and b.jm.mention.start <= a.role_end + 1:
            f["coordinated"] = 1.0
        if "、" in gap or "並びに" in gap or "ならびに" in gap:
            f["comma_between"] = 1.0
        if any(t.text in ("それぞれ", "各々", "個別") for t in sent):
            f["separately"] = 1.0
        # two named side by side in a money sentence that names a third (AとBが、Cに融資する;
        # 本増資には、A、Bが参加した): co-investors or co-funders of the third, not each other's
        money = any(f.get(f"head={m}") for m in ("investment", "funding", "corporate_venture"))
        if money and (f.get("coordinated") or roles[0] == roles[1]) and len(
                {m.mention.key for m in self.reader_mentions(doc, sent)}) >= 3:
            f["money_side_by_side"] = 1.0
        clauses = self.reader._clauses(sent)
        where = [next((k for k, (s, e) in enumerate(clauses) if s <= p.jm.mention.start < e), -1)
                 for p in (a, b)]
        f["same_clause" if where[0] == where[1] else "other_clause"] = 1.0
        if where[0] != where[1] and "topic" not in roles:
            f["other_clause_no_topic"] = 1.0
