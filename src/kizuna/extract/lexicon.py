"""The extractor's vocabulary, loaded from ``lexicon_en.yaml`` (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from kizuna.model.vocab import Mechanism


@dataclass(frozen=True)
class Lexicon:
    verb_triggers: dict[str, Mechanism]
    noun_triggers: dict[str, Mechanism]
    weak_nouns: dict[str, Mechanism]
    joint_markers: frozenset[str]
    develop_verbs: frozenset[str]
    found_verbs: frozenset[str]
    light_verbs: frozenset[str]
    modals: frozenset[str]
    recommend_verbs: frozenset[str]
    negations: frozenset[str]
    announce_verbs: frozenset[str]
    collectives: tuple[str, ...]
    leader_titles: dict[str, str]
    party_preps: frozenset[str]
    backed_words: frozenset[str]
    demonyms: dict[str, str]
    container_nouns: frozenset[str]
    office_holders: frozenset[str]
    joint_verb_mechanisms: dict[str, Mechanism]
    joint_adverbs: frozenset[str]
    receive_verbs: frozenset[str]
    raise_verbs: frozenset[str]
    funding_objects: frozenset[str]
    round_leads: frozenset[str]
    round_from_nouns: frozenset[str]
    people_nouns: frozenset[str]
    org_descriptors: frozenset[str]
    joint_nouns: dict[str, Mechanism]


@cache
def english() -> Lexicon:
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("kizuna.extract").joinpath("lexicon_en.yaml").read_text("utf-8"))
    verbs: dict[str, Mechanism] = {}
    nouns: dict[str, Mechanism] = {}
    for mech_name, spec in raw["triggers"].items():
        mech = Mechanism(mech_name)
        for verb in spec.get("verbs", []):
            verbs.setdefault(verb, mech)
        for noun in spec.get("nouns", []):
            nouns.setdefault(noun, mech)
    jd = raw["triggers"]["joint_development"]
    weak = {noun: Mechanism(mech) for mech, words in raw["weak_nouns"].items() for noun in words}
    return Lexicon(
        verb_triggers=verbs,
        noun_triggers=nouns,
        weak_nouns=weak,
        joint_markers=frozenset(jd["joint_markers"]),
        develop_verbs=frozenset(jd["develop_verbs"]),
        found_verbs=frozenset(raw["triggers"]["research_lab"]["found_verbs"]),
        light_verbs=frozenset(raw["light_verbs"]),
        modals=frozenset(raw["modals"]),
        recommend_verbs=frozenset(raw["recommend_verbs"]),
        negations=frozenset(raw["negations"]),
        announce_verbs=frozenset(raw["announce_verbs"]),
        collectives=tuple(sorted(raw["collective_two_countries"], key=len, reverse=True)),
        leader_titles=dict(raw["leader_titles"]),
        party_preps=frozenset(raw["party_preps"]),
        backed_words=frozenset(raw["backed_words"]),
        demonyms=dict(raw["demonyms"]),
        container_nouns=frozenset(raw["container_nouns"]),
        office_holders=frozenset(raw["office_holders"]),
        joint_verb_mechanisms={k: Mechanism(v) for k, v in raw["joint_verb_mechanisms"].items()},
        joint_adverbs=frozenset(raw["joint_adverbs"]),
        receive_verbs=frozenset(raw["receive_verbs"]),
        raise_verbs=frozenset(raw["raise_verbs"]),
        funding_objects=frozenset(raw["funding_objects"]),
        round_leads=frozenset(raw["round_leads"]),
        round_from_nouns=frozenset(raw["round_from_nouns"]),
        people_nouns=frozenset(raw["people_nouns"]),
        org_descriptors=frozenset(raw["org_descriptors"]),
        joint_nouns={k: Mechanism(v) for k, v in raw["joint_nouns"].items()},
    )
