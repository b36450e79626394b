"""Relation extraction: collaborations between named parties, read from the dependency tree.

For every trigger (a verb such as *partner*, *acquire*, *sign*, or a noun such as *partnership*,
*agreement*, *investment*), the parties are the organization mentions attached to it:
its subjects (with their coordinated conjuncts and appositives), its objects, the objects of
party-introducing prepositions (*with*, *between*, *among*, *by*, *in*), noun modifiers ("the
NASA–JAXA partnership", "Toyota's acquisition") and, for a trigger noun, the subject of the verb
that governs it ("the two sides issued a joint statement"). A trigger under a modal or a verb of
recommending ("the two countries should…", "we recommend…"), or negated, states no collaboration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from kizuna.extract.knowledge import is_acronym
from kizuna.extract.lexicon import Lexicon
from kizuna.extract.mentions import Mention
from kizuna.extract.relations.candidates import cues
from kizuna.model.vocab import Mechanism, OrgKind, Status

#: Dependencies that stay inside a noun phrase when collecting the mentions it contains.
_NP_DEPS = {"compound", "amod", "nmod", "poss", "appos", "conj", "cc", "det", "nummod", "flat",
            "punct", "case", "npadvmod", "quantmod", "nn", "dep"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_MAX_PARTIES = 4
#: Entity types that are never organizations.
_NOT_ORG_ENTS = {"PERSON", "GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                 "ORDINAL", "QUANTITY", "NORP", "LANGUAGE", "EVENT", "LAW"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "nn", "npadvmod"}
_OBJ = {"dobj", "obj", "attr", "oprd"}
#: Kinds of organization that act (sign, invest, partner) and so can be referred back to, and
#: the public ones: properties of the vocabulary (kizuna.model.vocab.OrgKind).
_ACTOR_KINDS = frozenset(k.value for k in OrgKind if k.acts)
_PUBLIC = frozenset(k.value for k in OrgKind if k.public)


@cache
def _rule_words() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(resources.files("kizuna.extract").joinpath(
        "lexicon_en.yaml").read_text("utf-8"))["rule_words"]
    return raw


#: Pronouns that refer back; "among others" objects that list nobody; last words of names of
#: frameworks rather than organizations; prepositions that attach a party only for money
#: mechanisms ("invest in X"); and, for "the company" / "the university", the kinds each noun
#: can refer back to. Vocabulary: lexicon_en.yaml, rule_words.
_PRONOUNS = frozenset(_rule_words()["pronouns"])
_VAGUE_OBJECTS = frozenset(_rule_words()["vague_objects"])
_FRAMEWORK_WORDS = frozenset(_rule_words()["framework_words"])
_MONEY_PREPS = frozenset(_rule_words()["money_preps"])
_REFERENCE_NOUNS: dict[str, set[str]] = {
    noun: set(kinds) for noun, kinds in _rule_words()["reference_nouns"].items()}


def _words(key: str) -> frozenset[str]:
    return frozenset(_rule_words()[key])


# The rest of the rules' vocabulary (lexicon_en.yaml, rule_words, says what each is for).
_PLURAL_PRONOUNS = _words("plural_pronouns")
_REFERENCE_DETERMINERS = _words("reference_determiners")
_PAIR_PHRASES = tuple(f"{n} {w}" for n in sorted(_words("pair_numerals"))
                      for w in sorted(_words("pair_nouns")))
_WITH_VERBS, _WITH_PREPS = _words("with_verbs"), _words("with_preps")
_LIST_OPENERS = _words("list_openers")
_MARKET_PREPS, _MARKET_NOUNS = _words("market_preps"), _words("market_nouns")
_LED_GROUPS, _LED_VERBS = _words("led_groups"), _words("led_verbs")
_PEOPLE_PREPS = _words("people_preps")
_MONEY_DEEP_PREPS = _words("money_deep_preps")
_RESEARCH_WORDS = _words("research_words")


@dataclass
class Candidate:
    """A collaboration found in one sentence, before resolution to stored facts."""

    parties: list[Mention]
    mechanism: Mechanism
    status: Status
    sentence: Span
    trigger: Token
    confidence: float
    notes: list[str] = field(default_factory=list)


def _looks_like_heading(sent: Span) -> bool:
    """Headings, titles and reference-list entries rather than prose: no verb written in lower
    case (titles capitalise their verbs), or nearly every word capitalised."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 3:
        return True
    capitalised = sum(1 for t in words if t.text[0].isupper())
    prose_verb = any(t.pos_ == "VERB" and t.text[0].islower() for t in sent)
    return not prose_verb or capitalised / len(words) > 0.8


