"""The extractor on sentences written for these tests (none is from the seed documents): each
checks one general construction of English, not a particular text."""

from __future__ import annotations

from typing import Any

import pytest

from kizuna.extract import Extractor
from kizuna.ingest.knowledge import starter_knowledge
from kizuna.model.dates import PartialDate


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(starter_knowledge())


def _collabs(extractor: Extractor, text: str, date: PartialDate | None = None
             ) -> list[dict[str, Any]]:
    """Collaborations, with each party given as all the names the extractor knows it by."""
    out = extractor.extract(text, date).to_json()
    names = {o["name"]: {o["name"], *o["aliases"]} for o in out["organizations"]}
    for c in out["collaborations"]:
        assert c["quote"] in text
        assert text[c["span"][0]:c["span"][1]] == c["quote"]
        c["known_as"] = [names.get(p, {p}) for p in c["parties"]]
    return out["collaborations"]


def _pairs(collabs: list[dict[str, Any]]) -> set[tuple[frozenset[str], str]]:
    return {(frozenset(c["parties"]), c["mechanism"]) for c in collabs}


@pytest.mark.parametrize(
    ("text", "parties", "mechanism"),
    [
        ("Sony Group, the Tokyo electronics maker, partnered with Microsoft on cloud gaming.",
         {"Sony Group", "Microsoft"}, "partnership"),
        ("Hitachi and NVIDIA announced a partnership to build industrial AI systems.",
         {"Hitachi", "NVIDIA"}, "partnership"),
        ("Panasonic acquired Blue Yonder, a supply-chain software company.",
         {"Panasonic", "Blue Yonder"}, "acquisition"),
        ("NTT invested in the American startup Anthropic last year.",
         {"NTT", "Anthropic"}, "investment"),
        ("NASA and JAXA signed an agreement on a pressurized lunar rover.",
         {"National Aeronautics and Space Administration",
          "Japan Aerospace Exploration Agency"}, "government_agreement"),
        ("The two companies, IBM and Rapidus, agreed to jointly develop logic chips.",
         {"IBM", "Rapidus"}, "joint_development"),
        ("The memorandum between METI and the U.S. Department of Energy covers hydrogen.",
         {"Ministry of Economy, Trade and Industry", "U.S. Department of Energy"},
         "government_agreement"),
    ],
)
def test_constructions(extractor: Extractor, text: str, parties: set[str],
                       mechanism: str) -> None:
    found = _collabs(extractor, text)
    assert any(_covers(c["known_as"], parties) for c in found
               if c["mechanism"] == mechanism), found


def _covers(found: list[set[str]], wanted: set[str]) -> bool:
    """The parties are exactly the wanted ones, each under one of the names it is known by."""
    return len(found) == len(wanted) and all(
        any(any(w.lower() in n.lower() for n in names) for names in found) for w in wanted)


@pytest.mark.parametrize(
    "text",
    [
        "Toyota and Microsoft should partner on battery research.",
        "We recommend that Sony and Intel collaborate on image sensors.",
        "If Hitachi acquired GlobalLogic, the deal would be large.",
        "Honda did not invest in the American startup.",
        "Toyota has partnerships around the world.",
    ],
)
def test_recommendations_and_negations_are_not_collaborations(extractor: Extractor,
                                                              text: str) -> None:
    assert _collabs(extractor, text) == []


def test_the_two_countries_stand_for_the_two_governments(extractor: Extractor) -> None:
    text = ("Japan and the United States met in Tokyo in March 2023. The two countries signed "
            "a memorandum on critical minerals.")
    found = _pairs(_collabs(extractor, text))
    govs = frozenset({"Government of Japan", "Government of the United States"})
    assert (govs, "government_agreement") in found


def test_money_is_normalised_to_usd(extractor: Extractor) -> None:
    text = "In 2019 SoftBank Group invested ¥100 billion in the U.S. chip designer Ampere."
    collab = _collabs(extractor, text)[0]
    assert collab["amount_usd"] == pytest.approx(100e9 / 109.0188, rel=1e-3)
    text = "Toyota invested $394 million in Joby Aviation in January 2020."
    collab = _collabs(extractor, text)[0]
    assert collab["amount_usd"] == 394e6
    assert collab["date"] == "2020-01"


def test_relative_dates_resolve_against_the_document_date(extractor: Extractor) -> None:
    text = "Last April, Fujitsu partnered with Microsoft on quantum software."
    collab = _collabs(extractor, text, PartialDate(2024, 2))[0]
    assert collab["date"] == "2023-04"
    assert "quantum" in collab["technology"]


def test_unknown_organizations_are_found_and_named(extractor: Extractor) -> None:
    text = "Kyoto Fusioneering partnered with Helion Systems on fusion power plants."
    out = extractor.extract(text).to_json()
    names = {o["name"] for o in out["organizations"]}
    assert {"Kyoto Fusioneering", "Helion Systems"} <= names
    assert _pairs(out["collaborations"]) == {
        (frozenset({"Kyoto Fusioneering", "Helion Systems"}), "partnership")}


def test_acronyms_defined_in_the_text_resolve(extractor: Extractor) -> None:
    text = ("The Quantum Bridge Consortium (QBC) was founded in 2021. "
            "Later, QBC partnered with RIKEN on quantum networks.")
    out = extractor.extract(text).to_json()
    pairs = _pairs(out["collaborations"])
    assert any("RIKEN" in p and "Quantum Bridge Consortium" in p for p, _m in pairs), pairs


def test_a_hyphenated_verb_at_the_root_does_not_hang(extractor: Extractor) -> None:
    """Regression: "co-financed" as the main verb once sent a walk up the tree into a loop."""
    text = "In 2023 the United States and Japan co-financed the deployment of a submarine cable."
    assert isinstance(_collabs(extractor, text), list)
