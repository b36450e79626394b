"""The Japanese extractor's vocabulary, loaded from ``lexicon_ja.yaml`` (data, not code)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from kizuna.model.vocab import Mechanism


@dataclass(frozen=True)
class JaLexicon:
    triggers: dict[str, Mechanism]  # word -> mechanism (longest words first when matching)
    joint_nouns: frozenset[str]
    lab_nouns: tuple[str, ...]
    found_verbs: frozenset[str]
    light_verbs: frozenset[str]
    agreement_verbs: frozenset[str]
    party_particles: frozenset[str]
    party_phrases: tuple[str, ...]
    list_words: frozenset[str]
    skip_after_name: frozenset[str]
    block_words: frozenset[str]
    negations: frozenset[str]
    announce_words: frozenset[str]
    country_prefixes: dict[str, str]
    descriptors: tuple[str, ...]
    not_names: frozenset[str]
    org_suffixes: tuple[str, ...]
    collective_governments: tuple[str, ...]
    collective_companies: tuple[str, ...]
    anaphora: dict[str, frozenset[str]]
    issuer_references: dict[str, frozenset[str]]
    clause_end_pos: frozenset[str]
    clause_words: frozenset[str]
    place_suffixes: tuple[str, ...] = ()
    name_suffixes: dict[str, str] = field(default_factory=dict)  # suffix -> kind (names.py)
    strong_name_suffixes: tuple[str, ...] = ()
    legal_prefixes: tuple[str, ...] = ()
    acting_particles: tuple[str, ...] = ()
    place_name_suffixes: tuple[str, ...] = ()
    foreign_name_suffixes: tuple[str, ...] = ()
    generic_name_heads: tuple[str, ...] = ()
    name_descriptors: tuple[str, ...] = ()
    list_markers: tuple[re.Pattern[str], ...] = ()
    lead_in_words: tuple[str, ...] = ()
    funding_phrases: tuple[str, ...] = ()
    money_words: tuple[str, ...] = ()
    name_time_marks: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)
    appositive_descriptors: tuple[str, ...] = ()
    other_relation_phrases: tuple[str, ...] = ()
    generic_org_names: frozenset[str] = frozenset()
    pointer_words: tuple[str, ...] = ()
    deal_pointers: tuple[str, ...] = ()
    not_fact_phrases: tuple[str, ...] = ()
    consortium_nouns: tuple[str, ...] = ()
    join_verbs: frozenset[str] = frozenset()
    member_nouns: tuple[str, ...] = ()
    intent_words: frozenset[str] = frozenset()
    title_replacements: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    #: unmarked names (mentions.py ``_proposed``): cue -> weight, the threshold, and the words
    name_evidence: dict[str, float] = field(default_factory=dict)
    name_evidence_threshold: float = 2.0
    evidence_descriptors: tuple[str, ...] = ()
    company_titles: tuple[str, ...] = ()
    name_joiners: tuple[str, ...] = ()
    name_not_endings: tuple[str, ...] = ()
    boilerplate_headings: tuple[str, ...] = ()
    description_marks: tuple[str, ...] = ()
    deal_noun_stops: tuple[str, ...] = ()
    boilerplate_fields: tuple[str, ...] = ()
    name_units: dict[str, str] = field(default_factory=dict)  # 大学院 -> 大学 (names.py)
    legal_suffixes: tuple[str, ...] = ()  # folded: 株式会社, (株)
    latin_org_words: frozenset[str] = frozenset()
    abbreviation_marks: tuple[str, ...] = ()
    glued_descriptors: frozenset[str] = frozenset()

    @cached_property
    def skip_after_name_longest(self) -> tuple[str, ...]:
        return _longest_first(list(self.skip_after_name))


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


@cache
def japanese() -> JaLexicon:
    raw: dict[str, Any] = yaml.safe_load(resources.files("kizuna.extract.japanese").joinpath(
        "lexicon_ja.yaml").read_text("utf-8"))
    triggers: dict[str, Mechanism] = {}
    for mech_name, spec in raw["triggers"].items():
        for word in spec.get("words", []):
            triggers.setdefault(str(word), Mechanism(mech_name))
    jd = raw["triggers"]["joint_development"]
    lab = raw["triggers"]["research_lab"]
    names = raw["kanji_names"]
    evidence = raw["name_evidence"]
    return JaLexicon(
        triggers=triggers,
        joint_nouns=frozenset(jd["joint_nouns"]),
        lab_nouns=_longest_first(lab["lab_nouns"]),
        found_verbs=frozenset(lab["found_verbs"]),
        light_verbs=frozenset(raw["light_verbs"]),
        agreement_verbs=frozenset(raw["agreement_verbs"]),
        party_particles=frozenset(raw["party_particles"]),
        party_phrases=_longest_first(raw["party_phrases"]),
        list_words=frozenset(raw["list_words"]),
        skip_after_name=frozenset(raw["skip_after_name"]),
        block_words=frozenset(raw["block_words"]),
        negations=frozenset(raw["negations"]),
        announce_words=frozenset(raw["announce_words"]),
        country_prefixes={str(k): str(v) for k, v in raw["country_prefixes"].items()},
        descriptors=_longest_first(raw["descriptors"]),
        not_names=frozenset(str(w) for w in raw["not_names"]),
        org_suffixes=_longest_first(raw["org_suffixes"]),
        collective_governments=_longest_first(raw["collective_governments"]),
        collective_companies=_longest_first(raw["collective_companies"]),
        anaphora={k: frozenset(v) for k, v in raw["anaphora"].items()},
        issuer_references={k: frozenset(v) for k, v in raw["issuer_references"].items()},
        clause_end_pos=frozenset(raw["clause_end_pos"]),
        clause_words=frozenset(raw["clause_words"]),
        place_suffixes=_longest_first(raw["place_suffixes"]),
        name_suffixes={str(w): kind for kind, words in names["suffixes"].items()
                       for w in words},
        strong_name_suffixes=_longest_first(names["strong"]),
        legal_prefixes=_longest_first(names["legal_prefixes"]),
        acting_particles=_longest_first(names["acting_particles"]),
        place_name_suffixes=_longest_first(names["place_suffixes"]),
        foreign_name_suffixes=_longest_first(names["foreign_suffixes"]),
        generic_name_heads=_longest_first(names["generic_heads"]),
        name_descriptors=_longest_first(names["descriptors"]),
        list_markers=tuple(re.compile(str(p)) for p in raw["list_markers"]),
        lead_in_words=_longest_first(raw["lead_in_words"]),
        funding_phrases=_longest_first(raw["funding_phrases"]),
        generic_org_names=frozenset(str(w) for w in raw.get("generic_org_names", [])),
        other_relation_phrases=_longest_first(raw.get("other_relation_phrases", [])),
        country_names={str(k): str(v) for k, v in raw.get("country_names", {}).items()},
        appositive_descriptors=_longest_first(names.get("appositive_descriptors", [])),
        name_time_marks=frozenset(str(w) for w in names.get("time_marks", [])),
        money_words=_longest_first(raw["triggers"]["funding"].get("money_words", [])),
        pointer_words=_longest_first(raw["pointer_words"]),
        deal_pointers=_longest_first(raw["deal_pointers"]),
        not_fact_phrases=_longest_first(raw["not_fact_phrases"]),
        consortium_nouns=_longest_first(raw["consortium_nouns"]),
        join_verbs=frozenset(raw["join_verbs"]),
        member_nouns=_longest_first(raw["member_nouns"]),
        intent_words=frozenset(raw["intent_words"]),
        title_replacements={str(k): tuple(v) for k, v in
                            raw["official_titles"]["replace"].items()},
        titles=_longest_first(raw["official_titles"]["append"]),
        name_evidence={str(k): float(v) for k, v in evidence["weights"].items()},
        name_evidence_threshold=float(evidence["threshold"]),
        evidence_descriptors=_longest_first(evidence["descriptors"]),
        company_titles=_longest_first(evidence["titles"]),
        name_joiners=_longest_first(evidence["joiners"]),
        name_not_endings=_longest_first(evidence["not_endings"]),
        deal_noun_stops=_longest_first(raw.get("deal_noun_stops", [])),
        description_marks=_longest_first(names.get("description_marks", [])),
        boilerplate_headings=_longest_first(raw["boilerplate"]["headings"]),
        boilerplate_fields=_longest_first(raw["boilerplate"]["fields"]),
        name_units={str(k): str(v) for k, v in names.get("units", {}).items()},
        legal_suffixes=_longest_first(names.get("legal_suffixes", [])),
        latin_org_words=frozenset(str(w) for w in raw.get("latin_org_words", [])),
        abbreviation_marks=_longest_first(raw.get("abbreviation_marks", [])),
        glued_descriptors=frozenset(str(w) for w in names.get("glued_descriptors", [])),
    )