class RelationReader:
    def __init__(self, lexicon: Lexicon, kinds: dict[str, str], governments: dict[str, str],
                 labs_of: dict[str, list[str]], countries: dict[str, str],
                 new_org: Callable[[str], tuple[str | None, str] | None] | None = None
                 ) -> None:
        self.new_org = new_org  # a name -> (known id or None, cleaned name), or None if no name
        self.lx = lexicon
        self.kinds = kinds  # org id -> kind
        self.countries = countries  # org id -> country
        self.governments = governments  # country code -> government org id
        self.labs_of = labs_of  # org id -> ids of research organizations it owns

    # -- public ---------------------------------------------------------------------------

    def read(self, sent: Span, mentions: list[Mention], pair: tuple[str, str] | None,
             previous: list[Mention]) -> list[Candidate]:
        """Collaborations stated in ``sent``. ``pair`` are the two governments the document is
        about (for "the two countries"); ``previous`` are mentions of earlier sentences (for
        "the two companies")."""
        by_token: dict[int, list[Mention]] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                by_token.setdefault(i, []).append(m)
        if _looks_like_heading(sent):
            return []
        out = []
        for token in sent:
            found = self._trigger(token)
            if found is None or self._blocked(token):
                continue
            mechanism, weak = found
            if weak and not self._governed_with_subject(token):
                continue
            parties = self._parties(token, mechanism, by_token, sent, pair, previous)
            parties = [m for m in parties if self._may_be_party(m, token, mechanism)]
            distinct = self._places_out(self._most_specific({m.key: m for m in parties}),
                                        mechanism)
            if len(distinct) < 2 or len(distinct) > _MAX_PARTIES:
                continue  # more than a handful is a list of separate actors, not one deal
            chosen = list(distinct.values())
            mech = self._refine(mechanism, token, chosen, sent)
            confidence = 0.75 if token.pos_ == "VERB" else 0.65
            status = self._status(token, mech)
            if token.lemma_.lower() in self.lx.raise_verbs and len(chosen) > 2:
                # a round: each backer invested in the company raising it, not in each other
                raiser = [m for m in chosen if token.doc[m.end - 1].dep_ in _SUBJ
                          or token.doc[m.end - 1].head.i == token.i]
                if len(raiser) == 1:
                    out += [Candidate([raiser[0], m], mech, status, sent, token, confidence)
                            for m in chosen if m.key != raiser[0].key]
                    continue
            out.append(Candidate(chosen, mech, status, sent, token, confidence))
        return out

    # -- triggers -------------------------------------------------------------------------

    def _trigger(self, token: Token) -> tuple[Mechanism, bool] | None:
        """(mechanism, weak) for a trigger word; weak nouns need a governing verb's subject."""
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX"):
            joint = self._joint_verb(token)
            if joint is not None:
                return joint, False
            if lemma in self.lx.receive_verbs | self.lx.raise_verbs:
                money = self._money_object(token)
                if money is None:
                    return None
                if lemma in self.lx.raise_verbs or money == "investment":
                    return Mechanism.INVESTMENT, False
                return Mechanism.FUNDING, False
            if lemma in self.lx.develop_verbs and (self._has_joint_marker(token)
                                                   or self._shared_agents(token)):
                return Mechanism.JOINT_DEVELOPMENT, False
            if lemma == "set" and not any(c.dep_ == "prt" for c in token.children):
                return None
            mech = self.lx.verb_triggers.get(lemma)
            if mech is Mechanism.PARTNERSHIP and lemma in _WITH_VERBS:
                # "work with", "team up with", "tie up with": only with a partner preposition
                prts = [c for c in token.children if c.dep_ == "prt"]
                if not any(c.dep_ == "prep" and c.lower_ in _WITH_PREPS
                           for t in [token, *prts] for c in t.children):
                    return None
            if mech is Mechanism.MARKET_ENTRY and not self._enters_market(token):
                return None
            return (mech, False) if mech else None
        if token.pos_ in ("NOUN", "PROPN"):
            if self.lx.verb_triggers.get(lemma) is Mechanism.PARTNERSHIP:
                # "Rapidus' work with X", "to partner with X" (often tagged as a noun)
                has_with = any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
                return (Mechanism.PARTNERSHIP, False) if has_with else None
            if lemma in self.lx.joint_nouns and any(
                    c.lower_ == "joint" and c.dep_ in ("amod", "compound") for c in token.children):
                return self.lx.joint_nouns[lemma], False
            phrase = self._noun_phrase_head(token)
            strong = self.lx.noun_triggers.get(phrase) or self.lx.noun_triggers.get(lemma)
            if strong is Mechanism.RESEARCH_LAB and not self._founded(token):
                return None
            if strong:
                return strong, False
            weak = self.lx.weak_nouns.get(phrase) or self.lx.weak_nouns.get(lemma)
            return (weak, True) if weak else None
        return None

    def _joint_verb(self, verb: Token) -> Mechanism | None:
        """"jointly operated", "co-chaired", "will build together": a verb marked as done jointly
        states a collaboration between its subjects (or agents)."""
        marked = any(c.dep_ == "advmod" and c.lower_ in self.lx.joint_adverbs
                     for c in verb.children)
        prefix = verb.i >= 2 and verb.doc[verb.i - 1].text == "-" and \
            verb.doc[verb.i - 2].lower_ == "co"
        lemma = verb.lemma_.lower()
        if lemma.startswith("co-"):
            prefix, lemma = True, lemma[3:]
        if not (marked or prefix):
            return None
        if lemma in self.lx.joint_verb_mechanisms:
            return self.lx.joint_verb_mechanisms[lemma]
        listed = self.lx.verb_triggers.get(lemma)
        if listed in (Mechanism.PARTNERSHIP, Mechanism.FUNDING, Mechanism.INVESTMENT,
                      Mechanism.DIALOGUE, Mechanism.GOVERNMENT_AGREEMENT):
            return listed
        return Mechanism.JOINT_DEVELOPMENT

    def _shared_agents(self, verb: Token) -> bool:
        """"is being developed by JAXA and Toyota": two or more agents of a passive."""
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        return any(c.dep_ == "conj" for a in agents for c in a.children)

    def _money_object(self, verb: Token) -> str | None:
        """What a receive/raise verb's object is, when it is money: "investment", "funding"."""
        for obj in (c for c in verb.children if c.dep_ in _OBJ):
            for t in obj.subtree:
                if t.lemma_.lower() == "investment":
                    return "investment"
                if t.ent_type_ == "MONEY" or t.lemma_.lower() in self.lx.funding_objects:
                    return "funding"
        return None

    def _round_backers(self, verb: Token) -> list[Token]:
        """Who put money into a round: "led by X", "with participation from Y"."""
        out: list[Token] = []
        for t in verb.subtree:
            if t.lemma_.lower() in self.lx.round_leads:
                out += [g for c in t.children if c.dep_ == "agent" for g in c.children
                        if g.dep_ == "pobj"]
            if t.lower_ == "from" and (t.head.lemma_.lower() in self.lx.round_from_nouns
                                       or t.head.i == verb.i):
                for g in (g for g in t.children if g.dep_ == "pobj"):
                    if g.lemma_.lower() in self.lx.round_from_nouns:
                        # "from investors including A and B"
                        out += [o for p in g.children if p.dep_ == "prep"
                                and p.lower_ in _LIST_OPENERS
                                for o in p.subtree if o.dep_ in ("pobj", "conj")]
                    else:
                        out.append(g)
        return out

    def _enters_market(self, verb: Token) -> bool:
        objects = [c for c in verb.children if c.dep_ in _OBJ]
        objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _MARKET_PREPS
                    for g in c.children if g.dep_ == "pobj"]
        return any(o.lemma_.lower() in _MARKET_NOUNS or o.ent_type_ == "GPE"
                   for o in objects)

    def _founded(self, noun: Token) -> bool:
        """"set up / establish / open a lab": a lab noun states a collaboration only when a
        founding verb governs it."""
        governor = noun.head
        if noun.dep_ == "pobj" and governor.dep_ == "prep":
            governor = governor.head
        return governor.lemma_.lower() in self.lx.found_verbs and governor.pos_ in ("VERB",
                                                                                    "AUX")

    def _governed_with_subject(self, noun: Token) -> bool:
        governor = noun.head
        if noun.dep_ == "pobj" and governor.dep_ == "prep":
            governor = governor.head
        return (noun.dep_ in _OBJ | {"nsubjpass"} and governor.pos_ in ("VERB", "AUX")
                and governor.lemma_.lower() in self.lx.light_verbs | self.lx.found_verbs
                and bool(self._subjects(governor)))

    def _places_out(self, parties: dict[str, Mention], mechanism: Mechanism
                    ) -> dict[str, Mention]:
        """A bare country name beside companies or universities is where something happens,
        not a party ("Apple found Japan a good market and set up a lab there"); between
        governments and in agreements or dialogues it stands for the government."""
        if mechanism in (Mechanism.GOVERNMENT_AGREEMENT, Mechanism.DIALOGUE):
            return parties
        bare = [k for k, m in parties.items() if m.is_country and m.source == "gazetteer"]
        others = [k for k, m in parties.items() if not m.is_country
                  and self.kinds.get(m.org_id or "", "company") not in _PUBLIC]
        if len(bare) == 1 and others:
            return {k: m for k, m in parties.items() if k != bare[0]}
        return parties

    def _most_specific(self, parties: dict[str, Mention]) -> dict[str, Mention]:
        """A ministry and its own government in one collaboration: the ministry is the party
        ("the Secretary of Commerce and Japan's trade minister met for the two countries")."""
        gov_of = {gov: country for country, gov in self.governments.items()}
        countries_with_bodies = {self.countries.get(m.org_id or "") for m in parties.values()
                                 if m.org_id not in gov_of and self.kinds.get(m.org_id or "")
                                 in _PUBLIC}
        kept = {k: m for k, m in parties.items()
                if not (m.org_id in gov_of and gov_of[m.org_id] in countries_with_bodies)}
        return kept if len(kept) >= 2 else parties

    def _may_be_party(self, mention: Mention, trigger: Token, mechanism: Mechanism) -> bool:
        """Named frameworks and the collaboration's own name are not parties: in "Biden and Suga
        launched the CoRe Partnership" the parties are the two governments."""
        if mention.credit:
            return False
        if mention.source in ("collective", "leader", "inferred"):
            return True
        if mention.start <= trigger.i < mention.end and mechanism is not Mechanism.RESEARCH_LAB:
            return False
        kind = self.kinds.get(mention.org_id or "")
        if kind in ("program", "intergovernmental_body"):
            return False
        if mention.org_id is None and mention.new_name:
            words = mention.new_name.lower().split()
            if words and words[-1] in _FRAMEWORK_WORDS:
                return False
        return True

    def _noun_phrase_head(self, token: Token) -> str:
        """Two-word trigger nouns ("joint venture", "research institute")."""
        left = token.doc[token.i - 1] if token.i > 0 else None
        if left is not None:
            return f"{left.lemma_.lower()} {token.lemma_.lower()}"
        return token.lemma_.lower()

    def _has_joint_marker(self, token: Token) -> bool:
        window = token.doc[max(token.i - 3, token.sent.start): token.i + 3]
        return any(t.lower_ in self.lx.joint_markers or t.lower_.startswith("co-")
                   for t in window)

    # -- modality -------------------------------------------------------------------------

    def _blocked(self, token: Token) -> bool:
        """Recommendations, possibilities, negations and conditionals state no collaboration."""
        node: Token | None = token
        for _ in range(4):
            if node is None:
                break
            for child in node.children:
                if child.dep_ in ("aux", "auxpass") and child.lower_ in self.lx.modals:
                    return True
                if child.dep_ == "neg" or (child.lower_ in self.lx.negations and child.dep_ in (
                        "neg", "det", "advmod")):
                    return True
                if child.dep_ == "mark" and child.lower_ in cues().conditionals:
                    return True
            if node.lemma_.lower() in self.lx.recommend_verbs and node.i != token.i:
                return True
            if node.dep_ in ("ROOT",) or node.head.i == node.i:
                break
            if node.dep_ not in ("xcomp", "ccomp", "dobj", "pobj", "prep", "conj", "acl",
                                 "relcl", "advcl", "nsubj", "nsubjpass", "attr", "compound"):
                break
            node = node.head
        return False

    def _status(self, token: Token, mech: Mechanism) -> Status:
        verb = token if token.pos_ in ("VERB", "AUX") else token.head
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if "will" in aux or "shall" in aux or verb.lemma_.lower() in self.lx.announce_verbs:
            return Status.ANNOUNCED
        if verb.tag_ in ("VBD", "VBN") and mech in (Mechanism.ACQUISITION, Mechanism.INVESTMENT,
                                                     Mechanism.FUNDING, Mechanism.DIALOGUE):
            return Status.COMPLETED
        return Status.ACTIVE

    # -- parties --------------------------------------------------------------------------

    def _mentions_in(self, token: Token, by_token: dict[int, list[Mention]], sent: Span,
                     pair: tuple[str, str] | None, previous: list[Mention]) -> list[Mention]:
        """The mentions inside the noun phrase headed by ``token`` (without its prepositional
        phrases and clauses), plus what a collective phrase stands for."""
        out: list[Mention] = []
        stack = [token]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if node.i in seen:
                continue
            seen.add(node.i)
            for m in by_token.get(node.i, []):
                # "the U.S. insurer Metromile": a country used as a modifier is not a party
                if m.is_country and m.source == "gazetteer" and node.i != token.i and \
                        token.doc[m.end - 1].dep_ in _MODIFIER_DEPS:
                    continue
                out.append(m)
            if node.pos_ == "PROPN" and node.i not in by_token and node.dep_ in (
                    "conj", "pobj", "nsubj", "nsubjpass", "dobj") and node.i != token.i:
                out.extend(self._unlabelled_name(node))  # "RIKEN and Quantinuum"
            stack.extend(c for c in node.children if c.dep_ in _NP_DEPS)
            for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"):
                # "NIST of the United States and AIST of Japan": the parser hangs the second
                # party off the country
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    if any(m.is_country for m in by_token.get(obj.i, [])):
                        stack.extend(c for c in obj.children if c.dep_ == "conj")
            if node.lemma_.lower() in self.lx.people_nouns | _LED_GROUPS:
                # "a team led by Draper", "a consortium led by Mitsui & Co."
                stack.extend(g for c in node.children if c.dep_ == "acl"
                             and c.lemma_.lower() in _LED_VERBS
                             for a in c.children if a.dep_ in ("agent", "dobj")
                             for g in ([a] if a.dep_ == "dobj" else a.children)
                             if g.dep_ in ("pobj", "dobj"))
            if node.lemma_.lower() in self.lx.people_nouns:
                # "scientists from PPPL and ORNL": people stand for their organization
                stack.extend(g for c in node.children if c.dep_ == "prep"
                             and c.lower_ in _PEOPLE_PREPS
                             for g in c.children if g.dep_ == "pobj")
            if node.lemma_.lower() in self.lx.office_holders:
                # "Minister of Economy, Trade and Industry": the office names the body
                stack.extend(g for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                             for g in c.children if g.dep_ == "pobj")
        if token.pos_ == "NOUN" and token.i + 1 < len(token.doc):
            # "the U.S. chip designer Ampere": a name right after its descriptor, which the
            # parser sometimes leaves unattached
            after = max(seen) + 1
            out.extend(m for m in by_token.get(after, []) if m.start == after
                       and not m.is_country)
        subtree = list(token.subtree)
        # "experts from both countries" are people, not the two governments
        if len(subtree) <= 8 and token.lemma_.lower() not in self.lx.people_nouns:
            span = token.doc[subtree[0].i: subtree[-1].i + 1]
            out.extend(self._collective(span, pair, previous))
        if not out:
            out.extend(self._reference(token, sent, by_token, previous))
        if not out:
            out.extend(self._unlabelled_name(token))
        return out

    def _reference(self, token: Token, sent: Span, by_token: dict[int, list[Mention]],
                   previous: list[Mention]) -> list[Mention]:
        """"it", "its", "the company", "the university" as a subject or possessor: the nearest
        organization that acted before it, in this sentence ("Rapidus said that it had
        signed…") or else as the subject of the sentence before; "they"/"their" stand for the
        last two such organizations."""
        word = token.lower_
        if token.dep_ not in _SUBJ | {"poss"}:
            return []
        noun = token.lemma_.lower() if any(c.lower_ in _REFERENCE_DETERMINERS and c.dep_ == "det"
                                           for c in token.children) else None
        kinds = _REFERENCE_NOUNS.get(noun or "")
        if word not in _PRONOUNS and kinds is None:
            return []
        earlier = [m for i in range(sent.start, token.left_edge.i) for m in by_token.get(i, [])
                   if m.start == i]
        last_sentence = [m for m in previous if previous and
                         m.start >= token.doc[previous[-1].start].sent.start]
        subjects = [m for m in last_sentence if token.doc[m.end - 1].dep_ in _SUBJ
                    or token.doc[m.end - 1].head.dep_ in _SUBJ]
        # a government named as this clause's subject can be "its" ("the U.S. government is
        # strengthening its …"); elsewhere a bare country name is a place
        own_subject = [m for m in earlier if m.is_country and m.source == "gazetteer"
                       and (token.doc[m.end - 1].dep_ in _SUBJ
                            or token.doc[m.end - 1].head.dep_ in _SUBJ)]
        candidates = [m for m in [*reversed(earlier), *subjects]
                      if not m.is_country and m.source not in ("collective", "leader")
                      and not m.credit
                      and self.kinds.get(m.org_id or "", "company") in _ACTOR_KINDS]
        candidates = own_subject[-1:] + candidates if own_subject else candidates
        if kinds is not None:
            candidates = [m for m in candidates
                          if self.kinds.get(m.org_id or "", "company") in kinds]
        wanted = 2 if word in _PLURAL_PRONOUNS else 1
        chosen: dict[str, Mention] = {}
        for m in candidates:
            chosen.setdefault(m.key, m)
            if len(chosen) == wanted:
                break
        if len(chosen) != wanted:
            return []
        return [Mention(token.i, token.i + 1, token.text, m.org_id, m.new_name,
                        source="collective") for m in chosen.values()]

    def _described_as_org(self, token: Token) -> bool:
        for child in token.children:
            if child.dep_ == "appos":
                word = child.lemma_.lower()
                if word in self.lx.org_descriptors or any(
                        word.endswith(d) for d in self.lx.org_descriptors if len(d) > 4):
                    return True
        return token.dep_ == "conj" and token.head.pos_ == "PROPN" and \
            token.head.ent_type_ == "ORG"

    def _unlabelled_name(self, token: Token) -> list[Mention]:
        """A proper name in a party's place that the statistical NER did not label (a young
        startup, a foreign firm): "Tenstorrent", "Orbit Fab"."""
        if token.pos_ != "PROPN" or self.new_org is None:
            return []
        # NER sometimes takes a young company for a place or a person; coordination with an
        # organization or an appositive that describes one ("the Toronto-based designer of AI
        # chips") settles it
        described = self._described_as_org(token)
        if token.ent_type_ in _NOT_ORG_ENTS and not described:
            return []
        left = token.i
        while left > token.sent.start and token.doc[left - 1].pos_ == "PROPN" and \
                token.doc[left - 1].dep_ in ("compound", "flat", "nn") and \
                (described or token.doc[left - 1].ent_type_ not in _NOT_ORG_ENTS):
            left -= 1
        span = token.doc[left: token.i + 1]
        after = token.doc[token.i + 1: token.i + 3]
        if len(after) == 2 and after[0].text in ("-", "–") and after[1].lower_ in (
                "based", "headquartered"):
            return []  # "a Hyderabad-based maker": a place
        if is_acronym(span.text) or (not any(ch.islower() for ch in span.text)
                                     and len(span.text) < 5):
            return []  # an unknown acronym is more often a term than an organization
        found = self.new_org(span.text)
        if found is None:
            return []
        org_id, name = found
        return [Mention(span.start, span.end, span.text, org_id, None if org_id else name,
                        source="ner")]

    def _collective(self, span: Span, pair: tuple[str, str] | None,
                    previous: list[Mention]) -> list[Mention]:
        text = span.text.lower()
        if pair is not None and any(phrase in text for phrase in self.lx.collectives):
            return [Mention(span.start, span.end, span.text, gov, source="collective",
                            is_country=True) for gov in pair]
        if any(phrase in text for phrase in _PAIR_PHRASES):
            recent: dict[str, Mention] = {}
            for m in reversed(previous):
                if not m.is_country and m.key not in recent:
                    recent[m.key] = m
                if len(recent) == 2:
                    break
            if len(recent) == 2:
                return [Mention(span.start, span.end, span.text, m.org_id, m.new_name,
                                source="collective") for m in recent.values()]
        return []

    def _parties(self, trigger: Token, mechanism: Mechanism,
                 by_token: dict[int, list[Mention]], sent: Span,
                 pair: tuple[str, str] | None, previous: list[Mention]) -> list[Mention]:
        heads: list[Token] = []
        verb = trigger
        if trigger.pos_ in ("NOUN", "PROPN"):
            # the trigger noun's own modifiers and party prepositions
            heads += [c for c in trigger.children if c.dep_ in ("compound", "amod", "nmod",
                                                                   "poss", "nn")]
            heads += self._prep_objects(trigger, noun=True, mechanism=mechanism)
            # a gerund the tagger took for a noun keeps its subject: "X and Y meeting for talks"
            heads += [c for c in trigger.children if c.dep_ in _SUBJ]
            # "an arrangement on quantum science between A and B": the parser often attaches
            # "between" to the nearer noun
            heads += self._deep_preps(trigger, mechanism)
            # the verb governing it: "X and Y signed an agreement", "X formed a partnership",
            # "X went on to partner with Y"
            governor = trigger.head
            if trigger.dep_ == "pobj" and governor.dep_ == "prep":
                governor = governor.head
                if governor.lemma_.lower() in self.lx.container_nouns and \
                        governor.dep_ in _OBJ | {"nsubjpass"}:
                    governor = governor.head  # "carved out a set of agreements"
            gerund = governor.pos_ == "NOUN" and any(c.dep_ in _SUBJ for c in governor.children)
            if trigger.dep_ in _OBJ | {"nsubjpass", "pobj"} and (governor.pos_ in (
                    "VERB", "AUX") or gerund):
                verb = governor
                heads += self._subjects(verb)
                heads += self._prep_objects(verb, noun=False, mechanism=mechanism)
            elif trigger.dep_ in ("nsubj",):
                heads += self._prep_objects(trigger.head, noun=False, mechanism=mechanism)
            heads += [trigger]
        else:
            heads += self._subjects(trigger)
            if trigger.lemma_.lower() not in self.lx.receive_verbs | self.lx.raise_verbs:
                heads += [c for c in trigger.children if c.dep_ in _OBJ]
            heads += self._prep_objects(trigger, noun=False, mechanism=mechanism)
            heads += self._deep_preps(trigger, mechanism)
            if trigger.lemma_.lower() in self.lx.raise_verbs:
                heads += self._round_backers(trigger)
            if trigger.dep_ in ("acl", "relcl") and trigger.head.pos_ in ("NOUN", "PROPN"):
                heads.append(trigger.head)
        parties: list[Mention] = []
        for head in heads:
            parties += self._mentions_in(head, by_token, sent, pair, previous)
        if trigger.pos_ in ("NOUN", "PROPN"):
            # a named trigger such as "the Japan-U.S. Partnership" or "the NASA-JAXA mission"
            parties += [m for i in range(trigger.left_edge.i, trigger.i)
                        for m in by_token.get(i, []) if m.source == "compound"]
        return self._lab_parties(trigger, parties)

    def _deep_preps(self, trigger: Token, mechanism: Mechanism) -> list[Token]:
        """Party prepositions the parser attached to a nearer noun: "an arrangement on quantum
        science between A and B", "invested $6 million for research at A and B"."""
        wanted = set(cues().group_openers)
        if mechanism in (Mechanism.INVESTMENT, Mechanism.FUNDING, Mechanism.CORPORATE_VENTURE):
            wanted |= _MONEY_DEEP_PREPS
        out: list[Token] = []
        frontier = [g for c in trigger.children if c.dep_ in ("prep", "dobj", "npadvmod")
                    for g in ([c] if c.dep_ != "prep" else c.children) if g.dep_ != "punct"]
        for _depth in range(3):
            nxt = []
            for node in frontier:
                for prep in (c for c in node.children if c.dep_ == "prep"):
                    objects = [g for g in prep.children if g.dep_ == "pobj"]
                    if prep.lower_ in wanted:
                        out += [t for g in objects if g.lemma_.lower() not in _VAGUE_OBJECTS
                                for t in g.subtree]
                    else:
                        nxt += objects
            frontier = nxt
        return out

    def _subjects(self, verb: Token) -> list[Token]:
        node = verb
        for _ in range(3):
            subjects = [c for c in node.children if c.dep_ in _SUBJ]
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"]
            if subjects or agents:
                return subjects + agents
            if node.dep_ in ("xcomp", "conj", "advcl") and node.head.pos_ in ("VERB", "AUX"):
                node = node.head
                continue
            if node.dep_ in ("acl", "relcl") and node.head.pos_ in ("NOUN", "PROPN"):
                described = node.head
                prep = described.head
                if described.dep_ == "pobj" and prep.lower_ in ("among", "of") and \
                        prep.head.lemma_ in ("be", "one"):
                    # "NTT and Sony are among the companies that invested": the copula's subject
                    copula = prep.head if prep.head.lemma_ == "be" else prep.head.head
                    found = [c for c in copula.children if c.dep_ in _SUBJ]
                    if found:
                        return found
                return [described]
            break
        return []

    def _prep_objects(self, token: Token, *, noun: bool,
                      mechanism: Mechanism | None = None) -> list[Token]:
        out = []
        preps = set(self.lx.party_preps)
        if noun and mechanism is Mechanism.JOINT_DEVELOPMENT:
            # "the joint venture of Sony Group and Honda" (only with two or more named)
            preps.add("of")
        if mechanism in (Mechanism.INVESTMENT, Mechanism.FUNDING, Mechanism.CORPORATE_VENTURE,
                         Mechanism.ACQUISITION):
            preps |= _MONEY_PREPS
        for child in token.children:
            if child.dep_ == "prt":  # "team up with": prepositions hang off the particle too
                out += self._prep_objects(child, noun=noun, mechanism=mechanism)
            if child.dep_ == "prep" and child.lower_ in preps:
                objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
                if child.lower_ == "of" and not any(c.dep_ == "conj" for o in objects
                                                    for c in o.children):
                    continue
                if child.lower_ in cues().group_openers:
                    # everything "between A and B" names is a party, however it was attached
                    objects = [t for g in objects if g.lemma_.lower() not in _VAGUE_OBJECTS
                               for t in g.subtree]
                out += objects
        return out

    def _lab_parties(self, trigger: Token, parties: list[Mention]) -> list[Mention]:
        """"X set up a research institute": the institute is X's research organization in the
        knowledge base, when there is exactly one."""
        if trigger.pos_ not in ("NOUN", "PROPN"):
            return parties
        mech = self.lx.noun_triggers.get(self._noun_phrase_head(trigger)) or \
            self.lx.noun_triggers.get(trigger.lemma_.lower())
        if mech is not Mechanism.RESEARCH_LAB:
            return parties
        if trigger.head.lemma_.lower() not in self.lx.found_verbs:
            return parties
        founders = [m for m in parties if m.org_id and not m.is_country]
        if len({m.org_id for m in founders}) != 1 or founders[0].org_id is None:
            return parties
        labs = self.labs_of.get(founders[0].org_id, [])
        if len(labs) != 1:
            return parties
        return [*parties, Mention(trigger.i, trigger.i + 1, trigger.text, labs[0],
                                  source="inferred")]

    # -- mechanism ------------------------------------------------------------------------

    def _refine(self, mech: Mechanism, trigger: Token, parties: list[Mention],
                sent: Span) -> Mechanism:
        kinds = [self.kinds.get(m.org_id or "", "company") for m in parties]
        public = all(k in _PUBLIC for k in kinds)
        joint_dev = any(t.lemma_.lower() in self.lx.develop_verbs and self._has_joint_marker(t)
                        for t in sent)
        if mech is Mechanism.GOVERNMENT_AGREEMENT and not public:
            return Mechanism.JOINT_DEVELOPMENT if joint_dev else Mechanism.PARTNERSHIP
        governments = all(k == "government" for k in kinds)
        if mech is Mechanism.PARTNERSHIP and governments and trigger.pos_ in ("NOUN", "PROPN") \
                and trigger.is_title and trigger.head.lemma_.lower() in self.lx.light_verbs:
            # "the leaders launched the X Partnership": a named framework between governments
            return Mechanism.GOVERNMENT_AGREEMENT
        if mech is Mechanism.PARTNERSHIP and joint_dev:
            return Mechanism.JOINT_DEVELOPMENT
        if mech is Mechanism.INVESTMENT:
            if any(k == "fund" for k in kinds):
                return Mechanism.CORPORATE_VENTURE
            investor_public = kinds and kinds[0] in _PUBLIC
            research = any(t.lemma_.lower() in _RESEARCH_WORDS for t in sent)
            if investor_public and research:
                return Mechanism.FUNDING
        if mech is Mechanism.FUNDING and not any(k in _PUBLIC for k in kinds) and \
                trigger.lemma_.lower() in self.lx.receive_verbs:
            return Mechanism.INVESTMENT  # money received from a company is an investment
        if mech is Mechanism.JOINT_MISSION and not any(
                k in _PUBLIC or k == "company" for k in kinds):
            return Mechanism.PARTNERSHIP
        return mech
